"""Any bytes as the config file: a ``ConfigError`` naming the file (and, for a value, its
line), or a config; never another exception (issue #12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.errors import ConfigError
from planner.shell.config_file import line_of, load_config, parse_config_text

KEYS = st.sampled_from(
    ["language", "data_dir", "day_starts_at", "privacy_at_start", "theme", "coefficients.due",
     "coefficients.age", "keys", "coefficients", "colour", '"keys"."board.quick_add"',
     "sync", "sync.every_minutes", "sync.other", "encryption.agent_minutes",
     "encryption.lock_after_minutes", "encryption.other"]
)  # fmt: skip
VALUES = st.sampled_from(
    ["nan", "inf", "-inf", "1e308", "1e999", "12", "-3", "0.5", '"zh"', '"04:00"', '"25:00"',
     "true", "[1]", "{}", "1979-05-27", '"~/x"', '""', '"\\u0000"', '"nord"', '"ctrl++"',
     "[" * 400 + "]" * 400, "9" * 5000]
) | st.text(max_size=12)  # fmt: skip


@settings(max_examples=200)
@given(key=KEYS, value=VALUES, before=st.text(max_size=20))
def test_any_setting_reads_or_names_the_file(key: str, value: str, before: str) -> None:
    path = Path("/config/planner.toml")
    try:
        parse_config_text(f"{before}\n{key} = {value}\n", path)
    except ConfigError as exc:
        assert str(exc).startswith(str(path)), exc


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_the_config_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(raw)
    try:
        load_config(config_path=path, env={})
    except ConfigError as exc:
        assert str(path) in str(exc)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('language = "en"\n\n[coefficients]\nage = nan\n', ":4: coefficient 'age'"),
        ("coefficients.due = inf\n", ":1: coefficient 'due'"),
        ('\n[keys]\n"board.nope" = "n"\n', ":3: [keys] 'board.nope'"),
        ('\n\ntheme = "no"\n', ":3: theme must be"),
        ('\ndata_dir = "a\\u0000b"\n', ":2: data_dir must be a folder path"),
        ("a = " + "[" * 2000 + "]" * 2000 + "\n", ": arrays or tables nested too deeply"),
    ],
)
def test_a_bad_value_names_file_and_line(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config_path=path, env={})
    assert str(caught.value).startswith(f"{path}{where}")


def test_a_config_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'language = "en"\n# caf\xe9\n')
    with pytest.raises(ConfigError, match=":2: not UTF-8 text"):
        load_config(config_path=path, env={})


def test_line_of_finds_keys_in_their_table_only() -> None:
    text = 'due = 1\n[coefficients]\n  "due" = 2\n[keys]\ndue = 3\n'
    assert line_of(text, "due") == 1
    assert line_of(text, "due", "coefficients") == 3
    assert line_of(text, "due", "keys") == 5
    assert line_of(text, "age", "coefficients") is None


def test_a_broken_config_is_reported_in_the_language_asked_for_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.shell.cli.main import main

    path = tmp_path / "config.toml"
    path.write_text('language = "zh"\n[coefficients]\ndue = nan\n', encoding="utf-8")
    monkeypatch.setenv("PLANNER_LANG", "zh")
    assert main(["--config", str(path), "list"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"planner：配置有误：{path}:3：系数 'due' 须是 -1000 到 1000 之间的有限数，现为 nan\n"
    )
