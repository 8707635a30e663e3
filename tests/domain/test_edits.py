"""The tokens of ``planner edit`` (planner.domain.edits): what each word sets, adds, takes
away or clears, the words refused, and how an edit lands on a task."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.edits import TaskEdit, parse_edit
from planner.domain.errors import DomainError, ParseError
from planner.domain.models import Task

TZ = timezone(timedelta(hours=8))
THURSDAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=TZ)


def parse(text: str, **options: str | None) -> TaskEdit:
    return parse_edit(text, THURSDAY, TZ, **options)


def task(**fields: object) -> Task:
    return Task.create("Draft the budget", NOW - timedelta(days=2), **fields)  # type: ignore[arg-type]


def test_tokens_set_their_fields_and_dates_read_forward() -> None:
    edit = parse(
        "due:fri@14:00 sched:12-01 report:周五 from:张主任 every:fri pri:h !central !secret"
    )
    assert edit.values == {
        "due": datetime(2026, 12, 4, 14, 0, tzinfo=TZ),
        "scheduled": date(2027, 12, 1),  # forward: the next 1 December
        "report_by": date(2026, 12, 4),
        "source": "张主任",
        "recur": "FREQ=WEEKLY;BYDAY=FR",
        "priority": "high",
        "central": True,
        "confidential": True,
    }
    assert [far.given for far in edit.far_dates] == ["sched:12-01"]


def test_minus_takes_away_and_none_clears() -> None:
    edit = parse(
        "-#old -@李 -!central -!secret due:none sched:NONE report:none from:none "
        "every:none pri:none #new @王"
    )
    assert edit.values == {
        "due": None,
        "scheduled": None,
        "report_by": None,
        "source": None,
        "recur": None,
        "priority": None,
        "central": False,
        "confidential": False,
    }
    assert (edit.add_tags, edit.remove_tags) == (("new",), ("old",))
    assert (edit.add_people, edit.remove_people) == (("王",), ("李",))


def test_full_width_forms_work_the_same() -> None:
    edit = parse("－＃旧 ＃新 due：none ！central")
    assert edit.remove_tags == ("旧",) and edit.add_tags == ("新",)
    assert edit.values == {"due": None, "central": True}


@pytest.mark.parametrize(
    ("text", "part", "column", "reason"),
    [
        ("Draft", "Draft", 1, "free_word"),  # a free word: the title is --title's
        ("due:fri budget", "budget", 9, "free_word"),
        ("联系@张三", "联系@张三", 1, "free_word"),
        ("-x1", "-x1", 1, "free_word"),
        ("-#", "-#", 1, "free_word"),
        ("-due:fri", "-due:fri", 1, "free_word"),  # only names and flags are taken away
        ("due:someday", "due:someday", 1, "bad_date"),
        ("#a pri:urgent", "pri:urgent", 4, "bad_priority"),
        ("every:sometimes", "every:sometimes", 1, "bad_rule"),
        ("due:fri due:none", "due:none", 9, "duplicate"),
        ("due:fri due:mon", "due:mon", 9, "duplicate"),
        ("#a -#A", "-#A", 4, "contradictory"),
        ("!central -!central", "-!central", 10, "contradictory"),
        ("!main", "!main", 1, "edit_main"),
        ("-!main", "-!main", 1, "edit_main"),
        ("-!urgent", "!urgent", 2, "unknown_flag"),
        ("due:", "due:", 1, "empty_value"),
    ],
)
def test_a_bad_word_is_named_with_its_column(
    text: str, part: str, column: int, reason: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.part == part
    assert caught.value.position + 1 == column
    assert caught.value.reason_key == reason


def test_title_and_notes_are_taken_as_given_but_a_title_is_never_blank() -> None:
    edit = parse("", title="  New   title ", notes="")
    assert edit.title == "  New   title " and edit.notes == ""
    assert not edit.is_empty
    assert parse("").is_empty
    with pytest.raises(DomainError):
        parse("", title="   ")


def test_an_edit_changes_only_what_it_names() -> None:
    before = task(
        status="open", tags=("finance", "Old"), people=("李",), priority="low", notes="keep"
    )
    edited = parse("-#old #finance #new @王 pri:none", title="Draft  the budget v2").applied(
        before, THURSDAY, NOW
    )
    assert edited.tags == ("finance", "new")
    assert edited.people == ("李", "王")
    assert edited.priority is None
    assert edited.title == "Draft the budget v2"
    assert edited.notes == "keep" and edited.status == "open"
    assert edited.updated == NOW


def test_an_edit_that_changes_nothing_gives_the_task_back() -> None:
    before = task(tags=("finance",), priority="high")
    assert parse("#finance pri:h -#absent -@nobody").applied(before, THURSDAY, NOW) is before
    assert parse("", title="Draft the budget").applied(before, THURSDAY, NOW) is before


def test_from_receives_the_instruction_today_and_none_clears_it() -> None:
    plain = task()
    given = parse("from:张主任").applied(plain, THURSDAY, NOW)
    assert (given.source, given.received) == ("张主任", THURSDAY)
    earlier = task(source="李局", received=date(2026, 11, 30))
    moved = parse("from:张主任").applied(earlier, THURSDAY, NOW)
    assert (moved.source, moved.received) == ("张主任", date(2026, 11, 30))
    cleared = parse("from:none").applied(earlier, THURSDAY, NOW)
    assert (cleared.source, cleared.received) == (None, None)


def test_sched_and_every_take_an_inbox_task_out_of_the_inbox_as_in_quick_add() -> None:
    assert parse("sched:+1w").applied(task(), THURSDAY, NOW).status == "open"
    assert parse("sched:+1w").applied(task(status="waiting"), THURSDAY, NOW).status == "waiting"
    assert parse("pri:h").applied(task(), THURSDAY, NOW).status == "inbox"
    repeating = parse("every:fri").applied(task(), THURSDAY, NOW)
    assert repeating.status == "open"
    assert repeating.due == date(2026, 12, 4)  # no due date: the rule's first occurrence
    kept = parse("every:fri").applied(task(due=date(2026, 12, 11)), THURSDAY, NOW)
    assert kept.due == date(2026, 12, 11)


FRAGMENTS = st.sampled_from(
    [
        "due:",
        "due:none",
        "sched:",
        "report:",
        "from:",
        "every:",
        "pri:",
        "none",
        "#",
        "@",
        "!",
        "-",
        "－",
        "-#",
        "-@",
        "-!",
        "！",
        "＃",
        "：",
        "central",
        "secret",
        "main",
        "fri",
        "12-01",
        "+3d",
        "-1d",
        "@14:00",
        "h",
        "day",
        "FREQ=",
        " ",
        "，",
        "a",
        "张三",
        "http://",
    ]
)
TEXT = st.lists(
    st.one_of(
        FRAGMENTS, st.characters(), st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400)
@given(text=TEXT)
def test_any_text_is_an_edit_or_a_parse_error_naming_part_of_it(text: str) -> None:
    try:
        edit = parse(text)
    except ParseError as err:
        assert 0 <= err.position <= len(text)
        assert err.part in text
        assert err.reason_key
        return
    # Whatever was read applies to a task without another error.
    edit.applied(task(tags=("a",), people=("张三",)), THURSDAY, NOW)


@settings(max_examples=200)
@given(text=st.text())
def test_arbitrary_unicode_is_an_edit_or_a_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse(text)
