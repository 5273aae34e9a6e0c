// Reports the size of everything that ships in dist/ and guards it against accidents: exits
// non-zero when the shipped files, each compressed by GNU `gzip -9` (what any host sends
// when it compresses on the fly), pass the guard together (README, "Size guard"). That
// catches a debug build (about 4 MB) or a duplicated dependency, not new features: size is
// not a goal, load time is, and the benchmark measures it. The `.gz` (zopfli) and `.br`
// (brotli) columns are the precompressed files beside each one (scripts/precompress.mjs),
// what a host that serves those sends; each is checked to read back to its file.
//
//   node scripts/bundle-size.mjs [dir]     (default: dist)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { shippedAsIs, shippedFiles } from './shipped-files.mjs';

const GUARD = 768000; // 750 KB of 1,024 bytes (README, "Size guard")
/** The precompressed files beside each shipped file and how each reads back. */
const PRECOMPRESSED = [['.gz', zlib.gunzipSync], ['.br', zlib.brotliDecompressSync]];
const dir = process.argv[2] ?? 'dist';
const column = (value) => String(value).padStart(8);

const totals = { gzip9: 0, '.gz': 0, '.br': 0 };
console.log(`${column('gzip -9')}  ${column('.gz')}  ${column('.br')}  file`);
for (const file of shippedFiles(dir)) {
  const original = fs.readFileSync(file);
  const sizes = [];
  for (const [suffix, decompress] of PRECOMPRESSED) {
    if (!fs.existsSync(file + suffix)) {
      console.error(`${file}${suffix} is missing: run scripts/build-web.sh`);
      process.exit(1);
    }
    const compressed = fs.readFileSync(file + suffix);
    if (!decompress(compressed).equals(original)) {
      console.error(`${file}${suffix} does not read back to ${file}`);
      process.exit(1);
    }
    totals[suffix] += compressed.length;
    sizes.push(compressed.length);
  }
  const gzip9 = execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 26 }).length;
  totals.gzip9 += gzip9;
  console.log(`${column(gzip9)}  ${sizes.map(column).join('  ')}  ${path.relative(dir, file)}`);
}
// A PNG is compressed already and is sent as it is, under every encoding.
for (const file of shippedAsIs(dir)) {
  const size = fs.statSync(file).size;
  for (const key of Object.keys(totals)) totals[key] += size;
  console.log(`${column(size)}  ${column(size)}  ${column(size)}  ${path.relative(dir, file)} (as it is)`);
}
console.log(`${column(totals.gzip9)}  ${column(totals['.gz'])}  ${column(totals['.br'])}  total (size guard: ${GUARD} bytes of gzip -9)`);
if (totals.gzip9 > GUARD) {
  console.error(`the app is over the size guard by ${totals.gzip9 - GUARD} bytes (gzip -9): a debug build or a duplicated dependency?`);
  process.exit(1);
}
