"""Dialogs and screens at 80x24 in both languages: each fits the width, nothing is cut
without a mark. (The board's and the help's own 80-column snapshots sit beside theirs.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_snapshots import LANGUAGES, select_row, settle
from textual.pilot import Pilot
from ui_support import AppFactory

SIZE = (80, 24)
Snap = Callable[..., bool]


@pytest.mark.parametrize("language", LANGUAGES)
def test_quick_add_at_80(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    keys = ["a", *"Book room due:someday", "enter"]
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=settle, press=keys)


@pytest.mark.parametrize("language", LANGUAGES)
def test_edit_form_at_80(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=select_row, press=["e"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_setbacks_list_at_80(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    from test_setback_snapshots import open_list, seeded

    assert snap_compare(seeded(make_app, language), terminal_size=SIZE, run_before=open_list)


async def review(pilot: Pilot[object]) -> None:
    from test_review import settle as review_settled

    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("4")
    await review_settled(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_at_80(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    from test_review import seed

    app = make_app(language, sample=False)
    seed(app)
    assert snap_compare(app, terminal_size=SIZE, run_before=review)
