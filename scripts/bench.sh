#!/usr/bin/env bash
# Loop-enumeration benchmark, side by side in one run: Cirkelbreker and the graph-cycles
# crate (the separate cargo project in bench/, release build) and networkx simple_cycles
# (python3 + networkx) on the same graphs; then the interactive analyse timing.
# Prints markdown tables and the machine. Needs: cargo, python3 with networkx, lscpu.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root/bench" && cargo build --release --quiet)
"$root/bench/target/release/cirkelbreker-bench" "$work/graphs" > "$work/rust.jsonl"
python3 "$root/bench/networkx_table.py" "$work/graphs" "$work/rust.jsonl"
