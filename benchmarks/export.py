"""Export timings on the ten-year data set (3,650 journal entries, 10,000 tasks, 300 setbacks).

    uv run python -m benchmarks.export [--runs 5]

Prints, each the median of ``--runs`` runs: the whole journal to one file, one year as one
file and with ``--split daily`` (365 files), and the weekly report, measured in-process on a
fresh store (as cold as a new process) and as a whole ``planner export`` process; and a bare
``python -c pass`` for scale. Targets (issue 5): the ten-year journal by the process under
1 s, the weekly report under 300 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from benchmarks.dataset import END, TZ, write


def _planner(data_dir: Path):  # type: ignore[no-untyped-def]
    from data.store import FileStore
    from planner.domain.config import Config
    from planner.services.planner import Planner

    moment = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
    store = FileStore(data_dir, clock=lambda: moment)
    return Planner(store, Config(data_dir=data_dir), lambda: moment)


def in_process(data_dir: Path, out: Path, kind: str, *, split_year: int | None = None) -> float:
    from planner.export.gather import ExportBuilder, ExportRequest
    from planner.export.output import write_file, write_split
    from planner.export.ranges import DateRange, RangeRequest, resolve_range

    started = time.perf_counter()
    planner = _planner(data_dir)
    if split_year is not None:
        span = DateRange(
            "span",
            datetime(split_year, 1, 1).date(),
            datetime(split_year, 12, 31).date(),
        )
    else:
        span = resolve_range(kind, RangeRequest(), planner.today())  # type: ignore[arg-type]
    request = ExportRequest(kind=kind, span=span, split_daily=split_year is not None)  # type: ignore[arg-type]
    rendered = ExportBuilder(planner, request).render()
    if split_year is not None:
        write_split(out, rendered.files, force=True)
    else:
        write_file(out, rendered.files[0].text, force=True)
    return time.perf_counter() - started


def as_process(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "planner", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_ms(action: Callable[[], float], runs: int) -> float:
    action()  # warm the file cache and the bytecode
    return statistics.median(action() for _ in range(runs)) * 1000


def measure(data_dir: Path, work: Path, runs: int) -> dict[str, float]:
    year = END.year - 1
    journal = work / "journal.md"
    daily = work / "daily"
    report = work / "report.md"
    base = ["--data-dir", str(data_dir), "export"]

    def clean_daily() -> None:
        shutil.rmtree(daily, ignore_errors=True)

    def split_in_process() -> float:
        clean_daily()
        return in_process(data_dir, daily, "journal", split_year=year)

    def split_process() -> float:
        clean_daily()
        span = ["--from", f"{year}-01-01", "--to", f"{year}-12-31"]
        return as_process([*base, "journal", *span, "--split", "daily", "-o", str(daily)])

    year_span = ["--from", f"{year}-01-01", "--to", f"{year}-12-31"]
    figures = {
        "bare python -c pass (ms)": median_ms(lambda: as_process_bare(), runs),
        "journal, 10 years, one file, in-process (ms)": median_ms(
            lambda: in_process(data_dir, journal, "journal"), runs
        ),
        "journal, 10 years, one file, process (ms)": median_ms(
            lambda: as_process([*base, "journal", "-o", str(journal), "--force"]), runs
        ),
        "journal, one year, one file, process (ms)": median_ms(
            lambda: as_process([*base, "journal", *year_span, "-o", str(work / "y.md"), "--force"]),
            runs,
        ),
        "journal, one year --split daily, in-process (ms)": median_ms(split_in_process, runs),
        "journal, one year --split daily, process (ms)": median_ms(split_process, runs),
        "weekly report, in-process (ms)": median_ms(
            lambda: in_process(data_dir, report, "report"), runs
        ),
        "weekly report, process (ms)": median_ms(
            lambda: as_process([*base, "report", "-o", str(report), "--force"]), runs
        ),
    }
    figures["journal file size (KiB)"] = journal.stat().st_size / 1024
    figures["files written by the split"] = float(len(list(daily.iterdir())))
    return figures


def as_process_bare() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planner-export-bench-") as folder:
        root = Path(folder)
        data_dir = root / "data"
        counts = write(data_dir, args.years)
        print(f"data set: {counts}")
        work = root / "out"
        work.mkdir()
        for name, value in measure(data_dir, work, args.runs).items():
            print(f"{name:<52} {value:10.1f}")


if __name__ == "__main__":
    main()
