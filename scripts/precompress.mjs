// Writes `<file>.gz` beside every file in dist/ that a browser downloads, compressed with
// zopfli: a standard gzip stream (any browser reads it) about 4 % smaller than `gzip -9`.
// A static server sends these files as they are with `Content-Encoding: gzip` (nginx
// `gzip_static on`, Caddy `precompressed gzip`, scripts/serve-dist.mjs).
// scripts/bundle-size.mjs checks that each one reads back to its file.
//
//   node scripts/precompress.mjs [dir]     (default: dist)
import fs from 'node:fs';
import zopfli from '@gfx/zopfli';
import { shippedFiles } from './shipped-files.mjs';

async function main() {
  const dir = process.argv[2] ?? 'dist';
  for (const file of shippedFiles(dir)) {
    // No cap on the number of deflate blocks: 1.3 KB smaller for the wasm than zopfli's
    // default of 15 (measured; more iterations gain under 0.1 KB for seconds more).
    const compressed = await zopfli.gzipAsync(fs.readFileSync(file), { numiterations: 15, blocksplittingmax: 0 });
    fs.writeFileSync(`${file}.gz`, compressed);
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
