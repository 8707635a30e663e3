"""Compaction of the own log (``data.sync.compaction``): FileStores in ``tmp_path`` exchanging
their logs by copying ``sync/ops`` folders, as git would carry them."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from engine_support import Clock, Replica, make_replica, sync

from data.sync import compaction
from data.sync.compaction import compact, maybe_compact, published_applied
from data.sync.conflicts import ConflictBook
from data.sync.oplog import log_files, read_ops
from data.sync.state import applied_seq, reset_positions
from planner.domain.models import JournalEntry, Task
from planner.services.ports import Change


@pytest.fixture
def clock() -> Clock:
    return Clock()


def started(tmp_path: Path, clock: Clock, *names: str) -> list[Replica]:
    replicas = [make_replica(tmp_path, name, clock) for name in names]
    for replica in replicas:
        replica.start_sync()
    return replicas


def ops_count(replica: Replica) -> int:
    return sum(1 for line in read_ops(replica.root, replica.machine) if line.op is not None)


def seqs(replica: Replica) -> list[int]:
    return [line.op.seq for line in read_ops(replica.root, replica.machine) if line.op]


def edit_task(replica: Replica, clock: Clock, task_id: str, **fields: Any) -> None:
    replica.store.refresh()
    found = replica.store.locate("task", task_id)
    assert found is not None
    current = found[0]
    assert isinstance(current, Task)
    replica.write(Change(current, current.touched(clock(), **fields)))


def random_edits(replica: Replica, clock: Clock, rng: random.Random, count: int) -> None:
    """Task creations, title/notes edits, tags added and removed, completions, deletions
    and their undo, journal entries written and appended to, over several months."""
    store = replica.store
    for _ in range(count):
        clock.advance(hours=rng.choice([1, 5, 30, 200]))
        store.refresh()
        tasks = list(store.open_tasks())
        roll = rng.random()
        if roll < 0.15 or not tasks:
            tags = tuple(rng.sample(["a", "b", "c", "d"], rng.randint(0, 2)))
            replica.write(Change(None, Task.create(f"task {rng.random():.6f}", clock(), tags=tags)))
            continue
        task = rng.choice(tasks)
        if roll < 0.45:
            edit_task(
                replica, clock, task.id, title=f"{task.title.split(' #')[0]} #{rng.randint(0, 99)}"
            )
        elif roll < 0.6:
            flipped = set(task.tags) ^ {rng.choice(["a", "b", "c", "d", "e"])}
            edit_task(replica, clock, task.id, tags=tuple(sorted(flipped)))
        elif roll < 0.68:
            edit_task(replica, clock, task.id, notes=f"note {rng.randint(0, 9)}")
        elif roll < 0.72:
            replica.write(Change(task, task.complete(clock())))
        elif roll < 0.75:
            replica.write(Change(task, None))
            if rng.random() < 0.5:  # the undo of that deletion
                clock.advance(minutes=1)
                replica.write(Change(None, task.touched(clock())))
        else:
            day = clock().date()
            entry = store.get_entry(day)
            if entry is None:
                replica.write(Change(None, JournalEntry.create(day, clock(), body="Begun.\n")))
            elif rng.random() < 0.7:
                replica.write(Change(entry, entry.appended(f"line {rng.randint(0, 999)}", clock())))
            else:
                body = entry.body.replace("line", "LINE", 1)
                replica.write(Change(entry, entry.touched(clock(), body=body)))


def joiner(tmp_path: Path, clock: Clock, name: str, logs_from: Replica) -> Replica:
    """A machine that joins now: an empty planner that receives every log ``logs_from``
    holds."""
    late = make_replica(tmp_path, name, clock)
    late.start_sync()
    shutil.copytree(logs_from.root / "sync" / "ops", late.root / "sync" / "ops", dirs_exist_ok=True)
    late.receive()
    return late


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replaying_a_compacted_log_gives_the_records_of_the_whole_log(
    tmp_path: Path, clock: Clock, seed: int
) -> None:
    rng = random.Random(seed)
    a, b = started(tmp_path, clock, "a", "b")
    for _ in range(4):
        random_edits(a, clock, rng, 60)
        random_edits(b, clock, rng, 20)
        sync(a, b)
    sync(a, b)
    whole = joiner(tmp_path, clock, "whole", a)
    before = ops_count(a)
    done = compact(a.root, a.machine, applied_everywhere_of(a))
    assert done.removed > 0 and ops_count(a) == before - done.removed
    assert done.after < done.before
    late = joiner(tmp_path, clock, "late", a)
    assert late.documents() == whole.documents() == a.documents() == b.documents()
    sync(a, b)
    assert a.documents() == b.documents() == late.documents()
    # a machine that had applied the whole log replays the compacted one (restore, repair)
    reset_positions(b.root)
    b.receive()
    assert b.documents() == a.documents()
    # seq numbers are kept (gaps where operations went) and the last one stays
    left = seqs(a)
    assert left == sorted(left) and left[-1] == before


def applied_everywhere_of(replica: Replica) -> int:
    return compaction.applied_everywhere(
        replica.root, replica.machine, applied_seq(replica.root, replica.machine)
    )


def test_a_late_joiner_after_compaction_sees_no_conflict(tmp_path: Path, clock: Clock) -> None:
    (a,) = started(tmp_path, clock, "a")
    task = Task.create("first", clock(), tags=("x",))
    a.write(Change(None, task))
    for index in range(10):
        clock.advance(days=3)
        edit_task(a, clock, task.id, title=f"title {index}", tags=("x", f"t{index}"))
    done = compact(a.root, a.machine, applied_everywhere_of(a))
    assert done.removed >= 9 + 8  # nine titles and eight of the tags' adds/removes
    late = joiner(tmp_path, clock, "late", a)
    assert late.documents() == a.documents()
    assert ConflictBook(late.root).count() == 0


def test_never_compacts_what_another_machine_has_not_applied(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compaction, "COMPACT_EVERY", 5)
    a, b = started(tmp_path, clock, "a", "b")
    task = Task.create("shared", clock())
    a.write(Change(None, task))
    sync(a, b)
    sync(a, b)  # what b applied in the first reaches a in the second
    assert published_applied(a.root, b.machine) == {a.machine: 1}  # the creation
    for index in range(20):
        clock.advance(hours=1)
        edit_task(a, clock, task.id, title=f"unseen {index}")
    a.receive()  # b has not applied any of them: nothing goes
    last = seqs(a)[-1]
    done = maybe_compact(a.root, a.machine, applied_seq(a.root, a.machine), every=1)
    assert done is not None and done.through == 1 and done.removed == 0
    assert seqs(a) == list(range(1, last + 1))
    sync(a, b)  # b applies them all and says so; a reads it on its next receive
    sync(a, b)
    assert published_applied(a.root, b.machine)[a.machine] == last
    # the creation (the last title folded in) and the log's last operation (its time)
    assert seqs(a) == [1, last]
    assert a.documents() == b.documents()


def test_a_machine_that_never_said_holds_compaction_back(tmp_path: Path, clock: Clock) -> None:
    a, b = started(tmp_path, clock, "a", "b")
    task = Task.create("shared", clock())
    a.write(Change(None, task))
    for index in range(5):
        clock.advance(hours=1)
        edit_task(a, clock, task.id, title=f"t {index}")
    sync(a, b)
    sync(a, b)
    assert applied_everywhere_of(a) == seqs(a)[-1]
    # b as an older planner would leave it: a log folder, nothing said about what it applied
    (a.root / "sync" / "ops" / b.machine / "applied.json").unlink()
    assert applied_everywhere_of(a) == 0
    assert compact(a.root, a.machine, applied_everywhere_of(a)).removed == 0


def test_compaction_on_three_machines_keeps_them_converging(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compaction, "COMPACT_EVERY", 10)
    rng = random.Random(7)
    replicas = started(tmp_path, clock, "a", "b", "c")
    compactions_seen = 0
    for _ in range(8):
        for replica in replicas:
            random_edits(replica, clock, rng, 15)
        order = replicas[:]
        rng.shuffle(order)
        sync(*order[:2])
        sync(*order)
        compactions_seen += sum(
            1 for r in replicas if compaction.compacted_through(r.root, r.machine) > 0
        )
    sync(*replicas)
    sync(*replicas)
    assert compactions_seen > 0
    assert replicas[0].documents() == replicas[1].documents() == replicas[2].documents()
    late = joiner(tmp_path, clock, "late", replicas[0])
    assert late.documents() == replicas[0].documents()


@pytest.mark.parametrize("kill_after", [0, 1, 2, 4])
def test_a_kill_between_two_months_leaves_a_usable_log(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, kill_after: int
) -> None:
    (a,) = started(tmp_path, clock, "a")
    task = Task.create("long lived", clock())
    a.write(Change(None, task))
    for index in range(12):
        clock.advance(days=20)
        edit_task(a, clock, task.id, title=f"month {index}", notes=f"n {index}")
    whole = joiner(tmp_path, clock, "whole", a)
    assert len(log_files(a.root, a.machine)) >= 6
    written: list[Path] = []
    from data.files.atomic import write_atomic as real

    def killed(path: Path, text: str | bytes, **kwargs: Any) -> Any:
        if len(written) == kill_after:
            raise KeyboardInterrupt("killed")
        written.append(path)
        return real(path, text, **kwargs)

    monkeypatch.setattr(compaction, "write_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        compact(a.root, a.machine, applied_everywhere_of(a))
    monkeypatch.setattr(compaction, "write_atomic", real)
    assert compaction.compacted_through(a.root, a.machine) == 0
    half = joiner(tmp_path, clock, "half", a)
    assert half.documents() == whole.documents()
    # the next compaction finishes the work
    done = maybe_compact(a.root, a.machine, applied_seq(a.root, a.machine), every=1)
    assert done is not None and done.removed > 0
    assert compaction.compacted_through(a.root, a.machine) == seqs(a)[-1]
    again = compact(a.root, a.machine, applied_everywhere_of(a))
    assert again.removed == 0
    full = joiner(tmp_path, clock, "full", a)
    assert full.documents() == whole.documents()
    assert ConflictBook(full.root).count() == 0


def test_a_folded_creation_keeps_each_fields_stamp_in_its_line() -> None:
    from planner.domain.sync.hlc import Stamp
    from planner.domain.sync.merge import RecordState, apply_op
    from planner.domain.sync.ops import Op, decode_op, encode_op

    made, later, other = Stamp(1000, 0, "m1"), Stamp(5000, 0, "m1"), Stamp(3000, 0, "m2")
    folded = Op(made, 1, "task", "t1", "create", value={"title": "new", "notes": "n"})
    folded = decode_op(encode_op(Op(**{**_fields_of(folded), "fields": {"title": later}})))
    assert folded.fields == {"title": later}
    # another machine's edit between the creation and the folded set loses the title only
    state = RecordState("task", "t1")
    apply_op(state, Op(made, 1, "task", "t1", "create", value={"title": "old", "notes": "n"}))
    apply_op(state, Op(other, 1, "task", "t1", "set", "title", "theirs"))
    apply_op(state, Op(other, 2, "task", "t1", "set", "notes", "theirs"))
    apply_op(state, folded)
    assert state.document is not None and state.clock is not None
    assert state.document["title"] == "new" and state.document["notes"] == "theirs"
    assert state.clock.of("title") == later
    fresh = RecordState("task", "t1")
    apply_op(fresh, folded)
    assert fresh.clock is not None and fresh.clock.of("title") == later
    assert fresh.clock.of("notes") == made


def _fields_of(op: Any) -> dict[str, Any]:
    return {name: getattr(op, name) for name in op.__slots__ if name != "fields"}
