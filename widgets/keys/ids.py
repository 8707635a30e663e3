"""The id of every binding a user may remap in the config's ``[keys]`` table.

An id names one action of one screen (``board.quick_add``), or of every screen (``app.*``);
its value in ``[keys]`` replaces all the keys of that action (``"board.down" = "n,down"``),
as Textual's keymap does (``Binding(id=...)``, ``App.set_keymap``). Plain data, so that
reading the config never imports Textual or the screens; ``tests/ui/test_keys_and_themes.py``
checks it against the ``BINDINGS`` of every screen and of the app.
"""

from __future__ import annotations

BINDING_IDS: tuple[str, ...] = (
    # everywhere
    "app.quit",
    "app.help",
    "app.palette",
    "app.board",
    "app.journal",
    "app.setbacks",
    "app.review",
    "app.people",
    "app.privacy",
    "app.sync",
    "app.lock",
    # the board (1)
    "board.quick_add",
    "board.edit",
    "board.accept",
    "board.main",
    "board.done",
    "board.central",
    "board.schedule",
    "board.due",
    "board.wait",
    "board.feedback",
    "board.extend",
    "board.confidential",
    "board.drop",
    "board.delete",
    "board.undo",
    "board.redo",
    "board.explain",
    "board.filter",
    "board.next_lane",
    "board.previous_lane",
    "board.first",
    "board.last",
    "board.open_setback",
    "board.down",
    "board.up",
    "board.open",
    "board.lane_first",
    "board.lane_last",
    "board.page_down",
    "board.page_up",
    "board.leave_filter",
    "board.done_lane",
    "board.timer",
    # the journal (2)
    "journal.previous",
    "journal.next",
    "journal.today",
    "journal.write",
    "journal.switch",
    "journal.search",
    "journal.tags",
    "journal.confidential",
    "journal.export",
    "journal.leave_search",
    "journal.down",
    "journal.up",
    "journal.leave_editor",
    "journal.results_down",
    "journal.results_up",
    # setbacks (3)
    "setbacks.new",
    "setbacks.open",
    "setbacks.reviewed",
    "setbacks.export",
    "setbacks.down",
    "setbacks.up",
    # review (4)
    "review.week",
    "review.month",
    "review.previous",
    "review.next",
    "review.this",
    "review.go",
    "review.export",
    # people (5)
    "people.down",
    "people.up",
    "people.open",
)
