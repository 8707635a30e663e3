"""A one-line header: the planning day, DEMO, privacy mode and unsaved changes."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from planner.i18n.translate import t


class AppHeader(Static):
    shown: tuple[object, ...] = ()

    def show(
        self, day: date, *, demo: bool, privacy: bool, unsaved: int, screen_title: str
    ) -> None:
        if self.shown == (day, demo, privacy, unsaved, screen_title):
            return  # unchanged: not redrawn after every key
        self.shown = (day, demo, privacy, unsaved, screen_title)
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
        self.update(parts)
