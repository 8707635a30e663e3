"""Configuration precedence and clear errors naming the file and line."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from planner.domain.config import DEFAULT_COEFFICIENTS
from planner.domain.errors import ConfigError
from planner.shell.config_file import load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_default_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(env={"PLANNER_CONFIG": ""}, data_dir=tmp_path)
    assert config.day_starts_at == time(4, 0)
    assert dict(config.coefficients) == DEFAULT_COEFFICIENTS


def test_an_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(config_path=tmp_path / "nope.toml", env={})


def test_file_values(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'language = "zh"\nday_starts_at = "05:30"\nprivacy_at_start = true\n'
        f'data_dir = "{tmp_path / "d"}"\n[coefficients]\ndue = 20\n',
    )
    config = load_config(config_path=path, env={})
    assert config.language == "zh"
    assert config.day_starts_at == time(5, 30)
    assert config.privacy_at_start is True
    assert config.data_dir == tmp_path / "d"
    assert config.coefficients["due"] == 20.0
    assert config.coefficients["central"] == 8.0


def test_precedence_option_env_file_default(tmp_path: Path) -> None:
    path = write(tmp_path, f'language = "zh"\ndata_dir = "{tmp_path / "file"}"\n')
    env = {"PLANNER_CONFIG": str(path), "PLANNER_DATA_DIR": str(tmp_path / "env")}
    assert load_config(env=env).data_dir == tmp_path / "env"
    assert load_config(env=env, data_dir=tmp_path / "opt").data_dir == tmp_path / "opt"
    assert load_config(env=env).language == "zh"
    assert load_config(env={**env, "PLANNER_LANG": "en"}).language == "en"
    assert load_config(env=env, language="en").language == "en"


def test_locale_decides_when_nothing_else_does(tmp_path: Path) -> None:
    env = {"PLANNER_CONFIG": str(write(tmp_path, "")), "LANG": "zh_CN.UTF-8"}
    assert load_config(env=env).language == "zh"
    assert load_config(env={**env, "LANG": "de_DE.UTF-8"}).language == "en"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('language = "zh"\nday_starts_at = 4:00\n', "line 2"),
        ('language = "fr"\n', "language"),
        ("colour = 1\n", "unknown setting 'colour'"),
        ('day_starts_at = "25:00"\n', "day_starts_at"),
        ("[coefficients]\nurgency = 3\n", "unknown coefficient 'urgency'"),
        ('[coefficients]\ndue = "high"\n', "coefficient 'due'"),
    ],
)
def test_broken_config_names_the_problem(tmp_path: Path, text: str, needle: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(config_path=path, env={})
    assert needle in str(caught.value)
    assert str(path) in str(caught.value)
