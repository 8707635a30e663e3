"""todo.txt lines into tasks: every mapping rule, bad lines with their numbers, and properties."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from planner.domain.models import Task
from planner.importing.todotxt import parse, ref_of

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def one(line: str) -> Task:
    parsed = parse(line, NOW)
    assert not parsed.errors, parsed.errors
    assert len(parsed.records) == 1
    return parsed.records[0].task


def test_a_full_pending_line() -> None:
    task = one("(A) 2026-11-01 Call Mom +Family @phone due:2026-11-25 rec:1w")
    assert task.title == "Call Mom"
    assert task.status == "open"
    assert task.priority == "high"
    assert task.created == datetime(2026, 11, 1, 12, 0, tzinfo=TZ)
    assert task.tags == ("Family",) and task.people == ("phone",)
    assert task.due == date(2026, 11, 25)
    assert task.notes == "due:2026-11-25\nrec:1w"
    assert task.done_at is None
    assert task.external_ref == ref_of(
        "(A) 2026-11-01 Call Mom +Family @phone due:2026-11-25 rec:1w"
    )


def test_priorities_b_and_c_and_later_letters() -> None:
    assert one("(B) x").priority == "medium"
    assert one("(C) x").priority == "low"
    later = one("(F) Sort the post")
    assert later.priority == "low" and later.notes == "pri:F"
    assert one("no priority").priority is None


def test_a_priority_must_open_the_line_to_count() -> None:
    task = one("Ask (A) about it")
    assert task.priority is None and task.title == "Ask (A) about it"


def test_done_with_completion_and_creation_dates() -> None:
    task = one("x 2026-11-20 2026-11-01 Pay rent +Home")
    assert task.status == "done"
    assert task.done_at == datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
    assert task.created == datetime(2026, 11, 1, 12, 0, tzinfo=TZ)
    assert task.title == "Pay rent"


def test_done_without_dates_closes_now_and_pri_pair_gives_the_priority() -> None:
    task = one("x Sweep the floor pri:A")
    assert task.status == "done" and task.done_at == NOW and task.created == NOW
    assert task.priority == "high" and task.notes == "pri:A"


def test_an_uppercase_x_or_a_glued_x_is_not_a_done_mark() -> None:
    assert one("X-ray the parcel").status == "open"
    assert one("X marks").status == "open"


def test_threshold_sets_scheduled_and_stays_in_notes() -> None:
    task = one("Prepare slides t:2026-12-01")
    assert task.scheduled == date(2026, 12, 1) and task.notes == "t:2026-12-01"


def test_urls_and_times_are_text_not_pairs() -> None:
    task = one("Read https://example.org/a at 10:30")
    assert task.title == "Read https://example.org/a at 10:30" and task.notes == ""


def test_a_due_that_is_not_a_date_is_kept_in_notes_with_a_warning() -> None:
    parsed = parse("Send it due:friday", NOW)
    task = parsed.records[0].task
    assert task.due is None and task.notes == "due:friday"
    assert [(w.line, w.key) for w in parsed.warnings] == [(1, "due_not_date")]


def test_cjk_text_tags_and_people() -> None:
    task = one("(A) 起草年度总结 +综合科 @王处长 due:2026-12-01")
    assert task.title == "起草年度总结"
    assert task.tags == ("综合科",) and task.people == ("王处长",)


def test_bad_lines_are_reported_with_their_numbers_and_the_rest_imported() -> None:
    text = "\n".join(
        [
            "Good one",
            "Plan trip due:2026-13-01",
            "",
            "x 2026-02-30 Done on a day that never was",
            "(A) 2026-00-01 Created never",
            "x 2026-01-01",
            "Prepare t:2026-99-01",
            "Another good one",
        ]
    )
    parsed = parse(text, NOW)
    assert [(e.line, e.key) for e in parsed.errors] == [
        (2, "bad_due_date"),
        (4, "bad_completion_date"),
        (5, "bad_creation_date"),
        (6, "no_text"),
        (7, "bad_threshold_date"),
    ]
    assert parsed.errors[0].values == {"value": "2026-13-01"}
    assert [r.line for r in parsed.records] == [1, 8]


def test_text_that_was_not_utf8_is_a_bad_line() -> None:
    bad = b"Good\n\xff\xfe broken\nFine".decode("utf-8", "surrogateescape")
    parsed = parse(bad, NOW)
    assert [(e.line, e.key) for e in parsed.errors] == [(2, "not_utf8")]
    assert len(parsed.records) == 2


def test_identical_lines_become_distinct_tasks_with_stable_refs() -> None:
    parsed = parse("Buy milk\nBuy milk\n", NOW)
    refs = [r.task.external_ref for r in parsed.records]
    assert refs == [ref_of("Buy milk", 1), ref_of("Buy milk", 2)]
    assert refs[0] != refs[1]


def test_crlf_and_surrounding_space_do_not_change_the_ref() -> None:
    assert one("  Call back  \r\n").external_ref == one("Call back").external_ref


def test_a_done_line_remembers_its_pending_forms() -> None:
    done = parse("x 2026-11-20 2026-11-01 Pay rent pri:B", NOW).records[0]
    assert ref_of("(B) 2026-11-01 Pay rent") in done.former_refs
    assert ref_of("2026-11-01 Pay rent pri:B") in done.former_refs
    assert parse("Pay rent", NOW).records[0].former_refs == ()


def test_rec_becomes_a_recurrence_and_stays_in_the_notes() -> None:
    assert one("Water plants rec:1w").recur == "FREQ=WEEKLY"
    assert one("Pay rent due:2026-12-01 rec:+1m").recur == "FREQ=MONTHLY"
    task = one("Back up rec:3d")
    assert (task.recur, task.notes) == ("FREQ=DAILY;INTERVAL=3", "rec:3d")
    assert one("Stand up rec:1b").recur == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert one("Review rec:2y").recur == "FREQ=YEARLY;INTERVAL=2"


def test_a_rec_without_a_rule_is_a_one_off_with_a_note() -> None:
    parsed = parse("Check mail rec:2h\nFile rec:3b", NOW)
    assert [r.task.recur for r in parsed.records] == [None, None]
    assert [(w.line, w.key, w.values) for w in parsed.warnings] == [
        (1, "unknown_recur", {"value": "2h"}),
        (2, "unknown_recur", {"value": "3b"}),
    ]


def test_todo_sh_do_drops_the_priority_and_the_done_line_still_finds_its_task() -> None:
    done = parse("x 2026-11-23 2026-11-01 Call Mom +Family", NOW).records[0]
    assert ref_of("(A) 2026-11-01 Call Mom +Family") in done.former_refs
    assert ref_of("(K) 2026-11-01 Call Mom +Family") in done.former_refs
    assert done.carried == ("priority",)
    assert parse("x 2026-11-23 (B) Call Mom", NOW).records[0].carried == ()


@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    parsed = parse(text, NOW)
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    seen = sorted([r.line for r in parsed.records] + [e.line for e in parsed.errors])
    assert seen == lines


_word = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1
).filter(lambda w: w[0] not in "+@(x" and ":" not in w and not w[0].isdigit())


@given(
    words=st.lists(_word, min_size=1, max_size=5),
    tags=st.lists(st.from_regex(r"[A-Za-z\u4e00-\u9fff]{1,6}", fullmatch=True), max_size=3),
    letter=st.sampled_from(["", "A", "B", "C", "K"]),
    created=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
)
def test_written_lines_read_back(
    words: list[str], tags: list[str], letter: str, created: date
) -> None:
    parts = [f"({letter})"] if letter else []
    parts += [created.isoformat(), *words, *(f"+{tag}" for tag in tags)]
    task = one(" ".join(parts))
    assert task.title == " ".join(" ".join(words).split())
    assert task.tags == tuple(dict.fromkeys(tags))
    assert task.created == datetime.combine(created, time(12), TZ)
    expected = {"": None, "A": "high", "B": "medium", "C": "low", "K": "low"}[letter]
    assert task.priority == expected
