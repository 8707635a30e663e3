"""The data folder's lock: every writer (store, backup, restore, repair, migration) holds it.

One ``FileLock`` instance per lock file and process (``is_singleton``), so the lock is
re-entrant within a thread: a backup taken inside a store transaction does not deadlock.
The kernel releases it when a process dies, so a killed writer never leaves it held.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from data.atomic import FILE_MODE
from data.layout import LOCK_FILE
from planner.errors import DataError

LOCK_TIMEOUT = 30.0
POLL_INTERVAL = 0.005
"""Writes hold the lock for milliseconds; filelock's default 50 ms poll would dominate."""


def data_lock(root: Path) -> FileLock:
    return FileLock(
        Path(os.path.abspath(root)) / LOCK_FILE,
        timeout=LOCK_TIMEOUT,
        mode=FILE_MODE,
        is_singleton=True,
        poll_interval=POLL_INTERVAL,
    )


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the data folder's lock; waiting too long raises ``DataError``."""
    lock = data_lock(root)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(
            str(root / LOCK_FILE),
            f"is held by another planner process (waited {LOCK_TIMEOUT:.0f} s)",
            "close other planner windows or scripts that may be stuck, then try again",
        ) from None
    try:
        yield
    finally:
        lock.release()
