"""Every test runs on a temporary data folder and config, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.i18n import translate as i18n


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    config = home / "config.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("PLANNER_CONFIG", str(config))
    monkeypatch.setenv("PLANNER_DATA_DIR", str(tmp_path / "planner-data"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    # planner unlock's agent and the passphrase sources: the test's own, never the user's
    (tmp_path / "run").mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    for name in ("PLANNER_LANG", "LC_ALL", "LC_MESSAGES", "PLANNER_PASSPHRASE_FILE",
                 "PLANNER_PASSPHRASE_FD"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")
