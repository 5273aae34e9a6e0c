#!/usr/bin/env bash
# Builds the web app into dist/: release wasm → wasm-bindgen → wasm-opt -Oz, the glue
# minified by terser, plus index.html and www/ (the style sheet minified by csso), each
# beside its precompressed `.gz`. Prints the size of what ships.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

cargo build --release --target wasm32-unknown-unknown --features web --bin cirkelbreker-web
rm -rf dist
mkdir -p dist
# A panic in wasm32-unknown-unknown has nowhere to print its message, so the code that
# formats it is dead weight: replace it by the trap the panic ends in anyway (-4.4 KB).
# www/boot.js tells the user when the app stops on a trap.
wasm-snip --snip-rust-panicking-code -o target/cirkelbreker-web.snipped.wasm \
  target/wasm32-unknown-unknown/release/cirkelbreker-web.wasm
wasm-bindgen --target web --no-typescript --out-dir dist --out-name cirkelbreker \
  target/cirkelbreker-web.snipped.wasm
# --flatten --rereloop before two -Oz rounds: 4.7 kB less gzip -9 than one -Oz round, for
# about 20 s more per build (measured December 2026).
wasm-opt --flatten --rereloop -Oz -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  dist/cirkelbreker_bg.wasm -o dist/cirkelbreker_bg.wasm
# The scripts and the style sheet ship minified (~3.3 KB less gzipped).
minify() { terser "$@" --compress passes=2 --mangle; }
minify dist/cirkelbreker.js --module -o dist/cirkelbreker.js
cp index.html dist/
cp -r www dist/www
minify www/boot.js --module -o dist/www/boot.js
minify www/analysis-worker.js --module -o dist/www/analysis-worker.js
minify www/storage-early.js --module -o dist/www/storage-early.js
csso www/app.css -o dist/www/app.css
# The service worker (a classic script) must be served from the root to control the whole app.
# It carries the build's fingerprint (a hash of every other shipped file), so that each build
# is a new service worker with a cache of its own (see www/sw.js).
rm dist/www/sw.js
fingerprint=$(cd dist && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
sed "s/^const VERSION = 'development';$/const VERSION = '$fingerprint';/" www/sw.js > target/sw.js
grep -q "const VERSION = '$fingerprint';" target/sw.js || { echo "www/sw.js has no VERSION line" >&2; exit 1; }
minify target/sw.js -o dist/sw.js
# Every file a browser downloads also ships precompressed (zopfli, standard gzip).
node scripts/precompress.mjs dist
# The size is reported against the size guard; scripts/test.sh checks it.
node scripts/bundle-size.mjs dist || true
