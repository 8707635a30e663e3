"""A one-line header: the planning day, DEMO, privacy mode, unsaved changes, the board's
load against the day's capacity, the running timer, sync and whether the data is encrypted
(and its key kept in a keyring)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from rich.text import Text
from textual.widgets import Static

from planner.domain.load import DayLoad
from planner.i18n.load_words import day_kind_words, load_against, overrun_words, unestimated_words
from planner.i18n.timer_words import header_words
from planner.i18n.translate import t


class AppHeader(Static):
    shown: tuple[object, ...] = ()
    _asked: Callable[[], None] | None = None
    """The last ``show``, made again when the width changes (the timer's title fits it)."""

    def on_resize(self) -> None:
        if self._asked is not None:
            self._asked()

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
        load: DayLoad | None = None,
        timer: tuple[str, int] | None = None,
    ) -> None:
        """``sync``: the sync state as the app words it (``synced``, ``3 to send``...), or
        empty when this planner does not sync; ``sync_alert`` (offline, conflicts) marks it.
        ``encryption``: the words for an encrypted folder (``encrypted``, or that a keyring
        holds the key), empty for plain data. ``load``: the board's day against its
        capacity (``4.5 h / 6 h``; red with the overrun when over), None where not shown.
        ``timer``: the running timer's title (masked as privacy asks) and minutes, shown as
        ``⏱ Write the report 25 min`` with the title cut to the room the line leaves (the
        minutes alone when there is too little), or None."""
        self._asked = partial(
            self.show, day, demo=demo, privacy=privacy, unsaved=unsaved,
            screen_title=screen_title, sync=sync, sync_alert=sync_alert, encryption=encryption,
            load=load, timer=timer,
        )  # fmt: skip
        width = self.size.width
        shown = (
            day, demo, privacy, unsaved, screen_title, sync, sync_alert, encryption, load, timer,
            width,
        )  # fmt: skip
        if self.shown == shown:
            return  # unchanged: not redrawn after every key
        self.shown = shown
        # What cannot go (the day, the badges, the load against capacity, sync and
        # encryption) always shows; where the line is short the details go first: the
        # day's kind, the count without estimate, then the screen's title.
        for detail in (3, 2, 1, 0):
            parts, tail = self._line(
                day, demo=demo, privacy=privacy, unsaved=unsaved, sync=sync,
                sync_alert=sync_alert, encryption=encryption, load=load,
                screen_title=screen_title if detail >= 1 else "", detail=detail,
            )  # fmt: skip
            if not width or parts.cell_len + tail.cell_len <= width:
                break
        if timer is not None:
            room = width - parts.cell_len - tail.cell_len - 4 if width else None
            parts.append("  ")
            parts.append(f" {header_words(*timer, room)} ", "bold black on cyan")
        if width and parts.cell_len + tail.cell_len > width:
            # Still too long (badges and a timer on a narrow terminal): the left part is
            # cut, marked, so that whether the data is encrypted and synced still shows.
            parts.truncate(max(0, width - tail.cell_len - 1))
            parts.append("~", "dim")
        parts.append_text(tail)
        # One line always (``AppHeader { height: 1 }`` in app.tcss): new words are drawn in
        # place. A layout here, after every key that changes the day's load, drew the whole
        # board a second time (issue #15's key latency).
        self.update(parts, layout=False)

    @staticmethod
    def _line(
        day: date,
        *,
        demo: bool,
        privacy: bool,
        unsaved: int,
        screen_title: str,
        sync: str,
        sync_alert: bool,
        encryption: str,
        load: DayLoad | None,
        detail: int,
    ) -> tuple[Text, Text]:
        """The header's words before the timer, and after it (sync, encryption);
        ``detail`` 3 says everything, 2 leaves out the day's kind, 1 the count without
        estimate, 0 the screen's title too (the caller passes it empty)."""
        parts = Text.assemble(
            (" planner ", "bold reverse"),
            "  ",
            (f"{t(f'weekday.{day.weekday()}')} {day.isoformat()}", "bold"),
        )
        if screen_title:
            parts.append("  ")
            parts.append(screen_title, "dim")
        if demo:
            parts.append("  ")
            parts.append(f" {t('header.demo')} ", "bold black on yellow")
        if privacy:
            parts.append("  ")
            parts.append(f" {t('header.privacy')} ", "bold white on blue")
        if unsaved:
            parts.append("  ")
            parts.append(f" {t('header.unsaved', count=unsaved)} ", "bold white on red")
        if load is not None:
            parts.append("  ")
            parts.append_text(load_words(load, unestimated=detail >= 2, day_kind=detail >= 3))
        tail = Text()
        if sync:
            tail.append("  ")
            tail.append(f" {sync} ", "bold black on yellow" if sync_alert else "dim")
        if encryption:
            tail.append("  ")
            tail.append(f" {encryption} ", "bold green")
        return parts, tail


def load_words(load: DayLoad, *, unestimated: bool = True, day_kind: bool = True) -> Text:
    """``4.5 h / 6 h``; over the capacity, in red with the overrun, ``7.5 h / 6 h +25%``;
    then how many counted tasks have no estimate and what kind of day it is, if not an
    ordinary one (a holiday's name, a make-up workday)."""
    over = overrun_words(load)
    text = Text()
    if over:
        text.append(f"{load_against(load)} {over}", "bold red")
    else:
        text.append(load_against(load), "bold")
    extras = (
        (unestimated_words(load) if unestimated else "", "yellow"),
        (day_kind_words(load) if day_kind else "", "dim"),
    )
    for extra, style in extras:
        if extra:
            text.append(" · ", "dim")
            text.append(extra, style)
    return text
