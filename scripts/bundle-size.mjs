// Reports the size of everything that ships in dist/ as a browser downloads it: the
// precompressed `.gz` beside each file (scripts/precompress.mjs), after checking that it
// reads back to that file. Exits non-zero above the budget of 350 KB (358,400 bytes). The
// `gzip -9` column is the same file compressed by GNU gzip, for comparison.
//
//   node scripts/bundle-size.mjs [dir]     (default: dist)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { shippedFiles } from './shipped-files.mjs';

const BUDGET = 358400;
const dir = process.argv[2] ?? 'dist';
const column = (value) => String(value).padStart(8);

let shipped = 0;
let plain = 0;
console.log(`${column('shipped')}  ${column('gzip -9')}  file`);
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
  console.log(`${column(compressed.length)}  ${column(gzip9)}  ${path.relative(dir, file)}`);
}
console.log(`${column(shipped)}  ${column(plain)}  total shipped (budget ${BUDGET})`);
if (shipped > BUDGET) {
  console.error(`bundle over budget by ${shipped - BUDGET} bytes`);
  process.exit(1);
}
