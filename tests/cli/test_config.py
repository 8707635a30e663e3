"""Configuration precedence and clear errors naming the file and line."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from planner.domain.config import DEFAULT_COEFFICIENTS
from planner.domain.errors import ConfigError
from planner.shell.config_file import NAMED_KEYS, THEMES, load_config, parse_keys, save_theme


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


# -- [keys] and theme ------------------------------------------------------------------------


def test_keys_table_remaps_by_binding_id(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\n"board.quick_add" = "n"\n"app.help" = "f2, ?"\n')
    config = load_config(config_path=path, env={})
    assert dict(config.keys) == {"board.quick_add": "n", "app.help": "f2,question_mark"}
    assert config.path == path


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('[keys]\n"board.nope" = "n"\n', "'board.nope' is not a binding id"),
        ('[keys]\n"board.quick_add" = "ctrl+nosuchkey"\n', "'board.quick_add'.*not a key"),
        ('[keys]\n"board.quick_add" = "hyperspace+n"\n', "'board.quick_add'.*modifier"),
        ('[keys]\n"board.quick_add" = "n,"\n', "'board.quick_add'.*empty key"),
        ('[keys]\n"board.quick_add" = 3\n', "'board.quick_add' must be a string"),
        ('keys = "n"\n', r"\[keys\] must be a table"),
    ],
)
def test_a_bad_keys_entry_names_file_and_key(tmp_path: Path, text: str, match: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=match) as caught:
        load_config(config_path=path, env={})
    assert str(path) in str(caught.value)


def test_keys_are_written_in_textuals_names() -> None:
    from textual.keys import _normalize_key_list

    for keys in ("n", "?", "/", "#", "!", "[", "ctrl+n", "f2", "-", "@", "+", "N"):
        assert parse_keys(keys) == _normalize_key_list(keys), keys


def test_named_keys_are_textuals() -> None:
    from textual.keys import Keys, _character_to_key

    known = {key.value for key in Keys} | {_character_to_key(c) for c in "/\\@-+_"}
    assert known >= NAMED_KEYS


def test_theme_is_one_of_textuals(tmp_path: Path) -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(THEMES) == set(BUILTIN_THEMES)
    path = write(tmp_path, 'theme = "nord"\n')
    assert load_config(config_path=path, env={}).theme == "nord"
    for value in ('"no-such-theme"', "3"):
        path = write(tmp_path, f"theme = {value}\n")
        with pytest.raises(ConfigError, match=f"{path}:1: theme must be one of") as caught:
            load_config(config_path=path, env={})
        assert "no-such-theme" in str(caught.value) or "3" in str(caught.value)


def test_save_theme_changes_only_the_theme_line(tmp_path: Path) -> None:
    text = (
        '# my planner\nlanguage = "zh"  # 中文\ntheme = "nord"\n\n'
        "[coefficients]\n# more weight on dates\ndue = 20\n"
    )
    path = write(tmp_path, text)
    save_theme(path, "gruvbox")
    assert path.read_text(encoding="utf-8") == text.replace('"nord"', '"gruvbox"')
    assert load_config(config_path=path, env={}).theme == "gruvbox"


def test_save_theme_adds_the_line_before_the_first_table(tmp_path: Path) -> None:
    text = '# mine\nlanguage = "en"\n[keys]\n"board.quick_add" = "n"\n'
    path = write(tmp_path, text)
    save_theme(path, "dracula")
    assert path.read_text(encoding="utf-8") == (
        '# mine\nlanguage = "en"\ntheme = "dracula"\n[keys]\n"board.quick_add" = "n"\n'
    )


def test_save_theme_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    save_theme(path, "nord")
    assert load_config(config_path=path, env={}).theme == "nord"


def test_save_theme_rewrites_a_file_it_cannot_edit_line_by_line(tmp_path: Path) -> None:
    # The theme as a multi-line string: changing its first line would break the file, so
    # the settings are written again (the comments are lost, the settings kept).
    path = write(tmp_path, '# gone\nlanguage = "zh"\ntheme = """\nnord"""\n')
    save_theme(path, "monokai")
    config = load_config(config_path=path, env={})
    assert (config.theme, config.language) == ("monokai", "zh")


def test_sync_every_minutes_is_off_by_default_and_bounded(tmp_path: Path) -> None:
    assert load_config(env={"PLANNER_CONFIG": ""}, data_dir=tmp_path).sync_every_minutes == 0
    path = write(tmp_path, "[sync]\nevery_minutes = 10\n")
    assert load_config(config_path=path, env={}).sync_every_minutes == 10
    for value, line in (("-1", 2), ("1441", 2), ("2.5", 2), ("true", 2), ('"10"', 2)):
        path = write(tmp_path, f"[sync]\nevery_minutes = {value}\n")
        with pytest.raises(ConfigError, match=f"{path}:{line}: every_minutes must be"):
            load_config(config_path=path, env={})
    path = write(tmp_path, "[sync]\nevery_minute = 10\n")
    with pytest.raises(ConfigError, match="unknown setting 'every_minute' in \\[sync\\]"):
        load_config(config_path=path, env={})
    path = write(tmp_path, "sync = 3\n")
    with pytest.raises(ConfigError, match="\\[sync\\] must be a table"):
        load_config(config_path=path, env={})


def test_encryption_minutes_have_defaults_and_bounds(tmp_path: Path) -> None:
    config = load_config(env={"PLANNER_CONFIG": ""}, data_dir=tmp_path)
    assert (config.agent_minutes, config.lock_after_minutes) == (30, 15)
    path = write(tmp_path, "[encryption]\nagent_minutes = 5\nlock_after_minutes = 0\n")
    config = load_config(config_path=path, env={})
    assert (config.agent_minutes, config.lock_after_minutes) == (5, 0)
    for name, value in (
        ("agent_minutes", "0"),
        ("agent_minutes", "1441"),
        ("lock_after_minutes", "-1"),
        ("lock_after_minutes", "2.5"),
        ("agent_minutes", "true"),
    ):
        path = write(tmp_path, f"[encryption]\n{name} = {value}\n")
        with pytest.raises(ConfigError, match=f"{path}:2: {name} must be a whole number"):
            load_config(config_path=path, env={})
    path = write(tmp_path, "[encryption]\nagent_minute = 10\n")
    with pytest.raises(ConfigError, match="unknown setting 'agent_minute' in \\[encryption\\]"):
        load_config(config_path=path, env={})
    path = write(tmp_path, "encryption = 3\n")
    with pytest.raises(ConfigError, match="\\[encryption\\] must be a table"):
        load_config(config_path=path, env={})
