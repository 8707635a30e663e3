"""``planner sync`` with real git: two data folders are two machines, a bare repository in
``tmp_path`` is the USB stick (issue #14). In-process, with the fixed clock of ``cli_calls``
(each machine's hybrid clock still orders its edits)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call, planner
from rich.cells import cell_len

if shutil.which("git") is None:  # CI has git; a machine without it cannot run these
    pytest.skip("the git command is not installed", allow_module_level=True)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """An empty bare repository, as ``git init --bare /media/usb/planner.git`` makes."""
    path = tmp_path / "usb" / "planner.git"
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True, timeout=30)
    return path


class Machine:
    """One machine: ``planner`` on its own data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.minutes = 0

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.minutes += 1  # each command a minute later: every edit has its own time
        return call(
            *args, "--data-dir", str(self.root), now=MONDAY + timedelta(minutes=self.minutes)
        )

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, (args, out, err)
        return out

    def add(self, text: str) -> str:
        return str(json.loads(self.ok("add", text, "--json"))["id"])

    def tasks(self) -> dict[str, dict[str, object]]:
        listed = json.loads(self.ok("list", "--all", "--json"))
        return {str(task["id"]): task for task in listed}

    def status(self) -> dict[str, object]:
        value: dict[str, object] = json.loads(self.ok("sync", "status", "--json"))
        return value


@pytest.fixture
def office(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "office")


@pytest.fixture
def laptop(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "laptop")


def test_two_machines_meet_on_a_usb_stick_and_merge_their_records(
    office: Machine, laptop: Machine, usb: Path
) -> None:
    first = office.add("Draft the budget #finance due:fri")
    out = office.ok("sync", "init", str(usb))
    assert "Syncing with" in out and "Synced:" in out
    mine = laptop.add("Call Director Li")  # the laptop had records of its own: kept
    laptop.ok("sync", "init", str(usb))
    assert set(laptop.tasks()) == {first, mine}
    office.ok("sync")
    assert set(office.tasks()) == {first, mine}
    assert office.tasks()[first]["tags"] == ["finance"]


def test_edits_of_different_fields_both_survive_and_both_machines_converge(
    office: Machine, laptop: Machine, usb: Path
) -> None:
    task = office.add("Draft the budget")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    office.ok("edit", task, "--title", "Draft the 2027 budget")
    laptop.ok("edit", task, "due:fri", "#finance")
    office.ok("sync")
    laptop.ok("sync")
    office.ok("sync")
    for machine in (office, laptop):
        got = machine.tasks()[task]
        assert got["title"] == "Draft the 2027 budget"
        assert got["due"] is not None and got["tags"] == ["finance"]
    assert office.tasks() == laptop.tasks()


def test_a_conflict_is_listed_and_reversed_everywhere(
    office: Machine, laptop: Machine, usb: Path
) -> None:
    task = office.add("Draft the budget")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    office.ok("edit", task, "--title", "Office title")
    laptop.ok("edit", task, "--title", "Laptop title")
    office.ok("sync")
    out = laptop.ok("sync")  # the laptop sees both edits: one wins, the same everywhere
    assert "Edited on two machines at once: 1." in out
    office.ok("sync")
    assert len(json.loads(office.ok("sync", "conflicts", "--json"))) == 1  # found there too
    winner = laptop.tasks()[task]["title"]
    assert office.tasks()[task]["title"] == winner
    loser = "Office title" if winner == "Laptop title" else "Laptop title"
    conflicts = json.loads(laptop.ok("sync", "conflicts", "--json"))
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert (conflict["field"], conflict["winner"], conflict["loser"]) == ("title", winner, loser)
    listed = laptop.ok("sync", "conflicts")
    assert conflict["id"] in listed and "--reverse" in listed
    assert laptop.status()["conflicts"] == 1
    out = laptop.ok("sync", "conflicts", "--reverse", conflict["id"][:6])
    assert "Reversed" in out
    assert laptop.tasks()[task]["title"] == loser
    assert laptop.status()["conflicts"] == 0
    laptop.ok("sync")
    office.ok("sync")
    assert office.tasks()[task]["title"] == loser
    # The office had found the same conflict: reversed elsewhere, it is settled there too.
    assert json.loads(office.ok("sync", "conflicts", "--json")) == []
    assert office.status()["conflicts"] == 0
    code, _, err = laptop("sync", "conflicts", "--reverse", "zzzzzz")
    assert code == 1 and "no conflict zzzzzz" in err


def test_offline_keeps_everything_says_so_in_one_line_and_sends_it_later(
    office: Machine, laptop: Machine, usb: Path, tmp_path: Path
) -> None:
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    task = office.add("Written while the stick was out")
    unplugged = tmp_path / "drawer"
    usb.rename(unplugged)
    code, out, err = office("sync")
    assert code == 1 and out == ""
    assert err.startswith("Offline:") and err.count("\n") <= 1
    assert "next sync sends it" in err
    assert task in office.tasks()
    status = office.status()
    assert status["offline_since"] is not None and status["to_send"] == 1
    code, _, err = office("sync", "--lang", "zh")
    assert code == 1 and err.startswith("离线：")
    unplugged.rename(usb)
    office.ok("sync")
    assert office.status()["to_send"] == 0 and office.status()["offline_since"] is None
    laptop.ok("sync")
    assert task in laptop.tasks()


def test_status_says_where_this_machine_stands(office: Machine, usb: Path) -> None:
    office.add("One")
    office.ok("sync", "init", str(usb))
    status = office.status()
    assert status["remote"] == str(usb)
    assert status["to_send"] == 0 and status["changed"] == 0 and status["conflicts"] == 0
    assert status["last_sync"] is not None and len(str(status["machine"])) == 12
    office.add("Two")
    office.add("Three")
    status = office.status()
    assert int(str(status["to_send"])) >= 2 and status["changed"] == 2
    text = office.ok("sync", "status")
    assert "Machine:" in text and str(usb) in text and "Open conflicts:   0" in text


def test_usage_and_a_planner_that_does_not_sync(office: Machine, usb: Path) -> None:
    code, _, err = office("sync")
    assert code == 1 and "planner sync init REMOTE" in err
    code, _, err = office("sync", "status")
    assert code == 1 and "does not sync yet" in err
    code, _, err = office("sync", "init")
    assert code == 2 and "needs the REMOTE" in err
    code, _, err = office("sync", "status", "extra")
    assert code == 2
    code, _, err = office("sync", "--reverse", "x")
    assert code == 2
    office.add("Kept in the log")
    office.ok("sync", "init", str(usb))
    code, _, err = office("sync", "init", str(usb))
    assert code == 1 and "already syncs" in err
    assert "no longer syncs" in office.ok("sync", "leave")
    code, _, err = office("sync")
    assert code == 1 and "does not sync yet" in err
    assert (office.root / "sync" / "ops").is_dir()  # the logs stay


def test_without_git_the_error_says_to_install_it(
    office: Machine, usb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process of its own (the check of git is made once per process)."""
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    done = planner("sync", "init", str(usb), "--data-dir", str(office.root))
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1
    assert "planner sync runs the git command" in done.stderr and "install git" in done.stderr
    assert not (office.root / "sync-local" / "enabled.json").exists()
    done = planner("sync", "init", str(usb), "--data-dir", str(office.root), "--lang", "zh")
    assert done.returncode == 1
    assert "需要 git 命令：未安装 git，或它不在 PATH 中；请安装 git" in done.stderr


def test_init_with_the_remote_out_of_reach_sets_up_and_the_first_sync_sends(
    office: Machine, laptop: Machine, tmp_path: Path
) -> None:
    task = office.add("Written before the stick was ever plugged in")
    stick = tmp_path / "later" / "planner.git"
    code, out, err = office("sync", "init", str(stick))
    assert code == 1 and err.startswith("Offline:") and err.count("\n") <= 1
    assert out.startswith("Syncing with")  # set up: the first sync that reaches it sends
    assert office.status()["to_send"] == 1  # the snapshot of its one record, kept
    subprocess.run(["git", "init", "-q", "--bare", str(stick)], check=True, timeout=30)
    office.ok("sync")
    laptop.ok("sync", "init", str(stick))
    assert task in laptop.tasks()


def test_the_app_syncs_on_quit_in_the_terminal(office: Machine, laptop: Machine, usb: Path) -> None:
    """``open_app`` runs ``sync_on_quit`` once the app has closed, when the timer is on."""
    import argparse
    import io

    from planner.domain.config import Config
    from planner.shell.cli.context import Context
    from planner.shell.wiring import sync_on_quit

    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    task = laptop.add("From the laptop")
    laptop.ok("sync")
    out, err = io.StringIO(), io.StringIO()
    config = Config(data_dir=office.root, sync_every_minutes=10)
    sync_on_quit(Context(argparse.Namespace(), config, lambda: MONDAY, out, err))
    assert out.getvalue().startswith("Synced:") and err.getvalue() == ""
    assert task in office.tasks()
    usb.rename(usb.with_name("gone.git"))
    out, err = io.StringIO(), io.StringIO()
    sync_on_quit(Context(argparse.Namespace(), config, lambda: MONDAY, out, err))
    assert out.getvalue() == "" and err.getvalue().startswith("Offline")


def test_a_remote_holding_something_else_is_refused_and_nothing_is_set_up(
    office: Machine, usb: Path, tmp_path: Path
) -> None:
    work = tmp_path / "other-project"
    env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@b", "PATH": os.environ["PATH"]}  # fmt: skip
    subprocess.run(["git", "init", "-q", "-b", "main", str(work)], check=True, env=env)
    (work / "README.md").write_text("not a planner\n", encoding="utf-8")
    for args in (["add", "README.md"], ["commit", "-qm", "x"], ["push", "-q", str(usb), "main"]):
        subprocess.run(["git", "-C", str(work), *args], check=True, env=env, timeout=30)
    task = office.add("Mine")
    code, _, err = office("sync", "init", str(usb))
    assert code == 3 and "README.md" in err and "\n" not in err.strip()
    assert task in office.tasks()
    code, _, err = office("sync")
    assert code == 1 and "does not sync yet" in err


def test_what_a_sync_did_is_counted_in_words_in_both_languages(
    office: Machine, laptop: Machine, usb: Path
) -> None:
    office.add("Draft the budget")
    out = office.ok("sync", "init", str(usb))
    assert out.endswith("Synced: 1 change sent, 0 received.\n")
    out = laptop.ok("sync", "init", str(usb), "--lang", "zh")
    assert out.endswith("同步完成：发出 0 项修改，收到 1 项。\n")
    assert office.ok("sync") == "Synced: nothing to send or receive.\n"
    assert laptop.ok("sync", "--lang", "zh") == "同步完成：没有需要收发的修改。\n"
    office.add("Two")
    office.add("Three")
    assert office.ok("sync") == "Synced: 2 changes sent, 0 received.\n"
    status = office.ok("sync", "status", "--lang", "zh")
    assert "提交：            待发送" in status and "待发送修改：      0 项" in status
    assert "此后修改：        0 条记录" in status


def test_conflicts_are_listed_and_reversed_in_chinese(
    office: Machine, laptop: Machine, usb: Path
) -> None:
    task = office.add("Draft the budget")[:6]
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    office.ok("edit", task, "--title", "周报（办公室）", "pri:h")
    laptop.ok("edit", task, "--title", "周报（笔记本）", "pri:l")
    office.ok("sync")
    out = laptop.ok("sync", "--lang", "zh")
    assert "两台机器同时修改：2 处。" in out
    listed = laptop.ok("sync", "conflicts", "--lang", "zh").splitlines()
    assert len(listed) == 7  # three lines each, and the hint
    headings = [line for line in listed if not line.startswith("  ")][:2]
    assert {heading.split("  ")[-1] for heading in headings} == {
        f"任务 {task}：标题",
        f"任务 {task}：优先级",
    }
    here = str(laptop.status()["machine"])
    found = {c["field"]: c for c in json.loads(laptop.ok("sync", "conflicts", "--json"))}
    title, priority = found["title"], found["priority"]

    def source(name: str, language: str) -> str:
        if language == "zh":
            return "来自本机" if name == here else f"来自 {name}"
        return "from this machine" if name == here else f"from {name}"

    assert f"  保留：  “{title['winner']}”  {source(title['winner_machine'], 'zh')}" in listed
    assert f"  未采用：“{title['loser']}”  {source(title['loser_machine'], 'zh')}" in listed
    chinese = {"high": "高", "low": "低"}
    winner = chinese[priority["winner"]]
    assert f"  保留：  {winner}  {source(priority['winner_machine'], 'zh')}" in listed
    assert all(cell_len(line) <= 80 for line in listed)
    english = laptop.ok("sync", "conflicts").splitlines()
    kept = f'  kept:      "{title["winner"]}"  {source(title["winner_machine"], "en")}'
    assert kept in english
    lost = f"  not kept:  {priority['loser']}  {source(priority['loser_machine'], 'en')}"
    assert lost in english
    out = laptop.ok("sync", "conflicts", "--reverse", title["id"], "--lang", "zh")
    assert out == (
        f"已撤回 {title['id']}：任务 {task} 的标题已恢复为“{title['loser']}”，下次同步时发出。\n"
    )


def test_the_transport_s_errors_are_said_in_chinese(
    office: Machine, usb: Path, tmp_path: Path
) -> None:
    office.add("Kept")
    office.ok("sync", "init", str(usb))
    unplugged = tmp_path / "drawer"
    usb.rename(unplugged)
    code, _, err = office("sync", "--lang", "zh")
    assert code == 1 and "\n" not in err
    assert err.startswith(f"离线：无法连接 {usb}（")  # git's own words, quoted as they are
    assert err.endswith("）。所有修改都保留在本机，下次同步时发出。")
    code, _, err = office("sync")
    assert code == 1 and err.startswith(f"Offline: {usb} cannot be reached (")
    plain = tmp_path / "plain"
    plain.mkdir()
    other = Machine(tmp_path / "home")
    code, _, err = other("sync", "init", str(plain), "--lang", "zh")
    assert code == 3
    assert f"{plain} 是普通文件夹，不是 git 仓库：可用 git init --bare {plain} 建立" in err
    code, _, err = other("sync", "--lang", "zh")
    assert code == 1 and "此 planner 尚未同步" in err


def test_a_journal_text_conflict_is_named_by_its_date_in_both_languages(
    office: Machine,
    laptop: Machine,
    usb: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both versions are in the entry: the list says so, under the entry's date (its id
    means nothing to a user), and reversing it says to edit the entry."""
    editor = tmp_path / "editor"
    editor.write_text('#!/bin/sh\nprintf \'%s\\n\' "$PLANNER_TEST_TEXT" > "$1"\n', encoding="utf-8")
    editor.chmod(0o700)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    office.ok("journal", "Met Wang.")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    monkeypatch.setenv("PLANNER_TEST_TEXT", "Met Wang at the office.")
    office.ok("journal", "--edit")
    monkeypatch.setenv("PLANNER_TEST_TEXT", "Met Wang on the phone.")
    laptop.ok("journal", "--edit")
    office.ok("sync")
    laptop.ok("sync")
    day = MONDAY.date().isoformat()
    listed = laptop.ok("sync", "conflicts").splitlines()
    assert listed[0].endswith(f"journal entry {day}: text")
    assert listed[1] == "  both versions are in the entry, marked: edit it to keep one"
    chinese = laptop.ok("sync", "conflicts", "--lang", "zh").splitlines()
    assert chinese[0].endswith(f"日志 {day}：正文")
    conflict_id = listed[0].split()[0]
    code, _, err = laptop("sync", "conflicts", "--reverse", conflict_id, "--lang", "zh")
    assert code == 1 and f"日志 {day} 中已保留两个版本的正文" in err
    # the app's list and its r say the same, through FolderSync
    from datetime import time

    from planner.i18n.translate import set_language
    from planner.shell.app_sync import FolderSync

    app_sync = FolderSync(laptop.root, clock=lambda: MONDAY, day_starts_at=time(4))
    set_language("zh")
    try:
        [(listed_id, words)] = app_sync.conflicts(privacy=False, width=62)
        assert listed_id == conflict_id and f"日志 {day}：正文" in words
        said, severity = app_sync.reverse(conflict_id, privacy=False)
        assert severity == "warning" and said.startswith(f"日志 {day} 中已保留两个版本")
    finally:
        set_language("en")


class _MemoryKeyring:
    """A keyring backend in memory, standing in for the system's."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.items[(service, username)]


def test_status_says_whether_the_data_is_encrypted_and_a_keyring_holds_the_key(
    office: Machine, laptop: Machine, usb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.crypto.folder import encrypt_folder
    from data.crypto.kdf import TEST_KDF_VARIABLE
    from data.crypto.keyfile import unlock_folder
    from planner.shell import keyring_keys

    office.add("One")
    office.ok("sync", "init", str(usb))
    plain = office.status()
    assert plain["encrypted"] is False and plain["keyring"] is False
    assert "Encryption:       off" in office.ok("sync", "status")
    assert "加密：            未加密" in office.ok("sync", "status", "--lang", "zh")

    # the laptop encrypts first (as planner encrypt does), then syncs to a fresh remote
    monkeypatch.setenv(TEST_KDF_VARIABLE, "fast")
    passfile = tmp_path / "pass.txt"
    passfile.write_text("口令 words\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))
    laptop.add("Two")
    encrypt_folder(laptop.root, "口令 words", created=MONDAY)
    fresh = tmp_path / "fresh.git"
    subprocess.run(["git", "init", "-q", "--bare", str(fresh)], check=True, timeout=30)
    laptop.ok("sync", "init", str(fresh))
    sealed = laptop.status()
    assert sealed["encrypted"] is True and sealed["keyring"] is False
    text = laptop.ok("sync", "status")
    assert "Encryption:       on (no keyring holds the key)" in text

    backend = _MemoryKeyring()
    keyring_keys.store(laptop.root, unlock_folder(laptop.root, "口令 words"), backend)
    kept = laptop.status()
    assert kept["encrypted"] is True and kept["keyring"] is True
    assert "the system keyring holds the key" in laptop.ok("sync", "status")
    assert "系统钥匙串保存着密钥" in laptop.ok("sync", "status", "--lang", "zh")
