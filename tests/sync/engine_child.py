"""A writer process for the sync kill tests (run as a script, never collected).

engine_child.py die-after-log DATA_DIR TITLE
    log one new task's operations, then SIGKILL itself before any data file is written.
engine_child.py loop DATA_DIR SEED
    write until killed (add a task, complete it, append to a journal entry), printing
    ``ack KIND VALUE`` after each ``apply`` returns.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.store import FileStore  # noqa: E402
from planner.domain.models import JournalEntry, Task  # noqa: E402
from planner.services.ports import Change  # noqa: E402

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 20, 9, 0, tzinfo=TZ)


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def die_after_log(data_dir: Path, title: str) -> None:
    store = FileStore(data_dir, clock=lambda: NOW)

    def killed(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    store.write_synced = killed  # type: ignore[method-assign]
    task = Task.create(title, NOW)
    say(f"id {task.id}")
    store.apply([Change(None, task)])
    say("not killed")


def loop(data_dir: Path, seed: int) -> None:
    store = FileStore(data_dir, clock=lambda: NOW)
    number = 0
    while True:
        number += 1
        task = Task.create(f"write {seed}-{number}", NOW, tags=("t",))
        store.apply([Change(None, task)])
        say(f"ack add {task.id}")
        with store.transaction():
            current = store.get_task(task.id)
            assert current is not None
            store.apply([Change(current, current.complete(NOW))])
        say(f"ack done {task.id}")
        day = date(2026, 12, 20) + timedelta(days=number % 3)
        token = f"s{seed}n{number}"
        with store.transaction():
            entry = store.get_entry(day)
            new = (
                JournalEntry.create(day, NOW, body=f"{token}\n")
                if entry is None
                else entry.appended(token, NOW)
            )
            store.apply([Change(entry, new)])
        say(f"ack journal {day.isoformat()} {token}")


def main() -> None:
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    if mode == "die-after-log":
        die_after_log(data_dir, sys.argv[3])
    elif mode == "loop":
        loop(data_dir, int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
