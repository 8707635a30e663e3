"""Fixtures of the storage tests: a movable clock and stores on a real folder in ``tmp_path``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from data.store import FileStore

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class MovableClock:
    """A clock the test moves by hand; every store in a test shares it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_store(data_dir: Path, clock: MovableClock) -> Callable[[], FileStore]:
    """Open a fresh store on the test's data folder (as a new process would)."""
    return lambda: FileStore(data_dir, clock=clock)


@pytest.fixture
def store(open_store: Callable[[], FileStore]) -> FileStore:
    return open_store()
