"""The setbacks list's columns give way in a stated order as the list narrows."""

from __future__ import annotations

import pytest

from widgets.screens.setbacks import GIVE_WAY, TITLE_MIN, fit_columns

FIXED = {"date": 10, "kind": 14, "cause": 12, "measures": 8, "state": 10}


def names(width: int) -> list[str]:
    return [name for name, _ in fit_columns(width, FIXED)]


def test_a_wide_list_shows_every_column() -> None:
    assert names(200) == ["date", "title", "kind", "cause", "measures", "state"]


@pytest.mark.parametrize("width", range(20, 201, 3))
def test_columns_give_way_in_order_and_the_title_date_and_state_stay(width: int) -> None:
    shown = names(width)
    assert {"date", "title", "state"} <= set(shown)
    dropped = [name for name in ("kind", "cause", "measures") if name not in shown]
    assert dropped == list(GIVE_WAY[: len(dropped)])
    title = dict(fit_columns(width, FIXED))["title"]
    assert title >= TITLE_MIN


def test_the_order_shows_at_the_widths_of_80_and_120_columns() -> None:
    assert names(48) == ["date", "title", "measures", "state"]
    assert names(72) == ["date", "title", "cause", "measures", "state"]
