"""The app meets every damage of the matrix (``damage_matrix``) as calmly as the CLI.

It is opened as ``planner`` opens it (``open_planner``, then the app, then ``app_ended``):
a file the board needs (meta, open work, today's year of days) ends it with exit 3 and the
CLI's own message and advice; a file only some screens read (a journal year, the setbacks,
an archive year) shows its error in those screens' place while every other screen works.
Never a traceback, never the file's raw bytes on screen, never a write.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import pty
import re
import select
import sys
import time
from pathlib import Path

import pytest
from damage_matrix import (
    DAMAGES,
    FILES,
    MARKER,
    MONDAY,
    contents,
    damaged_sample,
    expected_problem,
)
from ui_support import screen_lines, until

from planner.domain.config import Config
from planner.domain.errors import DataError
from planner.i18n import translate as i18n
from planner.i18n.translate import t
from planner.shell.app import PlannerApp
from planner.shell.cli.context import CliExit, Context
from planner.shell.cli.main import main as cli_main
from planner.shell.wiring import app_ended, open_planner

ROOT = Path(__file__).resolve().parents[2]
SIZE = (220, 40)
"""Wide enough that a message naming a file under ``tmp_path`` is never wrapped mid-path."""

SCREENS = {"2": "journal", "3": "setbacks", "4": "review", "5": "people", "1": "board"}


def context(root: Path) -> Context:
    i18n.set_language("en")
    config = Config(language="en", data_dir=root)
    return Context(argparse.Namespace(), config, lambda: MONDAY, io.StringIO(), io.StringIO())


def shown(app: PlannerApp) -> str:
    """The screen's text on one line, runs of spaces as one (a message may wrap)."""
    return re.sub(r"\s+", " ", " ".join(screen_lines(app)))


def cli_message(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What ``planner today`` prints on stderr for the same folder."""
    code = cli_main(["--data-dir", str(root), "today"], clock=lambda: MONDAY)
    assert code == 3
    return capsys.readouterr().err


BOARD_FILES = ["meta", "open", "days"]
SCREEN_FILES = ["archive", "journal", "setbacks"]


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("file", BOARD_FILES)
async def test_a_file_the_board_needs_ends_the_app_with_the_cli_message(
    tmp_path: Path, file: str, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "data"
    path = damaged_sample(root, file, damage)
    before = contents(root)
    expected = cli_message(root, capsys)

    with pytest.raises(CliExit) as caught:
        try:
            planner = open_planner(context(root))
        except DataError as exc:  # meta and open work, before the app: as ``run`` says it
            raise CliExit(3, t("error.prefix", message=str(exc))) from None
        assert file == "days"
        app = PlannerApp(planner)
        async with app.run_test(size=SIZE):
            for _ in range(250):  # it ends itself; a pilot's pause would wait on its screen
                if app.return_code is not None:
                    break
                await asyncio.sleep(0.02)
        assert app.return_code == 3
        app_ended(app)

    assert caught.value.code == 3
    message = caught.value.message
    assert message.startswith(f"planner: {path}: ")
    assert expected.strip() == message.strip()
    assert expected_problem(damage) in message and MARKER.decode() not in message
    assert contents(root) == before


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("file", SCREEN_FILES)
async def test_a_file_some_screens_need_shows_there_and_the_rest_works(
    tmp_path: Path, file: str, damage: str
) -> None:
    root = tmp_path / "data"
    path = damaged_sample(root, file, damage)
    before = contents(root)
    app = PlannerApp(open_planner(context(root)))
    seen: dict[str, str] = {}

    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Board" in shown(app))
        seen["start"] = shown(app)
        for key, name in SCREENS.items():
            await pilot.press(key)
            await until(pilot, lambda name=name: app.screen.name == name)  # type: ignore[misc]
            await pilot.pause(0.3)  # the setbacks and journal screens read in a thread
            await until(pilot, lambda: "Loading" not in shown(app))
            seen[name] = shown(app)
        assert app.return_code is None, app.data_error

    assert app.data_error is None and app_ended(app) == 0
    for name, text in seen.items():
        assert MARKER.decode() not in text, name
    for name in ("start", "board", "people"):
        assert "Prepare the materials" in seen[name], name
    errors = [name for name, text in seen.items() if FILES[file] in text]
    if file != "archive":  # this week's screens read no archive year of 2025
        assert file in errors
        assert expected_problem(damage) in seen[file]
    assert "board" not in errors and "people" not in errors
    assert str(path.parent) not in seen["board"]
    assert contents(root) == before


async def test_the_journal_comes_back_once_its_file_is_repaired(tmp_path: Path) -> None:
    root = tmp_path / "data"
    path = damaged_sample(root, "journal", "garbage")
    app = PlannerApp(open_planner(context(root)), poll_seconds=0.1)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: "journal/2026.json" in shown(app))
        # The journal's own keys do nothing meanwhile (writing would read the file again).
        for key in ("t", "enter", "a", "b", "escape", "slash", "x", "escape", "number_sign"):
            await pilot.press(key)
        await pilot.pause(0.2)
        assert app.return_code is None and "journal/2026.json" in shown(app)
        path.unlink()  # as doctor --repair would leave it with no good copy: no entries

        await until(pilot, lambda: "journal/2026.json" not in shown(app))

        assert "is not valid planner data" not in shown(app)
        await pilot.press("1")
        await until(pilot, lambda: app.screen.name == "board")
        assert app.return_code is None


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_app_as_a_process_exits_3_and_prints_the_message_after_its_screen(
    tmp_path: Path,
) -> None:
    """``planner`` in a real terminal (a pseudo-terminal), on a damaged year of days: the
    app ends itself, the terminal leaves the alternate screen, and only then the CLI's
    message is printed; exit code 3."""
    root = tmp_path / "data"
    path = damaged_sample(root, "days", "garbage")
    held = path.read_bytes()

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(ROOT)
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "planner", "--data-dir", str(root)])
    output = bytearray()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)

    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3, output[-2000:]
    text = output.decode("utf-8", "replace")
    left = text.rfind("\x1b[?1049l")  # leaving the alternate screen
    assert left != -1
    after = text[left:]
    assert f"planner: {path}: is not valid planner data" in after
    assert "Traceback" not in text and MARKER.decode() not in text
    assert path.read_bytes() == held
