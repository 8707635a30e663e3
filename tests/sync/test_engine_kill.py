"""A kill between the log and the data files loses nothing: real processes, really killed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from engine_support import Clock, make_replica, sync

from data import doctor
from data.store import FileStore
from data.sync.oplog import OwnLog
from data.sync.state import applied_seq

CHILD = Path(__file__).with_name("engine_child.py")
ROOT = Path(__file__).resolve().parents[2]


def child(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, cwd=ROOT, env=env
    )


def test_a_write_killed_after_its_log_is_replayed_on_opening(tmp_path: Path) -> None:
    clock = Clock()
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    a.start_sync()
    b.start_sync()
    process = child("die-after-log", str(a.root), "logged, then killed")
    output, _ = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    (task_id,) = [line.split()[1] for line in output.decode().splitlines() if line.startswith("id")]
    assert "not killed" not in output.decode()
    assert FileStore(a.root, clock=clock).get_task(task_id) is not None  # replayed on opening
    assert applied_seq(a.root, a.machine) == OwnLog(a.root, a.machine).last_seq
    a.reopen()
    sync(a, b)
    found = b.store.get_task(task_id)
    assert found is not None and found.title == "logged, then killed"
    assert a.documents() == b.documents()


def test_kills_at_random_moments_lose_no_acknowledged_write(tmp_path: Path) -> None:
    clock = Clock()
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    a.start_sync()
    b.start_sync()
    rng = random.Random(14)
    added: set[str] = set()
    tokens: set[str] = set()
    for seed in range(12):
        process = child("loop", str(a.root), str(seed))
        time.sleep(0.4 + rng.random() * 0.4)
        process.send_signal(signal.SIGKILL)
        output, _ = process.communicate(timeout=60)
        for line in output.decode().splitlines():
            parts = line.split()
            if parts[:2] == ["ack", "add"]:
                added.add(parts[2])
            elif parts[:2] == ["ack", "journal"]:
                tokens.add(parts[3])
    store = FileStore(a.root, clock=clock)
    assert all(store.get_task(task_id) is not None for task_id in added)
    bodies = "".join(entry.body for entry in store.journal_entries())
    assert all(token in bodies for token in tokens)
    assert all(report.ok for report in doctor.check(a.root))
    a.reopen()
    sync(a, b)
    sync(a, b)
    assert a.documents() == b.documents()
    assert len(added) > 0
