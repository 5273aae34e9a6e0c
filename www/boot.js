// Loads the WebAssembly app. Kept in a file (not inline) so the Content-Security-Policy
// can forbid inline scripts.
import init from '../cirkelbreker.js';

init().catch((error) => {
  const root = document.getElementById('app');
  if (root) {
    root.textContent = 'Cirkelbreker kon niet starten: ' + error;
  }
});
