"""Every screen's and dialog's style sheet is found where its module says.

Screens are imported lazily, so a broken ``CSS_PATH`` would show only when that screen is
first opened; this imports every module under widgets/ and checks each path now.
"""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path, PurePath

import pytest
from textual.screen import Screen

from planner.shell.app import PlannerApp

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for path in (ROOT / "widgets").rglob("*.py")
    if path.stem != "__init__"
)


def css_paths(owner: type) -> list[Path]:
    declared = owner.__dict__.get("CSS_PATH")
    if declared is None:
        return []
    paths = declared if isinstance(declared, list) else [declared]
    folder = Path(inspect.getfile(owner)).parent
    return [folder / PurePath(path) for path in paths]


def test_every_widgets_module_is_listed() -> None:
    assert {"widgets.screens.board", "widgets.dialogs.prompt"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_style_sheets_of_each_screen_exist(module: str) -> None:
    for _, owner in inspect.getmembers(import_module(module), inspect.isclass):
        if issubclass(owner, Screen) and owner.__module__ == module:
            for path in css_paths(owner):
                assert path.is_file(), f"{owner.__name__}: {path} is missing"


def test_the_apps_style_sheets_exist() -> None:
    paths = css_paths(PlannerApp)
    assert len(paths) == 2
    assert all(path.is_file() for path in paths), paths
