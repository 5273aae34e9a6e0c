#!/usr/bin/env bash
# Builds the web app of another git revision into a directory of its own, as the baseline
# for scripts/bench-app.mjs, with that revision's own scripts/build-web.sh; the work tree
# and dist/ here stay as they are.
#
#   bash scripts/build-baseline.sh REV [OUT]    (default OUT: target/baseline/<commit>/dist)
#
# Prints OUT (and nothing else) on stdout; the build's output goes to stderr. Without OUT, a
# finished build of the same commit is reused. The revision's files come from `git archive`
# into target/baseline/src (no git worktree); every baseline shares one cargo target
# directory, target/baseline/cargo-target, so only the app itself is compiled again. The
# revision's npm packages are these when its package-lock.json is the same, else installed
# with `npm ci`. Its wasm-bindgen must be the installed one (setup.sh installs this tree's).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 REV [OUT]" >&2; exit 2; }
commit=$(git -C "$root" rev-parse --verify "$1^{commit}")
out=${2:-$root/target/baseline/$commit/dist}
if [ -z "${2:-}" ] && [ -f "$out/index.html" ]; then
  echo "baseline $commit: reusing $out" >&2
  echo "$out"
  exit 0
fi
src=$root/target/baseline/src
mkdir -p "$root/target/baseline/cargo-target"
rm -rf "$src"
mkdir -p "$src"
git -C "$root" archive "$commit" | tar -x -C "$src"
ln -s "$root/target/baseline/cargo-target" "$src/target"
if cmp -s "$root/package-lock.json" "$src/package-lock.json" && [ -d "$root/node_modules" ]; then
  ln -s "$root/node_modules" "$src/node_modules"
else
  (cd "$src" && npm ci --no-audit --no-fund) >&2
fi
wanted=$(grep -A1 'name = "wasm-bindgen"$' "$src/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p' | head -1)
installed=$(PATH="$HOME/.cargo/bin:$PATH" wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$wanted" != "$installed" ]; then
  echo "baseline $commit needs wasm-bindgen $wanted, installed is ${installed:-none}" >&2
  exit 1
fi
echo "baseline $commit: building in $src" >&2
(cd "$src" && bash scripts/build-web.sh) >&2
rm -rf "$out"
mkdir -p "$(dirname "$out")"
cp -r "$src/dist" "$out"
rm -rf "$src"
echo "$out"
