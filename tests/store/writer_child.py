"""A writer process for the multi-process tests (run as a script, never collected).

writer_child.py add DATA_DIR COUNT PREFIX
    add COUNT tasks, one ``apply`` each; print each id once ``apply`` returned.
writer_child.py loop DATA_DIR SEED
    the same writer as ``serve`` forks, in this interpreter, until killed.
writer_child.py serve DATA_DIR
    a fork server for the SIGKILL test: reads ``spawn SEED`` lines on stdin; for each,
    forks a writer that loops until killed (add a task, complete it, append to a journal
    entry, compact now and then), printing ``ack KIND VALUE`` after each ``apply``
    returns, prints ``pid N``, waits for it to die and prints ``reaped N``. Forking from
    an interpreter that has already imported everything keeps 200 kills within seconds.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import tempfile  # noqa: E402

from data.store import FileStore  # noqa: E402
from planner.domain.models import JournalEntry, Task  # noqa: E402
from planner.services.ports import Change  # noqa: E402

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 20, 9, 0, tzinfo=TZ)
COMPACT_DAY = date(2026, 12, 21)
PASSPHRASE_VARIABLE = "WRITER_PASSPHRASE"
"""Set (by the encrypted kill storm): the data folder is encrypted with this passphrase."""


def open_store(data_dir: Path) -> FileStore:
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if not passphrase:
        return FileStore(data_dir, clock=lambda: NOW)
    from data.crypto.keyfile import unlock_folder

    return FileStore(data_dir, clock=lambda: NOW, keys=unlock_folder(data_dir, passphrase))


def say(line: str) -> None:
    """One ``write`` per line: lines from several processes on one pipe never interleave."""
    os.write(1, (line + "\n").encode("utf-8"))


def add(data_dir: Path, count: int, prefix: str) -> None:
    store = open_store(data_dir)
    for number in range(count):
        task = Task.create(f"{prefix} 任务 {number}", NOW)
        store.apply([Change(None, task)])
        say(f"ack add {task.id}")


def write_forever(data_dir: Path, seed: int) -> None:
    store = open_store(data_dir)
    number = 0
    while True:
        number += 1
        task = Task.create(f"写入 {seed}-{number}", NOW, tags=("测试",))
        store.apply([Change(None, task)])
        say(f"ack add {task.id}")
        with store.transaction():
            current = store.get_task(task.id)
            assert current is not None
            store.apply([Change(current, current.complete(NOW))])
        say(f"ack done {task.id}")
        if number % 2 == 0:
            token = f"t{seed}x{number}"
            day = date(2026, 12, 20) + timedelta(days=(seed + number) % 25)
            with store.transaction():
                entry = store.get_entry(day)
                if entry is None:
                    new = JournalEntry.create(day, NOW, body=f"{token}\n")
                else:
                    new = entry.appended(token, NOW)
                store.apply([Change(entry, new)])
            say(f"ack journal {day.isoformat()} {token}")
        if number % 5 == 0:
            store.compact(COMPACT_DAY)
            say("ack compact -")


def warm_up() -> None:
    """One write to a scratch folder, so that every module a first write imports lazily
    (TinyDB, the backups, the lock, uuid...) is loaded before forking: each forked writer
    then spends its few milliseconds writing, not importing (~30 ms of imports otherwise,
    longer than most kill windows)."""
    with tempfile.TemporaryDirectory() as scratch:
        passphrase = os.environ.get(PASSPHRASE_VARIABLE)
        if passphrase:  # the crypto modules and cryptography loaded before forking too
            from data.crypto.folder import encrypt_folder

            FileStore(Path(scratch), clock=lambda: NOW)
            encrypt_folder(Path(scratch), passphrase, created=NOW)
        store = open_store(Path(scratch))
        task = Task.create("warm-up", NOW)
        store.apply([Change(None, task)])
        with store.transaction():
            store.apply([Change(task, task.complete(NOW))])
        store.apply([Change(None, JournalEntry.create(NOW.date(), NOW, body="warm-up\n"))])
        store.compact(COMPACT_DAY)


def serve(data_dir: Path) -> None:
    warm_up()
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command != "spawn":
            continue
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(data_dir, int(argument))
            finally:
                os._exit(1)
        say(f"pid {pid}")
        os.waitpid(pid, 0)
        say(f"reaped {pid}")


def main() -> None:
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    if mode == "add":
        add(data_dir, int(sys.argv[3]), sys.argv[4])
    elif mode == "loop":
        write_forever(data_dir, int(sys.argv[3]))
    elif mode == "serve":
        serve(data_dir)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
