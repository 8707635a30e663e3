"""Sync of an encrypted planner with real git (issue 15): two machines, a bare remote in
``tmp_path``, words planted in records (English and Chinese). Values travel sealed per
operation; no planted word is in either data folder, either local repository's objects or
the remote's; merging of concurrent field edits still converges; a machine joins with the
right passphrase and is refused (exit 3, one line, nothing written) with a wrong one or
none."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call

if shutil.which("git") is None:  # CI has git; a machine without it cannot run these
    pytest.skip("the git command is not installed", allow_module_level=True)

PASS = "同步口令 sync words"
WORDS = ("Zqvelkrond", "Xuprandtel", "Wobbemfrist", "Yaltorquin", "Vemmuskard")
CHINESE = ("骁骐翊鹄", "翦黛蘅芷", "鸾凤砚池", "龢磬瑶琚", "椿萱棣棠")


def planted(index: int) -> str:
    return f"{WORDS[index]} {CHINESE[index]}"


class Machine:
    """``planner`` on one data folder, each command a minute later than the last."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.minutes = 0

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.minutes += 1
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
        return {str(t["id"]): t for t in json.loads(self.ok("list", "--all", "--json"))}


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    path = tmp_path / "usb" / "planner.git"
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True, timeout=30)
    return path


def give(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, passphrase: str | None) -> None:
    if passphrase is None:
        monkeypatch.delenv("PLANNER_PASSPHRASE_FILE", raising=False)
        return
    path = tmp_path / f"pass-{len(passphrase)}-{abs(hash(passphrase))}.txt"
    path.write_text(passphrase + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(path))


def git_objects(repository: Path) -> bytes:
    """Every object of a repository, decompressed (what ``git cat-file`` shows)."""
    if not repository.exists():
        return b""
    done = subprocess.run(
        ["git", "-C", str(repository), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def words_found(*roots: Path, repositories: tuple[Path, ...]) -> list[str]:
    """Each planted word (UTF-8 bytes) found in a file under ``roots`` or in an object of
    ``repositories``, with where."""
    needles = [w.encode("utf-8") for w in (*WORDS, *CHINESE)]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path}: {n.decode()}" for n in needles if n in data]
    for repository in repositories:
        data = git_objects(repository)
        found += [f"{repository} objects: {n.decode()}" for n in needles if n in data]
    return found


def every_byte(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_two_encrypted_machines_sync_sealed_values_and_converge(
    tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    budget = office.add(f"{planted(0)} budget")
    office.ok("journal", planted(1))
    assert words_found(office.root, repositories=())  # the search sees plain text
    give(monkeypatch, tmp_path, PASS)
    office.ok("encrypt")
    office.ok("sync", "init", str(usb))
    log = b"".join(p.read_bytes() for p in (office.root / "sync" / "ops").rglob("*.jsonl"))
    assert b'"sealed":"' in log and b'"value"' not in log
    assert list((office.root / "sync" / "ops").glob("*/keys.json"))

    # a machine without the passphrase, or with a wrong one: exit 3, one line, nothing written
    laptop.ok("list")
    before = every_byte(laptop.root)
    for wrong in (None, "not the passphrase"):
        give(monkeypatch, tmp_path, wrong)
        code, out, err = laptop("sync", "init", str(usb))
        assert code == 3, (out, err)
        assert len(err.strip().splitlines()) == 1, err
        assert every_byte(laptop.root) == before
        assert not (laptop.root / "sync").exists()
        assert not (laptop.root / "keys.json").exists()

    give(monkeypatch, tmp_path, PASS)
    laptop.ok("sync", "init", str(usb))
    assert budget in laptop.tasks()
    assert (laptop.root / "keys.json").exists()
    call_notes = laptop.add(f"{planted(2)} call")
    laptop.ok("journal", planted(3))
    laptop.ok("sync")
    office.ok("sync")
    assert call_notes in office.tasks()

    # concurrent edits of different fields of one task, and of the same field
    office.ok("edit", budget, "--title", f"{planted(4)} office title")
    laptop.ok("edit", budget, "--notes", f"{planted(4)} laptop notes")
    laptop.ok("edit", call_notes, "--title", "laptop's title")
    office.ok("sync")  # office has not seen call's edit; edits it after receiving nothing
    office.ok("edit", call_notes, "--title", "office's title")
    laptop.ok("sync")
    office.ok("sync")
    laptop.ok("sync")
    office_tasks, laptop_tasks = office.tasks(), laptop.tasks()
    assert office_tasks == laptop_tasks
    assert str(office_tasks[budget]["title"]).startswith(WORDS[4])
    assert office_tasks[budget]["notes"] == f"{planted(4)} laptop notes"
    assert office_tasks[call_notes]["title"] in ("laptop's title", "office's title")

    assert b'"sealed":"' in git_objects(usb)
    found = words_found(
        office.root,
        laptop.root,
        repositories=(usb, office.root / "sync", laptop.root / "sync"),
    )
    assert found == []


def test_a_new_passphrase_and_a_new_data_key_reach_the_other_machine(
    tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    first = office.add(f"{planted(0)} first")
    office.ok("journal", planted(1))
    give(monkeypatch, tmp_path, PASS)
    office.ok("encrypt")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))

    # planner passphrase on the office: the laptop takes the rewrapped key file
    newer = tmp_path / "newer.txt"
    newer.write_text("新的口令 newer\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_NEW_PASSPHRASE_FILE", str(newer))
    office.ok("passphrase")
    give(monkeypatch, tmp_path, "新的口令 newer")
    office.ok("sync")
    give(monkeypatch, tmp_path, PASS)
    laptop.ok("sync")
    code, _out, err = laptop("list")
    assert code == 3 and len(err.strip().splitlines()) == 1, err  # the old one no longer
    give(monkeypatch, tmp_path, "新的口令 newer")
    assert first in laptop.tasks()

    # planner rekey on the office: the laptop follows with the passphrase; the values
    # sealed with the retired key (the journal's text, the first task) still open
    office.ok("rekey")
    second = office.add(f"{planted(2)} second")
    office.ok("journal", planted(3))
    office.ok("sync")
    laptop.ok("sync")
    office_keys = json.loads((office.root / "keys.json").read_bytes())
    laptop_keys = json.loads((laptop.root / "keys.json").read_bytes())
    assert laptop_keys["key_id"] == office_keys["key_id"] and office_keys["retired"]
    assert {first, second} <= set(laptop.tasks())
    laptop.ok("edit", first, "--notes", "after the rekey")
    laptop.ok("sync")
    office.ok("sync")
    assert office.tasks() == laptop.tasks()
    # the day's journal text: its creation sealed with the retired key, the append with
    # the new one (a receive replays the entry's text from every body operation)
    assert WORDS[1] in laptop.ok("journal", "--search", WORDS[1])
    assert WORDS[3] in laptop.ok("journal", "--search", WORDS[3])
    assert words_found(office.root, laptop.root, repositories=(usb,)) == []


def test_encrypting_a_syncing_folder_starts_its_repository_afresh(
    tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    task = office.add(f"{planted(0)} plain first")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    laptop.ok("journal", planted(1))
    laptop.ok("sync")
    office.ok("sync")
    assert words_found(office.root, repositories=(office.root / "sync",))

    give(monkeypatch, tmp_path, PASS)
    code, _out, err = office("encrypt")
    assert code == 0, err
    assert "git init --bare" in err
    assert not (office.root / "sync" / ".git").exists()
    assert words_found(office.root, repositories=()) == []
    code, _out, _err = office("sync")
    assert code == 1  # sync is off until sync init on a fresh remote

    fresh = tmp_path / "usb" / "fresh.git"
    subprocess.run(["git", "init", "-q", "--bare", str(fresh)], check=True, timeout=30)
    office.ok("sync", "init", str(fresh))
    laptop.ok("sync", "leave")
    laptop.ok("sync", "init", str(fresh))  # asks the passphrase: the remote is encrypted
    assert (laptop.root / "keys.json").exists()
    laptop.ok("edit", task, "--notes", f"{planted(2)} notes")
    laptop.ok("sync")
    office.ok("sync")
    assert office.tasks()[task]["notes"] == f"{planted(2)} notes"
    assert office.tasks() == laptop.tasks()
    found = words_found(
        office.root,
        laptop.root,
        repositories=(fresh, office.root / "sync", laptop.root / "sync"),
    )
    assert found == []

    # planner decrypt on a syncing folder: its logs are plain again, sync off
    code, _out, err = laptop("decrypt")
    assert code == 0, err
    assert not (laptop.root / "sync" / ".git").exists()
    logs = b"".join(p.read_bytes() for p in (laptop.root / "sync" / "ops").rglob("*.jsonl"))
    assert b'"sealed"' not in logs and WORDS[2].encode() in logs


class Killed(BaseException):
    """Stands for a kill: nothing after it runs, no clean-up."""


def test_a_join_killed_after_the_folder_was_sealed_is_finished_by_running_it_again(
    tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.sync import format_change

    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    task = office.add(f"{planted(0)} office")
    give(monkeypatch, tmp_path, PASS)
    office.ok("encrypt")
    office.ok("sync", "init", str(usb))
    mine = laptop.add(f"{planted(1)} laptop's own")
    old = tmp_path / "usb" / "old.git"
    subprocess.run(["git", "init", "-q", "--bare", str(old)], check=True, timeout=30)
    laptop.ok("sync", "init", str(old))  # synced in plain before: its history holds the words
    laptop.ok("sync", "leave")

    def killed(*args: object, **kwargs: object) -> int:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(format_change, "finish", killed)
        with pytest.raises(Killed):
            laptop("sync", "init", str(usb))
    assert (laptop.root / "keys.json").exists() and format_change.pending(laptop.root)
    laptop.ok("sync", "init", str(usb))
    assert format_change.pending(laptop.root) is None
    office.ok("sync")
    assert {task, mine} <= set(office.tasks()) and office.tasks() == laptop.tasks()
    repositories = (usb, office.root / "sync", laptop.root / "sync")
    assert words_found(office.root, laptop.root, repositories=repositories) == []


@pytest.mark.parametrize("case", ["locked", "other-key", "rekeyed"])
def test_an_encrypted_remote_is_worded_in_both_languages(case: str, tmp_path: Path) -> None:
    from data.sync.sync_keys import RemoteKeyError
    from planner.i18n.translate import set_language
    from planner.shell.sync_words import remote_key_words

    error = RemoteKeyError(tmp_path, case, "m4chine1d")
    try:
        set_language("zh")
        chinese = remote_key_words(error)
    finally:
        set_language("en")
    english = remote_key_words(error)
    assert "{" not in english + chinese and english != chinese
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    assert ("m4chine1d" in english and "m4chine1d" in chinese) == (case == "rekeyed")


def test_the_apps_sync_of_an_encrypted_folder_uses_the_keys_the_app_holds(
    tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.crypto.keyfile import unlock_folder
    from planner.domain.clock import DEFAULT_DAY_START
    from planner.shell.app_sync import FolderSync

    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    give(monkeypatch, tmp_path, PASS)
    office.ok("encrypt")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    task = office.add(f"{planted(0)} from the office")
    office.ok("sync")
    give(monkeypatch, tmp_path, None)
    keys = unlock_folder(laptop.root, PASS)

    def now() -> datetime:
        return MONDAY + timedelta(hours=2)

    locked = FolderSync(laptop.root, clock=now, day_starts_at=DEFAULT_DAY_START)
    assert locked.sync().severity == "error"  # no key held: refused, nothing received
    done = FolderSync(
        laptop.root, clock=now, day_starts_at=DEFAULT_DAY_START, keys=lambda: keys
    ).sync()
    assert done.severity == "information" and done.received >= 1, done
    give(monkeypatch, tmp_path, PASS)
    assert task in laptop.tasks()
