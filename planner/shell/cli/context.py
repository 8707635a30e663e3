"""What the command handlers share: the run context, exit codes and error wording."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from planner.domain.clock import Clock, planning_date
from planner.domain.config import Config
from planner.domain.errors import ParseError
from planner.domain.visible import json_safe, visible_lines
from planner.i18n.errors import describe_date_error
from planner.i18n.translate import t

if TYPE_CHECKING:
    from planner.domain.dates import Direction, FarDate
    from planner.domain.workdays import WorkCalendar
    from planner.services.planner import Planner

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_INTERNAL = 70
"""An exception no rule plans for: a bug (``EX_SOFTWARE`` of sysexits.h)."""
EXIT_PIPE = 141
"""Standard output closed before the command finished writing (128 + SIGPIPE)."""


class CliExit(Exception):
    """Stop the command with ``code``, printing ``message`` on stderr."""

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Context:
    args: argparse.Namespace
    config: Config
    clock: Clock
    out: TextIO
    err: TextIO
    far_dates: list[FarDate] = field(default_factory=list)
    """Short dates of this command read as days more than about six months away; the
    command's confirmation shows each with its full date (``say_far_dates``)."""
    planner: Planner | None = None
    """The planner this command opened (``open_planner``), if any."""
    calendar: WorkCalendar | None = None
    """The run's working calendar, once ``work_calendar`` made it."""

    @property
    def data_dir(self) -> Path:
        assert self.config.data_dir is not None
        return self.config.data_dir

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def privacy(self) -> bool:
        """Privacy mode for this command's text: ``privacy_at_start`` in the config, or
        ``--privacy`` (which turns it on in the config this command runs with). JSON is
        never masked: it is for programs, and complete."""
        return self.config.privacy_at_start

    @property
    def now(self) -> datetime:
        return self.clock()

    @property
    def tz(self) -> tzinfo:
        zone = self.clock().tzinfo
        assert zone is not None
        return zone

    @property
    def today(self) -> date:
        return planning_date(self.clock(), self.config.day_starts_at)

    def work_calendar(self) -> WorkCalendar:
        """The working calendar of this run (China's, with the config's ``[workdays]``):
        one per run, so that a year it does not know is told once, on stderr (the app
        tells it in a notification instead)."""
        if self.calendar is None:
            from planner.shell.holiday_calendar import work_calendar

            self.calendar = work_calendar(
                self.config, lambda year: self.warn(t("workday.fallback", year=year))
            )
        return self.calendar

    def print_json(self, value: Any) -> None:
        """``value`` as JSON, the control characters of its strings escaped (JSON escapes
        C0 itself; ``json_safe`` the rest), so the text reads back as stored. Never ``NaN``
        nor ``Infinity``, which are not JSON: the config's numbers are checked finite, and a
        number that still is not would be a bug (``ValueError``), not a document."""
        text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
        self.out.write(json_safe(text))
        self.out.write("\n")

    def say(self, text: str) -> None:
        """A line (or lines) on standard output, its control characters written out."""
        self.out.write(_line(text))

    def warn(self, text: str) -> None:
        """A line on standard error, as ``say`` writes one."""
        self.err.write(_line(text))

    def note_far_dates(self, far: Iterable[FarDate]) -> None:
        self.far_dates.extend(far)

    def say_far_dates(self, *, to_stderr: bool = False) -> None:
        """A line per far short date (``--date 12-01 → 2027-12-01 ...``) under a
        confirmation; on stderr for commands whose standard output is a document."""
        for far in self.far_dates:
            line = t("cli.far_date", given=far.given, date=far.day.isoformat())
            (self.warn if to_stderr else self.say)(line)


def _line(text: str) -> str:
    """``text`` ending with one line break, for a terminal: every message may quote a
    record or an argument, so its control characters are written out (``visible_lines``)."""
    shown = visible_lines(text)
    return shown if shown.endswith("\n") else shown + "\n"


def bad_input(message: str) -> CliExit:
    return CliExit(EXIT_BAD_INPUT, t("error.prefix", message=message))


def parse_day_option(
    value: str | None, ctx: Context, *, option: str, direction: Direction
) -> date | None:
    """A date option (``--date``, ``--week``...): any date expression of quick add, without
    a time, read in ``direction``. An unreadable one is an error naming ``option`` once; a
    short date read as a far day is noted for the confirmation."""
    from planner.domain.dates import FarDate, is_far_short_date, parse_date_expr

    if value is None:
        return None
    try:
        parsed = parse_date_expr(
            value, ctx.today, ctx.tz, direction, workdays=ctx.work_calendar()
        )
    except ParseError as exc:
        raise bad_input(describe_date_error(option, exc)) from None
    assert not isinstance(parsed, datetime)
    if is_far_short_date(value, parsed, ctx.today):
        ctx.note_far_dates([FarDate(f"{option} {value}", parsed)])
    return parsed
