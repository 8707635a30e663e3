"""A one-line bar of the screen's main keys, in the user's language.

Lighter than Textual's ``Footer``, which rebuilds a widget per key whenever focus moves
(a fifth of the board's start-up here); our keys are the screen's and the app's, which do
not change with focus, so one line of text drawn once is enough. The keys are those of the
user's keymap (the config's ``[keys]``).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from widgets.keys.translate import acting_bindings, description


class KeyBar(Static):
    def on_mount(self) -> None:
        pieces: list[str | tuple[str, str]] = []
        seen: set[str] = set()
        for node in (self.screen, self.app):
            for _key, binding in acting_bindings(node):
                if not binding.show or binding.action in seen:
                    continue
                seen.add(binding.action)
                key = binding.key_display or self.app.get_key_display(binding)
                pieces.append((f" {key} ", "bold reverse"))
                pieces.append(f" {description(binding)}  ")
        self.update(Content.assemble(*pieces))
