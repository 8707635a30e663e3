"""An encrypted data folder: no record text anywhere on disk, and the round trips.

Unique words (English and Chinese) are planted in every kind of record and every text
field; after ``encrypt_folder`` and more writes, an undo and a backup, every byte of every
file under the data folder (caches, history, backups, temporary files) is searched for
them. The same search on the plain folder finds them, so the test can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from data import backups
from data.crypto.errors import Locked, SealBroken
from data.crypto.folder import decrypt_folder, encrypt_folder, rekey_folder
from data.crypto.keyfile import Keys, unlock_folder
from data.crypto.seal import FileRole
from data.files import sealing
from data.store import FileStore
from planner.domain.config import Config
from planner.domain.models import JournalEntry, SetbackAnalysis, Task
from planner.services.planner import Planner
from planner.services.ports import Change, TaskQuery

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
PASSPHRASE = "correct horse 电池 staple"

FIELDS = (
    "title", "notes", "source", "feedback", "people", "tags", "ref",
    "body", "jtag",
    "stitle", "objective", "subjective", "goal", "environment", "conditions", "lesson",
    "main", "later", "undone", "archived",
)  # fmt: skip


def words(field: str) -> tuple[str, str]:
    """Two unique words for ``field``: one English-looking, one Chinese."""
    return f"Qz{field}Vx", f"{field}绝密词"


def planted(field: str) -> str:
    return " ".join(words(field))


def all_words() -> Iterator[bytes]:
    for field in FIELDS:
        for word in words(field):
            yield word.encode("utf-8")


def found_words(root: Path) -> dict[str, list[str]]:
    """Every planted word found in any file under ``root``, with where."""
    found: dict[str, list[str]] = {}
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    assert files
    for path in files:
        raw = path.read_bytes()
        for word in all_words():
            if word in raw:
                found.setdefault(word.decode(), []).append(path.relative_to(root).as_posix())
    return found


class Clock:
    def __init__(self) -> None:
        self.moment = MONDAY

    def __call__(self) -> datetime:
        return self.moment


def plant_everything(store: FileStore, clock: Clock) -> Planner:
    planner = Planner(store, Config(), clock)
    made = Task.create(
        planted("title"),
        clock(),
        notes=planted("notes"),
        source=planted("source"),
        people=words("people"),
        tags=words("tags"),
    )
    task = planner.add_task(replace(made, external_ref=planted("ref")))
    planner.record_feedback(task.id, planted("feedback"))
    main = planner.add_task(Task.create(planted("main"), clock()))
    planner.set_main(main.id)
    planner.save_entry(
        JournalEntry.create(clock().date(), clock(), body=planted("body"), tags=words("jtag"))
    )
    planner.save_setback(
        SetbackAnalysis.create(
            clock().date(),
            planted("stitle"),
            clock(),
            objective=planted("objective"),
            subjective=planted("subjective"),
            goal=planted("goal"),
            environment=planted("environment"),
            conditions=planted("conditions"),
            lesson=planted("lesson"),
        )
    )
    done = planner.add_task(Task.create(planted("archived"), clock()))
    planner.complete(done.id)
    return planner


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_no_planted_word_is_left_anywhere_on_disk(root: Path, clock: Clock) -> None:
    store = FileStore(root, clock=clock)
    plant_everything(store, clock)
    clock.moment += timedelta(days=1)
    store.compact(clock().date())  # the done task goes to the archive
    list(store.archived_tasks_matching(_query()))  # summaries into .cache
    store.journal_written_runs(clock().date())
    backups.snapshot(root, clock().date())
    # what killed writers leave: temporary files holding plain text
    open_tasks = (root / "tasks" / "open.json").read_bytes()
    (root / "tasks" / ".open.json.99999.0123abcd.tmp").write_bytes(open_tasks)
    (root / ".cache" / ".tmp-killed").write_bytes(open_tasks)
    not_yet = ("later", "undone")
    expected = {w.decode() for w in all_words() if not any(n.encode() in w for n in not_yet)}
    assert set(found_words(root)) == expected

    made = encrypt_folder(root, PASSPHRASE, created=clock())
    assert made is not None
    assert found_words(root) == {}

    store = FileStore(root, clock=clock, keys=unlock_folder(root, PASSPHRASE))
    planner = Planner(store, Config(), clock)
    clock.moment += timedelta(days=1)  # a new day: its automatic backup too
    later = planner.add_task(Task.create(planted("later"), clock()))
    planner.journal_append(planted("later"))
    planner.edit(later.id, {"notes": planted("undone")})
    assert planner.undo() is not None
    backups.snapshot(root, clock().date())
    list(store.archived_tasks_matching(_query()))
    store.journal_written_runs(clock().date())

    assert found_words(root) == {}
    titles = {t.title for t in store.open_tasks()}
    assert planted("title") in titles and planted("later") in titles
    archived = [t.title for t in store.archived_tasks()]
    assert archived == [planted("archived")]
    entry = store.get_entry(MONDAY.date())
    assert entry is not None and entry.body == planted("body")
    assert any(p.name == ".manifest.json" for p in root.rglob("*"))
    assert not any(
        sealing.role_of(p.relative_to(root).as_posix()) and not sealing.looks_sealed(p.read_bytes())
        for p in root.rglob("*.json")
        if p.is_file()
    )


def _query() -> TaskQuery:
    return TaskQuery(done=(date(2000, 1, 1), date(2100, 1, 1)))


def records(store: FileStore) -> tuple[object, ...]:
    return (
        sorted(store.open_tasks(), key=lambda t: t.id),
        sorted(store.archived_tasks(), key=lambda t: t.id),
        store.journal_entries(),
        store.setbacks(),
        store.days(MONDAY.date() - timedelta(days=5), MONDAY.date() + timedelta(days=5)),
        store.action_log().read(),
    )


def test_decrypt_gives_back_the_same_records_as_plain_files(root: Path, clock: Clock) -> None:
    store = FileStore(root, clock=clock)
    plant_everything(store, clock)
    before = records(FileStore(root, clock=clock))
    encrypt_folder(root, PASSPHRASE, created=clock())
    keys = unlock_folder(root, PASSPHRASE)
    assert records(FileStore(root, clock=clock, keys=keys)) == before

    decrypt_folder(root, keys)
    assert not (root / "keys.json").exists()
    assert not sealing.is_sealed(sealing.meta_document(root))
    assert not any(sealing.looks_sealed(p.read_bytes()) for p in root.rglob("*") if p.is_file())
    assert records(FileStore(root, clock=clock)) == before
    assert set(found_words(root)) >= set(words("title"))


def test_without_keys_the_folder_is_locked_and_never_read_as_plain(
    root: Path, clock: Clock
) -> None:
    plant_everything(FileStore(root, clock=clock), clock)
    encrypt_folder(root, PASSPHRASE, created=clock())
    sealing.forget(root)
    with pytest.raises(Locked):
        FileStore(root, clock=clock)
    from data import doctor

    with pytest.raises(Locked):
        doctor.check(root)


def test_a_store_opened_before_encrypt_stops_instead_of_writing_plain(
    root: Path, clock: Clock
) -> None:
    early = FileStore(root, clock=clock)
    plant_everything(early, clock)
    encrypt_folder(root, PASSPHRASE, created=clock())
    sealing.forget(root)  # the other process never had the key
    with pytest.raises(Locked):
        early.apply([Change(None, Task.create(planted("later"), clock()))])
    assert found_words(root) == {}


def test_rekey_seals_everything_with_a_new_key_and_the_old_key_stops(
    root: Path, clock: Clock
) -> None:
    plant_everything(FileStore(root, clock=clock), clock)
    backups.snapshot(root, clock().date())
    encrypt_folder(root, PASSPHRASE, created=clock())
    old = unlock_folder(root, PASSPHRASE)
    before = records(FileStore(root, clock=clock, keys=old))
    stale = FileStore(root, clock=clock, keys=old)
    made = rekey_folder(root, old, PASSPHRASE, created=clock())
    assert made is not None
    new = unlock_folder(root, PASSPHRASE)
    assert new.data_key.key_id != old.data_key.key_id
    assert records(FileStore(root, clock=clock, keys=new)) == before
    assert found_words(root) == {}
    with pytest.raises(Locked):
        stale.apply([Change(None, Task.create("x", clock()))])
    blob = (root / "tasks" / "open.json").read_bytes()
    with pytest.raises(SealBroken):
        old.sealer().open_file(blob, _role("tasks/open.json"))


def _role(relative: str) -> FileRole:
    role = sealing.role_of(relative)
    assert role is not None
    return role


def test_a_plain_file_put_into_an_encrypted_folder_is_refused(root: Path, clock: Clock) -> None:
    plant_everything(FileStore(root, clock=clock), clock)
    plain = (root / "tasks" / "open.json").read_bytes()
    encrypt_folder(root, PASSPHRASE, created=clock())
    (root / "tasks" / "open.json").write_bytes(plain)
    from planner.domain.errors import DataError

    with pytest.raises(DataError, match="plain text in an encrypted"):
        FileStore(root, clock=clock, keys=unlock_folder(root, PASSPHRASE))


def keys_of(root: Path) -> Keys:
    return unlock_folder(root, PASSPHRASE)


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_sealed_file_is_reported_and_repaired_from_its_sealed_backup(
    root: Path, clock: Clock, damage: str
) -> None:
    from data import doctor
    from planner.domain.errors import DataError

    plant_everything(FileStore(root, clock=clock), clock)
    encrypt_folder(root, PASSPHRASE, created=clock())
    keys = unlock_folder(root, PASSPHRASE)
    before = records(FileStore(root, clock=clock, keys=keys))
    backups.snapshot(root, clock().date())
    path = root / "tasks" / "open.json"
    raw = bytearray(path.read_bytes())
    if damage == "truncate":
        path.write_bytes(bytes(raw[: len(raw) // 2]))
    else:
        raw[len(raw) // 2] ^= 1
        path.write_bytes(bytes(raw))
    with pytest.raises(DataError):
        FileStore(root, clock=clock, keys=keys)
    assert [r.path for r in doctor.check(root) if not r.ok] == [path]
    repaired = doctor.repair(root, clock=clock)
    assert [r.path for r in repaired] == [path] and repaired[0].records == 3
    assert all(r.ok for r in doctor.check(root))
    assert records(FileStore(root, clock=clock, keys=keys)) == before
    assert found_words(root) == {}


def _in_another_process(operation: str, root: Path) -> None:
    import os
    import subprocess
    import sys

    here = Path(__file__).resolve()
    done = subprocess.run(
        [sys.executable, str(here.with_name("folder_child.py")), operation, str(root), PASSPHRASE],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(here.parents[2])},
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == [b"ready", b"finished"]


def test_a_running_store_follows_a_decrypt_and_stops_after_a_rekey_by_another_process(
    root: Path, clock: Clock
) -> None:
    plant_everything(FileStore(root, clock=clock), clock)
    encrypt_folder(root, PASSPHRASE, created=clock())
    keys = unlock_folder(root, PASSPHRASE)
    running = FileStore(root, clock=clock, keys=keys)
    running.open_tasks()

    _in_another_process("rekey", root)
    with pytest.raises(Locked, match="another data key"):
        running.apply([Change(None, Task.create("with the old key", clock()))])

    running = FileStore(root, clock=clock, keys=unlock_folder(root, PASSPHRASE))
    _in_another_process("decrypt", root)
    task = Task.create("after the decrypt", clock())
    running.apply([Change(None, task)])
    running.refresh()  # reads the plain files without complaint
    sealing.forget(root)
    plain = FileStore(root, clock=clock)
    assert plain.get_task(task.id) == task
    assert not any(sealing.looks_sealed(p.read_bytes()) for p in root.rglob("*") if p.is_file())
