"""Independent exact reference for the plan benchmark (issue #12): the same covering
problem as an integer program, solved by CBC through pulp, with its own lazy cycle
generation on networkx (solve, look for a vicious loop the solution leaves, add it).

    python3 plan_ilp.py DIR RUST.jsonl

DIR holds the maps `bench/src/bin/plan.rs` wrote; RUST.jsonl is that program's output.
Prints the markdown table: per map size, how many plans were proven optimal, the times
of Cirkelbreker (command-line and app bounds) and of the ILP, and whether the costs agree.
Nothing is asserted on time.
"""
import json
import os
import signal
import statistics
import sys
import time

import networkx as nx
import pulp


def solve_ilp(map_):
    links = map_["links"]
    factors = map_["factors"]
    graph = nx.DiGraph()
    graph.add_nodes_from(factors)
    for link in links:
        graph.add_edge(link["from"], link["to"], id=link["id"], negative=link["negative"])
    by_id = {link["id"]: link for link in links}
    problem = pulp.LpProblem("plan", pulp.LpMinimize)
    x = {l["id"]: pulp.LpVariable("x_" + l["id"], cat="Binary") for l in links if not l["fixed"]}
    y = {f: pulp.LpVariable("y_" + f, cat="Binary") for f in factors}
    problem += pulp.lpSum(by_id[i]["cost"] * v for i, v in x.items()) + pulp.lpSum(
        map_["factor_cost"] * v for v in y.values()
    )
    seen = set()
    uncovered = set()
    solver = pulp.PULP_CBC_CMD(msg=False)
    rounds = 0

    def add(ids):
        key = frozenset(ids)
        if key in seen or key in uncovered:
            return False
        terms = [x[i] for i in ids if i in x] + [y[by_id[i]["from"]] for i in ids]
        if not terms:
            uncovered.add(key)
            return False
        nonlocal problem
        problem += pulp.lpSum(terms) >= 1
        seen.add(key)
        return True

    # seed: the vicious loops of at most four links
    for nodes in nx.simple_cycles(graph, length_bound=4):
        ids = [graph.edges[nodes[i], nodes[(i + 1) % len(nodes)]]["id"] for i in range(len(nodes))]
        if sum(by_id[i]["negative"] for i in ids) % 2 == 0:
            add(ids)
    while True:
        rounds += 1
        if seen:
            problem.solve(solver)
            if pulp.LpStatus[problem.status] != "Optimal":
                return None, rounds
        cut_links = {i for i, v in x.items() if seen and v.value() > 0.5}
        cut_factors = {f for f, v in y.items() if seen and v.value() > 0.5}
        residual = nx.DiGraph()
        residual.add_nodes_from(f for f in factors if f not in cut_factors)
        for link in links:
            if link["id"] in cut_links or link["from"] in cut_factors or link["to"] in cut_factors:
                continue
            residual.add_edge(link["from"], link["to"], id=link["id"], negative=link["negative"])
        added = 0
        for nodes in nx.simple_cycles(residual):
            ids = [residual.edges[nodes[i], nodes[(i + 1) % len(nodes)]]["id"] for i in range(len(nodes))]
            if sum(by_id[i]["negative"] for i in ids) % 2:
                continue
            if add(ids):
                added += 1
                if added >= 200:
                    break
        if added == 0:
            if not seen:
                return 0, rounds
            return round(pulp.value(problem.objective)), rounds


class TimeOut(Exception):
    pass


def on_alarm(_signal, _frame):
    raise TimeOut()


def main():
    directory, rust_file = sys.argv[1], sys.argv[2]
    limit = int(os.environ.get("ILP_SECONDS", "180"))
    signal.signal(signal.SIGALRM, on_alarm)
    rows = [json.loads(line) for line in open(rust_file) if line.strip()]
    ilp = {}
    for row in rows:
        if row["bounds"] != "cli" or row["name"] in ilp:
            continue
        map_ = json.load(open(os.path.join(directory, row["name"] + ".json")))
        start = time.perf_counter()
        signal.alarm(limit)
        try:
            cost, rounds = solve_ilp(map_)
        except TimeOut:
            cost, rounds = None, 0
        signal.alarm(0)
        ilp[row["name"]] = (cost, time.perf_counter() - start)
        print(f"{row['name']}: ILP {cost} in {ilp[row['name']][1]:.1f} s ({rounds} rounds), ours {row['cost']}", file=sys.stderr, flush=True)
    sizes = sorted({(r["factors"], r["links"]) for r in rows})
    print("| factors | links | maps | proven, command line | median / max time | proven, app | median / max time | ILP (CBC) median / max | same cost as ILP |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals = {"cli": [0, 0], "app": [0, 0], "agree": 0}
    for factors, links in sizes:
        cells = []
        of_size = [r for r in rows if (r["factors"], r["links"]) == (factors, links)]
        names = sorted({r["name"] for r in of_size})
        for bounds in ["cli", "app"]:
            mine = [r for r in of_size if r["bounds"] == bounds]
            times = [r["ms"] for r in mine]
            proven = sum(r["optimal"] for r in mine)
            totals[bounds][0] += proven
            totals[bounds][1] += len(mine)
            cells.append(f"{proven}/{len(mine)}")
            cells.append(f"{statistics.median(times):.1f} / {max(times):.1f} ms")
        times = [ilp[n][1] * 1000 for n in names]
        solved = [n for n in names if ilp[n][0] is not None]
        agree = sum(
            1 for r in of_size if r["bounds"] == "cli" and ilp[r["name"]][0] == r["cost"]
        )
        totals["agree"] += agree
        totals.setdefault("solved", 0)
        totals["solved"] += len(solved)
        timeouts = len(names) - len(solved)
        note = f" ({timeouts} ILP over {limit} s)" if timeouts else ""
        print(
            f"| {factors} | {links} | {len(names)} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} "
            f"| {statistics.median(times):.0f} / {max(times):.0f} ms | {agree}/{len(solved)}{note} |"
        )
    print()
    print(
        f"Proven optimal: command line {totals['cli'][0]}/{totals['cli'][1]}, app {totals['app'][0]}/{totals['app'][1]}; "
        f"same cost as the ILP: {totals['agree']}/{totals.get('solved', 0)} maps the ILP solved."
    )


if __name__ == "__main__":
    main()
