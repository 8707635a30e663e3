"""Bindings described in the user's language.

Our ``BINDINGS`` carry catalog keys as descriptions (``"key.quick_add"``). They stay so in
Textual's own binding maps and are translated where they are shown: the key bar and the
help screen (``help_rows``) through ``description``, Textual's footer and keys panel through
``Screen.active_bindings``, which ``TranslatedBindings`` translates.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode

from planner.i18n.translate import has, t
from widgets.compat import own_bindings

TEXTUAL_DESCRIPTIONS = {
    "Copy selected text": "key.copy",
    "Focus Next": "key.focus_next",
    "Focus Previous": "key.focus_previous",
}
"""Textual's own binding descriptions that reach our screens, and the catalog keys for them."""


def _text(description: str) -> str:
    key = TEXTUAL_DESCRIPTIONS.get(description, description)
    return t(key) if has(key) else description


def description(binding: Binding) -> str:
    """What ``binding`` does, in the user's language (a binding of one of our nodes)."""
    return _text(binding.description)


def translated(binding: Binding) -> Binding:
    """``binding`` with its description and tooltip in the user's language."""
    tooltip = _text(binding.tooltip) if binding.tooltip else binding.tooltip
    return replace(binding, description=_text(binding.description), tooltip=tooltip)


class TranslatedBindings:
    """Mixin for a widget, screen or app whose ``BINDINGS`` are described by catalog keys.

    On a screen it translates ``active_bindings``, what Textual's footer and keys panel show:
    each binding of a node with this mixin (its own and those it inherits from Textual, as
    ``TEXTUAL_DESCRIPTIONS`` names them), the others as they are. A plain mixin rather than
    a ``DOMNode`` subclass, so it leaves Textual's merging of CSS and component classes
    along the real base classes untouched.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {
            key: ActiveBinding(
                item.node,
                translated(item.binding),
                item.enabled,
                _text(item.tooltip) if item.tooltip else item.tooltip,
            )
            if isinstance(item.node, TranslatedBindings)
            else item
            for key, item in active.items()
        }


def help_rows(node: DOMNode) -> list[tuple[str, str]]:
    """(key display, description) for every described binding of ``node``, in order."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key, items in own_bindings(node).items():
        for item in items:
            if not item.description:
                continue
            display = item.key_display or node.app.get_key_display(item)
            entry = (display, description(item))
            if entry not in seen and key:
                seen.add(entry)
                rows.append(entry)
    return rows
