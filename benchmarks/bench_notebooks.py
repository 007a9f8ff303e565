"""How long does the whole series take to execute, chapter by chapter?

    python benchmarks/bench_notebooks.py [--edition ja|en|both] [--jobs N]

Executes every committed notebook of an edition (notebooks/<lang>/NN_*.ipynb) in a fresh kernel,
as nbval and `make notebooks` do (nbconvert's ExecutePreprocessor, the notebook's own directory as
the working directory), and prints the wall time of each chapter, the total, and the slowest.
With --jobs 2 two kernels run side by side, which is how a 2-core CI machine would do it; the
default runs one after the other (the total is then the sum a learner's "Run All" of every chapter
costs). The target (issue 14): the whole series, one edition, under 4 minutes on 2 cores.

The notebooks are executed in memory; nothing is written. The load average is printed with the
results (the machines are shared and noisy).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 240.0


def execute(path: Path) -> float:
    """Seconds to execute the notebook at path in a fresh python3 kernel."""
    nb = nbformat.read(path, as_version=4)
    runner = ExecutePreprocessor(timeout=600, kernel_name="python3")
    start = time.perf_counter()
    runner.preprocess(nb, {"metadata": {"path": str(path.parent)}})
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=["ja", "en", "both"], default="ja")
    parser.add_argument("--jobs", type=int, choices=[1, 2], default=1)
    args = parser.parse_args(argv)
    editions = ["ja", "en"] if args.edition == "both" else [args.edition]
    for lang in editions:
        paths = sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))
        if not paths:
            print(f"no notebooks in notebooks/{lang}", file=sys.stderr)
            return 2
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            seconds = dict(zip(paths, pool.map(execute, paths)))
        wall = time.perf_counter() - start
        print(f"\nedition {lang}: {len(paths)} notebooks, {args.jobs} kernel(s) at a time, "
              f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
        print("| chapter | seconds |\n|---|---:|")
        for path, s in seconds.items():
            print(f"| {path.stem} | {s:.1f} |")
        verdict = "within" if wall < TARGET_SECONDS else "OVER"
        print(f"| **all ({lang})** | **{wall:.1f}** ({verdict} the {TARGET_SECONDS:.0f} s target) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
