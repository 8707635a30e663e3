"""The stderr progress bar: silent for quick work and for non-terminals, drawn otherwise."""

from __future__ import annotations

import io
import time

from planner.shell.cli.progress import progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with progress("Exporting", 3, stream, delay=0) as bar:
        for _ in range(3):
            bar.advance()
        assert not bar.shown
    assert stream.getvalue() == ""
    assert bar.done == 3


def test_quick_work_draws_nothing_even_on_a_terminal() -> None:
    stream = FakeTerminal()
    with progress("Exporting", 3, stream, delay=60) as bar:
        bar.advance(3)
        assert not bar.shown
    assert stream.getvalue() == ""


def test_slow_work_on_a_terminal_draws_a_bar_and_removes_it() -> None:
    stream = FakeTerminal()
    with progress("Exporting", 4, stream, delay=0.01) as bar:
        time.sleep(0.02)
        bar.advance()
        assert bar.shown
        bar.advance(3)
    assert not bar.shown
    assert "Exporting" in stream.getvalue()
