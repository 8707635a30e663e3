"""The app on an encrypted data folder: the passphrase asked at start (right, wrong then
right, esc), ``ctrl+l`` and the idle lock, nothing of the data on the lock screen, the
header's mark, and the lock screen at 80x24 in both languages.

The key file is made at the tests' tiny Argon2id cost (``PLANNER_TEST_KDF=fast``, obeyed
only under pytest); the idle lock is driven by an injected clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from ui_support import MONDAY, Clock, build_store, fixed_task, sample_tasks, screen_lines, until

from data.crypto.folder import encrypt_folder
from data.crypto.keyfile import Keys
from data.store import FileStore
from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from planner.shell.app_lock import FolderKeys, keys_at_start
from planner.shell.unlock_app import UnlockApp
from widgets.parts.header import AppHeader
from widgets.screens.lock import LockScreen

PASSPHRASE = "tigerlily42"
PLANTED = ("Zebrafinchpact", "机密标题甲乙")
"""Titles planted in the data: never on the lock screen."""
SIZE = (80, 24)
Snap = Callable[..., bool]


class IdleClock:
    """Monotonic seconds the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PLANNER_TEST_KDF", "fast")
    for name in ("PLANNER_PASSPHRASE_FILE", "PLANNER_PASSPHRASE_FD"):
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.set_language("en")


def encrypted_folder(tmp_path: Path, clock: Clock, language: str = "en") -> tuple[Path, FileStore]:
    """The sample board and two planted titles in a data folder encrypted with
    ``PASSPHRASE`` (``planner encrypt``'s own function), and a store opened with its keys."""
    tasks, main = sample_tasks(language)
    tasks += [fixed_task(20 + n, title, status="open") for n, title in enumerate(PLANTED)]
    build_store(tmp_path, clock, tasks, main)
    folder = tmp_path / "data"
    made = encrypt_folder(folder, PASSPHRASE, created=MONDAY)
    assert made is not None
    for path in folder.rglob("*"):  # truly encrypted: no planted word in any file
        if path.is_file():
            raw = path.read_bytes()
            assert not any(title.encode() in raw for title in PLANTED), path
    return folder, FileStore(folder, clock=clock, keys=made.keys)


def make_locking_app(
    tmp_path: Path,
    clock: Clock,
    idle: IdleClock,
    *,
    language: str = "en",
    lock_after: int = 15,
    keys: dict[str, str] | None = None,
) -> PlannerApp:
    i18n.set_language(language)
    folder, store = encrypted_folder(tmp_path, clock, language)
    config = Config(
        language=language, data_dir=folder, lock_after_minutes=lock_after, keys=keys or {}
    )
    return PlannerApp(
        Planner(store, config, clock), poll_seconds=0.2, idle_clock=idle, idle_check_seconds=0.05
    )


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)


def status_text(app: Any) -> str:
    return str(app.screen.query_one("#lock-status", Static).render())


def lock_field_focused(app: Any) -> bool:
    """The lock screen is up and its field takes the keys."""
    return isinstance(app.screen, LockScreen) and app.focused is app.screen.query_one(Input)


def shown(app: Any) -> str:
    return "\n".join(screen_lines(app))


# -- at start ---------------------------------------------------------------------------


def unlock_app(tmp_path: Path, clock: Clock, language: str = "en") -> UnlockApp:
    i18n.set_language(language)
    folder, _store = encrypted_folder(tmp_path, clock, language)
    return UnlockApp(FolderKeys(folder), Config(language=language, data_dir=folder))


async def test_start_prompt_right_passphrase_gives_the_keys(tmp_path: Path, clock: Clock) -> None:
    app = unlock_app(tmp_path, clock)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, LockScreen)
        field = app.screen.query_one("#passphrase", Input)
        assert field.password and app.focused is field
        assert not any(title in shown(app) for title in PLANTED)
        await type_text(pilot, PASSPHRASE)
        assert PASSPHRASE not in shown(app)  # typed as dots
        await pilot.press("enter")
        await until(pilot, lambda: app.return_value is not None)
    assert isinstance(app.return_value, Keys)


async def test_start_prompt_wrong_then_right(tmp_path: Path, clock: Clock) -> None:
    app = unlock_app(tmp_path, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, "wrong")
        await pilot.press("enter")
        await until(pilot, lambda: "Wrong passphrase" in status_text(app))
        assert "Wrong passphrase" in status_text(app)
        field = app.screen.query_one("#passphrase", Input)
        assert field.value == "" and not field.disabled and app.focused is field
        assert app.return_value is None and app.is_running
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: app.return_value is not None)
    assert isinstance(app.return_value, Keys)


async def test_start_prompt_in_chinese_says_wrong_in_chinese(tmp_path: Path, clock: Clock) -> None:
    app = unlock_app(tmp_path, clock, "zh")
    async with app.run_test() as pilot:
        assert "数据已加密" in shown(app)
        await type_text(pilot, "wrong")
        await pilot.press("enter")
        await until(pilot, lambda: "口令不对" in status_text(app))
        assert "口令不对" in status_text(app)


async def test_start_prompt_esc_quits_without_keys(tmp_path: Path, clock: Clock) -> None:
    app = unlock_app(tmp_path, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")  # no command palette before the data is open
        assert isinstance(app.screen, LockScreen)
        await type_text(pilot, "half")
        await pilot.press("escape")
        await until(pilot, lambda: not app.is_running)
    assert app.return_value is None


def test_keys_at_start_ask_only_when_no_key_is_at_hand(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def ask() -> Keys | None:
        asked.append(True)
        return None

    plain = tmp_path / "plain"
    build_store(plain, clock, [], None)
    assert keys_at_start(FolderKeys(plain / "data"), ask) == (True, None)
    assert not asked
    folder, _store = encrypted_folder(tmp_path, clock)
    # no agent, keyring or passphrase variable: the lock screen is asked; esc: no go
    assert keys_at_start(FolderKeys(folder), ask) == (False, None)
    assert asked == [True]
    # a passphrase file: the keys without asking
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    go_on, keys = keys_at_start(FolderKeys(folder), ask)
    assert go_on and isinstance(keys, Keys)
    assert asked == [True]


async def test_the_unlocked_keys_open_the_encrypted_folder(tmp_path: Path, clock: Clock) -> None:
    app = unlock_app(tmp_path, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: app.return_value is not None)
    keys = app.return_value
    assert isinstance(keys, Keys)
    store = FileStore(tmp_path / "data", clock=clock, keys=keys)
    assert set(PLANTED) <= {task.title for task in store.open_tasks()}


async def test_the_key_is_derived_off_the_ui_thread(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow derivation (as the real Argon2id cost is): the screen says it is checking and
    the app keeps drawing meanwhile; the derivation ran in another thread."""
    import threading
    import time

    release = threading.Event()
    threads: list[threading.Thread] = []
    unlock = FolderKeys.unlock

    def slow_unlock(self: FolderKeys, passphrase: str) -> Keys:
        threads.append(threading.current_thread())
        release.wait(5)
        return unlock(self, passphrase)

    monkeypatch.setattr(FolderKeys, "unlock", slow_unlock)
    app = unlock_app(tmp_path, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: "Checking" in shown(app))
        assert "Checking the passphrase" in shown(app)  # drawn while the key is derived
        assert app.screen.query_one("#passphrase", Input).disabled
        started = time.monotonic()
        await pilot.pause(0.1)  # the event loop runs meanwhile
        assert time.monotonic() - started < 2
        release.set()
        await until(pilot, lambda: app.return_value is not None)
    assert isinstance(app.return_value, Keys)
    assert threads and threads[0] is not threading.main_thread()


async def test_empty_passphrase_is_asked_again(tmp_path: Path, clock: Clock) -> None:
    app = unlock_app(tmp_path, clock)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert "Type the passphrase" in status_text(app)
        assert app.is_running


# -- in use -------------------------------------------------------------------------------


async def test_ctrl_l_locks_and_the_passphrase_brings_the_user_back(
    tmp_path: Path, clock: Clock
) -> None:
    idle = IdleClock()
    app = make_locking_app(tmp_path, clock, idle)
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.pause()
        assert PLANTED[0] in shown(app)  # the planted title is on the board
        await pilot.press("e")  # the edit form of the highlighted task, half edited
        await until(pilot, lambda: app.screen.id != "board" and bool(app.screen.query(Input)))
        where = app.screen
        field = app.focused
        assert isinstance(field, Input)
        field.value = f"{PLANTED[1]} half typed"
        await pilot.pause()
        assert PLANTED[1] in shown(app)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: lock_field_focused(app))
        assert app.locked
        text = shown(app)
        assert not any(title in text for title in PLANTED)
        assert "planner is locked" in text
        # the app's keys do nothing while locked: no palette, no help
        await pilot.press("ctrl+p", "f1")
        assert isinstance(app.screen, LockScreen)
        await type_text(pilot, "nope")
        await pilot.press("enter")
        await until(pilot, lambda: "Wrong passphrase" in status_text(app))
        assert app.locked
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        assert app.screen is where
        assert app.focused is field
        assert field.value == f"{PLANTED[1]} half typed"


async def test_the_lock_key_is_remapped_through_keys(tmp_path: Path, clock: Clock) -> None:
    app = make_locking_app(tmp_path, clock, IdleClock(), keys={"app.lock": "f9"})
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.locked
        await pilot.press("f9")
        await until(pilot, lambda: lock_field_focused(app))
        assert app.locked


async def test_idle_lock_after_the_configured_minutes(tmp_path: Path, clock: Clock) -> None:
    idle = IdleClock()
    app = make_locking_app(tmp_path, clock, idle, lock_after=15)
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.pause()
        idle.now += 14 * 60
        await pilot.pause(0.15)
        assert not app.locked
        await pilot.press("j")  # a key: idle time starts again
        idle.now += 14 * 60
        await pilot.pause(0.15)
        assert not app.locked
        idle.now += 60
        await until(pilot, lambda: app.locked and lock_field_focused(app))
        assert isinstance(app.screen, LockScreen)
        assert not any(title in shown(app) for title in PLANTED)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        assert app.screen.name == "board"


async def test_lock_after_zero_never_locks(tmp_path: Path, clock: Clock) -> None:
    idle = IdleClock()
    app = make_locking_app(tmp_path, clock, idle, lock_after=0)
    async with app.run_test() as pilot:
        idle.now += 1440 * 60
        await pilot.pause(0.15)
        assert not app.locked


async def test_notices_wait_for_the_unlock(tmp_path: Path, clock: Clock) -> None:
    idle = IdleClock()
    app = make_locking_app(tmp_path, clock, idle)
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.press("ctrl+l")
        await until(pilot, lambda: app.locked and lock_field_focused(app))
        app.notify(f"Done: {PLANTED[1]}")
        await pilot.pause()
        assert PLANTED[1] not in shown(app)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: not app.locked and not isinstance(app.screen, LockScreen))
        await pilot.pause()
        assert any(PLANTED[1] in str(n.message) for n in app._notifications)


async def test_header_says_the_data_is_encrypted(tmp_path: Path, clock: Clock) -> None:
    idle = IdleClock()
    app = make_locking_app(tmp_path, clock, idle)
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(AppHeader)
        assert "encrypted" in str(header.render())


async def test_header_says_when_a_keyring_holds_the_key(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.shell import keys as shell_keys

    def in_keyring(root: Path, **_: object) -> shell_keys.KeyStatus:
        return shell_keys.KeyStatus(encrypted=True, agent=False, keyring=True)

    monkeypatch.setattr(shell_keys, "key_status", in_keyring)
    app = make_locking_app(tmp_path, clock, IdleClock(), language="zh")
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.pause()
        assert "已加密，密钥在钥匙串" in str(app.screen.query_one(AppHeader).render())


async def test_plain_folder_has_no_mark_and_ctrl_l_says_why(
    tmp_path: Path, clock: Clock, make_app: Callable[..., PlannerApp]
) -> None:
    app = make_app("en")
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.pause()
        assert "encrypted" not in str(app.screen.query_one(AppHeader).render())
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.locked
        assert any("not encrypted" in str(n.message) for n in app._notifications)


def test_config_default_locks_after_fifteen_minutes() -> None:
    assert Config().lock_after_minutes == 15
    assert replace(Config(), lock_after_minutes=0).lock_after_minutes == 0


# -- snapshots ----------------------------------------------------------------------------


async def lock_now(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    app = pilot.app
    app.clear_notifications()
    await pilot.press("ctrl+l")
    await until(pilot, lambda: isinstance(app.screen, LockScreen))
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_lock_screen_at_80(snap_compare: Snap, tmp_path: Path, clock: Clock, language: str) -> None:
    app = make_locking_app(tmp_path, clock, IdleClock(), language=language)
    assert snap_compare(app, terminal_size=SIZE, run_before=lock_now)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_start_lock_screen_at_80(
    snap_compare: Snap, tmp_path: Path, clock: Clock, language: str
) -> None:
    assert snap_compare(unlock_app(tmp_path, clock, language), terminal_size=SIZE)


async def test_help_lists_ctrl_l(tmp_path: Path, clock: Clock) -> None:
    from widgets.keys.translate import help_rows

    app = make_locking_app(tmp_path, clock, IdleClock())
    async with app.run_test(size=(130, 42)) as pilot:
        await pilot.pause()
        rows = help_rows(app.screen)
        lock = [row for row in rows if row.binding_id == "app.lock"]
        assert [(row.keys, row.description) for row in lock] == [("^l", "Lock now")]
