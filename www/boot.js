// Loads the WebAssembly app. Kept in a file (not inline) so the Content-Security-Policy
// can forbid inline scripts.
//
// When the app stops on an internal error (a WebAssembly trap: where a Rust panic ends),
// its state can no longer be trusted, so it must not go on as if nothing happened: the
// app is made inert (nothing more can be changed or saved from it) and the page says so,
// in the interface's language, with a reload. Cases and the text being typed are saved
// within a second; the app marks on the root element whether anything is still unsaved
// (`data-unsaved`), so the notice says exactly what was kept.
import init from '../cirkelbreker.js';

const STOPPED = {
  nl: {
    title: 'Cirkelbreker is gestopt door een interne fout',
    saved: 'Alles is opgeslagen, ook de tekst die je aan het typen was.',
    almost_saved: 'Je casussen zijn opgeslagen; wat je in de laatste seconde deed, kan ontbreken.',
    reload_to_go_on: 'Herlaad de pagina om verder te werken.',
    reload: 'Pagina herladen',
  },
  en: {
    title: 'Cirkelbreker stopped on an internal error',
    saved: 'Everything is saved, including the text you were typing.',
    almost_saved: 'Your cases are saved; what you did in the last second may be missing.',
    reload_to_go_on: 'Reload the page to go on.',
    reload: 'Reload page',
  },
};

/** Makes the app inert, puts the notice above it and focuses its reload button (once). */
function showStopped() {
  if (document.getElementById('app-stopped')) return;
  const root = document.documentElement;
  const text = STOPPED[root.lang === 'en' ? 'en' : 'nl'];
  const app = document.getElementById('app');
  if (app) app.inert = true;
  const notice = document.createElement('div');
  notice.id = 'app-stopped';
  notice.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.textContent = text.title;
  const body = document.createElement('p');
  // Only claim the cases are saved when storage was working (not locked, wiped or refused).
  const kept = root.dataset.unsaved === 'false' ? text.saved : text.almost_saved;
  body.textContent = root.dataset.storage === 'ready' ? `${kept} ${text.reload_to_go_on}` : text.reload_to_go_on;
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

// The module compiles while it downloads (WebAssembly.compileStreaming on the preloaded
// response; the browser may reuse the compiled code on a later visit). A host that does
// not send it as `application/wasm` cannot stream it: then wasm-bindgen loads it its own way.
// The mark tells the benchmark (scripts/bench-app.mjs) when the module was compiled; the app
// marks when it was instantiated (src/main.rs) and when its first render begins (src/ui/mod.rs).
const wasm = new URL('../cirkelbreker_bg.wasm', import.meta.url);
const compiled = WebAssembly.compileStreaming(fetch(wasm)).then((module) => {
  performance.mark('cirkelbreker-compiled');
  return module;
}, () => wasm);
init({ module_or_path: compiled }).catch((error) => {
  const root = document.getElementById('app');
  if (root) {
    root.textContent = 'Cirkelbreker kon niet starten: ' + error;
  }
});
