#!/usr/bin/env bash
# Installs what building and testing Cirkelbreker needs, skipping what is there.
#   scripts/setup.sh        build tools: wasm32 target, wasm-bindgen-cli, wasm-snip, npm packages
#                           (wasm-opt, terser, csso, zopfli)
#   scripts/setup.sh test   also Chromium + ChromeDriver, Graphviz, networkx
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(grep -A1 'name = "wasm-bindgen"$' Cargo.lock | sed -n 's/version = "\(.*\)"/\1/p' | head -1)
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes several minutes once)"
  # --locked does not resolve against this registry snapshot; the version pin is exact.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v wasm-snip >/dev/null; then
  step "installing wasm-snip 0.4.0 (under a minute once)"
  cargo install wasm-snip --version 0.4.0 --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages (binaryen's wasm-opt, terser, csso, zopfli, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "test" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v dot >/dev/null || missing+=(graphviz)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]} from Debian"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
  fi
  if ! python3 -c 'import networkx' 2>/dev/null; then
    step "installing networkx from PyPI"
    python3 -m pip install --quiet networkx
  fi
fi
