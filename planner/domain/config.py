"""The settings the planner runs with (DESIGN section 7); ``planner.shell.config_file``
reads them from the TOML file, the environment and the command line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from planner.domain.clock import DEFAULT_DAY_START

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
