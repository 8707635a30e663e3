"""The migration to schema 3 (date ids for days and journal entries) on the ten-year data set.

The data set is written, turned back into a schema-2 folder (random ids for its days and
entries, every file stamped 2), and a fresh process opens it: the time of that first start,
migration included, against a second start of the migrated folder.

    uv run python -m benchmarks.migration --years 10
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.dataset import write
from data.files.layout import Layout
from planner.domain.ids import new_id

OPEN = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from data.store import FileStore
store = FileStore(Path(sys.argv[1]), clock=lambda: datetime(2026, 11, 23, 9, tzinfo=timezone.utc))
print(json.dumps(store.migration.counts if store.migration else None))
"""


def downgrade(data_dir: Path) -> None:
    """Make ``data_dir`` what a planner of schema 2 would have left: random day and entry
    ids, every file stamped 2."""
    layout = Layout(data_dir)
    for kind, path in layout.data_files():
        data = json.loads(path.read_bytes())
        if kind.name in ("days", "journal") and kind.table is not None:
            for document in data[kind.table].values():
                document["id"] = new_id()
        next(iter(data["_meta"].values()))["schema"] = 2
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")


def timed_open(data_dir: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + OPEN, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        write(data_dir, args.years)
        downgrade(data_dir)
        first, counts = timed_open(data_dir)
        second, _none = timed_open(data_dir)
    print(f"{args.years} years: first start with the migration {first:.2f} s ({counts}),")
    print(f"  the next start {second:.2f} s; the migration's own share {first - second:.2f} s")


if __name__ == "__main__":
    main()
