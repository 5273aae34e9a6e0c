// The analysis worker: runs the core's analysis off the page's main thread, so the map
// stays responsive while the analysis works (src/ui/hooks/analysis.rs starts it). The page
// sends the app's compiled WebAssembly module first (no second download or compile), then
// each request as JSON text; every reply is the bytes of the analysis (a Uint8Array, its
// buffer handed over, not copied; src/core/analysis/remote.rs).
// A module that cannot start here answers `false`, and the page analyses on its own.
import init, { analysis_reply } from '../cirkelbreker.js';

let ready = null;
self.addEventListener('message', async ({ data }) => {
  if (data instanceof WebAssembly.Module) {
    ready = init({ module_or_path: data }).then(() => true, () => false);
    return;
  }
  if (await ready) {
    const reply = analysis_reply(data);
    self.postMessage(reply, [reply.buffer]);
  } else {
    self.postMessage(false);
  }
});
