"""Bindings described in the user's language.

Our ``BINDINGS`` carry catalog keys as descriptions (``"key.quick_add"``). They stay so in
Textual's own binding maps and are translated where they are shown: the key bar and the
help screen (``help_rows``) through ``description``, Textual's footer and keys panel through
``Screen.active_bindings``, which ``TranslatedBindings`` translates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode

from planner.i18n.translate import has, t
from widgets.compat import keymapped_bindings, own_bindings

TEXTUAL_DESCRIPTIONS = {
    "Copy selected text": "key.copy",
    "Focus Next": "key.focus_next",
    "Focus Previous": "key.focus_previous",
    # OptionList's (the lanes keep them) and DataTable's keys
    "Down": "key.down",
    "Up": "key.up",
    "Cursor down": "key.down",
    "Cursor up": "key.up",
    "Cursor left": "key.left",
    "Cursor right": "key.right",
    "Select": "key.select",
    "First": "key.list_first",
    "Last": "key.list_last",
    "Home": "key.list_first",
    "End": "key.list_last",
    "Top": "key.list_first",
    "Bottom": "key.list_last",
    "Page Down": "key.page_down",
    "Page Up": "key.page_up",
    "Page down": "key.page_down",
    "Page up": "key.page_up",
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


TEXTUAL_SCREEN_ACTIONS = frozenset({"app.focus_next", "app.focus_previous", "screen.copy_text"})
"""The keys every Textual screen has (``tab``, ``shift+tab``, ``ctrl+c``): they move between
and copy from text fields, so the help lists them only on a screen that has some."""


def acting_bindings(node: DOMNode) -> list[tuple[str, Binding]]:
    """(key, binding) for each binding of ``node`` with the user's keymap applied, in the
    order of the node's ``BINDINGS`` (Textual's keymap moves a remapped one to the end)."""
    order: dict[tuple[str, str], int] = {}
    for items in own_bindings(node).values():
        for item in items:
            order.setdefault((item.action, item.description), len(order))
    pairs = [(key, item) for key, items in keymapped_bindings(node).items() for item in items]
    return sorted(pairs, key=lambda pair: order.get((pair[1].action, pair[1].description), 0))


@dataclass(frozen=True, slots=True)
class HelpRow:
    """One action in the help: its keys as shown, what it does, and its binding id (for the
    config's ``[keys]``), if it has one."""

    keys: str
    description: str
    binding_id: str | None


def _listed(binding: Binding, node: DOMNode) -> bool:
    """Described, in words the catalog has (ours, or Textual's that we translate)."""
    if not binding.description:
        return False
    key = TEXTUAL_DESCRIPTIONS.get(binding.description, binding.description)
    return has(key)


SIDEWAYS_ACTIONS = frozenset({"cursor_left", "cursor_right", "scroll_left", "scroll_right"})
"""Textual's lists and tables move sideways with the arrows: only when there is somewhere
to go (a table with a cell or column cursor, or one wider than its window)."""


def _moves_sideways(node: DOMNode) -> bool:
    from textual.widget import Widget
    from textual.widgets import DataTable

    if isinstance(node, DataTable) and node.cursor_type in ("cell", "column"):
        return True
    return isinstance(node, Widget) and node.display and node.size.width > 0 < node.max_scroll_x


def help_rows(screen: DOMNode) -> list[HelpRow]:
    """Every key that acts on ``screen``, one row per action with all its keys, as the
    user's keymap has them: the screen's own, those of the widgets on it (the board's
    ``j``, ``k`` and arrows are the lanes'), then the app's. A key listed once, under the
    first that takes it; Textual's field keys only where there are fields, its sideways
    arrows only where something moves sideways; bindings
    without a description (or with one we cannot translate) are not listed."""
    from textual.widgets import Input, TextArea

    has_fields = bool(screen.query(Input)) or bool(screen.query(TextArea))
    nodes: list[DOMNode] = [screen, *screen.query("*"), screen.app]
    rows: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], str | None] = {}
    taken: set[str] = set()
    for node in nodes:
        for key, item in acting_bindings(node):
            if key in taken or not _listed(item, node):
                continue
            if item.action in TEXTUAL_SCREEN_ACTIONS and not has_fields:
                continue
            if item.action in SIDEWAYS_ACTIONS and not _moves_sideways(node):
                continue
            taken.add(key)
            entry = (item.action, description(item))
            display = item.key_display or node.app.get_key_display(item)
            keys = rows.setdefault(entry, [])
            if display not in keys:
                keys.append(display)
            if ids.get(entry) is None:
                ids[entry] = item.id
    return [HelpRow(", ".join(keys), entry[1], ids[entry]) for entry, keys in rows.items()]
