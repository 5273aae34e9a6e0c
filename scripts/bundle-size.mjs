// Reports the size of everything that ships in dist/ and guards it against accidents: exits
// non-zero when the shipped files, each compressed by GNU `gzip -9` (what any host sends
// when it compresses on the fly), pass 900 KB (921,600 bytes) together. That catches a
// debug build (about 4 MB) or a duplicated dependency, not new features: size is not a
// goal, load time is, and the benchmark measures it (README, "Size guard"). The `shipped` column is the precompressed `.gz` beside each file
// (scripts/precompress.mjs, zopfli), what a host that serves those sends; each is checked
// to read back to its file.
//
//   node scripts/bundle-size.mjs [dir]     (default: dist)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { shippedFiles } from './shipped-files.mjs';

const GUARD = 921600;
const dir = process.argv[2] ?? 'dist';
const column = (value) => String(value).padStart(8);

let shipped = 0;
let plain = 0;
console.log(`${column('gzip -9')}  ${column('shipped')}  file`);
for (const file of shippedFiles(dir)) {
  const original = fs.readFileSync(file);
  if (!fs.existsSync(`${file}.gz`)) {
    console.error(`${file}.gz is missing: run scripts/build-web.sh`);
    process.exit(1);
  }
  const compressed = fs.readFileSync(`${file}.gz`);
  if (!zlib.gunzipSync(compressed).equals(original)) {
    console.error(`${file}.gz does not read back to ${file}`);
    process.exit(1);
  }
  const gzip9 = execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 26 }).length;
  shipped += compressed.length;
  plain += gzip9;
  console.log(`${column(gzip9)}  ${column(compressed.length)}  ${path.relative(dir, file)}`);
}
console.log(`${column(plain)}  ${column(shipped)}  total (size guard: ${GUARD} bytes of gzip -9)`);
if (plain > GUARD) {
  console.error(`the app is over the size guard by ${plain - GUARD} bytes (gzip -9): a debug build or a duplicated dependency?`);
  process.exit(1);
}
