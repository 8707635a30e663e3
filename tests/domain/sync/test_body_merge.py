"""Journal text from several machines' operations: one text for one set of operations,
edits of different lines both kept, overlapping ones both kept marked and reported."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.models import JournalEntry
from planner.domain.sync.body_merge import (
    END_MARK,
    BodyConflict,
    body_edit,
    edit_base,
    join_append,
    replay_body,
    version_mark,
)
from planner.domain.sync.hlc import HybridClock, Stamp
from planner.domain.sync.ops import Op, decode_op, encode_op, text_hash

LINES = ["早上开会", "写代码", "读书笔记：矛盾论", "line one", "line two", "", "α β"]
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def create(stamp: Stamp, body: str, seq: int = 1) -> Op:
    document = {"id": "e1", "date": "2026-12-03", "body": body, "tags": []}
    return Op(stamp, seq, "journal", "e1", "create", None, document)


def append(stamp: Stamp, text: str, seq: int = 2) -> Op:
    return Op(stamp, seq, "journal", "e1", "append", "body", text)


def edit(stamp: Stamp, old: str, new: str, seq: int = 2) -> Op:
    return Op(stamp, seq, "journal", "e1", "body", "body", body_edit(old, new), base=text_hash(old))


def lines(*texts: str) -> str:
    return "".join(f"{text}\n" for text in texts)


# --- a small world of machines, each with its own clock and the operations it has seen ---


@dataclass
class Machine:
    name: str
    clock: HybridClock
    known: dict[tuple[Stamp, int], Op] = field(default_factory=dict)
    seq: int = 0

    def text(self) -> str:
        return replay_body(list(self.known.values())).text

    def write(self, op_name: str, value: object, base: str | None = None) -> Op:
        self.seq += 1
        field_name = None if op_name == "create" else "body"
        op = Op(self.clock.tick(), self.seq, "journal", "e1", op_name, field_name, value, base=base)  # type: ignore[arg-type]
        self.known[(op.stamp, op.seq)] = op
        return op

    def receive(self, other: Machine) -> None:
        for key, op in other.known.items():
            self.clock.observe(op.stamp)
            self.known[key] = op


def make_machines(skews: list[int], step: list[int]) -> list[Machine]:
    def wall(skew: int) -> int:
        return 1_800_000_000_000 + step[0] * 1000 + skew

    return [
        Machine(name, HybridClock(name, lambda skew=skew: wall(skew)))  # type: ignore[misc]
        for name, skew in zip(["aaaa", "bbbb", "cccc"], skews, strict=False)
    ]


def random_edit(rng: random.Random, text: str) -> str:
    current = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 3)):
        where = rng.randint(0, len(current))
        action = rng.choice(["insert", "replace", "delete"]) if current else "insert"
        if action == "insert":
            current.insert(where, rng.choice(LINES) + "\n")
        elif where < len(current):
            if action == "replace":
                current[where] = rng.choice(LINES) + "\n"
            else:
                del current[where]
    new = "".join(current)
    return new[:-1] if new and rng.random() < 0.2 else new  # sometimes no final line break


def run_world(seed: int, steps: int, machines_count: int, always_sync: bool) -> list[Machine]:
    """Random edits, appends and syncs; with ``always_sync`` every write is followed by a
    full exchange (no two edits concurrent). Checks on the way that a machine sees its own
    edit exactly as written."""
    rng = random.Random(seed)
    step = [0]
    machines = make_machines([rng.randint(-5000, 5000) for _ in range(machines_count)], step)
    first = machines[0]
    first.write("create", {"body": lines(*rng.sample(LINES, 3))})
    for _ in range(steps):
        step[0] += rng.choice([0, 1, 2])
        machine = rng.choice(machines)
        roll = rng.random()
        if roll < 0.5:
            old = machine.text()
            new = random_edit(rng, old)
            machine.write("body", body_edit(old, new), base=text_hash(old))
            assert machine.text() == new
        elif roll < 0.7:
            before = machine.text()
            addition = rng.choice(LINES[:5])
            machine.write("append", addition)
            assert machine.text() == join_append(before, addition)
        else:
            machine.receive(rng.choice(machines))
        if always_sync:
            sync_all(machines)
    sync_all(machines)
    sync_all(machines)
    return machines


def sync_all(machines: list[Machine]) -> None:
    for receiver in machines:
        for sender in machines:
            receiver.receive(sender)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 25), st.integers(2, 3))
def test_every_machine_ends_with_the_same_text(seed: int, steps: int, count: int) -> None:
    machines = run_world(seed, steps, count, always_sync=False)
    texts = {machine.text() for machine in machines}
    assert len(texts) == 1


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 25), st.randoms(use_true_random=False))
def test_the_order_operations_arrive_in_does_not_matter(
    seed: int, steps: int, shuffler: random.Random
) -> None:
    ops = list(run_world(seed, steps, 3, always_sync=False)[0].known.values())
    expected = replay_body(ops)
    shuffled = ops[:]
    shuffler.shuffle(shuffled)
    assert replay_body(shuffled) == expected
    assert replay_body(ops) == expected  # deterministic
    # An operation received twice (a log read again after a crash) counts once.
    assert replay_body(shuffled + ops[: len(ops) // 2]) == expected
    # Operations that went through a log line merge the same.
    assert replay_body([decode_op(encode_op(op)) for op in shuffled]) == expected


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 25), st.integers(1, 3))
def test_a_chain_of_edits_each_made_after_seeing_the_last_gives_the_last_text(
    seed: int, steps: int, count: int
) -> None:
    rng = random.Random(seed)
    step = [0]
    machines = make_machines([rng.randint(-5000, 5000) for _ in range(count)], step)
    expected = lines("写代码")
    machines[0].write("create", {"body": expected})
    sync_all(machines)
    for _ in range(steps):
        step[0] += rng.choice([0, 1])  # walls standing still or skewed: the clock orders them
        machine = rng.choice(machines)
        if rng.random() < 0.7:
            new = random_edit(rng, expected)
            machine.write("body", body_edit(expected, new), base=text_hash(expected))
            expected = new
        else:
            addition = rng.choice(LINES[:5])
            machine.write("append", addition)
            expected = join_append(expected, addition)
        sync_all(machines)
    result = replay_body(list(machines[0].known.values()))
    assert result.text == expected
    assert result.conflicts == ()


distinct_lines = st.lists(
    st.sampled_from(["早上开会", "写代码", "读书", "散步", "one", "two", "three", "four"]),
    min_size=3,
    max_size=8,
    unique=True,
)


@given(distinct_lines, st.data(), st.booleans())
def test_concurrent_edits_of_different_lines_both_hold(
    base_lines: list[str], data: st.DataObject, a_first: bool
) -> None:
    first = data.draw(st.integers(0, len(base_lines) - 1))
    second = data.draw(st.integers(0, len(base_lines) - 1).filter(lambda i: i != first))
    base = lines(*base_lines)
    one = base_lines[:]
    one[first] = "甲改了这一行"
    two = base_lines[:]
    two[second] = "乙 changed this"
    stamp_a, stamp_b = Stamp(2000, 0, "aaaa"), Stamp(2000, 0, "bbbb")
    if not a_first:
        stamp_a, stamp_b = Stamp(2001, 0, "aaaa"), stamp_b
    ops = [
        create(Stamp(1000, 0, "aaaa"), base),
        edit(stamp_a, base, lines(*one)),
        edit(stamp_b, base, lines(*two)),
    ]
    both = base_lines[:]
    both[first], both[second] = one[first], two[second]
    assert replay_body(ops) == replay_body(ops[::-1])
    assert replay_body(ops).text == lines(*both)
    assert replay_body(ops).conflicts == ()


@given(distinct_lines, st.data(), st.text(min_size=1), st.text(min_size=1), st.booleans())
def test_overlapping_concurrent_edits_keep_both_versions_and_report_it(
    base_lines: list[str], data: st.DataObject, mine: str, theirs: str, a_first: bool
) -> None:
    mine, theirs = "甲:" + mine.replace("\n", " "), "乙:" + theirs.replace("\n", " ")
    where = data.draw(st.integers(0, len(base_lines) - 1))
    base = lines(*base_lines)
    one, two = base_lines[:], base_lines[:]
    one[where], two[where] = mine, theirs
    stamp_a = Stamp(2000 if a_first else 3000, 0, "aaaa")
    stamp_b = Stamp(2500, 0, "bbbb")
    ops = [
        create(Stamp(1000, 0, "aaaa"), base),
        edit(stamp_b, base, lines(*two)),
        edit(stamp_a, base, lines(*one)),
    ]
    result = replay_body(ops)
    earlier, later = (stamp_a, stamp_b) if a_first else (stamp_b, stamp_a)
    early_text, late_text = (mine, theirs) if a_first else (theirs, mine)
    assert result.conflicts == (BodyConflict(earlier, later, early_text + "\n", late_text + "\n"),)
    assert result.conflicts[0].machines == (earlier.machine, later.machine)
    block = [version_mark(earlier), early_text, version_mark(later), late_text, END_MARK]
    expected = base_lines[:where] + block + base_lines[where + 1 :]
    assert result.text == lines(*expected)
    assert replay_body(ops[::-1]) == result


@given(
    st.lists(st.sampled_from(LINES[:5]), min_size=1, max_size=4),
    st.lists(st.sampled_from(LINES[:5]), min_size=1, max_size=4),
    st.integers(-3, 3),
)
def test_appends_made_on_two_machines_are_both_kept_in_stamp_order(
    from_a: list[str], from_b: list[str], skew: int
) -> None:
    base = lines("今天")
    ops = [create(Stamp(1, 0, "aaaa"), base)]
    ops += [append(Stamp(10 + 2 * i, 0, "aaaa"), text, i + 2) for i, text in enumerate(from_a)]
    ops += [
        append(Stamp(10 + 2 * i + skew, 1, "bbbb"), text, i + 1) for i, text in enumerate(from_b)
    ]
    expected = base
    for op in sorted(ops[1:], key=lambda op: op.stamp):
        expected = join_append(expected, op.value)
    result = replay_body(ops[::-1])
    assert result.text == expected
    assert result.conflicts == ()


def test_an_append_and_an_edit_made_meanwhile_both_hold() -> None:
    base = lines("早上开会", "写代码")
    edited = lines("早上开会（推迟）", "写代码")
    ops = [
        create(Stamp(1, 0, "aaaa"), base),
        append(Stamp(5, 0, "bbbb"), "晚上读书"),
        edit(Stamp(6, 0, "aaaa"), base, edited),
    ]
    assert replay_body(ops).text == lines("早上开会（推迟）", "写代码", "", "晚上读书")


def test_the_first_lines_of_a_day_written_on_two_machines_offline_are_both_kept() -> None:
    ops = [
        create(Stamp(7, 0, "bbbb"), lines("乙的第一段")),
        create(Stamp(5, 0, "aaaa"), lines("甲的")),
    ]
    assert replay_body(ops).text == lines("甲的", "", "乙的第一段")
    same = [create(Stamp(5, 0, "aaaa"), lines("一样")), create(Stamp(7, 0, "bbbb"), lines("一样"))]
    assert replay_body(same).text == lines("一样")
    longer = [
        create(Stamp(5, 0, "aaaa"), lines("一")),
        create(Stamp(7, 0, "bbbb"), lines("一", "二")),
    ]
    assert replay_body(longer).text == lines("一", "二")
    assert replay_body(longer[::-1]).text == lines("一", "二")


def test_an_edit_that_deleted_lines_the_other_machine_changed_keeps_the_change() -> None:
    base = lines("one", "two", "three")
    ops = [
        create(Stamp(1, 0, "aaaa"), base),
        edit(Stamp(5, 0, "aaaa"), base, lines("one", "three")),
        edit(Stamp(6, 0, "bbbb"), base, lines("one", "TWO", "three")),
    ]
    result = replay_body(ops)
    mark_a, mark_b = version_mark(Stamp(5, 0, "aaaa")), version_mark(Stamp(6, 0, "bbbb"))
    assert result.text == lines("one", mark_a, mark_b, "TWO", END_MARK, "three")
    assert result.conflicts == (
        BodyConflict(Stamp(5, 0, "aaaa"), Stamp(6, 0, "bbbb"), "", "TWO\n"),
    )


def test_the_same_change_made_on_both_machines_is_kept_once() -> None:
    base = lines("one", "two", "three")
    ops = [
        create(Stamp(1, 0, "aaaa"), base),
        edit(Stamp(5, 0, "aaaa"), base, lines("one", "2", "three")),
        edit(Stamp(6, 0, "bbbb"), base, lines("1", "one", "2", "three")),
    ]
    assert replay_body(ops) == replay_body(ops[::-1])
    assert replay_body(ops).text == lines("1", "one", "2", "three")
    assert replay_body(ops).conflicts == ()


def test_lines_added_at_one_place_on_both_machines_are_both_kept_earlier_first() -> None:
    base = "第一行\n第二行"  # the editor's text: no final line break
    ops = [
        create(Stamp(1, 0, "aaaa"), base),
        edit(Stamp(6, 0, "bbbb"), base, base + "\n乙加的"),
        edit(Stamp(5, 0, "aaaa"), base, base + "\n甲加的"),
    ]
    result = replay_body(ops)
    assert result.text == "第一行\n第二行\n甲加的\n乙加的"
    assert result.conflicts == ()


def test_only_a_final_line_break_added_meanwhile_is_kept_with_the_other_edit() -> None:
    base = "one\ntwo"
    ops = [
        create(Stamp(1, 0, "aaaa"), base),
        edit(Stamp(5, 0, "aaaa"), base, "one\ntwo\n"),
        edit(Stamp(6, 0, "bbbb"), base, "ONE\ntwo"),
    ]
    assert replay_body(ops).text == "ONE\ntwo\n"


def test_the_earlier_side_of_a_conflict_is_the_edit_that_wrote_those_lines() -> None:
    base = lines("one", "two", "three")
    after_a = lines("one", "two (a)", "three")
    ops = [
        create(Stamp(1, 0, "aaaa"), base),
        edit(Stamp(5, 0, "aaaa"), base, after_a),
        edit(Stamp(6, 0, "cccc"), after_a, after_a + "four\n"),  # a later, unrelated line
        edit(Stamp(7, 0, "bbbb"), base, lines("one", "two (b)", "three")),
    ]
    (conflict,) = replay_body(ops).conflicts
    assert conflict.machines == ("aaaa", "bbbb")
    assert replay_body(ops).text.endswith("three\nfour\n")


def test_an_edit_whose_diff_cannot_rebuild_its_base_keeps_both_whole_texts() -> None:
    base = lines("one")
    broken = Op(Stamp(6, 0, "bbbb"), 1, "journal", "e1", "body", "body",
                {"text": lines("zwei"), "hunks": "?"}, base="0" * 64)  # fmt: skip
    result = replay_body([create(Stamp(1, 0, "aaaa"), base), broken])
    mark_a, mark_b = version_mark(Stamp(1, 0, "aaaa")), version_mark(Stamp(6, 0, "bbbb"))
    assert result.text == lines(mark_a, "one", mark_b, "zwei", END_MARK)
    assert len(result.conflicts) == 1


def test_operations_it_does_not_handle_are_passed_over() -> None:
    newer = Op(Stamp(9, 0, "bbbb"), 1, "task", "e1", "set", version=99, raw={"v": 99})
    tags = Op(Stamp(8, 0, "bbbb"), 2, "journal", "e1", "add", "tags", "work")
    base = lines("one")
    assert replay_body([create(Stamp(1, 0, "aaaa"), base), newer, tags]).text == base
    assert replay_body([]).text == ""


@given(st.text(), st.text())
def test_an_edit_carries_the_new_text_and_a_diff_that_rebuilds_the_old(old: str, new: str) -> None:
    value = body_edit(old, new)
    assert value["text"] == new
    assert edit_base(value) == old
    for hunk in value["hunks"]:
        assert (
            hunk["old"] == old.splitlines(keepends=True)[hunk["at"] : hunk["at"] + len(hunk["old"])]
        )


@given(st.text(), st.text())
def test_an_edit_on_the_text_replayed_so_far_gives_exactly_its_text(old: str, new: str) -> None:
    ops = [create(Stamp(1, 0, "aaaa"), old), edit(Stamp(2, 0, "bbbb"), old, new)]
    assert replay_body(ops) == replay_body(ops[::-1])
    assert replay_body(ops).text == new


@given(st.text(), st.text())
def test_an_append_joins_as_the_app_joins_it(body: str, text: str) -> None:
    entry = JournalEntry.create(date(2026, 12, 3), NOW, body=body)
    assert join_append(body, text) == entry.appended(text, NOW).body


def test_a_version_mark_names_machine_and_time_without_words_or_git_markers() -> None:
    stamp = Stamp(int(datetime(2026, 12, 3, 14, 37, tzinfo=UTC).timestamp() * 1000), 3, "k3x9")
    assert version_mark(stamp) == "⟪ k3x9 · 2026-12-03 14:37 UTC ⟫"
    assert not any(m in version_mark(stamp) + END_MARK for m in ("<<<<<<<", "=======", ">>>>>>>"))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 30))
def test_no_line_written_anywhere_is_lost_when_no_edit_removes_one(seed: int, steps: int) -> None:
    """Three machines adding lines (edits that insert, and appends) and syncing at random:
    at the end every line any of them wrote is in the text, conflicts or not."""
    rng = random.Random(seed)
    step = [0]
    machines = make_machines([rng.randint(-5000, 5000) for _ in range(3)], step)
    machines[0].write("create", {"body": lines("开始")})
    written = {"开始"}
    for number in range(steps):
        step[0] += rng.choice([0, 1])
        machine = rng.choice(machines)
        token = f"{machine.name} 写的第{number}行"
        roll = rng.random()
        if roll < 0.45:
            old = machine.text()
            current = old.splitlines(keepends=True)
            current.insert(rng.randint(0, len(current)), token + "\n")
            machine.write("body", body_edit(old, "".join(current)), base=text_hash(old))
            written.add(token)
        elif roll < 0.65:
            machine.write("append", token)
            written.add(token)
        else:
            machine.receive(rng.choice(machines))
    sync_all(machines)
    final = machines[0].text().splitlines()
    assert written <= set(final)
    assert {machine.text() for machine in machines} == {machines[0].text()}
