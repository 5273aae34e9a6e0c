#!/usr/bin/env bash
# Runs every check and test: formatting, lints, native tests (unit, integration,
# property, differential against networkx), the architecture invariants, the release
# build, its size against the guard, the browser tests in headless Chromium, and a short
# fuzz run of every importer. Ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
LOG=$(mktemp -d)
status=0
step() { printf '\n== %s\n' "$*"; }
run() { "$@" || { echo "FAILED: $*" >&2; status=1; }; }

step "set-up"
bash scripts/setup.sh test || { echo "set-up failed" >&2; exit 1; }

step "format and lints"
run cargo fmt --check
run cargo clippy --all-targets -- -D warnings
run cargo clippy --target wasm32-unknown-unknown --features web --lib --bins -- -D warnings

step "architecture invariants"
run bash scripts/check-architecture.sh

step "native tests"
cargo test 2>&1 | tee "$LOG/cargo.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

step "release build"
run bash scripts/build-web.sh

step "size guard (750 KB gzip -9)"
run node scripts/bundle-size.mjs dist

step "browser tests (headless Chromium)"
node --test --test-reporter=tap tests/browser/ 2>&1 | tee "$LOG/browser.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ -f scripts/fuzz-smoke.sh ]; then
  step "fuzzing the importers (short run)"
  run bash scripts/fuzz-smoke.sh
fi

passed=$(( $(grep -o 'test result: [a-zA-Z]*\. [0-9]* passed' "$LOG/cargo.txt" | awk '{s+=$4} END {print s+0}') \
  + $(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$LOG/browser.txt" | awk '{s+=$1} END {print s+0}') ))
failed=$(( $(grep -o '[0-9]* failed;' "$LOG/cargo.txt" | awk '{s+=$1} END {print s+0}') \
  + $(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$LOG/browser.txt" | awk '{s+=$1} END {print s+0}') ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "tests: $passed passed, $failed failed"
exit "$status"
