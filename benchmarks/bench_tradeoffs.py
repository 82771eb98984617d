"""Time every callback of notebook 04's widgets, the Monte Carlo included, and print the figures.

    python benchmarks/bench_tradeoffs.py            # 50 runs of each, after one warm-up
    python benchmarks/bench_tradeoffs.py --runs 200

Target: p95 <= 50 ms per callback. A measurement to report, not a timed test (a busy shared machine
must not fail CI). The widgets are built headlessly, as in the widget tests: the times cover the
Python side of each callback (computing, and preparing the updates the browser receives).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FEDSTATE_ANSWERS", tempfile.mkdtemp(prefix="fedstate-bench-answers-"))

TARGET_MS = 50.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def measure(action, runs: int) -> list[float]:
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def model_actions():
    """The model's own computations, timed without any widget around them."""
    from fedstate import tradeoffs as t

    model = t.starting_model()
    weights = t.equal_weights(model)
    score, low, high = model.matrices()
    w = t.weight_vector(model, weights)
    return [
        (f"model: Monte Carlo alone ({t.MC_DRAWS:,} draws)", lambda: t.first_place_probabilities(score, low, high, w)),
        ("model: sensitivity alone (every value of every weight)",
         lambda: t.weight_sensitivity(score, w, model.criterion_ids, model.option_ids)),
        ("model: full analysis (ranking, Monte Carlo, sensitivity)", lambda: t.analyse(model, weights)),
        ("model: rebalance the linked shares", lambda: t.rebalance_shares((50, 30, 20), 0, 61)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    from fedstate.widgets.tradeoffs import benchmark_actions

    print(f"Notebook 04 callbacks: {args.runs} runs each after one warm-up; target p95 <= {TARGET_MS:.0f} ms")
    print(f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"   {'callback':<92} {'median ms':>9} {'p95 ms':>8}")
    worst = 0.0
    for name, action in [*benchmark_actions(), *model_actions()]:
        times = measure(action, args.runs)
        worst = max(worst, p95(times))
        flag = "" if p95(times) <= TARGET_MS else "  (over target)"
        print(f"   {name:<92} {statistics.median(times):9.2f} {p95(times):8.2f}{flag}")
    print(f"   worst p95: {worst:.2f} ms ({'within' if worst <= TARGET_MS else 'over'} the {TARGET_MS:.0f} ms target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
