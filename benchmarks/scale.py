"""How the journal's and the review's figures grow with history: 1, 10 and 30 years in one run.

    uv run python -m benchmarks.scale [--runs 3] [--years 1 10 30]

For each size, the data set (``benchmarks.dataset``, cached under the temp dir by years and
seed, as generating thirty years takes half a minute) is copied into a fresh folder, and
``benchmarks.journal`` measures it in ``--runs`` fresh processes (after one unreported run
that fills the bytecode cache and the data folder's derived summaries, as a user's first
review does once). Prints the median of each figure per size and its ratio to the 1-year
figure: a cost that follows the work, not the history, stays within 1.3 of it. The sizes
are measured in turn within each round (1, 10, 30, then again), so a load that drifts
during the run falls on every size alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.dataset import write
from benchmarks.journal import LABELS, child_runs

SEED = 20261123
FOLLOWS_THE_WORK = 1.3


def cached_data_set(years: int, seed: int = SEED) -> Path:
    """The data set of ``years``, generated once under the temp dir and kept for later runs."""
    cache = Path(tempfile.gettempdir()) / "planner-benchmark-data" / f"{years}y-{seed}"
    done = cache / "complete"
    if not done.exists():
        shutil.rmtree(cache, ignore_errors=True)
        started = time.perf_counter()
        counts = write(cache / "data", years, seed)
        done.write_text(f"{counts}\n")
        print(f"generated {years} years ({counts}) in {time.perf_counter() - started:.1f} s")
    return cache / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10, 30])
    args = parser.parse_args()
    sizes: list[int] = args.years
    figures: dict[int, list[dict[str, float]]] = {years: [] for years in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        folders = {}
        for years in sizes:
            folders[years] = scratch / f"{years}y"
            shutil.copytree(cached_data_set(years), folders[years], symlinks=True)
        for years in sizes:  # fills the bytecode cache and each folder's summaries
            child_runs(folders[years], 0, scratch)
        for _round in range(args.runs):
            for years in sizes:
                figures[years].extend(child_runs(folders[years], 1, scratch))
    base = sizes[0]
    head = "".join(f"{f'{y} y':>9}" for y in sizes)
    ratios = "".join(f"{f'{y}/{base}':>7}" for y in sizes[1:])
    print(f"median of {args.runs} runs (ms){'':<24}{head}{ratios}")
    for key, label in LABELS.items():
        medians = {y: statistics.median(run[key] * 1000 for run in figures[y]) for y in sizes}
        cells = "".join(f"{medians[y]:9.1f}" for y in sizes)
        ratio_cells = "".join(
            f"{medians[y] / medians[base]:7.2f}" if medians[base] else f"{'-':>7}"
            for y in sizes[1:]
        )
        worst = max((medians[y] / medians[base] for y in sizes[1:]), default=1.0)
        flag = "" if worst <= FOLLOWS_THE_WORK else "  > 1.3"
        print(f"{label:<54}{cells}{ratio_cells}{flag}")


if __name__ == "__main__":
    main()
