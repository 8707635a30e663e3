"""Schema 3: days and journal entries get the id of their date, in old folders too (issue #14).

A folder of schema 2 is made by the services (so its history holds real actions), then its
days and entries are given random ids, as a planner of schema 2 made them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from data import doctor
from data.crypto.folder import encrypt_folder
from data.crypto.kdf import TEST_COST
from data.crypto.keyfile import unlock_folder
from data.files import sealing
from data.files.layout import DAYS, JOURNAL
from data.history_file import HISTORY_FILE
from data.store import FileStore
from data.tinydb.date_ids import give_date_ids
from data.tinydb.schema import CURRENT_SCHEMA
from planner.domain.config import Config
from planner.domain.ids import date_id, new_id
from planner.domain.models import JournalEntry
from planner.services.history import StepRefused
from planner.services.planner import Planner
from planner.services.ports import Change

TODAY = date(2026, 11, 23)  # the test clock's day (tests/store/conftest.py)
PASSPHRASE = "迁移 migrate"


def planner_on(data_dir: Path, clock: Any) -> Planner:
    return Planner(FileStore(data_dir, clock=clock), Config(data_dir=data_dir), clock)


def schema_of(path: Path) -> int:
    schema: int = next(iter(json.loads(plain_bytes(path))["_meta"].values()))["schema"]
    return schema


def make_v2(data_dir: Path, clock: Any) -> dict[str, str]:
    """A schema-2 folder: a task, today's main contradiction and a journal entry written in
    two actions, with random ids for the day and the entry (in the files and the history).
    Returns the random id of each record by kind."""
    planner = planner_on(data_dir, clock)
    task = planner.quick_add("quarterly report")
    planner.set_main(task.id)
    planner.journal_append("first thought")
    planner.journal_append("second thought")
    random: dict[str, str] = {}
    history = data_dir / HISTORY_FILE
    text = history.read_text("utf-8")
    for kind, folder in (("day", "days"), ("journal", "journal")):
        path = data_dir / folder / f"{TODAY.year}.json"
        data = json.loads(path.read_bytes())
        (document,) = data[folder].values()
        random[kind] = new_id()
        text = text.replace(document["id"], random[kind])
        document["id"] = random[kind]
        data["_meta"]["1"]["schema"] = 2
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    history.write_text(text, "utf-8")
    for path in (data_dir / "meta.json", data_dir / "tasks" / "open.json"):
        data = json.loads(path.read_bytes())
        data["_meta"]["1"]["schema"] = 2
        path.write_text(json.dumps(data, indent=2), "utf-8")
    return random


def plain_bytes(path: Path) -> bytes:
    """``path``'s bytes, opened when its folder is sealed (and this process holds its key)."""
    return sealing.open_bytes(path, path.read_bytes())


@pytest.mark.parametrize("sealed", [False, True], ids=["plain", "sealed"])
def test_a_schema_2_folder_gives_its_days_and_entries_their_date_ids(
    data_dir: Path, clock: Any, sealed: bool
) -> None:
    """Also for a schema-2 folder encrypted before this planner first opens it (issue #15):
    the migration runs on the sealed files and leaves them sealed, backup included."""
    random = make_v2(data_dir, clock)
    keys = None
    if sealed:
        encrypt_folder(data_dir, PASSPHRASE, created=clock(), cost=TEST_COST)
        sealing.forget(data_dir)  # a new process: no key until the store is given it
        keys = unlock_folder(data_dir, PASSPHRASE)

    def open_store() -> FileStore:
        return FileStore(data_dir, clock=clock, keys=keys)

    journal, days = data_dir / "journal" / "2026.json", data_dir / "days" / "2026.json"
    before = {path: path.read_bytes() for path in (journal, days, data_dir / HISTORY_FILE)}

    store = open_store()
    report = store.migration
    assert report is not None and (report.from_version, report.to_version) == (2, 3)
    assert report.counts == {"renamed": 2, "history": 1}
    assert not report.problems
    entry, day = store.get_entry(TODAY), store.get_day(TODAY)
    assert entry is not None and entry.id == date_id("journal", TODAY)
    assert entry.body == "first thought\n\nsecond thought\n"
    assert day is not None and day.id == date_id("day", TODAY) and day.main is not None
    assert schema_of(journal) == schema_of(days) == schema_of(data_dir / "meta.json") == 4

    history = plain_bytes(data_dir / HISTORY_FILE).decode("utf-8")
    assert random["journal"] not in history and random["day"] not in history
    assert date_id("journal", TODAY) in history and date_id("day", TODAY) in history
    assert report.backup is not None and report.backup.name.endswith("before-migration-v2")
    for path, raw in before.items():
        kept = report.backup / path.relative_to(data_dir)
        if not kept.exists():
            kept = report.backup / path.name  # the history is copied in by name
        assert kept.read_bytes() == raw
    assert all(result.ok for result in doctor.check(data_dir))
    assert open_store().migration is None
    if sealed:
        written = [
            p
            for p in data_dir.rglob("*.json")
            if p.is_file() and sealing.role_of(p.relative_to(data_dir).as_posix())
        ]
        assert written and all(sealing.looks_sealed(p.read_bytes()) for p in written)
        assert not any(b"thought" in p.read_bytes() for p in data_dir.rglob("*") if p.is_file())


def test_undo_of_actions_made_before_the_migration_still_works(data_dir: Path, clock: Any) -> None:
    make_v2(data_dir, clock)
    planner = planner_on(data_dir, clock)  # migrates
    assert planner.undo() is not None
    entry = planner.store.get_entry(TODAY)
    assert entry is not None and entry.body == "first thought\n"
    assert planner.undo() is not None
    assert planner.store.get_entry(TODAY) is None
    assert planner.undo() is not None
    day = planner.store.get_day(TODAY)
    assert day is None or day.main is None
    assert planner.redo() is not None
    assert planner.redo() is not None
    again = planner.store.get_entry(TODAY)
    assert again is not None and again.id == date_id("journal", TODAY)


def test_an_old_history_left_unrewritten_is_refused_cleanly(
    data_dir: Path, clock: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A history holding the old ids (put back by hand): undo says it cannot, no traceback."""
    from planner.shell.cli.main import main

    make_v2(data_dir, clock)
    old_history = (data_dir / HISTORY_FILE).read_bytes()
    planner = planner_on(data_dir, clock)  # migrates, and rewrites the history
    (data_dir / HISTORY_FILE).write_bytes(old_history)
    with pytest.raises(StepRefused):
        while planner.undo() is not None:  # the task's own add may still be undone
            pass
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), "--lang", "en", "undo"], clock=clock)
    out, err = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in out + err and err.strip()


def test_a_migration_killed_before_the_history_runs_again(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any, monkeypatch: Any
) -> None:
    random = make_v2(data_dir, clock)

    def killed(*_args: object) -> bool:
        raise KeyboardInterrupt("killed after the data files, before the history")

    with monkeypatch.context() as patch:
        patch.setattr("data.tinydb.migrate.rewrite_actions", killed)
        with pytest.raises(KeyboardInterrupt):
            open_store()
    assert schema_of(data_dir / "journal" / "2026.json") == CURRENT_SCHEMA
    assert schema_of(data_dir / "meta.json") == 2
    assert random["journal"] in (data_dir / HISTORY_FILE).read_text("utf-8")

    store = open_store()
    assert store.migration is not None and store.migration.counts["history"] == 1
    assert random["journal"] not in (data_dir / HISTORY_FILE).read_text("utf-8")
    planner = Planner(store, Config(data_dir=data_dir), clock)
    assert planner.undo() is not None
    entry = store.get_entry(TODAY)
    assert entry is not None and entry.body == "first thought\n"


def test_an_older_day_file_brought_back_later_is_read_with_date_ids(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any
) -> None:
    """``doctor --repair`` may restore one file from a snapshot taken before the migration."""
    make_v2(data_dir, clock)
    journal = data_dir / "journal" / "2026.json"
    old = journal.read_bytes()
    open_store()
    shutil.copyfile(data_dir / "journal" / "2026.json", data_dir / "kept.json")
    journal.write_bytes(old)

    store = open_store()
    entry = store.get_entry(TODAY)
    assert entry is not None and entry.id == date_id("journal", TODAY)
    assert journal.read_bytes() == old  # read as it is, given its ids in memory
    store.apply([Change(entry, entry.touched(clock(), body="edited\n"))])
    assert schema_of(journal) == CURRENT_SCHEMA
    (document,) = json.loads(journal.read_bytes())["journal"].values()
    assert document["id"] == date_id("journal", TODAY) and document["body"] == "edited\n"


def test_two_folders_writing_the_same_day_offline_make_the_same_ids(
    tmp_path: Path, clock: Any
) -> None:
    made = []
    for name, words in (("desk", "from the desk"), ("laptop", "from the laptop")):
        planner = planner_on(tmp_path / name, clock)
        task = planner.quick_add(f"main on the {name}")
        planner.set_main(task.id)
        planner.journal_append(words)
        entry, day = planner.store.get_entry(TODAY), planner.store.get_day(TODAY)
        assert entry is not None and day is not None
        made.append((entry.id, day.id))
    assert made[0] == made[1] == (date_id("journal", TODAY), date_id("day", TODAY))


def document(record_id: str, day: str, updated: str, body: str = "") -> dict[str, Any]:
    return {"id": record_id, "date": day, "updated": updated, "body": body}


def test_of_two_records_of_one_date_the_one_shown_gets_the_date_id() -> None:
    shown, hidden, tie_first, tie_last = (new_id() for _ in range(4))
    data: dict[str, dict[str, Any]] = {
        "_meta": {"1": {"kind": "journal", "schema": 2}},
        "journal": {
            "1": document(shown, "2026-01-02", "2026-01-02T20:00:00+08:00"),
            "2": document(hidden, "2026-01-02", "2026-01-02T10:00:00+08:00"),
            "3": document(tie_first, "2026-01-03", "2026-01-03T10:00:00+08:00"),
            "4": document(tie_last, "2026-01-03", "2026-01-03T02:00:00+00:00"),
            "5": document("not-an-id", "not a date", "2026-01-03T10:00:00+08:00"),
        },
    }
    renamed = give_date_ids(data, JOURNAL)
    assert renamed == {
        shown: date_id("journal", date(2026, 1, 2)),
        tie_last: date_id("journal", date(2026, 1, 3)),
    }
    ids = [doc["id"] for doc in data["journal"].values()]
    assert ids == [renamed[shown], hidden, tie_first, renamed[tie_last], "not-an-id"]
    assert give_date_ids(data, JOURNAL) == {}  # the same again: nothing left to rename
    assert give_date_ids(data, DAYS) == {}  # a days file holds no journal table


def test_a_record_file_keeps_the_sync_engines_tables(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any
) -> None:
    """Schema 3 admits per-record tables named with a leading ``_`` (``_clock``,
    tombstones): read without complaint, and kept as they are by every write."""
    store = open_store()
    entry = JournalEntry.create(TODAY, clock(), body="x")
    store.apply([Change(None, entry)])
    path = data_dir / "journal" / "2026.json"
    data = json.loads(path.read_bytes())
    data["_clock"] = {entry.id: {"body": "0001764000000000.000000.abcdefghjkmn"}}
    data["_tombstones"] = {"qqqqqqqqqqqq": {"at": "0001764000000000.000001.abcdefghjkmn"}}
    path.write_text(json.dumps(data), "utf-8")

    store = open_store()
    current = store.get_entry(TODAY)
    assert current is not None
    store.apply([Change(current, current.touched(clock(), body="y"))])
    written = json.loads(path.read_bytes())
    assert written["_clock"] == data["_clock"] and written["_tombstones"] == data["_tombstones"]
    assert all(result.ok for result in doctor.check(data_dir))
