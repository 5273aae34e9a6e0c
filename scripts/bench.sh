#!/usr/bin/env bash
# Loop-enumeration benchmark, side by side in one run: Cirkelbreker and the graph-cycles
# crate (the separate cargo project in bench/, release build) and networkx simple_cycles
# (python3 + networkx) on the same graphs; then the interactive analyse timing and the
# file-format limits (refusing a 50 MB file, a K30 map through every format). The app in
# the browser has its own benchmark, scripts/bench-app.sh.
# Prints markdown tables and the machine. Needs: cargo, python3 with networkx, lscpu.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root/bench" && cargo build --release --quiet)
"$root/bench/target/release/cirkelbreker-bench" "$work/graphs" > "$work/rust.jsonl"
python3 "$root/bench/networkx_table.py" "$work/graphs" "$work/rust.jsonl"
