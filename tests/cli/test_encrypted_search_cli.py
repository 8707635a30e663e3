"""Search on an encrypted folder (issue 15): ``planner journal --search`` and
``planner list FILTER`` find words planted before ``encrypt``, in memory only. After each
search no file in the data folder holds a planted word and every new file with record
text is sealed: no plaintext index, cache or temporary file is left on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_calls import call

from data.crypto.kdf import TEST_KDF_VARIABLE
from data.files.sealing import looks_sealed, role_kind

PASS = "搜索口令 search words"
WORDS = ("Qzplover", "鸻鸟密语", "Qzheron", "鹭鸶暗号")
"""Planted words: a journal word in each of two years (English, Chinese) and two task words."""


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_KDF_VARIABLE, "fast")


def every_byte(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def forms(word: str) -> list[bytes]:
    """The word as UTF-8 and as JSON with ASCII escapes."""
    return [word.encode(), json.dumps(word).encode()[1:-1], word.lower().encode()]


def assert_nothing_plain(root: Path, before: dict[str, bytes]) -> None:
    after = every_byte(root)
    for relative, raw in after.items():
        for word in WORDS:
            for form in forms(word):
                assert form not in raw, (relative, word)
        if relative not in before and role_kind(relative) is not None:
            assert looks_sealed(raw), relative  # a new file that may hold record text is sealed


@pytest.fixture
def root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = Path(os.environ["PLANNER_DATA_DIR"])
    assert call("journal", "--date", "2017-03-04", "Saw a Qzplover at the lake")[0] == 0
    assert call("journal", "--date", "2026-11-20", "会议记录：鸻鸟密语 之后再议")[0] == 0
    assert call("journal", "--date", "2026-11-21", "Nothing to find here")[0] == 0
    assert call("add", "Brief the Qzheron team #外交")[0] == 0
    code, out, err = call("add", "--json", "整理 鹭鸶暗号 文件")
    assert code == 0, err
    done = str(json.loads(out)["id"])
    assert call("done", done[:8])[0] == 0  # into the archive
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASS + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))
    code, _, err = call("encrypt")
    assert code == 0, err
    assert_nothing_plain(folder, {})
    return folder


def test_journal_search_finds_words_in_every_year_and_writes_nothing_plain(root: Path) -> None:
    before = every_byte(root)
    code, out, err = call("journal", "--search", "qzplover")
    assert code == 0, err
    assert out.startswith("2017-03-04  ") and "Qzplover" in out
    code, out, err = call("journal", "--search", "鸻鸟密语", "--json")
    assert code == 0, err
    assert [entry["date"] for entry in json.loads(out)] == ["2026-11-20"]
    code, out, err = call("journal", "--search", "absent-word")
    assert code == 0 and out == ""
    assert_nothing_plain(root, before)


def test_list_filter_finds_open_and_archived_tasks_and_writes_nothing_plain(root: Path) -> None:
    before = every_byte(root)
    code, out, err = call("list", "qzheron", "--json")
    assert code == 0, err
    assert [task["title"] for task in json.loads(out)] == ["Brief the Qzheron team"]
    code, out, err = call("list", "--all", "鹭鸶暗号", "--json")
    assert code == 0, err
    assert [task["title"] for task in json.loads(out)] == ["整理 鹭鸶暗号 文件"]
    code, out, err = call("list", "#外交")
    assert code == 0 and "Qzheron" in out
    assert_nothing_plain(root, before)


def test_a_search_without_the_key_finds_nothing_and_says_locked(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    before = every_byte(root)
    for args in (("journal", "--search", "Qzplover"), ("list", "Qzheron")):
        code, out, err = call(*args)
        assert code == 3 and out == "" and "Qz" not in err
    assert every_byte(root) == before
