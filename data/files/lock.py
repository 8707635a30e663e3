"""The data folder's lock: every writer (store, backup, restore, repair, migration) holds it.

The lock is re-entrant within a process, so a backup taken inside a store transaction does
not deadlock, and the kernel releases it when a process dies, so a killed writer never
leaves it held.

On Linux and macOS it is an advisory ``fcntl.flock`` on ``.lock``, taken directly: that is
the very lock ``filelock.UnixFileLock`` takes, but importing ``filelock`` costs 70-90 ms here
(it pulls in ``asyncio``), over a third of the 0.2 s budget of a whole ``planner add``
process. Elsewhere (Windows, best effort) ``filelock`` is imported and used.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from data.files.atomic import FILE_MODE
from data.files.layout import LOCK_FILE
from planner.domain.errors import DataError

LOCK_TIMEOUT = 30.0
POLL_INTERVAL = 0.005
"""Writes hold the lock for milliseconds, so waiters poll often."""


class _Held:
    """A lock file held by this process, with how many nested holders it has."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.depth = 1


_held: dict[tuple[Path, int], _Held] = {}
"""Locks held, by file and thread: re-entrant within a thread; another thread opens its own
descriptor, and ``flock`` makes it wait like any other process."""


def _timeout_error(path: Path) -> DataError:
    return DataError(
        str(path),
        f"is held by another planner process (waited {LOCK_TIMEOUT:.0f} s)",
        "close other planner windows or scripts that may be stuck, then try again",
    )


def _acquire_posix(path: Path, timeout: float) -> int:
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise _timeout_error(path) from None
            time.sleep(POLL_INTERVAL)
        except BaseException:
            os.close(fd)
            raise


def _release_posix(fd: int) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def _locked_with_filelock(path: Path, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(
        path, timeout=timeout, mode=FILE_MODE, is_singleton=True, poll_interval=POLL_INTERVAL
    )
    try:
        lock.acquire()
    except Timeout:
        raise _timeout_error(path) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def locked(root: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the data folder's lock; waiting longer than ``timeout`` raises ``DataError``."""
    path = Path(os.path.abspath(root)) / LOCK_FILE
    if sys.platform == "win32":
        with _locked_with_filelock(path, timeout):
            yield
        return
    key = (path, threading.get_ident())
    held = _held.get(key)
    if held is not None:
        held.depth += 1
    else:
        held = _held[key] = _Held(_acquire_posix(path, timeout))
    try:
        yield
    finally:
        held.depth -= 1
        if held.depth == 0:
            del _held[key]
            _release_posix(held.fd)
