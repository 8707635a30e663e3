"""Three replicas, random edits of every kind on random replicas, logs exchanged in random
order (no git): after two quiet rounds every replica holds the same records."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from engine_support import Clock, Replica, make_replica, send, sync

from planner.domain.models import Day, JournalEntry, SetbackAnalysis, Task
from planner.services.ports import Change

DELETED: dict[str, list[Task]] = {}
WORDS = ("alpha", "beta", "gamma", "delta", "home", "work", "li", "wang")


def random_step(replica: Replica, rng: random.Random, clock: Clock) -> None:
    store = replica.store
    store.refresh()
    now = clock()
    tasks = store.open_tasks()
    choice = rng.random()
    if choice < 0.2 or not tasks:
        store.apply([Change(None, Task.create(f"task {rng.randrange(10**6)}", now))])
        return
    task = rng.choice(tasks)
    if choice < 0.3:
        fields = {"title": f"{rng.choice(WORDS)} {rng.randrange(100)}"}
    elif choice < 0.4:
        fields = {"due": date(2026, 12, 1) + timedelta(days=rng.randrange(30))}
    elif choice < 0.5:
        fields = {"tags": tuple(rng.sample(WORDS, rng.randrange(4)))}
    elif choice < 0.55:
        fields = {"people": tuple(rng.sample(WORDS, rng.randrange(3)))}
    elif choice < 0.6:
        store.apply([Change(task, task.add_feedback(rng.choice(WORDS), now))])
        return
    elif choice < 0.65:
        store.apply([Change(task, task.complete(now))])
        return
    elif choice < 0.67:
        store.apply([Change(task, None)])
        DELETED.setdefault(replica.name, []).append(task)
        return
    elif choice < 0.69:
        gone = DELETED.get(replica.name)
        if gone:  # undo of this replica's last delete: the reversed change
            store.apply([Change(None, gone.pop())])
        return
    elif choice < 0.7:
        store.compact(now.date())
        return
    elif choice < 0.8:
        day = date(2026, 11, 23) + timedelta(days=rng.randrange(3))
        entry = store.get_entry(day)
        if entry is None:
            new = JournalEntry.create(day, now, body=f"{rng.choice(WORDS)}\n")
        elif rng.random() < 0.6:
            new = entry.appended(rng.choice(WORDS), now)
        else:
            lines = entry.body.splitlines(keepends=True) or ["\n"]
            lines[rng.randrange(len(lines))] = f"{rng.choice(WORDS)}\n"
            new = entry.touched(now, body="".join(lines))
        store.apply([Change(entry, new)])
        return
    elif choice < 0.9:
        day = date(2026, 11, 23) + timedelta(days=rng.randrange(3))
        held = store.get_day(day)
        if held is None:
            store.apply([Change(None, Day.create(day, now, main=task.id))])
        else:
            store.apply([Change(held, held.touched(now, main=task.id))])
        return
    else:
        store.apply(
            [Change(None, SetbackAnalysis.create(now.date(), rng.choice(WORDS), now, goal="x"))]
        )
        return
    store.apply([Change(task, task.touched(now, **fields))])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_on_three_replicas_converge(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    DELETED.clear()
    clocks = [Clock(), Clock(), Clock()]
    clocks[1].advance(minutes=7)  # runs ahead
    clocks[2].advance(minutes=-9)  # runs behind
    replicas = [make_replica(tmp_path, name, clocks[i]) for i, name in enumerate("abc")]
    for index, replica in enumerate(replicas):
        for _ in range(3):
            random_step(replica, rng, clocks[index])
        replica.start_sync()
    for _step in range(150):
        for clock in clocks:
            clock.advance(seconds=rng.randrange(1, 40), hours=12 if _step % 40 == 39 else 0)
        index = rng.randrange(3)
        if rng.random() < 0.25:
            source, target = rng.sample(replicas, 2)
            send(source, target)
            target.receive()
        else:
            random_step(replicas[index], rng, clocks[index])
    sync(*replicas)
    sync(*replicas)
    documents = [replica.documents() for replica in replicas]
    for other in documents[1:]:
        differences = _diff(documents[0], other)
        assert not differences, "\n".join(differences)


def _diff(one: dict[str, dict[str, object]], two: dict[str, dict[str, object]]) -> list[str]:
    out = []
    for rid in sorted(set(one) | set(two)):
        a, b = one.get(rid), two.get(rid)
        if a is None or b is None:
            out.append(f"{rid}: only on {'two' if a is None else 'one'}")
            continue
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                out.append(f"{rid}.{key}: {a.get(key)!r} != {b.get(key)!r}")
    return out
