"""``planner journal --edit``: the day's entry in ``$VISUAL``/``$EDITOR`` through a private
temporary file, saved back when the editor exits 0 with changed text. The editor here is a
fake: a script that notes what it was given and writes what the test asks."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_calls import MONDAY, ROOT, call

from data.store import FileStore

FAKE_EDITOR = """\
import os, pathlib, subprocess, sys
path = pathlib.Path(sys.argv[-1])
pathlib.Path(os.environ["FAKE_EDITOR_LOG"]).write_text(
    "\\n".join([oct(path.stat().st_mode & 0o777), oct(path.parent.stat().st_mode & 0o777),
               str(path), " ".join(sys.argv[1:-1]), path.read_text(encoding="utf-8")]),
    encoding="utf-8",
)
text = os.environ.get("FAKE_EDITOR_TEXT")
if text is not None:
    path.write_text(text, encoding="utf-8")
meanwhile = os.environ.get("FAKE_EDITOR_MEANWHILE")
if meanwhile is not None:  # another process writes the entry while the editor is open
    subprocess.run([sys.executable, "-m", "planner", *meanwhile.split("|")], check=True,
                   cwd=os.environ["FAKE_EDITOR_ROOT"], capture_output=True)
sys.exit(int(os.environ.get("FAKE_EDITOR_EXIT", "0")))
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fake editor set as ``$EDITOR`` (and no ``$VISUAL``); returns its log's path."""
    script = tmp_path / "fake-editor"
    script.write_text(f"#!{sys.executable}\n{FAKE_EDITOR}", encoding="utf-8")
    script.chmod(0o700)
    log = tmp_path / "editor.log"
    monkeypatch.setenv("FAKE_EDITOR_LOG", str(log))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    return log


def entry_body(day: date) -> str | None:
    store = FileStore(Path(os.environ["PLANNER_DATA_DIR"]), clock=lambda: MONDAY)
    entry = store.get_entry(day)
    return None if entry is None else entry.body


def test_the_entry_opens_in_a_private_file_and_is_saved_back(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert call("journal", "Met Wang.")[0] == 0
    monkeypatch.setenv("FAKE_EDITOR_TEXT", "Met Wang.\n\nAgreed on the budget.\n")
    code, out, err = call("journal", "--edit")
    assert code == 0, err
    assert out == "Saved the journal of 2026-11-23.\n"
    mode, folder_mode, path, _, given = editor.read_text(encoding="utf-8").split("\n", 4)
    assert (mode, folder_mode) == ("0o600", "0o700")
    assert path.endswith("2026-11-23.md")
    assert given == "Met Wang.\n"
    assert not Path(path).exists() and not Path(path).parent.exists()
    assert entry_body(date(2026, 11, 23)) == "Met Wang.\n\nAgreed on the budget.\n"


def test_a_new_entry_on_a_day_read_backward(editor: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_EDITOR_TEXT", "Friday, written on Monday.\n")
    code, out, err = call("journal", "--edit", "--date", "fri")
    assert code == 0, err
    assert out == "Saved the journal of 2026-11-20.\n"
    assert entry_body(date(2026, 11, 20)) == "Friday, written on Monday.\n"
    assert entry_body(date(2026, 11, 23)) is None


def test_unchanged_text_writes_nothing(editor: Path) -> None:
    assert call("journal", "Kept as it was.")[0] == 0
    data = Path(os.environ["PLANNER_DATA_DIR"]) / "journal" / "2026.json"
    before = data.stat().st_mtime_ns
    code, out, _ = call("journal", "--edit")
    assert code == 0 and out == "The journal of 2026-11-23 is unchanged.\n"
    assert data.stat().st_mtime_ns == before
    code, out, _ = call("journal", "--edit", "--date", "-1d")
    assert code == 0 and out == "The journal of 2026-11-22 is unchanged.\n"
    assert entry_body(date(2026, 11, 22)) is None


def test_an_editor_exiting_non_zero_leaves_the_entry(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert call("journal", "As it was.")[0] == 0
    monkeypatch.setenv("FAKE_EDITOR_TEXT", "half-typed")
    monkeypatch.setenv("FAKE_EDITOR_EXIT", "3")
    code, out, err = call("journal", "--edit")
    assert code == 1 and out == ""
    assert "exited with status 3" in err and "unchanged" in err
    assert entry_body(date(2026, 11, 23)) == "As it was.\n"


def test_visual_comes_first_and_may_carry_arguments(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = os.environ["EDITOR"]
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.setenv("VISUAL", f"{script} --wait -n")
    monkeypatch.setenv("FAKE_EDITOR_TEXT", "via VISUAL\n")
    code, _, err = call("journal", "--edit")
    assert code == 0, err
    assert editor.read_text(encoding="utf-8").split("\n")[3] == "--wait -n"
    assert entry_body(date(2026, 11, 23)) == "via VISUAL\n"


def test_no_editor_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    code, out, err = call("journal", "--edit")
    assert code == 1 and out == ""
    assert "$VISUAL" in err and "$EDITOR" in err and err.count("\n") <= 1


def test_an_editor_that_cannot_start_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    code, _, err = call("journal", "--edit")
    assert code == 1 and "/nonexistent/editor" in err


def test_edit_takes_no_text(editor: Path) -> None:
    code, _, err = call("journal", "--edit", "more words")
    assert code == 1 and "--edit" in err
    assert not editor.exists()


def test_the_temporary_file_is_not_left_readable_by_others(editor: Path) -> None:
    """The mode the editor saw is the file's own, not loosened by the umask."""
    old = os.umask(0)
    try:
        assert call("journal", "--edit")[0] == 0
    finally:
        os.umask(old)
    mode = int(editor.read_text(encoding="utf-8").split("\n")[0], 8)
    assert not mode & (stat.S_IRWXG | stat.S_IRWXO)


@pytest.mark.parametrize("first", ["First.", None])
def test_an_entry_changed_elsewhere_meanwhile_is_not_overwritten(
    editor: Path, monkeypatch: pytest.MonkeyPatch, first: str | None
) -> None:
    """Whether the day had an entry when the editor opened or not."""
    if first is not None:
        assert call("journal", first)[0] == 0
    monkeypatch.setenv("FAKE_EDITOR_TEXT", "First, edited.\n")
    monkeypatch.setenv("FAKE_EDITOR_ROOT", str(ROOT))
    monkeypatch.setenv("FAKE_EDITOR_MEANWHILE", "journal|--date|2026-11-23|Added from a script.")
    code, _, err = call("journal", "--edit")
    assert code == 1 and "changed elsewhere" in err
    written = "Added from a script.\n"
    assert entry_body(date(2026, 11, 23)) == (f"First.\n\n{written}" if first else written)
    kept = Path(editor.read_text(encoding="utf-8").split("\n")[2])
    assert str(kept) in err and kept.read_text(encoding="utf-8") == "First, edited.\n"
