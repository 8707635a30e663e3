"""The app while another process changes the data folder's key (issue 15): ``planner rekey``
(with or without ``planner passphrase`` first), ``planner encrypt`` and ``planner decrypt``
run by the real CLI in a second process on the same folder while the app is open.

What must hold: the app notices on its next read or write, locks with the lock screen saying
the key changed on this computer (both languages), asks the passphrase, goes on with the new
keys of ``keys.json``, and the change refused for the old key is saved after the unlock with
the new key (never written with the old one, never dropped silently). An idle lock over a
rekey reads ``keys.json`` again at its unlock. After a decrypt the app goes on in plain text.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from ui_support import MONDAY, Clock, build_store, sample_tasks, screen_lines, until

from data.crypto.folder import encrypt_folder
from data.crypto.keyfile import read_keyfile, unlock_folder
from data.files import sealing
from data.store import FileStore
from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from widgets.parts.header import AppHeader
from widgets.screens.lock import LockScreen

PASSPHRASE = "tigerlily42"
NEWER = "新的口令 newer"
SIZE = (130, 42)
REPO = Path(__file__).resolve().parents[2]


class IdleClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PLANNER_TEST_KDF", "fast")
    yield
    i18n.set_language("en")


def planner_in_another_process(tmp_path: Path, folder: Path, *args: str, **secrets: str) -> str:
    """``planner --data-dir FOLDER ARGS`` in a second process, the passphrases from files
    (``old``: PLANNER_PASSPHRASE_FILE, ``new``: PLANNER_NEW_PASSPHRASE_FILE)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for name, variable in (
        ("old", "PLANNER_PASSPHRASE_FILE"),
        ("new", "PLANNER_NEW_PASSPHRASE_FILE"),
    ):
        if name in secrets:
            path = tmp_path / f"{name}.txt"
            path.write_text(secrets[name] + "\n", encoding="utf-8")
            env[variable] = str(path)
    done = subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(folder), *args],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout.decode("utf-8")


async def in_another_process(tmp_path: Path, folder: Path, *args: str, **secrets: str) -> str:
    """The same, while the app's event loop goes on (its timers run meanwhile)."""
    return await asyncio.to_thread(planner_in_another_process, tmp_path, folder, *args, **secrets)


def make_app(
    tmp_path: Path,
    clock: Clock,
    *,
    language: str = "en",
    encrypted: bool = True,
    poll: float = 0.2,
    idle: IdleClock | None = None,
) -> tuple[PlannerApp, Path]:
    i18n.set_language(language)
    tasks, main = sample_tasks(language)
    build_store(tmp_path, clock, tasks, main)
    folder = tmp_path / "data"
    keys = None
    if encrypted:
        made = encrypt_folder(folder, PASSPHRASE, created=MONDAY)
        assert made is not None
        keys = made.keys
    store = FileStore(folder, clock=clock, keys=keys)
    config = Config(language=language, data_dir=folder, lock_after_minutes=15)
    app = PlannerApp(
        Planner(store, config, clock),
        poll_seconds=poll,
        idle_clock=idle or IdleClock(),
        idle_check_seconds=0.05,
    )
    return app, folder


def lock_words(app: Any) -> str:
    found = app.screen.query("#lock-why") if isinstance(app.screen, LockScreen) else None
    return str(found.first().render()) if found else ""  # "" while not composed yet


def status_text(app: Any) -> str:
    return str(app.screen.query_one("#lock-status", Static).render())


def key_id_of(folder: Path) -> bytes:
    keyfile = read_keyfile(folder)
    assert keyfile is not None
    return keyfile.key_id


def sealed_key_ids(folder: Path) -> set[bytes]:
    """The key id of every sealed data file (not backups: they keep their own)."""
    from data.crypto.seal import parse_envelope

    found = set()
    for path in folder.rglob("*.json"):
        if "backups" in path.parts or "sync" in path.parts:
            continue
        raw = path.read_bytes()
        if sealing.looks_sealed(raw):
            found.add(parse_envelope(raw, str(path)).key_id)
    return found


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and "backups" not in p.parts and p.name != ".lock"
    }


async def holds(pilot: Pilot[Any], condition: Any, *, limit: float = 5.0) -> None:
    """``until``, and then it must hold."""
    await until(pilot, condition, limit=limit)
    assert condition()


async def done_and_saved(pilot: Pilot[Any]) -> str:
    """``space`` on the highlighted task: it must be written (done in the store, nothing
    held for retry, not locked); its id."""
    app = pilot.app
    board = app.board_screen()
    assert board is not None and board.selected is not None
    chosen = board.selected.id
    await pilot.press("space")
    await holds(pilot, lambda: app.planner.store.get_task(chosen).status == "done")
    assert not app.pending and not app.locked
    return str(chosen)


async def unlock(pilot: Pilot[Any], passphrase: str) -> None:
    app = pilot.app
    await holds(pilot, lambda: isinstance(app.screen, LockScreen) and bool(app.screen.query(Input)))
    await holds(pilot, lambda: app.focused is app.screen.query_one(Input))
    await pilot.press(*passphrase)
    await pilot.press("enter")


async def test_a_write_after_a_rekey_elsewhere_locks_and_is_saved_with_the_new_key(
    tmp_path: Path, clock: Clock
) -> None:
    # no poll: the write is what notices
    app, folder = make_app(tmp_path, clock, poll=1000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.board_screen()
        assert board is not None and board.selected is not None
        chosen = board.selected.id
        old_key = key_id_of(folder)
        await in_another_process(tmp_path, folder, "rekey", old=PASSPHRASE)
        assert key_id_of(folder) != old_key
        after_rekey = files_of(folder)
        await pilot.press("space")  # done: refused for the old key
        await holds(pilot, lambda: isinstance(app.screen, LockScreen))
        assert app.locked
        words = lock_words(app)
        assert "data key was changed on this computer" in words
        assert "Changes not saved yet: 1" in words
        assert files_of(folder) == after_rekey  # nothing written with the old key
        await unlock(pilot, PASSPHRASE)
        await holds(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        await holds(pilot, lambda: not app.pending)
        assert any("new data key" in str(n.message) for n in app._notifications)
    new_keys = unlock_folder(folder, PASSPHRASE)
    sealing.forget(folder)
    fresh = FileStore(folder, clock=clock, keys=new_keys)
    assert fresh.get_task(chosen).status == "done"
    assert sealed_key_ids(folder) == {new_keys.data_key.key_id}


async def test_the_poll_notices_a_new_passphrase_and_rekey_and_asks_in_chinese(
    tmp_path: Path, clock: Clock
) -> None:
    app, folder = make_app(tmp_path, clock, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await in_another_process(tmp_path, folder, "passphrase", old=PASSPHRASE, new=NEWER)
        await in_another_process(tmp_path, folder, "rekey", old=NEWER)
        await holds(pilot, lambda: isinstance(app.screen, LockScreen), limit=10)
        assert "更换了数据密钥" in lock_words(app)
        await holds(pilot, lambda: "更换了数据密钥" in "\n".join(screen_lines(app)))
        await unlock(pilot, PASSPHRASE)  # the old passphrase no longer
        await holds(pilot, lambda: "口令不对" in status_text(app))
        assert app.locked
        await unlock(pilot, NEWER)
        await holds(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        await done_and_saved(pilot)
    assert sealed_key_ids(folder) == {key_id_of(folder)}


async def test_an_idle_unlock_reads_keys_json_again(tmp_path: Path, clock: Clock) -> None:
    idle = IdleClock()
    app, folder = make_app(tmp_path, clock, idle=idle)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        idle.now += 16 * 60
        await holds(pilot, lambda: app.locked and isinstance(app.screen, LockScreen))
        assert "data key was changed" not in lock_words(app)
        await in_another_process(tmp_path, folder, "rekey", old=PASSPHRASE)
        # the poll goes on under the lock: the screen now says why
        await holds(pilot, lambda: "data key was changed" in lock_words(app))
        await unlock(pilot, PASSPHRASE)
        await holds(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        held = app.planner.store.keys  # type: ignore[attr-defined]
        assert held.data_key.key_id == key_id_of(folder)
        await done_and_saved(pilot)
    assert sealed_key_ids(folder) == {key_id_of(folder)}


async def test_a_decrypt_elsewhere_is_followed_in_plain_text(tmp_path: Path, clock: Clock) -> None:
    app, folder = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "encrypted" in str(app.screen.query_one(AppHeader).render())
        await in_another_process(tmp_path, folder, "decrypt", old=PASSPHRASE)
        await holds(pilot, lambda: "encrypted" not in str(app.screen.query_one(AppHeader).render()))
        assert any("decrypted" in str(n.message) for n in app._notifications)
        chosen = await done_and_saved(pilot)
        assert not (folder / "keys.json").exists()
        assert not any(sealing.looks_sealed(raw) for raw in files_of(folder).values())
        plain = FileStore(folder, clock=clock)
        assert plain.get_task(chosen).status == "done"
        # encrypted again: a new key, which the app holds no key of (not a "rekey")
        await in_another_process(tmp_path, folder, "encrypt", old=PASSPHRASE)
        await holds(pilot, lambda: "was encrypted on this computer" in lock_words(app), limit=10)
        await unlock(pilot, PASSPHRASE)
        await holds(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        await holds(pilot, lambda: "encrypted" in str(app.screen.query_one(AppHeader).render()))


async def test_an_encrypt_elsewhere_locks_a_plain_app_until_the_passphrase(
    tmp_path: Path, clock: Clock
) -> None:
    app, folder = make_app(tmp_path, clock, encrypted=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await in_another_process(tmp_path, folder, "encrypt", old=PASSPHRASE)
        await holds(pilot, lambda: isinstance(app.screen, LockScreen), limit=10)
        assert "was encrypted on this computer" in lock_words(app)
        await unlock(pilot, PASSPHRASE)
        await holds(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        assert "encrypted" in str(app.screen.query_one(AppHeader).render())
        await done_and_saved(pilot)
    assert sealed_key_ids(folder) == {key_id_of(folder)}


class Said:
    """The ``warn`` of a CLI context, kept."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def warn(self, text: str) -> None:
        self.lines.append(text)


async def test_quitting_at_the_lock_screen_says_what_was_not_saved(
    tmp_path: Path, clock: Clock
) -> None:
    from planner.shell.wiring import say_unsaved

    app, folder = make_app(tmp_path, clock, poll=1000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await in_another_process(tmp_path, folder, "rekey", old=PASSPHRASE)
        after_rekey = files_of(folder)
        await pilot.press("space")
        await holds(pilot, lambda: "Changes not saved yet: 1" in lock_words(app))
        await pilot.press("escape")  # quits without them
        await holds(pilot, lambda: not app.is_running)
    assert files_of(folder) == after_rekey
    said = Said()
    say_unsaved(said, app)  # type: ignore[arg-type]
    assert said.lines == ["Not saved when the app was closed (1): done."]


async def test_while_another_process_converts_the_folder_the_poll_is_quiet_and_a_write_waits(
    tmp_path: Path, clock: Clock
) -> None:
    """``meta.json`` marked as halfway through a rekey (as ``planner rekey`` marks it while
    it runs): the look for outside changes says nothing, a write is refused and said, kept,
    and saved once the mark is gone."""
    from data.crypto import folder as folder_module

    app, folder = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.clear_notifications()
        meta = sealing.meta_document(folder)
        folder_module._write_meta(folder, {**meta, sealing.CHANGING_KEY: "rekey"})
        await pilot.pause(0.6)  # three looks for outside changes
        assert not app._notifications and not app.locked
        await pilot.press("space")
        await holds(pilot, lambda: bool(app.pending))
        said = [str(n.message) for n in app._notifications]
        assert any("another process is running it" in line for line in said), said
        folder_module._write_meta(folder, meta)
        await holds(pilot, lambda: not app.pending, limit=8)  # the retry, every 3 s
        assert not app.locked


async def test_journal_words_typed_before_a_key_change_are_shown_when_the_app_ends_unsaved(
    tmp_path: Path, clock: Clock
) -> None:
    """Words typed in the journal, refused for the old key (the screen saves them as the lock
    screen comes over it), then esc at the lock screen: the end of the app says they were
    not saved and prints them, so what was typed is never lost."""
    from planner.shell.wiring import say_unsaved
    from widgets.screens.journal import JournalScreen

    app, folder = make_app(tmp_path, clock, poll=1000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_journal()
        await until(pilot, lambda: isinstance(app.screen, JournalScreen) and app.screen.ready)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await in_another_process(tmp_path, folder, "rekey", old=PASSPHRASE)
        after_rekey = files_of(folder)
        screen.editor.insert("密语 words typed before the lock")
        await pilot.pause()
        screen.save_now()  # as leaving the entry does: refused for the old key
        await holds(pilot, lambda: "Changes not saved yet: 1" in lock_words(app))
        await pilot.press("escape")  # quits without them
        await holds(pilot, lambda: not app.is_running)
    assert files_of(folder) == after_rekey
    said = Said()
    say_unsaved(said, app)  # type: ignore[arg-type]
    assert said.lines[0].startswith("Not saved when the app was closed (1):")
    assert "密语 words typed before the lock" in said.lines[1]
    assert MONDAY.date().isoformat() in said.lines[1]
