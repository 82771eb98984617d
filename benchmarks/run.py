"""Measure the module on this machine, in one run, and print the figures.

    python benchmarks/run.py               # everything
    python benchmarks/run.py --skip-venv   # without building the two comparison environments
    python benchmarks/run.py --with-tests  # also time the README's test command (python -m pytest)

Prints:
1. each notebook's run time in a fresh kernel, beside an empty notebook's (target ratio <= 2.0);
2. package import plus data load time in a fresh interpreter (target <= 1 s);
3. every widget callback's median and p95 latency (target p95 <= 50 ms); every
   ``fedstate/widgets/<topic>.py`` offers ``benchmark_actions()``, so new widgets are timed too;
4. the size of a virtual environment made from requirements.txt beside one with only the card's
   bare packages (jupyterlab ipywidgets plotly nbval) (target <= 1.1x);
5. optionally, the wall time of the whole test suite (target under 10 minutes on 2 cores).

These are measurements to report, not timed tests: a slow shared machine must not fail CI.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CARD_PACKAGES = ["jupyterlab", "ipywidgets", "plotly", "nbval"]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def run_notebook(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def notebooks(answers: Path) -> None:
    import nbformat

    os.environ["FEDSTATE_ANSWERS"] = str(answers)
    empty = Path(tempfile.mkdtemp()) / "empty.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, empty)
    baseline = statistics.median(run_notebook(empty) for _ in range(3))
    print(f"\n1. Notebook run time in a fresh kernel (empty notebook: {baseline:.2f} s; target ratio <= 2.0)")
    print(f"   {'notebook':<34} {'seconds':>8} {'ratio':>7}")
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        seconds = run_notebook(path)
        flag = "" if seconds / baseline <= 2.0 else "  (over target)"
        print(f"   {path.name:<34} {seconds:8.2f} {seconds / baseline:7.2f}{flag}")


def import_and_load() -> None:
    code = ("import time; t = time.perf_counter();"
            "import fedstate.notebook, fedstate.data as d, pkgutil, importlib, fedstate.widgets as w;"
            "[importlib.import_module('fedstate.widgets.' + m.name) for m in pkgutil.iter_modules(w.__path__)];"
            "import fedstate as f;"
            "[importlib.import_module('fedstate.' + m.name) for m in pkgutil.iter_modules(f.__path__) if m.name not in ('dictionary',)];"
            "d.load_all(); print(time.perf_counter() - t)")
    env = dict(os.environ, FEDSTATE_ANSWERS=tempfile.mkdtemp())
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                 check=True, cwd=tempfile.gettempdir()).stdout.strip().splitlines()[-1])
            for _ in range(5)]
    base = [float(subprocess.run([sys.executable, "-c", "import time; t = time.perf_counter(); import nbformat; "
                                  "print(time.perf_counter() - t)"], capture_output=True, text=True, check=True,
                                 cwd=tempfile.gettempdir()).stdout.strip()) for _ in range(3)]
    # fedstate.notebook skips jsonschema's optional IRI checker (see the comment there); this is what
    # that import costs when it is not skipped, for reference.
    print(f"\n2. Package import plus loading every dataset, fresh interpreter, 5 runs (target <= 1 s): "
          f"median {statistics.median(runs):.3f} s, max {max(runs):.3f} s\n"
          f"   for reference, importing nbformat with jsonschema's optional IRI checker, which "
          f"fedstate.notebook skips: median {statistics.median(base):.3f} s")


def callbacks(repeats: int) -> None:
    os.environ["FEDSTATE_ANSWERS"] = tempfile.mkdtemp()
    import fedstate.widgets as pkg

    print(f"\n3. Widget callbacks, {repeats} runs each after one warm-up (target p95 <= 50 ms)")
    print(f"   {'callback':<58} {'median ms':>9} {'p95 ms':>8}")
    worst = 0.0
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        if not hasattr(module, "benchmark_actions"):
            print(f"   {info.name}: no benchmark_actions()")
            continue
        for name, action in module.benchmark_actions():
            action()
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                action()
                times.append((time.perf_counter() - start) * 1000)
            p95 = _p95(times)
            worst = max(worst, p95)
            flag = "" if p95 <= 50 else "  (over target)"
            print(f"   {info.name + ': ' + name:<58} {statistics.median(times):9.2f} {p95:8.2f}{flag}")
    print(f"   worst p95: {worst:.2f} ms")


def _venv_size(packages: list[str], label: str) -> int:
    folder = Path(tempfile.mkdtemp(prefix=f"bench-venv-{label}-"))
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = folder / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", *packages], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    size = int(subprocess.run(["du", "-sb", str(folder)], capture_output=True, text=True, check=True).stdout.split()[0])
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    return size


def venvs() -> None:
    bare = _venv_size(CARD_PACKAGES, "bare")
    mandated = _venv_size(CARD_PACKAGES + ["anywidget", "pandas"], "mandated")
    module = _venv_size(["-r", "requirements.txt"], "module")
    print(f"\n4. Virtual environment size (target <= 1.1x bare)\n"
          f"   bare ({' '.join(CARD_PACKAGES)}): {bare / 1e6:.0f} MB\n"
          f"   bare + anywidget + pandas (the packages the module must list): {mandated / 1e6:.0f} MB   "
          f"ratio {mandated / bare:.2f}\n"
          f"   module (requirements.txt):         {module / 1e6:.0f} MB   ratio {module / bare:.2f} "
          f"(vs bare + anywidget + pandas: {module / mandated:.2f})")


def test_suite() -> None:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"\n5. The README's test command: {seconds / 60:.1f} min (target < 10 min); {last}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-venv", action="store_true")
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--with-tests", action="store_true")
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    print(f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    if not args.skip_notebooks:
        notebooks(Path(tempfile.mkdtemp()))
    import_and_load()
    callbacks(args.repeats)
    if not args.skip_venv:
        venvs()
    if args.with_tests:
        test_suite()
    return 0


if __name__ == "__main__":
    sys.exit(main())
