"""The board's ``/`` filter on an encrypted folder (issue 15): it finds planted words as
on a plain folder, in memory only; filtering writes no file that holds them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ui_support import Clock, build_store, fixed_task, sample_tasks, until

from data.crypto.folder import encrypt_folder
from data.files.sealing import looks_sealed, role_kind
from data.store import FileStore
from planner.domain.config import Config
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from widgets.parts.lanes import LaneTable
from widgets.screens.board import FilterInput

PASSPHRASE = "filter words 过滤"
PLANTED = ("Qzwagtail briefing", "鹡鸰密件 审阅")
SIZE = (130, 45)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_TEST_KDF", "fast")


def every_byte(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def holds_a_planted_word(raw: bytes) -> bool:
    words = [w for title in PLANTED for w in title.split()]
    forms = [f for w in words for f in (w.encode(), json.dumps(w).encode()[1:-1])]
    return any(form in raw for form in forms)


def shown_titles(app: PlannerApp) -> list[str]:
    return [item.task.title for table in app.screen.query(LaneTable) for item in table.items]


async def test_the_board_filter_finds_planted_words_and_writes_nothing_plain(
    tmp_path: Path, clock: Clock
) -> None:
    tasks, main = sample_tasks("en")
    tasks += [fixed_task(30 + n, title, status="open") for n, title in enumerate(PLANTED)]
    build_store(tmp_path, clock, tasks, main)
    folder = tmp_path / "data"
    made = encrypt_folder(folder, PASSPHRASE, created=clock())
    assert made is not None
    before = every_byte(folder)
    assert not any(holds_a_planted_word(raw) for raw in before.values())
    store = FileStore(folder, clock=clock, keys=made.keys)
    app = PlannerApp(Planner(store, Config(language="en", data_dir=folder), clock))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(shown_titles(app)))
        await pilot.press("slash", *"qzwagtail")
        await until(pilot, lambda: shown_titles(app) == ["Qzwagtail briefing"])
        app.screen.query_one(FilterInput).value = "鹡鸰密件"
        await until(pilot, lambda: shown_titles(app) == ["鹡鸰密件 审阅"])
        app.screen.query_one(FilterInput).value = "absentword"
        await until(pilot, lambda: shown_titles(app) == [])
    after = every_byte(folder)
    for relative, raw in after.items():
        assert not holds_a_planted_word(raw), relative
        if relative not in before and role_kind(relative) is not None:
            assert looks_sealed(raw), relative
