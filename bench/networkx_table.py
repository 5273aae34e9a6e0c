"""Times networkx simple_cycles on the graphs written by cirkelbreker-bench and prints
the side-by-side markdown tables (called by scripts/bench.sh)."""
import json
import platform
import subprocess
import sys
import time

import networkx as nx


def read_graph(path):
    graph = nx.DiGraph()
    with open(path) as handle:
        for line in handle:
            if line.startswith("# nodes"):
                graph.add_nodes_from(range(int(line.split()[2])))
            elif line.strip():
                tail, head = map(int, line.split())
                graph.add_edge(tail, head)
    return graph


def best_time(graph, min_total=2.0):
    """Best of repeated full counts, repeating until min_total seconds were spent."""
    best, spent, count = float("inf"), 0.0, 0
    while spent < min_total or count == 0:
        start = time.perf_counter()
        count = sum(1 for _ in nx.simple_cycles(graph))
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
    return best, count


def machine():
    model = "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{model}, {cores} cores available; {rustc}; Python {platform.python_version()}, networkx {nx.__version__}"


def main(graph_dir, rust_results):
    rows = [json.loads(line) for line in open(rust_results) if line.strip()]
    print(f"Machine: {machine()}\n")
    print("| graph | nodes | links | loops | Cirkelbreker | graph-cycles | networkx | × networkx | × graph-cycles |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in (r for r in rows if r["kind"] == "loops"):
        nx_time, nx_count = best_time(read_graph(f"{graph_dir}/{row['graph']}.txt"))
        if nx_count != row["loops"] or row["graph_cycles_loops"] != row["loops"]:
            sys.exit(f"loop counts differ on {row['graph']}: {row['loops']} / {row['graph_cycles_loops']} / {nx_count}")
        ours, theirs = row["loops"] / row["cirkelbreker_s"], row["loops"] / row["graph_cycles_s"]
        nxrate = nx_count / nx_time
        print(
            f"| {row['graph']} | {row['nodes']} | {row['edges']} | {row['loops']:,} | {ours:,.0f}/s ({row['cirkelbreker_s'] * 1000:.1f} ms) "
            f"| {theirs:,.0f}/s ({row['graph_cycles_s'] * 1000:.1f} ms) | {nxrate:,.0f}/s ({nx_time:.2f} s) "
            f"| {ours / nxrate:.0f}× | {ours / theirs:.1f}× |"
        )
    print("\n`analyse` with `AnalysisOptions::interactive()` on random case maps (best of repeats per case):\n")
    print("| factors | links | cases | median | max | loop list complete | plan proven optimal | median loops kept |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in (r for r in rows if r["kind"] == "interactive"):
        print(
            f"| {row['factors']} | {row['links']} | {row['cases']} | {row['median_ms']:.2f} ms | {row['max_ms']:.2f} ms "
            f"| {row['complete']}/{row['cases']} | {row['optimal']}/{row['cases']} | {row['median_loops']} |"
        )
    formats = [r for r in rows if r["kind"] == "formats"]
    if formats:
        print("\nFile formats (best of repeats; the targets are printed, never asserted):\n")
        print("| what | time | target |")
        print("|---|---:|---:|")
        for row in formats:
            best = row["best_ms"]
            if best < 0.001:
                time_text = f"{best * 1e6:.0f} ns"
            elif best < 1:
                time_text = f"{best * 1000:.1f} µs"
            else:
                time_text = f"{best:.2f} ms"
            print(f"| {row['what']} | {time_text} | ≤ {row['target_ms']:,.0f} ms |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
