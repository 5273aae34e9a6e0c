"""Issue #12, item 3: `cirkelbreker analyse --summary` of the 34-factor, 100-link map with
131,810 loops against networkx listing the same loops, process start-up included.

    python3 summary_vs_networkx.py CIRKELBREKER_BINARY MAP.csv [RUNS]

Prints the best and median wall time of each over RUNS runs (default 5) and the ratio.
Nothing is asserted.
"""
import json
import statistics
import subprocess
import sys
import time

LIST = r"""
import sys, csv, networkx as nx
G = nx.MultiDiGraph()
with open(sys.argv[1]) as f:
    for row in csv.DictReader(f):
        G.add_edge(row["from"], row["to"])
print(len(list(nx.simple_cycles(G))))
"""


def timed(command):
    start = time.perf_counter()
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, output


def main():
    binary, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    ours, theirs = [], []
    report = None
    count = None
    for _ in range(runs):
        seconds, output = timed([binary, "analyse", path, "--summary", "--format", "json"])
        ours.append(seconds)
        report = json.loads(output)
        seconds, output = timed([sys.executable, "-c", LIST, path])
        theirs.append(seconds)
        count = int(output)
    assert report["counts"]["cycles"] == count, (report["counts"]["cycles"], count)
    plan = report["breakthrough"]
    print(f"| map | loops | `analyse --summary` best / median | networkx list best / median | ratio (median) | plan |")
    print("|---|---:|---:|---:|---:|---|")
    print(
        f"| {path.rsplit('/', 1)[-1]} | {count:,} | {min(ours) * 1000:.0f} / {statistics.median(ours) * 1000:.0f} ms "
        f"| {min(theirs) * 1000:.0f} / {statistics.median(theirs) * 1000:.0f} ms "
        f"| {statistics.median(theirs) / statistics.median(ours):.0f}× "
        f"| cost {plan['cost']}, {'proven optimal' if plan['optimal'] else 'not proven'} |"
    )


if __name__ == "__main__":
    main()
