// The files in dist/ that a browser downloads: those sent compressed, shared by
// scripts/precompress.mjs (which writes their `.gz` and `.br`) and scripts/bundle-size.mjs
// (which weighs them), and those sent as they are.
import fs from 'node:fs';
import path from 'node:path';

/** File types that ship compressed; PNG and the like are compressed already. */
const COMPRESSED_TYPES = ['.html', '.js', '.wasm', '.css', '.svg', '.webmanifest'];

/** File types that ship as they are (compressed by their own format). */
const AS_IS_TYPES = ['.png'];

/** Every file below `dir` of one of `types`, sorted. */
function filesOf(dir, types) {
  return fs.readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, name))
    .filter((file) => types.includes(path.extname(file)) && fs.statSync(file).isFile())
    .sort();
}

/** Every file below `dir` whose type ships compressed, sorted. */
export function shippedFiles(dir) {
  return filesOf(dir, COMPRESSED_TYPES);
}

/** Every file below `dir` that ships as it is (a PNG), sorted. */
export function shippedAsIs(dir) {
  return filesOf(dir, AS_IS_TYPES);
}
