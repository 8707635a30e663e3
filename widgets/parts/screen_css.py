"""Showing a screen for the first time without restyling the whole app twice (Textual 8).

When a mode's screen is first shown, Textual re-parses the whole stylesheet for a
``CSS_PATH`` (discarding its parse cache) and then restyles every widget of the app twice,
because a new screen starts out marked as behind the app's styles. Together that is
40-70 ms of the journal's first opening, for styles that are already current: the screen's
widgets are styled as they mount. So screens read their stylesheet as ``DEFAULT_CSS``
(parsed incrementally, like any widget's) and say at construction that they are up to date
(``widgets.compat.mark_styles_current``, as Textual has no public call for it). A theme
change later still reaches them: it advances the app's count past theirs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from widgets import compat


def stylesheet(module_file: str, name: str) -> str:
    """The text of the ``.tcss`` file ``name`` beside ``module_file`` (pass the screen's own
    ``__file__``), for a screen's ``DEFAULT_CSS``."""
    return (Path(module_file).parent / name).read_text(encoding="utf-8")


def mark_styles_current(screen: Screen[Any]) -> None:
    """Call in a screen's ``__init__`` (the app is running): no restyle of the app for it."""
    compat.mark_styles_current(screen)
