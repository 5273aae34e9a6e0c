#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets) for a short, bounded time and fails
# on any crash, panic, timeout or out-of-memory. Part of the test command.
#
#   scripts/fuzz-smoke.sh            # 20 seconds per target
#   FUZZ_SECONDS=300 scripts/fuzz-smoke.sh
#
# cargo-fuzz needs nightly features; only stable Rust is installed, so RUSTC_BOOTSTRAP=1
# unlocks them. Seeds live in fuzz/seeds/<target>; new corpus entries go to the ignored
# fuzz/corpus/<target>, and a crashing input to fuzz/artifacts/<target>.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz ontbreekt; installeren..." >&2
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz --version 0.13.2 --locked
fi

targets=$(cargo fuzz list)
if [ -z "$targets" ]; then
  echo "fuzz-smoke: geen fuzz-doelen gevonden" >&2
  exit 1
fi

cargo fuzz build
for target in $targets; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  echo "fuzz-smoke: $target, ${seconds}s" >&2
  # -timeout: one input taking longer than 10 s counts as a hang and fails the run.
  cargo fuzz run "$target" "$corpus" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
echo "fuzz-smoke: alle doelen zonder fouten" >&2
