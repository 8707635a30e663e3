"""Bindings described in the user's language.

Our ``BINDINGS`` carry catalog keys as descriptions (``"key.quick_add"``); each widget that
owns bindings translates its own copy when it is built, after the language was chosen.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from planner.i18n.translate import has, t

TEXTUAL_DESCRIPTIONS = {
    "Copy selected text": "key.copy",
    "Focus Next": "key.focus_next",
    "Focus Previous": "key.focus_previous",
}
"""Textual's own binding descriptions that reach our screens, and the catalog keys for them."""


def _text(description: str) -> str:
    key = TEXTUAL_DESCRIPTIONS.get(description, description)
    return t(key) if has(key) else description


def translated(bindings: BindingsMap) -> BindingsMap:
    keys: dict[str, list[Binding]] = {}
    for key, items in bindings.key_to_bindings.items():
        keys[key] = [
            replace(
                item,
                description=_text(item.description),
                tooltip=_text(item.tooltip) if item.tooltip else item.tooltip,
            )
            for item in items
        ]
    return BindingsMap.from_keys(keys)


class TranslatedBindings:
    """Mixin for a widget, screen or app: translate its binding descriptions once it exists.

    A plain mixin rather than a ``DOMNode`` subclass, so it leaves Textual's merging of
    CSS and component classes along the real base classes untouched.
    """

    _bindings: BindingsMap

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._bindings = translated(self._bindings)


def help_rows(node: DOMNode) -> list[tuple[str, str]]:
    """(key display, description) for every described binding of ``node``, in order."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key, items in node._bindings.key_to_bindings.items():
        for item in items:
            if not item.description:
                continue
            display = item.key_display or node.app.get_key_display(item)
            entry = (display, item.description)
            if entry not in seen and key:
                seen.add(entry)
                rows.append(entry)
    return rows
