"""A one-line header: the planning day, DEMO, privacy mode, unsaved changes, sync and
whether the data is encrypted (and its key kept in a keyring)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from planner.i18n.translate import t


class AppHeader(Static):
    shown: tuple[object, ...] = ()

    def show(
        self,
        day: date,
        *,
        demo: bool,
        privacy: bool,
        unsaved: int,
        screen_title: str,
        sync: str = "",
        sync_alert: bool = False,
        encryption: str = "",
    ) -> None:
        """``sync``: the sync state as the app words it (``synced``, ``3 to send``...), or
        empty when this planner does not sync; ``sync_alert`` (offline, conflicts) marks it.
        ``encryption``: the words for an encrypted folder (``encrypted``, or that a keyring
        holds the key), empty for plain data."""
        shown = (day, demo, privacy, unsaved, screen_title, sync, sync_alert, encryption)
        if self.shown == shown:
            return  # unchanged: not redrawn after every key
        self.shown = shown
        parts = Text.assemble(
            (" planner ", "bold reverse"),
            "  ",
            (f"{t(f'weekday.{day.weekday()}')} {day.isoformat()}", "bold"),
            "  ",
            (screen_title, "dim"),
        )
        if demo:
            parts.append("  ")
            parts.append(f" {t('header.demo')} ", "bold black on yellow")
        if privacy:
            parts.append("  ")
            parts.append(f" {t('header.privacy')} ", "bold white on blue")
        if unsaved:
            parts.append("  ")
            parts.append(f" {t('header.unsaved', count=unsaved)} ", "bold white on red")
        if sync:
            parts.append("  ")
            parts.append(f" {sync} ", "bold black on yellow" if sync_alert else "dim")
        if encryption:
            parts.append("  ")
            parts.append(f" {encryption} ", "bold green")
        self.update(parts)
