// Loads the WebAssembly app. Kept in a file (not inline) so the Content-Security-Policy
// can forbid inline scripts.
//
// When the app stops on an internal error (a WebAssembly trap: where a Rust panic ends),
// its state can no longer be trusted, so it must not go on as if nothing happened. The
// page says so, in the interface's language, and offers a reload. Cases are saved within a
// second of every change, so a reload loses at most that second.
import init from '../cirkelbreker.js';

const STOPPED = {
  nl: {
    title: 'Cirkelbreker is gestopt door een interne fout',
    body: 'Uw casussen zijn automatisch opgeslagen; hooguit de laatste seconde werk kan ontbreken. Herlaad de pagina om verder te werken.',
    reload: 'Pagina herladen',
  },
  en: {
    title: 'Cirkelbreker stopped on an internal error',
    body: 'Your cases were saved automatically; at most the last second of work may be missing. Reload the page to go on.',
    reload: 'Reload page',
  },
};

/** Puts the notice above the app and focuses its reload button (once). */
function showStopped() {
  if (document.getElementById('app-stopped')) return;
  const text = STOPPED[document.documentElement.lang === 'en' ? 'en' : 'nl'];
  const notice = document.createElement('div');
  notice.id = 'app-stopped';
  notice.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.textContent = text.title;
  const body = document.createElement('p');
  body.textContent = text.body;
  const reload = document.createElement('button');
  reload.className = 'primary';
  reload.textContent = text.reload;
  reload.addEventListener('click', () => window.location.reload());
  notice.append(title, body, reload);
  document.body.prepend(notice);
  reload.focus();
}

const isTrap = (error) => error instanceof WebAssembly.RuntimeError;
window.addEventListener('error', (event) => { if (isTrap(event.error)) showStopped(); });
window.addEventListener('unhandledrejection', (event) => { if (isTrap(event.reason)) showStopped(); });

init().catch((error) => {
  const root = document.getElementById('app');
  if (root) {
    root.textContent = 'Cirkelbreker kon niet starten: ' + error;
  }
});
