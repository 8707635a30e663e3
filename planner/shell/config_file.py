"""Configuration: a TOML file, environment variables and command-line options.

Precedence is option, then environment, then config file, then default (DESIGN section 7).
A missing file means defaults; a broken one is a ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from planner.domain.capacity import DEFAULT_WEEK, WEEKDAY_KEYS, Capacity, parse_capacity
from planner.domain.config import (
    APP_NAME,
    COEFFICIENT_LIMIT,
    DEFAULT_COEFFICIENTS,
    ENCRYPTION_MINUTES_LIMIT,
    LANGUAGES,
    SYNC_MINUTES_LIMIT,
    Config,
    is_sensible_coefficient,
)
from planner.domain.errors import ConfigError, ParseError
from planner.domain.instructions import DEFAULT_WARNING_DAYS, WARNING_DAYS_LIMIT
from planner.i18n.translate import t


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def language_from_locale(env: Mapping[str, str]) -> str | None:
    """``zh`` when the locale (LC_ALL, LC_MESSAGES, LANG) asks for Chinese, ``en`` for others."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return None


_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _parse_time(text: object, where: str) -> time:
    if not isinstance(text, str) or not _TIME.match(text.strip()):
        raise ConfigError(t("error.config_day_start", where=where, value=text))
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def _check_language(value: object, where: str) -> str:
    if value not in LANGUAGES:
        raise ConfigError(t("error.config_language", where=where, value=value))
    return str(value)


THEMES = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
"""Textual's themes (``textual.theme.BUILTIN_THEMES`` of the pinned Textual), written out so
that reading the config never imports Textual (half a second for a ``planner add`` on a
machine without bytecode caches); ``tests/cli/test_config.py`` checks them against Textual."""

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {
        "escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end",
        "pageup", "pagedown", "up", "down", "left", "right", "slash", "backslash", "at",
        "minus", "plus", "underscore",
        *(f"f{number}" for number in range(1, 25)),
    }
)  # fmt: skip
"""Key names Textual uses beyond single characters and their Unicode names (``textual.keys``;
the test checks each against it)."""

_KEY_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def _character_key(character: str) -> str:
    """A single character as Textual names its key (``?`` is ``question_mark``), as
    ``textual.keys._character_to_key`` does, without importing Textual."""
    import unicodedata

    if character.isalnum():
        return character
    if character == "\t":
        return "tab"
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _KEY_NAME_REPLACEMENTS.get(name, name)


def _is_key_name(name: str) -> bool:
    import unicodedata

    if name in NAMED_KEYS:
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def parse_keys(value: str) -> str:
    """Keys as a config file writes them (``n``, ``ctrl+n, f2``, ``?``) in Textual's names
    (``n``, ``ctrl+n,f2``, ``question_mark``); ``ValueError`` names the key it cannot read."""
    keys: list[str] = []
    for part in value.split(","):
        text = part.strip()
        if not text:
            raise ValueError("an empty key")
        *modifiers, last = text.split("+") if len(text) > 1 else [text]
        if not last and text.endswith("+"):  # "ctrl++": the plus key
            modifiers, last = text[:-2].split("+") if len(text) > 2 else [], "+"
        if any(modifier.lower() not in MODIFIERS for modifier in modifiers):
            raise ValueError(f"{text!r}: a modifier is one of {', '.join(sorted(MODIFIERS))}")
        if len(last) == 1:
            last = _character_key(last)
        elif not _is_key_name(last.lower()):
            raise ValueError(f"{text!r} is not a key Textual knows")
        else:
            last = last.lower()
        keys.append("+".join([*(modifier.lower() for modifier in modifiers), last]))
    return ",".join(keys)


def _check_keys(table: object, path: Path, text: str = "") -> dict[str, str]:
    if not isinstance(table, Mapping):
        line = line_of(text, "keys")
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(t("error.config_keys_table", where=where))
    from widgets.keys.ids import BINDING_IDS

    keymap: dict[str, str] = {}
    for binding_id, value in table.items():
        line = line_of(text, binding_id, "keys")
        where = f"{path}:{line}" if line else str(path)
        if binding_id not in BINDING_IDS:
            raise ConfigError(t("error.config_key_unknown", where=where, id=binding_id))
        if not isinstance(value, str):
            raise ConfigError(t("error.config_key_type", where=where, id=binding_id, value=value))
        try:
            keymap[binding_id] = parse_keys(value)
        except ValueError as exc:
            raise ConfigError(
                t("error.config_key_bad", where=where, id=binding_id, reason=exc)
            ) from None
    return keymap


def parse_config_text(text: str, path: Path) -> Config:
    """Read the TOML text of a config file; every problem names the file and line or key."""
    return _from_mapping(_parse_toml(text, path), path, text)


MAX_CONFIG_BYTES = 1024 * 1024
"""A config file is a few dozen lines; ``--config /dev/zero`` stops at 1 MiB."""


def _read_config(path: Path) -> str:
    """The file's text, at most ``MAX_CONFIG_BYTES``; ``ConfigError`` naming the line of
    the first byte that is not UTF-8. ``FileNotFoundError`` is the caller's."""
    with path.open("rb") as stream:
        raw = stream.read(MAX_CONFIG_BYTES + 1)
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(t("error.config_too_long", path=path, size="1 MiB"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(t("error.config_not_utf8", where=f"{path}:{line}")) from None


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a config file to read: start-up without one skips it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(t("error.config_toml", path=path, reason=exc)) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursing
        raise ConfigError(t("error.config_too_deep", path=path)) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise ConfigError(t("error.config_toml", path=path, reason=exc)) from None


def _sensible(value: int | float) -> bool:
    """An integer only by size (a huge one has no float); a float finite and in bounds."""
    if isinstance(value, int):
        return abs(value) <= COEFFICIENT_LIMIT
    return is_sensible_coefficient(value)


_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]*?)\s*\]")


def line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The 1-based line of ``key`` (in ``[table]``, or dotted ``table.key`` at the top),
    as far as a plain reading of the text finds it; None when it does not."""
    name = re.escape(key)
    quoted = rf"(?:{name}|\"{name}\"|'{name}')"
    own = re.compile(rf"^\s*{quoted}\s*=")
    dotted = None
    if table is not None:
        prefix = re.escape(table)
        dotted = re.compile(rf"^\s*(?:{prefix}|\"{prefix}\")\s*\.\s*{quoted}\s*=")
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            current = header[1].strip().strip('"')
            continue
        if current == table and own.match(line):
            return number
        if current is None and dotted is not None and dotted.match(line):
            return number
    return None


def _from_mapping(raw: Mapping[str, Any], path: Path, text: str = "") -> Config:
    def where(key: str, table: str | None = None) -> str:
        """``PATH:LINE`` of the setting, or ``PATH`` when its line cannot be told."""
        line = line_of(text, key, table)
        return f"{path}:{line}" if line else str(path)

    config = Config(source=path, path=path)
    known = {
        "language", "data_dir", "day_starts_at", "privacy_at_start", "coefficients", "keys",
        "theme", "sync", "encryption", "workdays", "capacity", "instructions", "remind",
    }  # fmt: skip
    for key in raw:
        if key not in known:
            shown = ", ".join(sorted(known))
            raise ConfigError(t("error.config_unknown", where=where(key), key=key, known=shown))
    if "language" in raw:
        config = replace(config, language=_check_language(raw["language"], where("language")))
    if "data_dir" in raw:
        value = raw["data_dir"]
        if not isinstance(value, str) or not value.strip() or "\x00" in value:
            raise ConfigError(t("error.config_data_dir", where=where("data_dir"), value=value))
        config = replace(config, data_dir=Path(value).expanduser())
    if "day_starts_at" in raw:
        starts = _parse_time(raw["day_starts_at"], where("day_starts_at"))
        config = replace(config, day_starts_at=starts)
    if "privacy_at_start" in raw:
        value = raw["privacy_at_start"]
        if not isinstance(value, bool):
            spot = where("privacy_at_start")
            raise ConfigError(t("error.config_privacy", where=spot, value=value))
        config = replace(config, privacy_at_start=value)
    if "coefficients" in raw:
        table = raw["coefficients"]
        if not isinstance(table, Mapping):
            raise ConfigError(t("error.config_coefficients_table", where=where("coefficients")))
        merged = dict(DEFAULT_COEFFICIENTS)
        for name, value in table.items():
            spot = where(name, "coefficients")
            if name not in DEFAULT_COEFFICIENTS:
                shown = ", ".join(DEFAULT_COEFFICIENTS)
                raise ConfigError(
                    t("error.config_coefficient_unknown", where=spot, name=name, known=shown)
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(
                    t("error.config_coefficient_type", where=spot, name=name, value=value)
                )
            if not _sensible(value):
                raise ConfigError(
                    t(
                        "error.config_coefficient",
                        where=spot,
                        name=name,
                        value=value,
                        limit=f"{COEFFICIENT_LIMIT:g}",
                    )
                )
            merged[name] = float(value)
        config = replace(config, coefficients=merged)
    if "keys" in raw:
        config = replace(config, keys=_check_keys(raw["keys"], path, text))
    if "theme" in raw:
        value = raw["theme"]
        if value not in THEMES:
            shown = ", ".join(THEMES)
            raise ConfigError(
                t("error.config_theme", where=where("theme"), themes=shown, value=value)
            )
        config = replace(config, theme=str(value))
    if "sync" in raw:
        config = replace(config, sync_every_minutes=_check_sync(raw["sync"], where))
    if "encryption" in raw:
        minutes = _check_encryption(raw["encryption"], where)
        config = replace(
            config,
            agent_minutes=minutes.get("agent_minutes", config.agent_minutes),
            lock_after_minutes=minutes.get("lock_after_minutes", config.lock_after_minutes),
        )
    if "workdays" in raw:
        extra, off = _check_workdays(raw["workdays"], where)
        config = replace(config, workdays_extra=extra, workdays_off=off)
    if "capacity" in raw:
        config = replace(config, capacity=_check_capacity(raw["capacity"], where))
    if "instructions" in raw:
        config = replace(config, warning_days=_check_instructions(raw["instructions"], where))
    if "remind" in raw:
        titles, in_app = _check_remind(raw["remind"], where)
        config = replace(config, remind_titles=titles, remind_in_app=in_app)
    return config


def _check_remind(table: object, where: Callable[[str, str | None], str]) -> tuple[bool, bool]:
    """The ``[remind]`` table: ``show_confidential_titles`` and ``in_app``, true or false."""
    if not isinstance(table, Mapping):
        raise ConfigError(t("error.config_remind_table", where=where("remind", None)))
    settings = {"show_confidential_titles": False, "in_app": True}
    for name, value in table.items():
        spot = where(name, "remind")
        if name not in settings:
            raise ConfigError(t("error.config_remind_unknown", where=spot, name=name))
        if not isinstance(value, bool):
            raise ConfigError(t("error.config_remind_bool", where=spot, name=name, value=value))
        settings[name] = value
    return settings["show_confidential_titles"], settings["in_app"]


def _check_instructions(table: object, where: Callable[[str, str | None], str]) -> int:
    """The ``[instructions]`` table: ``warning_days``, whole working days (0: the day itself)."""
    if not isinstance(table, Mapping):
        raise ConfigError(t("error.config_instructions_table", where=where("instructions", None)))
    days = DEFAULT_WARNING_DAYS
    for name, value in table.items():
        spot = where(name, "instructions")
        if name != "warning_days":
            raise ConfigError(t("error.config_instructions_unknown", where=spot, name=name))
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (0 <= value <= WARNING_DAYS_LIMIT)
        ):
            raise ConfigError(
                t(
                    "error.config_warning_days",
                    where=spot,
                    value=value,
                    limit=WARNING_DAYS_LIMIT,
                )
            )
        days = value
    return days


CAPACITY_SETTINGS = (*WEEKDAY_KEYS, "weekdays", "makeup")
"""``[capacity]``: a day's work by weekday (``monday`` to ``sunday``), ``weekdays`` for
Monday to Friday at once (a named day wins over it), and ``makeup``, a working day at a
weekend (调休 or ``[workdays] extra``; by default the average of Monday to Friday)."""


def _check_capacity(table: object, where: Callable[[str, str | None], str]) -> Capacity:
    """The ``[capacity]`` table: each value a length of time with a unit, as estimates
    are written (``"6h"``, ``"7.5h"``, ``"360m"``, ``"6小时"``), or ``"0"`` / ``0``."""
    if not isinstance(table, Mapping):
        raise ConfigError(t("error.config_capacity_table", where=where("capacity", None)))
    week = list(DEFAULT_WEEK)
    minutes: dict[str, int] = {}
    for name, value in table.items():
        spot = where(name, "capacity")
        if name not in CAPACITY_SETTINGS:
            known = ", ".join(CAPACITY_SETTINGS)
            raise ConfigError(
                t("error.config_capacity_unknown", where=spot, name=name, known=known)
            )
        minutes[name] = _capacity_minutes(value, name, spot)
    if "weekdays" in minutes:
        week[:5] = [minutes["weekdays"]] * 5
    for index, name in enumerate(WEEKDAY_KEYS):
        if name in minutes:
            week[index] = minutes[name]
    return Capacity(tuple(week), minutes.get("makeup"))


def _capacity_minutes(value: object, name: str, spot: str) -> int:
    if value == 0 and not isinstance(value, bool):
        return 0
    if not isinstance(value, str):
        raise ConfigError(t("error.config_capacity_type", where=spot, name=name, value=value))
    try:
        return parse_capacity(value)
    except ParseError as exc:
        from planner.i18n.errors import describe_reason

        raise ConfigError(
            t(
                "error.config_capacity_value",
                where=spot,
                name=name,
                value=value,
                reason=describe_reason(exc),
            )
        ) from None


WORKDAY_SETTINGS = ("extra", "off")
"""``[workdays]``: ``extra``, days worked beyond the national calendar; ``off``, days off."""
_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)


def _check_workdays(
    table: object, where: Callable[[str, str | None], str]
) -> tuple[frozenset[date], frozenset[date]]:
    """The ``[workdays]`` table: ``extra`` and ``off``, lists of days, written as TOML
    dates (``2026-12-05``) or as strings (``"2026-12-05"``); no day in both."""
    if not isinstance(table, Mapping):
        raise ConfigError(t("error.config_workdays_table", where=where("workdays", None)))
    days: dict[str, frozenset[date]] = {name: frozenset() for name in WORKDAY_SETTINGS}
    for name, value in table.items():
        spot = where(name, "workdays")
        if name not in WORKDAY_SETTINGS:
            raise ConfigError(t("error.config_workdays_unknown", where=spot, name=name))
        if not isinstance(value, list):
            raise ConfigError(t("error.config_workdays_list", where=spot, name=name))
        days[name] = frozenset(_workday_date(item, name, spot) for item in value)
    both = days["extra"] & days["off"]
    if both:
        shown = ", ".join(day.isoformat() for day in sorted(both))
        raise ConfigError(
            t("error.config_workdays_both", where=where("workdays", None), days=shown)
        )
    return days["extra"], days["off"]


def _workday_date(value: object, name: str, spot: str) -> date:
    """One day of ``[workdays] extra`` or ``off``: a TOML date or a ``YYYY-MM-DD`` string
    (a date with a time of day is no day)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(t("error.config_workdays_date", where=spot, name=name, value=value))


ENCRYPTION_SETTINGS: dict[str, int] = {"agent_minutes": 1, "lock_after_minutes": 0}
"""The ``[encryption]`` settings and the least each takes (``lock_after_minutes = 0``: the
app never locks itself; an agent kept for no minute would be no agent)."""


def _check_encryption(table: object, where: Callable[[str, str | None], str]) -> dict[str, int]:
    """The ``[encryption]`` table: whole numbers of minutes within their bounds."""
    if not isinstance(table, Mapping):
        raise ConfigError(t("error.config_encryption_table", where=where("encryption", None)))
    settings: dict[str, int] = {}
    for name, value in table.items():
        spot = where(name, "encryption")
        if name not in ENCRYPTION_SETTINGS:
            known = ", ".join(ENCRYPTION_SETTINGS)
            raise ConfigError(
                t("error.config_encryption_unknown", where=spot, name=name, known=known)
            )
        least = ENCRYPTION_SETTINGS[name]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (least <= value <= ENCRYPTION_MINUTES_LIMIT)
        ):
            raise ConfigError(
                t(
                    "error.config_encryption_minutes",
                    where=spot,
                    name=name,
                    value=value,
                    least=least,
                    limit=ENCRYPTION_MINUTES_LIMIT,
                )
            )
        settings[name] = value
    return settings


def _check_sync(table: object, where: Callable[[str, str | None], str]) -> int:
    """The ``[sync]`` table: ``every_minutes``, a whole number of minutes, 0 (off) to a day."""
    if not isinstance(table, Mapping):
        raise ConfigError(t("error.config_sync_table", where=where("sync", None)))
    minutes = 0
    for name, value in table.items():
        spot = where(name, "sync")
        if name != "every_minutes":
            raise ConfigError(t("error.config_sync_unknown", where=spot, name=name))
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (0 <= value <= SYNC_MINUTES_LIMIT)
        ):
            raise ConfigError(
                t("error.config_sync_minutes", where=spot, value=value, limit=SYNC_MINUTES_LIMIT)
            )
        minutes = value
    return minutes


_THEME_LINE = re.compile(r"^theme\s*=.*$")
_TABLE_LINE = re.compile(r"^\s*\[")


def save_theme(path: Path, theme: str) -> None:
    """Keep ``theme`` in the config file at ``path``, atomically, leaving the rest as it is.

    Only the top-level ``theme = ...`` line changes (or one is added before the first table),
    so the user's comments and layout stay. When the file is laid out so that this cannot be
    done safely (the edited text does not read back as the old settings plus the theme), the
    whole file is written again from its settings with ``tomli_w``, and its comments are lost.
    ``OSError`` and ``ConfigError`` (the file no longer reads) are the caller's to report.
    """
    from data.files.atomic import write_atomic

    if theme not in THEMES:
        raise ConfigError(
            t("error.config_theme", where=path, themes=", ".join(THEMES), value=theme)
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    old = _parse_toml(text, path)
    wanted = {**old, "theme": theme}
    line = f'theme = "{theme}"'
    lines = text.splitlines(keepends=True)
    edited: str | None = None
    for index, current in enumerate(lines):
        if _TABLE_LINE.match(current):
            break
        if _THEME_LINE.match(current):
            ending = "\n" if current.endswith("\n") else ""
            edited = "".join([*lines[:index], line + ending, *lines[index + 1 :]])
            break
    if edited is None:
        insert = next((i for i, c in enumerate(lines) if _TABLE_LINE.match(c)), len(lines))
        head = lines[:insert]
        if head and not head[-1].endswith("\n"):
            head[-1] += "\n"
        edited = "".join([*head, line + "\n", *lines[insert:]])
    try:
        safe = _parse_toml(edited, path) == wanted
    except ConfigError:
        safe = False
    if not safe:
        import tomli_w

        edited = tomli_w.dumps(wanted)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, edited)


def load_config(
    *,
    config_path: Path | None = None,
    data_dir: Path | None = None,
    language: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Resolve the effective configuration.

    ``config_path``, ``data_dir`` and ``language`` are the command-line options; ``env`` is the
    environment (``PLANNER_CONFIG``, ``PLANNER_DATA_DIR``, ``PLANNER_LANG``, then the locale).
    """
    env = os.environ if env is None else env
    path = config_path or (Path(env["PLANNER_CONFIG"]) if env.get("PLANNER_CONFIG") else None)
    explicit = path is not None
    path = path or default_config_path()
    raw: Mapping[str, Any] = {}
    config = Config(path=path)
    try:
        text = _read_config(path)
    except FileNotFoundError:
        if explicit:
            raise ConfigError(t("error.config_not_found", path=path)) from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise ConfigError(t("error.config_unreadable", path=path, reason=reason)) from None
    else:
        raw = _parse_toml(text, path)
        config = replace(_from_mapping(raw, path, text), path=path)

    chosen_dir = data_dir or (
        Path(env["PLANNER_DATA_DIR"]) if env.get("PLANNER_DATA_DIR") else None
    )
    if chosen_dir is not None:
        config = replace(config, data_dir=chosen_dir.expanduser())
    elif config.data_dir is None:
        config = replace(config, data_dir=default_data_dir())

    if language is not None:
        config = replace(config, language=_check_language(language, "--lang"))
    elif env.get("PLANNER_LANG"):
        config = replace(config, language=_check_language(env["PLANNER_LANG"], "PLANNER_LANG"))
    elif "language" not in raw:
        config = replace(config, language=language_from_locale(env) or "en")
    return config
