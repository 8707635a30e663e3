"""Command-palette provider: every action by name, and every task on the board to jump to."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from planner.i18n.privacy import title_words
from planner.i18n.translate import t
from widgets.messages import ShowTask, ask
from widgets.screens.board import BoardScreen

ACTIONS: tuple[tuple[str, str], ...] = (
    ("quick_add", "key.quick_add"),
    ("edit", "key.edit"),
    ("accept", "key.accept"),
    ("main", "key.main"),
    ("done", "key.done"),
    ("central", "key.central"),
    ("schedule", "key.schedule"),
    ("due", "key.due"),
    ("wait", "key.wait"),
    ("feedback", "key.feedback"),
    ("extend", "key.extend"),
    ("confidential", "key.confidential"),
    ("drop", "key.drop"),
    ("undo", "key.undo"),
    ("redo", "key.redo"),
    ("explain", "key.explain"),
    ("timer", "key.timer"),
    ("filter", "key.filter"),
    ("privacy", "key.privacy"),
)
"""Board actions offered by name: (action on the board screen, catalog key of its name)."""

APP_ACTIONS: tuple[tuple[str, str], ...] = (
    ("board", "key.board"),
    ("journal", "key.journal"),
    ("setbacks", "key.setbacks"),
    ("review", "key.review"),
    ("people", "key.people"),
    ("sync", "key.sync"),
    ("sync_conflicts", "key.sync_conflicts"),
    ("help", "key.help"),
    ("quit", "key.quit"),
)

EXPORTS: tuple[tuple[str, str], ...] = (
    ("journal", "palette.export_journal"),
    ("setbacks", "palette.export_setbacks"),
    ("tasks", "palette.export_tasks"),
    ("week", "palette.export_week"),
    ("day", "palette.export_day"),
)
"""Exports offered by name: (argument of the app's ``export`` action, catalog key)."""


class PlannerCommands(Provider):
    """Every action is run by name (Textual's ``run_action``), on the board or on the app;
    a task is shown by asking the app (``ShowTask``)."""

    def _board(self) -> BoardScreen | None:
        """The board, when it is in the screen stack (under the palette and any dialogs)."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, BoardScreen):
                return screen
        return None

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        commands: list[tuple[str, str, object]] = []
        board = self._board()
        if board is not None and app.current_mode == "board":
            for action, key in ACTIONS:
                commands.append(
                    (t(key), t("palette.action_help"), partial(board.run_action, action))
                )
        for action, key in APP_ACTIONS:
            commands.append((t(key), t("palette.action_help"), partial(app.run_action, action)))
        for name, key in EXPORTS:
            commands.append(
                (t(key), t("palette.action_help"), partial(app.run_action, f"export({name!r})"))
            )
        if board is not None and board.board is not None:
            for item in board.board.items():
                title = title_words(item.task, board.privacy)
                commands.append(
                    (
                        t("palette.goto", title=title),
                        t("palette.goto_help"),
                        partial(ask, app, ShowTask(item.task.id)),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]
        if not found:
            # Said in the user's language, so the palette's own English notice never shows.
            yield Hit(0.01, t("palette.no_matches"), lambda: None)
