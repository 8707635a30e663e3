"""The settings the planner runs with (DESIGN section 7); ``planner.shell.config_file``
reads them from the TOML file, the environment and the command line."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from planner.domain.capacity import Capacity
from planner.domain.clock import DEFAULT_DAY_START
from planner.domain.errors import ConfigError
from planner.domain.instructions import DEFAULT_WARNING_DAYS

APP_NAME = "planner"
LANGUAGES = ("en", "zh")

DEFAULT_COEFFICIENTS: dict[str, float] = {
    "due": 12.0,
    "report": 10.0,
    "central": 8.0,
    "priority": 6.0,
    "instruction": 5.0,
    "setback": 3.0,
    "scheduled": 3.0,
    "people": 1.0,
    "age": 2.0,
}


SYNC_MINUTES_LIMIT = 1440
"""``[sync] every_minutes`` lies within 0 (off) and a day: a longer wait is no timer."""

ENCRYPTION_MINUTES_LIMIT = 1440
"""``[encryption] agent_minutes`` (1 to a day) and ``lock_after_minutes`` (0, never, to a
day): a key kept longer than a day is a key kept for good, which the keyring is for."""
DEFAULT_AGENT_MINUTES = 30
DEFAULT_LOCK_AFTER_MINUTES = 15

COEFFICIENT_LIMIT = 1000.0
"""A coefficient lies within ±1000: a hundred times the largest default, room for any
weighting, and far from where a sum of nine terms could overflow to infinity."""


def is_sensible_coefficient(value: float) -> bool:
    """Finite (not NaN nor infinite) and within ``COEFFICIENT_LIMIT``: a NaN would make
    every score NaN (no order, and ``--json`` could not write it)."""
    return math.isfinite(value) and abs(value) <= COEFFICIENT_LIMIT


@dataclass(frozen=True, slots=True)
class Config:
    language: str = "en"
    data_dir: Path | None = None
    day_starts_at: time = DEFAULT_DAY_START
    privacy_at_start: bool = False
    coefficients: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_COEFFICIENTS))
    source: Path | None = None
    """The file the settings came from, if any."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """The ``[keys]`` table: binding id (``board.quick_add``) to the keys that replace its
    own, comma-separated in Textual's names (``n``, ``ctrl+n,f2``, ``question_mark``)."""
    theme: str | None = None
    """The Textual theme the app opens with (``None``: Textual's default)."""
    path: Path | None = None
    """Where the settings are kept, whether or not the file exists yet: the app writes the
    theme chosen in the command palette back to it. ``None``: nothing is written."""
    sync_every_minutes: int = 0
    """``[sync] every_minutes``: how often the app syncs on its own (and then also on quit);
    0, the default, is never (sync when asked). Within ``SYNC_MINUTES_LIMIT``."""
    agent_minutes: int = DEFAULT_AGENT_MINUTES
    """``[encryption] agent_minutes``: how long ``planner unlock``'s agent keeps the key in
    memory before it forgets it and exits. 1 to ``ENCRYPTION_MINUTES_LIMIT``."""
    lock_after_minutes: int = DEFAULT_LOCK_AFTER_MINUTES
    """``[encryption] lock_after_minutes``: the app locks itself after this many idle
    minutes on an encrypted folder; 0 is never. Within ``ENCRYPTION_MINUTES_LIMIT``."""
    workdays_extra: frozenset[date] = frozenset()
    """``[workdays] extra``: days worked that the national calendar has off (a local rule,
    a weekend on duty); they win over it (``planner.domain.workdays``)."""
    workdays_off: frozenset[date] = frozenset()
    """``[workdays] off``: days off that the national calendar has as working days (leave,
    a local holiday). A day is in ``extra`` or ``off``, never both."""
    capacity: Capacity = field(default_factory=Capacity)
    """``[capacity]``: minutes of work each weekday holds (6 h Monday to Friday by default)
    and a make-up working day's (``planner.domain.load``)."""
    warning_days: int = DEFAULT_WARNING_DAYS
    """``[instructions] warning_days``: an instruction is due soon (临期) from this many
    working days before its report-back date (``planner.domain.instructions``)."""
    remind_titles: bool = False
    """``[remind] show_confidential_titles``: reminders (``planner remind``, the app's
    notifications) name confidential tasks; by default they say only that a confidential
    item is due (``planner.domain.reminders``)."""
    remind_in_app: bool = True
    """``[remind] in_app``: the open app notifies a timed task at its time and an
    instruction at its report-back warning (``planner.shell.app_remind``)."""

    def __post_init__(self) -> None:
        """The config file's reader names the file, key and line of a bad coefficient (or
        of a day both worked and off); this keeps any other way of making a ``Config`` from
        holding one."""
        both = self.workdays_extra & self.workdays_off
        if both:
            shown = ", ".join(day.isoformat() for day in sorted(both))
            raise ConfigError(f"[workdays] extra and off both hold {shown}")
        for name, value in self.coefficients.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"coefficient {name!r} must be a number, got {value!r}")
            if not is_sensible_coefficient(value):
                raise ConfigError(
                    f"coefficient {name!r} must be a finite number between "
                    f"-{COEFFICIENT_LIMIT:g} and {COEFFICIENT_LIMIT:g}, got {value!r}"
                )
