"""A progress bar on stderr for exports and imports that take longer than a moment.

Nothing is shown for quick work, nor when stderr is not a terminal (scripts, pipes, tests):
the bar starts only once ``delay`` seconds have passed, and ``rich`` is imported only then,
so a fast command pays nothing for it. Output never goes to stdout, which may be the export.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO


class Progress:
    """Counts units of work; shows a bar once the work has outlasted ``delay``."""

    def __init__(self, label: str, total: int, stream: TextIO, *, delay: float = 0.4) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._stream = stream
        self._delay = delay
        self._started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None
        self._enabled = total > 0 and _is_terminal(stream)

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if not self._enabled:
            return
        if self._bar is None:
            if time.monotonic() - self._started < self._delay:
                return
            self._start_bar()
        self._bar.update(self._task, completed=self.done)

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        console = Console(file=self._stream)
        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=self.total, completed=self.done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    @property
    def shown(self) -> bool:
        return self._bar is not None


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:
        return False


@contextmanager
def progress(label: str, total: int, stream: TextIO, *, delay: float = 0.4) -> Iterator[Progress]:
    """``with progress("Exporting", n, ctx.err) as bar: ... bar.advance()``."""
    bar = Progress(label, total, stream, delay=delay)
    try:
        yield bar
    finally:
        bar.close()
