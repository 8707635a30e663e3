"""Configuration: a TOML file, environment variables and command-line options.

Precedence is option, then environment, then config file, then default (DESIGN section 7).
A missing file means defaults; a broken one is a ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import Any

from planner.domain.config import APP_NAME, DEFAULT_COEFFICIENTS, LANGUAGES, Config
from planner.domain.errors import ConfigError


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
        raise ConfigError(f'{where}: day_starts_at must be a time like "04:00", got {text!r}')
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def _check_language(value: object, where: str) -> str:
    if value not in LANGUAGES:
        raise ConfigError(f'{where}: language must be "en" or "zh", got {value!r}')
    return str(value)


def parse_config_text(text: str, path: Path) -> Config:
    """Read the TOML text of a config file; every problem names the file and line or key."""
    return _from_mapping(_parse_toml(text, path), path)


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a config file to read: start-up without one skips it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _from_mapping(raw: Mapping[str, Any], path: Path) -> Config:
    config = Config(source=path)
    known = {"language", "data_dir", "day_starts_at", "privacy_at_start", "coefficients"}
    for key in raw:
        if key not in known:
            raise ConfigError(
                f"{path}: unknown setting {key!r} (known: {', '.join(sorted(known))})"
            )
    if "language" in raw:
        config = replace(config, language=_check_language(raw["language"], f"{path}: language"))
    if "data_dir" in raw:
        value = raw["data_dir"]
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: data_dir must be a folder path, got {value!r}")
        config = replace(config, data_dir=Path(value).expanduser())
    if "day_starts_at" in raw:
        config = replace(config, day_starts_at=_parse_time(raw["day_starts_at"], str(path)))
    if "privacy_at_start" in raw:
        value = raw["privacy_at_start"]
        if not isinstance(value, bool):
            raise ConfigError(f"{path}: privacy_at_start must be true or false, got {value!r}")
        config = replace(config, privacy_at_start=value)
    if "coefficients" in raw:
        table = raw["coefficients"]
        if not isinstance(table, Mapping):
            raise ConfigError(f"{path}: [coefficients] must be a table")
        merged = dict(DEFAULT_COEFFICIENTS)
        for name, value in table.items():
            if name not in DEFAULT_COEFFICIENTS:
                raise ConfigError(
                    f"{path}: unknown coefficient {name!r} "
                    f"(known: {', '.join(DEFAULT_COEFFICIENTS)})"
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"{path}: coefficient {name!r} must be a number, got {value!r}")
            merged[name] = float(value)
        config = replace(config, coefficients=merged)
    return config


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
    config = Config()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from None
    else:
        raw = _parse_toml(text, path)
        config = _from_mapping(raw, path)

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
