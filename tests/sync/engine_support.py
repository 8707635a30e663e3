"""Replicas of the sync engine tests: data folders in ``tmp_path`` that exchange their logs by
copying ``sync/ops`` folders (no git), with one movable clock shared by all."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from data.store import FileStore
from data.sync.machine import MachineIdentity
from data.sync.receive import ReceiveReport, receive
from data.sync.snapshot import write_snapshot
from data.sync.state import enable
from planner.domain.models import AnyRecord, Task
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Clock:
    def __init__(self, moment: datetime = START) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


@dataclass
class Replica:
    name: str
    root: Path
    clock: Callable[[], datetime]
    store: FileStore
    machine: str = ""

    def start_sync(self) -> int:
        self.machine = MachineIdentity.load_or_create(self.root).id
        with self.store.transaction():
            enable(self.root, self.machine)
            return write_snapshot(self.store)

    def reopen(self) -> FileStore:
        self.store = FileStore(self.root, clock=self.clock)
        return self.store

    def write(self, *changes: Change) -> None:
        self.store.apply(list(changes))

    def receive(self) -> ReceiveReport:
        return receive(self.store)

    def documents(self) -> dict[str, dict[str, Any]]:
        """Every record's stored document, by id (what must converge)."""
        from data.sync.snapshot import records

        self.store.refresh()
        return {record.id: record.to_dict() for record in records(self.store)}


def make_replica(tmp_path: Path, name: str, clock: Callable[[], datetime]) -> Replica:
    root = tmp_path / name
    return Replica(name, root, clock, FileStore(root, clock=clock))


def send(source: Replica, target: Replica) -> None:
    """Copy ``source``'s own log folder into ``target`` (what git carries)."""
    folder = source.root / "sync" / "ops" / source.machine
    if folder.is_dir():
        dest = target.root / "sync" / "ops" / source.machine
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(folder, dest)


def sync(*replicas: Replica) -> list[ReceiveReport]:
    """Every replica sends to every other, then each receives."""
    for source in replicas:
        for target in replicas:
            if source is not target:
                send(source, target)
    return [replica.receive() for replica in replicas]


def get(replica: Replica, kind: str, record_id: str) -> AnyRecord | None:
    replica.store.refresh()
    found = replica.store.locate(kind, record_id)
    return None if found is None else found[0]


def task_on(replica: Replica, task_id: str) -> Task:
    """The task ``task_id`` as ``replica`` holds it (the test fails if it holds none)."""
    found = get(replica, "task", task_id)
    assert isinstance(found, Task)
    return found
