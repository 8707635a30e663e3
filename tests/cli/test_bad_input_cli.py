"""Any arguments, standard input and config end a command with a documented exit code and a
line, never a traceback (issue #12): in-process with hypothesis, and as real processes for
what only a process shows (argv bytes, a closed pipe, /dev/zero)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_calls import MONDAY, ROOT, call, planner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.store import FileStore
from planner.shell.cli import main as cli_main
from planner.shell.cli.context import CliExit
from planner.shell.cli.main import opens_app, run

COMMANDS = (
    "add", "today", "list", "info", "done", "drop", "edit", "delete", "main", "feedback",
    "journal", "setback", "setbacks", "doctor", "export", "import", "restore",
)  # fmt: skip
WORDS = st.sampled_from(
    ["1", "abc", "#tag", "-#tag", "@张三", "due:fri", "due:2026-02-30", "-1d", "fri", "--json",
     "--all", "--date", "--title", "--yes", "--journal", "journal", "todotxt", "week", "--",
     "every:0d", "pri:zz", "!main", "2026-13-01", "status:nope", "--kind", "--help"]
)  # fmt: skip
ANY_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
NOT_UTF8 = st.binary(min_size=1, max_size=8).map(
    lambda b: b.decode("utf-8", "surrogateescape")
) | st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)


def _safe(word: str) -> str:
    """No option but ours (``-o``, ``--data-dir`` could write outside the test's folder)."""
    if len(word) > 1 and word[0] == "-" and (word[1] == "-" or word[1].isalpha()):
        return "_" + word
    return word


ARGUMENTS = st.lists(WORDS | ANY_TEXT.map(_safe) | NOT_UTF8.map(_safe), max_size=5)


def outcome(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    """Run ``argv`` in-process; the exit code and the message. Anything but ``CliExit`` (and
    argparse's ``--help``) propagates and fails the test."""
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        return run(argv, clock=lambda: MONDAY, out=out, err=err), ""
    except CliExit as exc:
        return exc.code, exc.message
    except SystemExit as exc:
        assert exc.code == 0 and "--help" in argv
        return 0, ""
    finally:
        sys.stdin = saved


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=st.sampled_from(COMMANDS), arguments=ARGUMENTS, stdin=st.binary(max_size=40))
def test_any_arguments_end_with_a_planned_exit_code(
    tmp_path: Path, command: str, arguments: list[str], stdin: bytes
) -> None:
    argv = ["--data-dir", str(tmp_path / "data"), command, *arguments]
    if command in ("export", "import") and "--help" not in arguments:
        argv.append(str(tmp_path / "missing"))  # never a path the words name
    code, message = outcome(argv, stdin)
    assert code in (0, 1, 2, 3)
    if code:
        assert message.strip()
        assert "Traceback" not in message


@settings(max_examples=60, deadline=None)
@given(arguments=st.lists(ANY_TEXT.map(_safe) | NOT_UTF8, max_size=4))
def test_arguments_without_a_command_are_parsed_or_refused(arguments: list[str]) -> None:
    argv = ["--lang", "en", *arguments]
    if opens_app(argv):
        return
    code, _message = outcome(argv)
    assert code in (1, 2)


def test_an_argument_that_is_not_utf8_is_refused_by_its_position() -> None:
    code, _out, err = call("add", "fine", "张\udcffad\x1b")
    assert code == 1
    assert err == "planner: argument 3 is not UTF-8 text: 张\\xffad\\x1b"


def test_standard_input_that_is_not_utf8_is_refused_by_its_line() -> None:
    code, message = outcome(["journal"], b"first\nsecond \xff\n")
    assert (code, message) == (1, "planner: standard input, line 2, is not UTF-8 text")
    assert outcome(["journal", "--json"], "日志\n".encode())[0] == 0


def test_standard_input_is_read_up_to_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.shell.cli import text_input

    monkeypatch.setattr(text_input, "MAX_STDIN_BYTES", 10)
    assert outcome(["journal"], b"x" * 10)[0] == 0
    code, message = outcome(["journal"], b"x" * 11)
    assert code == 1 and "longer than" in message


def test_an_unplanned_exception_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(argv: object, **_kwargs: object) -> int:
        raise TypeError("a bug")

    monkeypatch.setattr(cli_main, "run", broken)
    monkeypatch.delenv("PLANNER_DEBUG", raising=False)
    assert cli_main.main(["today"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (TypeError)" in err
    monkeypatch.setenv("PLANNER_DEBUG", "1")
    with pytest.raises(TypeError):
        cli_main.main(["today"])


# -- as a process ----------------------------------------------------------------------------


def _process(args: list[bytes], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"planner", *args],
        capture_output=True,
        input=stdin,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=60,
    )


def test_argv_bytes_that_are_not_utf8_end_with_one_line() -> None:
    done = _process([b"add", b"\xff"])
    assert done.returncode == 1
    assert done.stderr == b"planner: argument 2 is not UTF-8 text: \\xff\n"
    done = _process([b"journal"], stdin=b"ok\n\xc3(\n")
    assert (done.returncode, done.stderr) == (
        1,
        b"planner: standard input, line 2, is not UTF-8 text\n",
    )


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    for number in range(3):
        assert planner("add", f"task {number}").returncode == 0
    source = tmp_path / "many.txt"
    source.write_text("".join(f"task {n}\n" for n in range(400)), encoding="utf-8")
    assert planner("import", "todotxt", str(source)).returncode == 0
    script = f'{sys.executable} -m planner list --json | head -c 1; echo " ${{PIPESTATUS[0]}}"'
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.stdout == "[ 141\n"
    assert done.stderr == ""


def test_importing_dev_zero_stops_at_the_bound_with_a_line() -> None:
    done = planner("import", "todotxt", "/dev/zero")
    assert done.returncode == 1
    assert done.stderr == "planner: /dev/zero: larger than 64 MiB; split it and import each part\n"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "1001"])
def test_a_coefficient_out_of_bounds_is_refused_by_file_and_line(
    tmp_path: Path, value: str
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'language = "en"\n\n[coefficients]\ndue = {value}\n', encoding="utf-8")
    code, out, err = call("--config", str(config), "list", "--json")
    assert (code, out) == (1, "")
    assert err.startswith(f"planner: {config}:4: coefficient 'due' must be a finite number")


@pytest.mark.parametrize("split", [False, True])
def test_an_output_path_the_system_refuses_is_one_line(tmp_path: Path, split: bool) -> None:
    assert call("journal", "a day")[0] == 0
    target = str(tmp_path / ("n" * 300))  # longer than a file name may be
    code, _out, err = call("export", "journal", "-o", target, *(["--split", "daily"] * split))
    assert code == 1
    assert err.startswith(f"planner: cannot write {target}")


def test_an_edited_journal_file_that_is_not_utf8_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor"
    script.write_text("#!/bin/sh\nprintf 'ok\\n\\377\\n' > \"$1\"\n", encoding="utf-8")
    script.chmod(0o700)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    code, _out, err = call("journal", "--edit")
    assert code == 1
    assert err.endswith(".md, line 2, is not UTF-8 text; the entry is unchanged")
    store = FileStore(Path(os.environ["PLANNER_DATA_DIR"]), clock=lambda: MONDAY)
    assert store.get_entry(MONDAY.date()) is None


@pytest.mark.parametrize(
    "command",
    [["today"], ["list"], ["doctor"], ["doctor", "--repair"], ["restore", "today"], ["backup"],
     ["add", "x"], ["journal", "--json"], ["export", "journal"]],
)  # fmt: skip
def test_a_data_folder_the_system_refuses_to_look_at_is_exit_3(
    tmp_path: Path, command: list[str]
) -> None:
    code, message = outcome(["--data-dir", str(tmp_path / ("n" * 300)), *command])
    assert code == 3
    assert message.startswith("planner: ") and "\n" not in message.strip()


def test_an_error_quoting_a_line_break_is_still_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli_main.main(["list", "--bogus\x1b[2J\nmore"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: planner")
    assert err.endswith("\nplanner: unrecognized arguments: --bogus\\x1b[2J\\nmore\n")
    assert "\x1b" not in err
