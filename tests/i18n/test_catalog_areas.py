"""The catalog is kept in one module per area; ``planner.i18n.translate`` merges them all,
and no key is defined by two areas (one would silently win over the other)."""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from types import ModuleType

import pytest

import planner.i18n.catalog as catalog
from planner.i18n.translate import MESSAGES, merge


def areas() -> list[ModuleType]:
    return [
        importlib.import_module(f"{catalog.__name__}.{module.name}")
        for module in pkgutil.iter_modules(catalog.__path__)
    ]


def area_messages(area: ModuleType) -> dict[str, tuple[str, str]]:
    messages: dict[str, tuple[str, str]] = area.MESSAGES
    return messages


def test_the_areas_are_found() -> None:
    assert {"common", "board", "cli", "export"} <= {
        area.__name__.rsplit(".", 1)[1] for area in areas()
    }


def test_no_key_is_defined_by_two_areas() -> None:
    counts = Counter(key for area in areas() for key in area_messages(area))
    assert [key for key, count in counts.items() if count > 1] == []


def test_every_area_is_merged_unchanged() -> None:
    """An area module ``translate`` forgot to import would have its keys missing."""
    merged: dict[str, tuple[str, str]] = {}
    for area in areas():
        merged.update(area_messages(area))
    assert merged == MESSAGES


def test_merging_refuses_a_key_defined_twice() -> None:
    first = {"lane.main": ("Main contradiction", "主要矛盾"), "yes": ("yes", "是")}
    second = {"lane.main": ("Main", "主要")}
    with pytest.raises(ValueError, match=r"lane\.main"):
        merge(first, second)
    assert merge(first, {"no": ("no", "否")}) == {**first, "no": ("no", "否")}
