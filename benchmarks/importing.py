"""Import timings: a ten-year Taskwarrior export and a ten-year jrnl journal.

    uv run python -m benchmarks.importing

Generates (deterministically) a ``task export`` of 10,000 tasks (about 300 pending, the rest
completed or deleted across ten years, some recurring, a third of the descriptions Chinese,
annotations on some) and a ``jrnl --format json`` file of 3,650 entries of about 600 Chinese
characters, then times, into an empty data folder: the first import in-process (parse, match,
one durable write, archiving), the second import of the same file (every record unchanged,
nothing written), and a whole ``planner import`` process.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.dataset import END, TZ, _journal_body, _title
from data.store import FileStore
from planner.importing import jrnl, taskwarrior
from planner.importing.apply import Summary, import_days, import_tasks

NOW = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def taskwarrior_export(count: int = 10_000, years: int = 10, seed: int = 5) -> str:
    rng = random.Random(seed)
    start = NOW - timedelta(days=365 * years)
    lines = []
    for index in range(count):
        entry = start + timedelta(minutes=rng.randrange(365 * years * 24 * 60))
        item: dict[str, object] = {
            "id": 0,
            "uuid": f"{index:08x}-{rng.getrandbits(16):04x}-4000-8000-{rng.getrandbits(48):012x}",
            "description": _title(rng),
            "entry": _stamp(entry),
            "modified": _stamp(entry + timedelta(days=1)),
            "urgency": round(rng.random() * 10, 3),
        }
        if index < 300:
            item["status"] = "pending"
            item["id"] = index + 1
            if rng.random() < 0.5:
                item["due"] = _stamp(NOW + timedelta(days=rng.randint(-5, 30)))
        else:
            item["status"] = "completed" if rng.random() < 0.9 else "deleted"
            item["end"] = _stamp(entry + timedelta(days=rng.randint(0, 20)))
        if rng.random() < 0.3:
            item["priority"] = rng.choice("HML")
        if rng.random() < 0.5:
            item["project"] = rng.choice(["Office", "Reports", "接待", "Training"])
        if rng.random() < 0.4:
            item["tags"] = rng.sample(["next", "report", "督办", "会务", "phone"], 2)
        if rng.random() < 0.2:
            item["annotations"] = [
                {"entry": _stamp(entry + timedelta(hours=2)), "description": "跟进一下进度"}
            ]
        if index < 20:
            item["status"] = "recurring"
            item["recur"] = rng.choice(["weekly", "monthly", "2w", "weekdays"])
            item["due"] = _stamp(NOW)
            item.pop("end", None)
        lines.append(json.dumps(item, ensure_ascii=False))
    return "[\n" + ",\n".join(lines) + "\n]\n"


def jrnl_export(days: int = 3650, seed: int = 7) -> str:
    rng = random.Random(seed)
    first = END - timedelta(days=days - 1)
    entries = []
    for offset in range(days):
        day: date = first + timedelta(days=offset)
        entries.append(
            {
                "title": "今天的反思。",
                "body": _journal_body(rng),
                "date": day.isoformat(),
                "time": f"{rng.randint(19, 23):02d}:{rng.randint(0, 59):02d}",
                "tags": rng.sample(["@work", "@家", "@reading"], rng.randint(0, 2)),
                "starred": rng.random() < 0.05,
            }
        )
    return json.dumps({"tags": {}, "entries": entries}, indent=2)


def _in_process(data_dir: Path, kind: str, text: str) -> tuple[float, Summary]:
    started = time.perf_counter()
    store = FileStore(data_dir, clock=lambda: NOW)
    if kind == "jrnl":
        summary = import_days(store, jrnl.parse(text), NOW)
    else:
        summary = import_tasks(store, taskwarrior.parse(text, NOW), NOW.date())
    return time.perf_counter() - started, summary


def _process(data_dir: Path, kind: str, path: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(data_dir), "import", kind, str(path)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def measure(kind: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / ("export.json" if kind == "taskwarrior" else "journal.json")
        source.write_text(text, encoding="utf-8")
        first, summary = _in_process(folder / "a", kind, text)
        second, again = _in_process(folder / "a", kind, text)
        whole = _process(folder / "b", kind, source)
        again_whole = _process(folder / "b", kind, source)
        size = len(text.encode()) / 1024 / 1024
        print(f"\n{kind}: {size:.1f} MiB, {summary.imported} imported, {summary.archived} archived")
        print(f"  first import, in-process            {first * 1000:8.0f} ms")
        print(f"  second import (all {again.unchanged} unchanged) {second * 1000:8.0f} ms")
        print(f"  whole `planner import` process      {whole * 1000:8.0f} ms")
        print(f"  whole process, second time          {again_whole * 1000:8.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=3650)
    args = parser.parse_args()
    measure("taskwarrior", taskwarrior_export(args.tasks))
    measure("jrnl", jrnl_export(args.days))


if __name__ == "__main__":
    main()
