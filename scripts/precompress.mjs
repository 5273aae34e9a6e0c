// Writes `<file>.gz` and `<file>.br` beside every file in dist/ that a browser downloads:
// the `.gz` compressed with zopfli (a standard gzip stream any browser reads, about 4 %
// smaller than `gzip -9`), the `.br` with brotli at its highest quality (about 17 % smaller
// than the `.gz` for the wasm, measured; every current browser reads it). A static server
// sends one of these as it is, by the request's `Accept-Encoding`, brotli first (nginx
// `brotli_static on` and `gzip_static on`, Caddy `precompressed br gzip`,
// scripts/serve-dist.mjs). scripts/bundle-size.mjs checks that each reads back to its file.
//
//   node scripts/precompress.mjs [dir]     (default: dist)
import fs from 'node:fs';
import zlib from 'node:zlib';
import zopfli from '@gfx/zopfli';
import { shippedFiles } from './shipped-files.mjs';

/** Brotli's best: quality 11 and a 16 MB window (the wasm is 2 MB). */
function brotli(bytes) {
  const { BROTLI_PARAM_QUALITY, BROTLI_MAX_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_MAX_WINDOW_BITS, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  return zlib.brotliCompressSync(bytes, {
    params: { [BROTLI_PARAM_QUALITY]: BROTLI_MAX_QUALITY, [BROTLI_PARAM_LGWIN]: BROTLI_MAX_WINDOW_BITS, [BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

async function main() {
  const dir = process.argv[2] ?? 'dist';
  for (const file of shippedFiles(dir)) {
    const bytes = fs.readFileSync(file);
    // No cap on the number of deflate blocks: 1.3 KB smaller for the wasm than zopfli's
    // default of 15 (measured; more iterations gain under 0.1 KB for seconds more).
    fs.writeFileSync(`${file}.gz`, await zopfli.gzipAsync(bytes, { numiterations: 15, blocksplittingmax: 0 }));
    fs.writeFileSync(`${file}.br`, brotli(bytes));
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
