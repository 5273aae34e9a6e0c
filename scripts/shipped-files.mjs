// The files in dist/ that a browser downloads compressed: shared by scripts/precompress.mjs
// (which writes their `.gz`) and scripts/bundle-size.mjs (which weighs those).
import fs from 'node:fs';
import path from 'node:path';

/** File types that ship compressed; PNG and the like are compressed already. */
const COMPRESSED_TYPES = ['.html', '.js', '.wasm', '.css', '.svg', '.webmanifest'];

/** Every file below `dir` whose type ships compressed, sorted. */
export function shippedFiles(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, name))
    .filter((file) => COMPRESSED_TYPES.includes(path.extname(file)) && fs.statSync(file).isFile())
    .sort();
}
