"""The app's sync (issue #14): the key and the palette action run a sync in a worker (keys keep
working meanwhile), the header shows the state, the help lists the key, and the config's
timer syncs on its own. A fake ``AppSync`` stands in for git here; the real one is tested with
real git in ``tests/cli/test_sync_cli.py`` and below with a bare remote."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from ui_support import Clock, build_store, sample_tasks, until

from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from planner.shell.app_sync import Severity, SyncDone, SyncState
from widgets.parts.header import AppHeader

SIZE = (130, 45)


class FakeSync:
    """A sync that waits for ``release`` (so a test can press keys meanwhile), then ends as
    ``outcome`` says."""

    def __init__(self, state: SyncState, outcome: SyncDone) -> None:
        self.current = state
        self.outcome = outcome
        self.release = threading.Event()
        self.started = threading.Event()
        self.syncs = 0

    def state(self) -> SyncState:
        return self.current

    def sync(self) -> SyncDone:
        self.syncs += 1
        self.started.set()
        self.release.wait(10)
        self.current = self.outcome.state
        return self.outcome

    def conflicts(self, *, privacy: bool, width: int = 80) -> list[tuple[str, str]]:
        return []

    def reverse(self, conflict_id: str, *, privacy: bool) -> tuple[str, Severity]:
        raise AssertionError("no conflict to reverse")


def app_with(
    tmp_path: Path,
    sync: FakeSync | None,
    *,
    minutes: int = 0,
    language: str = "en",
    keys: dict[str, str] | None = None,
) -> PlannerApp:
    """The app on the sample board; ``sync`` None: its data folder's own git sync."""
    i18n.set_language(language)
    clock = Clock()
    tasks, main = sample_tasks(language)
    store = build_store(tmp_path, clock, tasks, main)
    config = Config(
        language=language,
        data_dir=tmp_path / "data",
        sync_every_minutes=minutes,
        keys=keys or {},
        remind_in_app=False,  # the sample's instruction is due soon: its notice is no sync's
    )
    return PlannerApp(Planner(store, config, clock), poll_seconds=0.2, sync=sync)


def header_text(app: PlannerApp) -> str:
    return str(app.screen.query_one(AppHeader).render())


async def test_the_sync_key_runs_in_a_worker_and_the_header_follows(tmp_path: Path) -> None:
    from textual.widgets._toast import Toast

    fake = FakeSync(
        SyncState(enabled=True, to_send=3),
        SyncDone(SyncState(enabled=True), "Synced: 3 changes sent, 2 received.", received=2),
    )
    app = app_with(tmp_path, fake)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: "3 to send" in header_text(app))
        assert "3 to send" in header_text(app)
        await pilot.press("S")
        await until(pilot, fake.started.is_set)
        await until(pilot, lambda: "syncing" in header_text(app))
        assert "syncing…" in header_text(app)
        # A key while the sync waits on the "network": the board answers at once.
        await pilot.press("5")
        await until(pilot, lambda: app.current_mode == "people")
        assert app.current_mode == "people"
        await pilot.press("S")  # a second sync while one runs: said, not started
        await pilot.pause(0.1)
        assert fake.syncs == 1
        fake.release.set()
        await until(pilot, lambda: "synced" in header_text(app))
        assert "synced" in header_text(app) and "syncing" not in header_text(app)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert "A sync is already running." in toasts
        assert "Synced: 3 changes sent, 2 received." in toasts


async def test_the_palette_syncs_and_the_header_says_offline_and_conflicts(
    tmp_path: Path,
) -> None:
    fake = FakeSync(
        SyncState(enabled=True),
        SyncDone(
            SyncState(enabled=True, offline=True, to_send=1, conflicts=2),
            "Offline: nothing is lost; the next sync sends it all.",
            "warning",
        ),
    )
    fake.release.set()
    app = app_with(tmp_path, fake)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "synced" in header_text(app))
        await pilot.press("ctrl+p", *"Sync now")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: "offline" in header_text(app))
        assert fake.syncs == 1
        assert "offline · 1 to send · conflicts: 2" in header_text(app)


async def test_the_help_lists_the_sync_key_in_both_languages(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    for language, words in (("en", "Sync now"), ("zh", "立即同步")):
        fake = FakeSync(SyncState(), SyncDone(SyncState()))
        app = app_with(tmp_path / language, fake, language=language)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            await pilot.pause(0.2)
            table = app.screen.query_one("#keys", DataTable)
            rows = [
                tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)
            ]
            assert ("S", words) in rows


async def test_no_sync_state_in_the_header_of_a_planner_that_does_not_sync(
    tmp_path: Path,
) -> None:
    from textual.widgets._toast import Toast

    fake = FakeSync(
        SyncState(),
        SyncDone(
            SyncState(),
            "This planner does not sync: run planner sync init REMOTE in a terminal.",
            "warning",
        ),
    )
    fake.release.set()
    app = app_with(tmp_path, fake, minutes=1)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause(0.3)
        before = header_text(app)
        assert "synced" not in before and "send" not in before
        app.start_sync(timed=True)  # the timer: nothing while this planner does not sync
        await pilot.pause(0.2)
        assert fake.syncs == 0
        assert not app.syncs_on_quit
        await pilot.press("S")
        await until(pilot, lambda: bool(app.screen.query(Toast)))
        assert fake.syncs == 1
        fake.current = SyncState(enabled=True)  # planner sync init, in a terminal meanwhile
        app.read_sync_state()  # after a write: not read while this planner does not sync
        await pilot.pause(0.2)
        assert "synced" not in header_text(app)
        app.read_sync_state(anyway=True)  # the slow timer's read sees it
        await until(pilot, lambda: "synced" in header_text(app))
        assert "synced" in header_text(app)


async def test_the_timer_syncs_quietly_and_quit_syncs_when_it_is_on(tmp_path: Path) -> None:
    from textual.widgets._toast import Toast

    fake = FakeSync(
        SyncState(enabled=True, to_send=1),
        SyncDone(SyncState(enabled=True), "Synced: 1 changes sent, 0 received."),
    )
    fake.release.set()
    app = app_with(tmp_path, fake, minutes=10)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: "1 to send" in header_text(app))
        assert app.syncs_on_quit
        app.start_sync(timed=True)
        await until(pilot, lambda: "synced" in header_text(app))
        assert fake.syncs == 1
        assert not app.screen.query(Toast)  # nothing came in: the timer says nothing
        fake.outcome = SyncDone(
            SyncState(enabled=True, offline=True), "Offline: nothing is lost.", "warning"
        )
        app.start_sync(timed=True)
        await until(pilot, lambda: "offline" in header_text(app))
        assert "offline" in header_text(app) and not app.screen.query(Toast)
    off = app_with(tmp_path / "off", replace_fake(fake), minutes=0)
    async with off.run_test(size=SIZE) as pilot:
        # the state the other app's last sync left (offline), read at start
        await until(pilot, lambda: "offline" in header_text(off))
        assert "offline" in header_text(off), header_text(off)
        assert not off.syncs_on_quit


def replace_fake(fake: FakeSync) -> FakeSync:
    again = FakeSync(replace(fake.current), fake.outcome)
    again.release.set()
    return again


async def test_the_sync_key_with_git_and_a_bare_remote(tmp_path: Path) -> None:
    """The real thing: the app's data folder syncs with a bare repository that another
    machine has synced a task to; ``S`` brings it onto the board, a write shows "to send"."""
    import shutil
    import subprocess

    import pytest
    from ui_support import fixed_task

    from data.store import FileStore
    from data.sync.engine import SyncEngine
    from planner.services.ports import Change

    if shutil.which("git") is None:
        pytest.skip("the git command is not installed")
    usb = tmp_path / "usb" / "planner.git"
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True, timeout=30)
    clock = Clock()
    app = app_with(tmp_path / "office", None)
    office = app.planner.store
    assert isinstance(office, FileStore)
    SyncEngine(office, clock=clock).init(str(usb))
    laptop = FileStore(tmp_path / "laptop" / "data", clock=clock)
    far = fixed_task(40, "Sent from the laptop", status="open")
    laptop.apply([Change(None, far)])
    SyncEngine(laptop, clock=clock).init(str(usb))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "synced" in header_text(app))
        assert "synced" in header_text(app)
        assert far.id not in {task.id for task in office.open_tasks()}
        await pilot.press("S")
        await until(pilot, lambda: far.id in {task.id for task in app.planner.store.open_tasks()})
        assert far.id in {task.id for task in app.planner.store.open_tasks()}
        await until(pilot, lambda: "synced" in header_text(app) and not app._sync_running)
        await pilot.press("x")  # done: a write of this machine, not sent yet
        await until(pilot, lambda: "to send" in header_text(app))
        assert "to send" in header_text(app)


async def test_the_sync_key_is_the_users(tmp_path: Path) -> None:
    fake = FakeSync(SyncState(enabled=True), SyncDone(SyncState(enabled=True)))
    fake.release.set()
    app = app_with(tmp_path, fake, keys={"app.sync": "f5"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await pilot.pause(0.2)
        assert fake.syncs == 0
        await pilot.press("f5")
        await until(pilot, lambda: fake.syncs == 1)
        assert fake.syncs == 1


async def test_a_sync_that_fails_unexpectedly_is_said_and_the_key_works_again(
    tmp_path: Path,
) -> None:
    from textual.widgets._toast import Toast

    class Broken(FakeSync):
        def sync(self) -> SyncDone:
            self.syncs += 1
            raise ValueError("a bug")

    fake = Broken(SyncState(enabled=True), SyncDone(SyncState(enabled=True)))
    app = app_with(tmp_path, fake)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: "synced" in header_text(app))
        await pilot.press("S")
        await until(pilot, lambda: bool(app.screen.query(Toast)))
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert "sync failed: ValueError: a bug" in toasts
        assert "syncing" not in header_text(app)
        await pilot.press("S")
        await until(pilot, lambda: fake.syncs == 2)
        assert fake.syncs == 2


async def test_a_conflict_is_reversed_in_the_app_with_one_key(tmp_path: Path) -> None:
    """Two machines edit one title without seeing each other (the CLI, real git); the laptop's
    app shows the conflict in its header, lists it from the palette, and ``r`` reverses it."""
    import io
    import json
    import shutil
    import subprocess
    from datetime import timedelta

    import pytest
    from textual.widgets import OptionList

    from data.store import FileStore
    from planner.shell.cli.main import run
    from widgets.dialogs.sync_conflicts import SyncConflictsScreen

    if shutil.which("git") is None:
        pytest.skip("the git command is not installed")
    usb = tmp_path / "usb" / "planner.git"
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True, timeout=30)
    office, laptop = tmp_path / "office", tmp_path / "laptop"
    clock = Clock()
    steps = iter(range(1, 100))

    def cli(root: Path, *args: str) -> str:
        clock.moment += timedelta(minutes=next(steps))
        out, err = io.StringIO(), io.StringIO()
        code = run([*args, "--data-dir", str(root)], clock=clock, out=out, err=err)
        assert code == 0, (args, err.getvalue())
        return out.getvalue()

    task = str(json.loads(cli(office, "add", "Draft the budget", "--json"))["id"])
    cli(office, "sync", "init", str(usb))
    cli(laptop, "sync", "init", str(usb))
    cli(office, "edit", task, "--title", "Office title")
    cli(laptop, "edit", task, "--title", "Laptop title")
    cli(office, "sync")
    cli(laptop, "sync")
    kept = json.loads(cli(laptop, "sync", "conflicts", "--json"))[0]
    i18n.set_language("en")
    store = FileStore(laptop, clock=clock)
    app = PlannerApp(Planner(store, Config(data_dir=laptop), clock), poll_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "conflicts: 1" in header_text(app))
        assert "conflicts: 1" in header_text(app)
        await pilot.press("ctrl+p", *"Sync conflicts")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SyncConflictsScreen))
        listed = app.screen.query_one(OptionList)
        assert listed.option_count == 1 and kept["id"] in str(listed.get_option_at_index(0).prompt)
        await pilot.press("r")
        await until(
            pilot,
            lambda: (
                store.get_task(task) is not None
                and (
                    store.get_task(task).title == kept["loser"]  # type: ignore[union-attr]
                )
            ),
        )
        assert app.planner.store.get_task(task).title == kept["loser"]  # type: ignore[union-attr]
        await until(pilot, lambda: "conflicts" not in header_text(app))
        assert "to send" in header_text(app)  # the reversal: an edit of this machine
