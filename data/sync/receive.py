"""Receiving: the other machines' new operations applied to the local data files.

All new operations of all other logs (after each one's position) are sorted by stamp, which
is causal order (an edit made after receiving another carries a larger stamp), and applied
through the store's normal transaction (lock, durability, backups) field by field
(``data.sync.merging``). The positions are written after the data files: a kill between
applies the same operations again, which changes nothing (merging is idempotent). An
operation of a newer format is kept in its log, listed in ``positions.json`` (``held``) and
applied by the first receive of a planner that understands it.

After the positions, this machine publishes how far it has applied each log
(``sync/ops/<machine>/applied.json``) and compacts its own log when that is due
(``data.sync.compaction``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from data.store import FileStore
from data.sync.compaction import maybe_compact, publish_applied
from data.sync.conflicts import ConflictBook
from data.sync.merging import BodyOps, apply_ops
from data.sync.oplog import LogReader, machines, read_ops
from data.sync.outgoing import Writer
from data.sync.state import applied_seq, read_positions, write_positions
from planner.domain.clock import planning_date
from planner.domain.sync.merge import Conflict
from planner.domain.sync.ops import Op


@dataclass(frozen=True, slots=True)
class ReceiveReport:
    """``applied``: operations that changed something; ``conflicts``: those newly found;
    ``unknown``: operations kept for a newer planner (say "upgrade"); ``bad``: log lines
    that are no operation (skipped)."""

    applied: int
    conflicts: list[Conflict] = field(default_factory=list)
    unknown: int = 0
    bad: int = 0


def receive(store: FileStore) -> ReceiveReport:
    """Apply the other machines' operations not applied yet (takes the store's lock)."""
    with store.transaction():
        writer = Writer(store)
        writer.replay()
        root, me = store.root, writer.identity.id
        positions = read_positions(root)
        logs: dict[str, Any] = positions.setdefault("logs", {})
        quiet: dict[str, Any] = positions.get("quiet", {})
        held = {(str(m), int(s)) for m, s in positions.get("held", [])}
        reader = LogReader()
        fresh: list[Op] = []
        kept: set[tuple[str, int]] = set()
        bad = 0
        for machine in machines(root):
            if machine == me:
                continue
            after = int(logs.get(machine, 0))
            wanted = {seq for m, seq in held if m == machine}
            start = min([after, *(seq - 1 for seq in wanted)])
            for line in read_ops(root, machine, start, reader):
                op = line.op
                if op is None:
                    bad += 1
                    continue
                if op.seq <= after and op.seq not in wanted:
                    continue
                if not op.understood:
                    kept.add((machine, op.seq))
                    continue
                fresh.append(op)
                logs[machine] = max(int(logs.get(machine, 0)), op.seq)
            for seq in [s for m, s in kept if m == machine]:
                logs[machine] = max(int(logs.get(machine, 0)), seq)
        fresh.sort(key=lambda op: (op.stamp, op.seq))
        for op in fresh:
            writer.clock.observe(op.stamp)

        def replayed(op: Op) -> bool:
            return op.seq <= int(quiet.get(op.machine, 0))

        merged = apply_ops(
            store,
            fresh,
            default=writer.default,
            now_ms=writer.now_ms(),
            quiet=replayed,
            bodies=BodyOps(root, reader),
        )
        if fresh:
            positions["seen"] = max(fresh[-1].stamp, writer.clock.last).encode()
        waiting = {(op.machine, op.seq) for op in merged.orphans}
        positions["held"] = sorted([list(pair) for pair in kept | waiting])
        write_positions(root, positions)
        publish_applied(root, me, positions)
        maybe_compact(root, me, applied_seq(root, me))
        new = ConflictBook(root).add(merged.conflicts)
        if merged.tasks:
            # Closed tasks received go to the archive now, as at start-up: a first sync
            # would otherwise leave years of them in open work until the next start.
            store.compact(planning_date(store.now(), store.day_starts_at))
    return ReceiveReport(merged.applied, new, len(kept), bad)
