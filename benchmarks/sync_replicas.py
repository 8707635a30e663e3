"""Three replicas of a planner syncing through one bare git remote, driven at random (issue #14).

``run(folder, seed, operations)`` builds three data folders and an empty bare repository under
``folder``, gives each replica a clock of its own (skewed: one runs ahead, one behind, so
wall-clock order is not causal order), makes a few records on each, starts sync on each
(``SyncEngine.init``: a snapshot, then the first sync), then makes ``operations`` random
operations through the real services (``Planner``: add, edit of each kind of field, done,
drop, reopen, undo, journal append and body edit, setbacks with measures, a day's main
contradiction, todo.txt import, delete) on random replicas, with syncs of random replicas in
between, some of them run in a child process killed with SIGKILL at a random moment (the
next sync of that replica then completes the work). Then two quiet rounds (each replica
syncs twice, no edits) and the checks: every replica holds the same records, field for
field, and ``benchmarks.sync_model`` finds every write where it must be.

The randomized test (``tests/sync/test_random_replicas.py``) runs it with 200 operations;
``python -m benchmarks.sync_random`` with 5,000.

``python -m benchmarks.sync_replicas child ROOT WALL_MS`` is the killed child: it opens
ROOT's store with its clock fixed at WALL_MS, says ``ready``, and syncs once ``go`` arrives.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

from benchmarks.sync_model import KIND, Model, Write
from data.store import FileStore
from data.sync.conflicts import ConflictBook
from data.sync.engine import SyncEngine
from data.sync.oplog import OwnLog, read_ops
from data.sync.snapshot import records
from planner.domain.config import Config
from planner.domain.errors import PlannerError
from planner.domain.ids import ALPHABET, ID_LENGTH
from planner.domain.models import ACTIVE_STATUSES, SetbackAnalysis, Task
from planner.domain.sync.ops import Op
from planner.importing import todotxt
from planner.importing.apply import import_tasks
from planner.services.planner import Planner
from planner.services.ports import Change, Store

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
SKEWS_S = (0.0, 2400.0, -1500.0)
"""Replica clocks against the world's: on time, 40 minutes ahead, 25 minutes behind."""
ROOT = Path(__file__).resolve().parents[1]
CHILD = (sys.executable, "-m", "benchmarks.sync_replicas", "child")

WORDS = ("alpha", "budget", "call", "draft", "email", "forecast", "grant", "hire", "invoice")
TAGS = ("home", "work", "q4", "team", "urgent", "城市")
PEOPLE = ("wang", "li", "zhang", "chen", "张三")
TODO_LINES = (
    "(A) Call the bank +finance @phone due:2026-11-30",
    "Write the quarterly memo +q4",
    "x 2026-11-20 Send the invoices +finance",
    "Book the meeting room @office",
    "(B) Review the grant draft +grants due:2026-12-04",
    "Order printer paper",
)


MARKER = b"\n<<<<<<< "
"""What git leaves in a file it could not merge."""
HOT = 12
"""How many of the newest tasks most edits go to (a long run would otherwise spread its
edits over hundreds of tasks, and two machines would seldom edit the same one)."""


class World:
    """The true time, in milliseconds; each replica's clock reads it with its own skew."""

    def __init__(self, start: datetime = START) -> None:
        self.ms = int(start.timestamp() * 1000)

    def advance(self, rng: random.Random) -> None:
        self.ms += rng.randint(1_000, 90_000)


@dataclass
class ReplicaClock:
    world: World
    skew_ms: int

    def now_ms(self) -> int:
        return self.world.ms + self.skew_ms

    def __call__(self) -> datetime:
        return datetime.fromtimestamp(self.now_ms() / 1000, TZ)


class RecordingStore:
    """The replica's store as the services see it: every ``apply`` is also told to ``seen``
    (the model learns each local write from the changes the services hand the store)."""

    def __init__(self, inner: FileStore, seen: Callable[[Sequence[Change]], None]) -> None:
        self._inner = inner
        self._seen = seen

    def apply(self, changes: Sequence[Change]) -> None:
        self._inner.apply(changes)
        self._seen(list(changes))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@dataclass
class Replica:
    index: int
    root: Path
    clock: ReplicaClock
    store: FileStore
    planner: Planner
    changes: list[Change] = field(default_factory=list)
    machine: str = ""

    @property
    def engine(self) -> SyncEngine:
        return SyncEngine(self.store, clock=self.clock)

    def own_ops(self, after: int) -> list[Op]:
        return [line.op for line in read_ops(self.root, self.machine, after) if line.op]

    def last_seq(self) -> int:
        return OwnLog(self.root, self.machine).last_seq

    def documents(self) -> dict[tuple[str, str], dict[str, Any]]:
        self.store.refresh()
        return {(KIND[r.record_kind], r.id): r.to_dict() for r in records(self.store)}


def make_replica(folder: Path, index: int, world: World) -> Replica:
    root = folder / f"replica-{index}"
    clock = ReplicaClock(world, int(SKEWS_S[index % len(SKEWS_S)] * 1000))
    store = FileStore(root, clock=clock)
    made: list[Change] = []
    recording = RecordingStore(store, made.extend)
    planner = Planner(cast(Store, recording), Config(), clock)
    return Replica(index, root, clock, store, planner, made)


@dataclass
class Outcome:
    seed: int
    operations: int
    done: int = 0
    refused: int = 0
    syncs: int = 0
    kills: int = 0
    interrupted: int = 0
    """Kills that came before the child's sync returned."""
    records: int = 0
    concurrent: int = 0
    conflicts: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = " ".join(f"{name}={n}" for name, n in sorted(self.counts.items()))
        return (
            f"seed={self.seed} operations={self.operations} done={self.done} "
            f"refused={self.refused} syncs={self.syncs} kills={self.kills} "
            f"(interrupted {self.interrupted}) "
            f"records={self.records} concurrent={self.concurrent} conflicts={self.conflicts} "
            f"failures={len(self.failures)} seconds={self.seconds:.1f}\n  {kinds}"
        )


class Run:
    def __init__(self, folder: Path, seed: int, *, kill_share: float = 0.25) -> None:
        self.rng = random.Random(seed)
        self.world = World()
        self.folder = folder
        self.remote = folder / "remote.git"
        self.replicas = [make_replica(folder, i, self.world) for i in range(3)]
        self.model = Model(len(self.replicas))
        self.outcome = Outcome(seed, 0)
        self.kill_share = kill_share
        self.sync_seconds = 0.5
        self.titles = 0

    # -- driving ------------------------------------------------------------------------------

    def do(self, replica: Replica, name: str, action: Callable[[], object]) -> list[Write]:
        """One service call on ``replica``: its writes go into the model, with their stamps."""
        replica.changes.clear()
        before = replica.last_seq() if replica.machine else 0
        try:
            action()
        except PlannerError:
            self.outcome.refused += 1
            replica.changes.clear()
            return []
        self.outcome.done += 1
        self.outcome.counts[name] = self.outcome.counts.get(name, 0) + 1
        made = self.model.local(replica.index, list(replica.changes))
        replica.changes.clear()
        if replica.machine and made:
            self.model.attach(made, replica.own_ops(before))
        return made

    def sync(self, replica: Replica) -> None:
        started = time.perf_counter()
        replica.engine.sync()
        self.sync_seconds = 0.8 * self.sync_seconds + 0.2 * (time.perf_counter() - started)
        self.model.synced(replica.index)
        self.outcome.syncs += 1

    def killed_sync(self, replica: Replica) -> None:
        """A sync in a child process killed at a random moment, then one that completes."""
        child = subprocess.Popen(
            [*CHILD, str(replica.root), str(replica.clock.now_ms())],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        assert child.stdin is not None and child.stdout is not None
        child.stdout.readline()  # ready: imports done, store open
        child.stdin.write("go\n")
        child.stdin.flush()
        time.sleep(self.rng.uniform(0.0, self.sync_seconds * 1.2))
        kill_tree(child.pid)
        child.wait()
        finished = "synced" in child.stdout.read()
        child.stdin.close()
        child.stdout.close()
        self.outcome.kills += 1
        self.outcome.interrupted += 0 if finished else 1
        self.sync(replica)

    def start(self) -> None:
        """A few records on each replica before sync, then ``sync init`` on each in turn
        (the first on the empty remote)."""
        self.remote.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "--bare", str(self.remote)], check=True)
        pending: list[list[Write]] = []
        for replica in self.replicas:
            made: list[Write] = []
            for _ in range(3):
                made += self.random_op(replica)
                self.world.advance(self.rng)
            pending.append(made)
        for replica, made in zip(self.replicas, pending, strict=True):
            replica.engine.init(str(self.remote))
            replica.machine = replica.engine.machine()
            self.model.attach_snapshot(made, replica.own_ops(0))
            self.model.synced(replica.index)
            self.outcome.syncs += 1

    def run(self, operations: int) -> Outcome:
        with seeded_ids(self.rng.randrange(2**32)):
            return self._run(operations)

    def _run(self, operations: int) -> Outcome:
        started = time.perf_counter()
        self.outcome.operations = operations
        self.start()
        for _ in range(operations):
            self.world.advance(self.rng)
            self.random_op(self.rng.choice(self.replicas))
            if self.rng.random() < 0.15:
                replica = self.rng.choice(self.replicas)
                if self.rng.random() < self.kill_share:
                    self.killed_sync(replica)
                else:
                    self.sync(replica)
        for _ in range(2):
            for replica in self.replicas:
                self.world.advance(self.rng)
                self.sync(replica)
        self.check()
        self.outcome.seconds = time.perf_counter() - started
        return self.outcome

    # -- checking -----------------------------------------------------------------------------

    def check(self) -> None:
        views = [replica.documents() for replica in self.replicas]
        first = views[0]
        failures: list[str] = []
        for replica, view in zip(self.replicas[1:], views[1:], strict=True):
            for key in sorted(set(first) | set(view)):
                if first.get(key) != view.get(key):
                    failures.append(
                        f"diverged: {key} on replica 0 and {replica.index}: "
                        + _difference(first.get(key), view.get(key))
                    )
        for replica, view in zip(self.replicas, views, strict=True):
            found = [str(f) for f in self.model.check(view)]
            failures.extend(f"replica {replica.index}: {f}" for f in found)
        self.outcome.records = len(first)
        self.outcome.concurrent = self.model.concurrent_registers()
        failures.extend(doubled(first))
        failures.extend(self.damage())
        books = [ConflictBook(r.root).list() for r in self.replicas]
        self.outcome.conflicts = sum(len(book) for book in books)
        recorded = {(c.record, c.field) for book in books for c in book}
        failures.extend(str(f) for f in self.model.unrecorded_conflicts(recorded))
        self.outcome.failures = failures

    def damage(self) -> list[str]:
        """Merge conflict markers in any file of a data folder, or a remote git finds fault
        with (``git fsck``)."""
        found = [
            f"conflict markers in {path}"
            for replica in self.replicas
            for path in replica.root.rglob("*")
            if path.is_file() and ".git" not in path.parts and _marked(path.read_bytes())
        ]
        fsck = subprocess.run(
            ["git", "-C", str(self.remote), "fsck", "--no-progress"],
            capture_output=True,
            text=True,
        )
        if fsck.returncode != 0:
            found.append(f"git fsck of the remote: {fsck.stdout} {fsck.stderr}".strip())
        return found

    # -- the operations -----------------------------------------------------------------------

    def random_op(self, replica: Replica) -> list[Write]:
        rng = self.rng
        planner = replica.planner
        tasks = [t for t in planner.all_tasks() if t.status != "dropped" or rng.random() < 0.3]
        tasks.sort(key=lambda t: (t.created, t.id))
        if len(tasks) > HOT and rng.random() < 0.7:
            tasks = tasks[-HOT:]  # the newest few most of the time, so machines meet on them
        task = rng.choice(tasks) if tasks else None
        today = planner.today()
        day = today - timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        choice = rng.choices(OPERATIONS, weights=[w for _, w in OPERATIONS])[0][0]
        if task is None and choice in TASK_OPERATIONS:
            choice = "add"
        return self.do(replica, choice, lambda: self.perform(replica, choice, task, day))

    def perform(self, replica: Replica, name: str, task: Task | None, day: date) -> object:
        rng, planner = self.rng, replica.planner
        tid = task.id if task is not None else ""
        words = " ".join(rng.sample(WORDS, 2))
        self.titles += 1  # every title made is a new one: doubled tasks show
        if name == "add":
            extra = rng.choice(
                [
                    "",
                    f" #{rng.choice(TAGS)}",
                    f" @{rng.choice(PEOPLE)}",
                    " pri:h",
                    " due:fri",
                    " every:day",
                    " !main",
                ]
            )
            return planner.quick_add(f"{words.capitalize()} {self.titles}{extra}")
        if name == "title":
            return planner.edit(tid, {"title": f"{words} {self.titles}"})
        if name == "due":
            when = None if rng.random() < 0.2 else day + timedelta(days=rng.randint(1, 20))
            return planner.set_due(tid, when)
        if name in ("tags", "people"):
            assert task is not None
            pool = TAGS if name == "tags" else PEOPLE
            held = list(getattr(task, name))
            if held and rng.random() < 0.4:
                held.remove(rng.choice(held))
            else:
                held.append(rng.choice(pool))
            return planner.edit(tid, {name: tuple(held)})
        if name == "feedback":
            return planner.record_feedback(tid, f"reported {words}")
        if name == "notes":
            return planner.edit(tid, {"notes": f"notes: {words}"})
        if name == "priority":
            return planner.edit(tid, {"priority": rng.choice(["high", "medium", "low", None])})
        if name == "confidential":
            return planner.toggle_confidential(tid)
        if name == "done":
            return planner.complete(tid)
        if name == "drop":
            return planner.drop(tid)
        if name == "reopen":
            return planner.reopen(tid)
        if name == "undo":
            return planner.undo()
        if name == "delete":
            return planner.delete_task(tid)
        if name == "main":
            return planner.set_main(tid, day)
        if name == "append":
            return planner.journal_append(f"{words} ({replica.index})", day)
        if name == "body":
            entry = planner.store.get_entry(day)
            base = entry.body if entry is not None else ""
            lines = base.splitlines()
            line = f"edited {words} ({replica.index})"
            if lines and rng.random() < 0.5:
                lines[rng.randrange(len(lines))] = line
            else:
                lines.insert(rng.randint(0, len(lines)), line)
            return planner.save_journal_text(day, "\n".join(lines) + "\n", base)
        if name == "delete_entry":
            return planner.delete_entry(day)
        if name == "setback":
            analysis = SetbackAnalysis.create(
                day, f"Setback {words}", planner.now(), kind="communication", objective=words
            )
            return planner.save_setback(analysis)
        if name in ("measure", "setback_edit"):
            found = planner.setbacks()
            if not found:
                raise _Nothing()
            analysis = rng.choice(found)[0]
            if name == "measure":
                return planner.add_measure(analysis.id, f"Measure {words} @{rng.choice(PEOPLE)}")
            edited = replace(analysis, lesson=f"lesson {words}", principal_cause="subjective")
            return planner.save_setback(edited, base=analysis)
        if name == "import":
            lines = rng.sample(TODO_LINES, rng.randint(1, len(TODO_LINES)))
            parsed = todotxt.parse("\n".join(lines) + "\n", planner.now())
            return import_tasks(planner.store, parsed, planner.today())
        raise AssertionError(name)


class _Nothing(PlannerError):
    """An operation with nothing to work on (no setback yet)."""


OPERATIONS: tuple[tuple[str, int], ...] = (
    ("add", 14),
    ("title", 6),
    ("due", 5),
    ("tags", 6),
    ("people", 5),
    ("feedback", 4),
    ("notes", 4),
    ("priority", 4),
    ("confidential", 3),
    ("done", 5),
    ("drop", 2),
    ("reopen", 2),
    ("undo", 5),
    ("delete", 1),
    ("main", 4),
    ("append", 7),
    ("body", 5),
    ("delete_entry", 1),
    ("setback", 2),
    ("measure", 3),
    ("setback_edit", 2),
    ("import", 2),
)
TASK_OPERATIONS = frozenset(
    {
        "title",
        "due",
        "tags",
        "people",
        "feedback",
        "notes",
        "priority",
        "confidential",
        "done",
        "drop",
        "reopen",
        "delete",
        "main",
    }
)


def _marked(data: bytes) -> bool:
    return data.startswith(MARKER[1:]) or MARKER in data


def doubled(view: dict[tuple[str, str], dict[str, Any]]) -> list[str]:
    """Two records where there must be one: a date's journal entry or day (ids derived from
    the date), or the next occurrence of a recurring task completed on two machines (its id
    derived from its predecessor's: two would be two active tasks of one title and due date,
    titles being unique in a run)."""
    seen: dict[tuple[str, ...], str] = {}
    found: list[str] = []
    for (kind, record), document in sorted(view.items()):
        key: tuple[str, ...]
        if kind in ("journal", "day"):
            key = (kind, str(document["date"]))
        elif kind == "task" and document["recur"] and document["status"] in ACTIVE_STATUSES:
            key = (kind, str(document["title"]), str(document["due"]))
        else:
            continue
        if key in seen:
            found.append(f"doubled: {key} as {seen[key]} and {record}")
        seen.setdefault(key, record)
    return found


def _difference(a: dict[str, Any] | None, b: dict[str, Any] | None) -> str:
    if a is None or b is None:
        return "absent on one"
    names = sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))
    return "; ".join(f"{n}: {a.get(n)!r} / {b.get(n)!r}" for n in names)[:400]


def run(folder: Path, seed: int, operations: int, *, kill_share: float = 0.25) -> Outcome:
    return Run(folder, seed, kill_share=kill_share).run(operations)


@contextlib.contextmanager
def seeded_ids(seed: int) -> Iterator[None]:
    """Record and machine ids from ``seed`` (they are random otherwise, and a run must
    repeat from its seed: ids order lists and break ties between stamps)."""
    import data.sync.machine
    import planner.domain.models

    rng = random.Random(seed)

    def new_id() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(ID_LENGTH))

    modules = (planner.domain.models, data.sync.machine)
    saved = [getattr(module, NEW_ID) for module in modules]
    for module in modules:
        setattr(module, NEW_ID, new_id)
    try:
        yield
    finally:
        for module, held in zip(modules, saved, strict=True):
            setattr(module, NEW_ID, held)


NEW_ID = "new_id"


def kill_tree(pid: int) -> None:
    """SIGKILL ``pid`` and the git commands it runs (each in a session of its own), as a
    machine that loses power does: ``pid`` is stopped first, so it starts no other."""
    os.kill(pid, signal.SIGSTOP)
    for leader in _children(pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(leader, signal.SIGKILL)
    os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def child(root: str, wall_ms: str) -> None:
    """The sync a test kills (module docstring)."""
    moment = datetime.fromtimestamp(int(wall_ms) / 1000, TZ)
    store = FileStore(Path(root), clock=lambda: moment)
    engine = SyncEngine(store, clock=lambda: moment)
    os.write(1, b"ready\n")
    sys.stdin.readline()
    engine.sync()
    os.write(1, b"synced\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        child(sys.argv[2], sys.argv[3])
