#!/usr/bin/env bash
# Plan benchmark (issue #12): Cirkelbreker's integral plan on random signed maps of 30–60
# factors, 2–2.7 links per factor, beside an ILP (pulp + CBC, networkx for its own lazy
# cycle generation) in the same run. Prints a markdown table; asserts nothing on time.
# Needs: cargo, python3 with networkx and pulp (pip install networkx pulp).
#   bench/plan.sh [SEEDS]   (maps per size, default 5)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$here" && cargo build --release --quiet --bin plan)
"$here/target/release/plan" "$work/maps" "${1:-5}" > "$work/rust.jsonl"
python3 "$here/plan_ilp.py" "$work/maps" "$work/rust.jsonl"
echo
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(rustc --version); Python $(python3 -c 'import platform; print(platform.python_version())'), networkx $(python3 -c 'import networkx; print(networkx.__version__)'), pulp $(python3 -c 'import pulp; print(pulp.__version__)')"
