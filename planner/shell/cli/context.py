"""What the command handlers share: the run context, exit codes and error wording."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO

from planner.domain.clock import Clock, planning_date
from planner.domain.config import Config
from planner.domain.errors import ParseError
from planner.i18n.errors import describe_error
from planner.i18n.translate import t

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_DATA = 3


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

    @property
    def data_dir(self) -> Path:
        assert self.config.data_dir is not None
        return self.config.data_dir

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

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

    def print_json(self, value: Any) -> None:
        json.dump(value, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")

    def say(self, text: str) -> None:
        self.out.write(text if text.endswith("\n") else text + "\n")

    def warn(self, text: str) -> None:
        self.err.write(text if text.endswith("\n") else text + "\n")


def bad_input(message: str) -> CliExit:
    return CliExit(EXIT_BAD_INPUT, t("error.prefix", message=message))


def parse_day_option(value: str | None, ctx: Context) -> date | None:
    """A ``--date`` option: any date expression of quick add, without a time."""
    from planner.domain.dates import parse_date_expr

    if value is None:
        return None
    try:
        parsed = parse_date_expr(value, ctx.today, ctx.tz)
    except ParseError as exc:
        message = t("error.bad_date_option", value=value, reason=describe_error(exc))
        raise bad_input(message) from None
    assert not isinstance(parsed, datetime)
    return parsed
