"""Every use of Textual's internals, and only here (``tests/ui/test_compat.py`` scans the
rest of ``widgets/`` and ``planner/shell/`` for any other).

Each is kept because Textual has no public way to the same result, or because the public
way costs start-up time or extra repaints (the reason and the cost are given with each).
All were checked on Textual ``TEXTUAL_CHECKED``; ``pyproject.toml`` holds Textual to that
version, and a test fails when the installed one differs, so that a new Textual is taken
only once these have been read against its source again and the UI tests pass on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual.geometry import Size
from textual.scroll_view import ScrollView

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.notifications import Notification
    from textual.screen import Screen

TEXTUAL_CHECKED = "8.2.8"
"""The Textual version everything below was read against and tested on."""

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object


class HandlesItsErrors(_AppBase):
    """Mixin for the App (before ``App`` in the bases): an exception no handler caught is
    first offered to ``handle_error``, and only when that returns False does Textual end
    the app its way (a traceback whose dump shows the locals: a damaged file's raw bytes).

    Textual routes every uncaught exception of a message handler, a timer or a mount to
    ``App._handle_exception``, which has no public counterpart; this overrides it. It also
    sets ``App._exception_event``, as Textual's own handling does: a test's ``Pilot`` waits
    on it besides the screen, which an app ending itself during its mount never serves.
    """

    def handle_error(self, error: Exception) -> bool:
        """Deal with ``error`` (and return True), or leave it to Textual (False)."""
        return False

    def _handle_exception(self, error: Exception) -> None:
        if not self.handle_error(error):
            super()._handle_exception(error)
            return
        self._exception_event.set()


def own_bindings(node: DOMNode) -> Mapping[str, list[Binding]]:
    """The bindings ``node`` itself holds (its class's ``BINDINGS`` merged along its bases,
    as Textual merges them), by key; read only.

    The key bar and the help screen list a screen's and the app's own keys. Textual shows
    them only through ``Screen.active_bindings``, which is the focus chain rather than one
    node: it adds the focused widget's keys, drops those a focused text field takes as
    typing and hides actions ``check_action`` turns off at that moment, so the key bar
    would change with whatever held focus when it was drawn. Rebuilding the merge from each
    class's public ``BINDINGS`` would copy Textual's merging rules (``inherit_bindings`` is
    kept only in a private attribute too). So this reads ``DOMNode._bindings``.
    """
    return node._bindings.key_to_bindings


def mark_styles_current(screen: Screen[Any]) -> None:
    """Tell Textual that ``screen``'s styles are current (call in its ``__init__``, with the
    app running), so that showing it for the first time restyles nothing.

    A new screen's ``_css_update_count`` starts at -1, and Textual restyles every widget of
    the app, twice, when a screen whose count is behind the app's is first shown: 40-70 ms
    of the journal's first opening, for styles that are already current (the screen's
    widgets are styled as they mount). Textual has no public call for this. A theme change
    later still reaches the screen: it advances the app's count past the screen's.
    """
    screen._css_update_count = screen.app._css_update_count


class SteadyScrollView(ScrollView):
    """A ``ScrollView`` that repaints its scrollbar only when its own size or its
    container's changed, and that sets its virtual size itself (``show_lines``).

    ``ScrollView`` compares the virtual size the compositor passes at each layout with its
    own, and they always differ for a widget drawing more lines than it shows (the
    compositor passes the visible region): so it repainted the scrollbar after every layout
    of the screen, one more frame each time, the last drawn as the board first appears.
    """

    def show_lines(self, size: Size) -> None:
        """Make the scrollable content ``size`` (width, lines), and bring the scrollbar in
        line at once.

        Setting ``virtual_size`` alone leaves the scrollbar to the next layout, which
        ``_size_updated`` below then skips; ``OptionList`` does the same two steps.

        The size is set without asking for a layout (``set_reactive``, public): the widget's
        own height is set, not measured from its lines, so only the scrollbar can change
        the layout, and ``_scroll_update`` asks for one when it comes or goes. A lane that
        gained or lost a row after a key is then redrawn in place rather than after a layout
        of the whole screen, which drew the board a second time.
        """
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Nothing to do when neither the widget's size nor its container's changed
        (overrides a private method: Textual has no public hook for it)."""
        if size == self.outer_size and container_size == self.container_size:
            return False
        return super()._size_updated(size, virtual_size, container_size, layout)


def keymapped_bindings(node: DOMNode) -> Mapping[str, list[Binding]]:
    """``own_bindings(node)`` with the app's keymap (the config's ``[keys]``) applied, as
    Textual applies it when a key is pressed; read only.

    Textual applies the keymap only to the copies of the binding maps it builds for each
    key press (``Screen._binding_chain``), so ``DOMNode._bindings`` keeps the default keys;
    the help screen and the key bar show the keys that act. The keymap is kept only in
    ``App._keymap``, normalized by ``set_keymap``; ``BindingsMap.copy`` and
    ``apply_keymap`` are Textual's own steps. Read here with the same two private names.
    """
    bindings = node._bindings.copy()
    keymap = node.app._keymap
    if keymap:
        bindings.apply_keymap(keymap)
    return bindings.key_to_bindings


def keep_wide_characters_whole() -> None:
    """Stop Textual's compositor from blanking a wide (CJK) character that straddles the
    edge of a widget lying *beneath* the widget drawing it (Textual issue #6357, open on
    ``TEXTUAL_CHECKED``).

    The compositor cuts every screen line at each widget's left and right edge and lets the
    front-most widget fill each piece; ``Strip.divide`` turns a double-width character cut
    in two into two spaces. So a notice drawn over the setbacks list lost the character
    lying over the list's divider ("挫折分  已保存"). Here a widget that fills several
    neighbouring pieces is cut only where the pieces it fills end, its text kept whole in
    the first piece and the others given an empty strip, so that no widget behind it draws
    there. A character half-covered by another widget in front is still cut, as it must be.

    There is no public hook for this: it replaces ``Compositor._render_chops`` (same
    signature, same result wherever no wide character crosses a cut). Idempotent.
    """
    from textual._compositor import Compositor
    from textual.strip import Strip

    if getattr(Compositor._render_chops, "_planner_whole_wide", False):
        return

    def _render_chops(
        self: Compositor,
        crop: Any,
        is_rendered_line: Any,
    ) -> Any:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(line[:-1]) for line in cuts]
        empty = Strip([], 0)
        for region, clip, strips in self._get_renders(crop):
            render_region = region.intersection(clip)
            render_x = render_region.x
            first_cut, last_cut = render_region.column_span
            for y, strip in zip(render_region.line_range, strips, strict=False):
                if not is_rendered_line(y):
                    continue
                line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                # Painting front to back: a piece already filled belongs to a widget in
                # front. Cut this strip only where that changes.
                free = [line.get(cut) is None for cut in final_cuts[:-1]]
                # Runs of pieces: each filled piece alone, free neighbours together.
                runs: list[tuple[int, int]] = []
                first = 0
                while first < len(free):
                    end = first + 1
                    while free[first] and end < len(free) and free[end]:
                        end += 1
                    runs.append((first, end))
                    first = end
                pieces = strip.divide([final_cuts[end] - render_x for _, end in runs])
                for (first, end), piece in zip(runs, pieces, strict=False):
                    if free[first]:
                        line[final_cuts[first]] = piece
                        for index in range(first + 1, end):
                            line[final_cuts[index]] = empty
        return chops

    _render_chops._planner_whole_wide = True  # type: ignore[attr-defined]
    _render_chops._planner_original = Compositor._render_chops  # type: ignore[attr-defined]
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]


def withdraw_notice(app: App[Any], notification: Notification) -> None:
    """Take ``notification`` off the screen before its timeout (the morning plan's offer,
    gone at the next key). Textual removes a notice by its own timer only; ``_unnotify`` is
    what that timer calls. A notice already gone is left alone."""
    if notification in app._notifications:
        app._unnotify(notification)
