"""The app's sync after another machine ran ``planner rekey`` (issue 15): the sync cannot
follow without the passphrase, so the app asks it in a password dialog (both languages),
syncs again with it (the key derived in the worker, never on the UI thread) and goes on with
the new key; ``esc`` leaves the header saying ``needs passphrase``; a wrong passphrase is
said in the dialog, asked again. A fake sync checks the dialog's flow, and real git with two
machines (the other one driven by the CLI) checks the whole of it."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_calls import MONDAY, call
from textual.pilot import Pilot
from textual.widgets import Input, Static
from ui_support import Clock, build_store, sample_tasks, screen_lines, until

from data.crypto.keyfile import unlock_folder
from data.store import FileStore
from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from planner.shell.app_sync import FolderSync, Severity, SyncDone, SyncState
from widgets.dialogs.passphrase import PassphraseScreen
from widgets.parts.header import AppHeader

SIZE = (100, 30)
PASS = "同步口令 sync words"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_TEST_KDF", "fast")


class RekeyedSync:
    """A sync that asks the passphrase until it is given ``right``; each call's passphrase
    and thread are kept."""

    def __init__(self, right: str) -> None:
        self.right = right
        self.given: list[str | None] = []
        self.threads: list[threading.Thread] = []
        self.current = SyncState(enabled=True, needs_passphrase=False)

    def state(self) -> SyncState:
        return self.current

    def sync(self, passphrase: str | None = None) -> SyncDone:
        self.given.append(passphrase)
        self.threads.append(threading.current_thread())
        if passphrase != self.right:
            self.current = SyncState(enabled=True, needs_passphrase=True)
            return SyncDone(self.current, asks="m4chine1d", wrong=passphrase is not None)
        self.current = SyncState(enabled=True)
        return SyncDone(self.current, "Synced: nothing to send or receive.")

    def conflicts(self, *, privacy: bool, width: int = 80) -> list[tuple[str, str]]:
        return []

    def reverse(self, conflict_id: str, *, privacy: bool) -> tuple[str, Severity]:
        raise AssertionError("no conflict to reverse")


def fake_app(tmp_path: Path, sync: RekeyedSync, language: str = "en") -> PlannerApp:
    i18n.set_language(language)
    clock = Clock()
    tasks, main = sample_tasks(language)
    store = build_store(tmp_path, clock, tasks, main)
    config = Config(language=language, data_dir=tmp_path / "data")
    return PlannerApp(Planner(store, config, clock), poll_seconds=0.2, sync=sync)


def header_text(app: PlannerApp) -> str:
    return str(app.screen.query_one(AppHeader).render())


def dialog_shown(app: PlannerApp) -> bool:
    return isinstance(app.screen, PassphraseScreen) and app.focused is not None


def dialog_error(app: PlannerApp) -> str:
    if not isinstance(app.screen, PassphraseScreen):
        return ""
    found = app.screen.query("#error")  # empty while the dialog is being composed
    box = found.first(Static) if found else None
    return str(box.render()) if box is not None and box.display else ""


async def holds(pilot: Pilot[Any], condition: Any, *, limit: float = 5.0) -> None:
    await until(pilot, condition, limit=limit)
    assert condition()


async def give(pilot: Pilot[Any], passphrase: str) -> None:
    await holds(pilot, lambda: dialog_shown(pilot.app), limit=15)
    field = pilot.app.screen.query_one("#passphrase", Input)
    assert field.password and pilot.app.focused is field
    await pilot.press(*passphrase)
    assert passphrase not in "\n".join(screen_lines(pilot.app))  # dots only
    await pilot.press("enter")


async def test_the_sync_asks_the_passphrase_esc_leaves_it_needed_then_wrong_then_right(
    tmp_path: Path,
) -> None:
    fake = RekeyedSync("right one")
    app = fake_app(tmp_path, fake)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await holds(pilot, lambda: "synced" in header_text(app))
        await pilot.press("S")
        await holds(pilot, lambda: "planner rekey" in "\n".join(screen_lines(app)))
        assert dialog_shown(app) and "m4chine1d" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        await holds(pilot, lambda: not isinstance(app.screen, PassphraseScreen))
        await holds(pilot, lambda: "needs passphrase" in header_text(app))
        assert any("needs the passphrase" in str(n.message) for n in app._notifications)
        await pilot.pause(0.3)  # the header's state read again keeps saying it
        assert "needs passphrase" in header_text(app)
        await pilot.press("S")
        await give(pilot, "wrong one")
        await holds(pilot, lambda: "Wrong passphrase" in dialog_error(app))
        await give(pilot, "right one")
        await holds(pilot, lambda: "synced" in header_text(app) and not app._sync_running)
    assert fake.given == [None, None, "wrong one", "right one"]
    assert all(thread is not threading.main_thread() for thread in fake.threads)


async def test_the_sync_passphrase_dialog_in_chinese(tmp_path: Path) -> None:
    fake = RekeyedSync("对的口令")
    app = fake_app(tmp_path, fake, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await holds(pilot, lambda: "同步：请输入口令" in "\n".join(screen_lines(app)))
        assert dialog_shown(app) and "m4chine1d" in "\n".join(screen_lines(app))
        await give(pilot, "错")
        await holds(pilot, lambda: "口令不对" in dialog_error(app))
        await pilot.press("escape")
        await holds(pilot, lambda: "需要口令" in header_text(app))
    i18n.set_language("en")


async def test_the_timer_never_opens_the_dialog(tmp_path: Path) -> None:
    fake = RekeyedSync("right one")
    app = fake_app(tmp_path, fake)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_sync(timed=True)
        await holds(pilot, lambda: "needs passphrase" in header_text(app))
        assert not isinstance(app.screen, PassphraseScreen)


# -- real git: the other machine runs planner rekey ----------------------------------------


class Machine:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.minutes = 0

    def ok(self, *args: str) -> str:
        self.minutes += 1
        code, out, err = call(
            *args, "--data-dir", str(self.root), now=MONDAY + timedelta(minutes=self.minutes)
        )
        assert code == 0, (args, out, err)
        return out

    def add(self, text: str) -> str:
        return str(json.loads(self.ok("add", text, "--json"))["id"])


def key_id(root: Path) -> str:
    return str(json.loads((root / "keys.json").read_bytes())["key_id"])


async def test_the_apps_sync_follows_a_rekey_on_another_machine_with_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("the git command is not installed")
    usb = tmp_path / "usb" / "planner.git"
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True, timeout=30)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    office.add("Before the rekey")
    office.ok("encrypt")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    office.ok("rekey")
    office_sync = FolderSync(office.root, clock=lambda: MONDAY, day_starts_at=time(5))
    assert not office_sync.state().needs_passphrase  # its own rekey, not sent yet
    after = office.add("Sent after the rekey")
    office.ok("sync")
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")  # the app alone can give it now
    assert key_id(laptop.root) != key_id(office.root)

    def now() -> datetime:
        return MONDAY + timedelta(hours=2)

    store = FileStore(laptop.root, clock=now, keys=unlock_folder(laptop.root, PASS))
    app = PlannerApp(Planner(store, Config(data_dir=laptop.root), now), poll_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await holds(pilot, lambda: dialog_shown(app), limit=30)
        await pilot.press("escape")
        await holds(pilot, lambda: "needs passphrase" in header_text(app))
        runner = app.sync_runner
        assert runner is not None and runner.state().needs_passphrase  # from the files
        assert not office_sync.state().needs_passphrase  # the machine that rekeyed
        await pilot.press("S")
        await give(pilot, "not it")
        await holds(pilot, lambda: "Wrong passphrase" in dialog_error(app), limit=30)
        await give(pilot, PASS)
        await holds(pilot, lambda: after in {t.id for t in store.open_tasks()}, limit=30)
        await holds(pilot, lambda: not app._sync_running and "synced" in header_text(app), limit=30)
        assert store.keys is not None
        assert key_id(laptop.root) == key_id(office.root)
        assert app.planner.store.keys is not None
        held = store.keys.data_key.key_id
        assert held == unlock_folder(laptop.root, PASS).data_key.key_id
        assert not runner.state().needs_passphrase
        board = app.board_screen()
        assert board is not None
        board.select(after)  # the task that came with the new key
        await pilot.pause()
        await pilot.press("space")  # a write with the new key, no lock screen
        await holds(pilot, lambda: store.get_task(after).status == "done")
        assert not app.pending and not app.locked


def test_the_sync_on_quit_uses_the_apps_keys_and_says_when_it_needs_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``open_app``'s sync when the app ends (the config's timer is on): with the keys the
    app held it syncs an encrypted folder; after a rekey on another machine it says to run
    ``planner sync`` (which asks the passphrase) instead of saying nothing."""
    import argparse
    import io

    from planner.shell.cli.context import Context
    from planner.shell.wiring import sync_on_quit

    if shutil.which("git") is None:
        pytest.skip("the git command is not installed")
    usb = tmp_path / "usb" / "planner.git"
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True, timeout=30)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    office.ok("encrypt")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    first = office.add("Sent before the rekey")
    office.ok("sync")
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    keys = unlock_folder(laptop.root, PASS)
    config = Config(data_dir=laptop.root, sync_every_minutes=10)

    def quit_sync() -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        now = MONDAY + timedelta(hours=2)
        sync_on_quit(Context(argparse.Namespace(), config, lambda: now, out, err), keys)
        return out.getvalue(), err.getvalue()

    out, err = quit_sync()
    assert out.startswith("Synced:") and err == "", (out, err)
    assert first in {
        t.id for t in FileStore(laptop.root, clock=lambda: MONDAY, keys=keys).open_tasks()
    }
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    office.ok("rekey")
    office.ok("sync")
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    out, err = quit_sync()
    assert out == "" and "planner rekey" in err and "planner sync" in err, (out, err)
