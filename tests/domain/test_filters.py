"""The filter language (DESIGN section 4): each condition, case and width, status lists."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import DomainError, ParseError
from planner.domain.filters import TaskFilter, parse_filter, person_filter
from planner.domain.models import Task

TZ = timezone(timedelta(hours=8))
MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def task(title: str = "Write the weekly report", **fields: Any) -> Task:
    if fields.get("status") in ("done", "dropped"):
        fields.setdefault("done_at", NOW)
    return Task.create(title, NOW, **fields)


def matches(text: str, item: Task, main_id: str | None = None) -> bool:
    return parse_filter(text, MONDAY, TZ).matches(item, main_id=main_id)


def test_an_empty_filter_matches_everything() -> None:
    empty = parse_filter("   ", MONDAY, TZ)
    assert empty.is_empty
    assert empty == TaskFilter()
    assert empty.matches(task())
    assert empty.matches(task(status="done"))


def test_a_filter_with_a_condition_is_not_empty() -> None:
    for text in ["report", "#x", "@x", "due:fri", "!main", "!secret", "status:open", "pri:h"]:
        assert not parse_filter(text, MONDAY, TZ).is_empty


# (filter, fields of a task that matches, fields of one that does not)
CONDITIONS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("#ops", {"tags": ("ops", "x")}, {"tags": ("opsx",)}),
    ("#OPS", {"tags": ("Ops",)}, {}),
    ("＃周报", {"tags": ("周报",)}, {"tags": ("月报",)}),
    ("@li", {"people": ("Li",)}, {"people": ("Lin",)}),
    ("@li", {"source": "LI"}, {"source": "Wang"}),
    ("＠张三", {"people": ("王五", "张三")}, {"people": ("王五",)}),
    ("due:fri", {"due": FRIDAY}, {"due": MONDAY}),
    ("due:fri", {"due": datetime.combine(FRIDAY, time(14), tzinfo=TZ)}, {}),
    ("due:2026-11-27", {"due": FRIDAY}, {"due": date(2026, 11, 28)}),
    (
        "due:fri@14:00",
        {"due": datetime.combine(FRIDAY, time(14), tzinfo=TZ)},
        {"due": FRIDAY},
    ),
    (
        "due:fri@14:00",
        {"due": datetime.combine(FRIDAY, time(6), tzinfo=UTC)},
        {"due": datetime.combine(FRIDAY, time(15), tzinfo=TZ)},
    ),
    ("sched:tomorrow", {"scheduled": date(2026, 11, 24)}, {"scheduled": MONDAY}),
    # past words: the overdue work of a given day
    ("due:-1d", {"due": date(2026, 11, 22)}, {"due": MONDAY}),
    ("due:yesterday", {"due": date(2026, 11, 22)}, {"due": date(2026, 11, 24)}),
    ("due:上周五", {"due": date(2026, 11, 20)}, {"due": FRIDAY}),
    ("report:last-fri", {"report_by": date(2026, 11, 20)}, {"report_by": FRIDAY}),
    ("sched:明天", {"scheduled": date(2026, 11, 24)}, {}),
    ("report:eow", {"report_by": date(2026, 11, 29)}, {"report_by": FRIDAY}),
    ("from:李局", {"source": "李局"}, {"source": "王局"}),
    ("from:li", {"source": "Li"}, {"people": ("Li",)}),
    ("every:fri", {"recur": "FREQ=WEEKLY;BYDAY=FR"}, {"recur": "FREQ=WEEKLY;BYDAY=MO"}),
    ("every:day", {"recur": "FREQ=DAILY"}, {}),
    ("every:freq=daily", {"recur": "FREQ=DAILY"}, {"recur": "FREQ=WEEKLY"}),
    ("pri:h", {"priority": "high"}, {"priority": "low"}),
    ("pri:M", {"priority": "medium"}, {}),
    ("!central", {"central": True}, {"central": False}),
    ("!secret", {"confidential": True}, {}),
    ("！ｓｅｃｒｅｔ", {"confidential": True}, {}),
    ("status:open", {"status": "open"}, {"status": "inbox"}),
    ("status:OPEN", {"status": "open"}, {"status": "waiting"}),
    ("status:open,waiting", {"status": "waiting"}, {"status": "done"}),
    ("status:done,dropped", {"status": "dropped"}, {"status": "open"}),
    ("report", {}, {"title": "Call Li"}),
    ("ＲＥＰＯＲＴ", {}, {"title": "Call Li"}),
    ("Weekly", {"title": "a WEEKLY meeting"}, {"title": "a week"}),
    ("budget", {"title": "x", "notes": "the Budget draft"}, {"title": "x", "notes": "nothing"}),
    ("督办", {"title": "落实督办事项"}, {"title": "落实事项"}),
    ("ｆｏｏ", {"title": "FOO bar"}, {}),
]


@pytest.mark.parametrize(("text", "hit", "miss"), CONDITIONS)
def test_each_condition_matches_or_not(
    text: str, hit: dict[str, Any], miss: dict[str, Any]
) -> None:
    assert matches(text, task(**hit))
    assert not matches(text, task(**miss))


def test_main_needs_the_days_main_contradiction() -> None:
    main, other = task("main one"), task("other one")
    assert matches("!main", main, main_id=main.id)
    assert not matches("!main", other, main_id=main.id)
    assert not matches("!main", main, main_id=None)


def test_conditions_and_together() -> None:
    item = task("Prepare the briefing", tags=("ops",), people=("Li",), due=FRIDAY, status="open")
    assert matches("brief #ops @li due:fri status:open", item)
    assert not matches("brief #ops @li due:fri status:waiting", item)
    assert not matches("brief #ops @wang", item)
    assert not matches("brief #ops #hr", item)


def test_every_free_word_must_occur() -> None:
    item = task("Prepare the briefing", notes="for the director")
    assert matches("prepare director", item)
    assert not matches("prepare minister", item)


def test_free_words_split_at_cjk_punctuation() -> None:
    item = task("落实督办事项，报送材料")
    assert matches("督办，材料", item)
    assert matches("报送、落实", item)
    assert not matches("督办，会议", item)


def test_url_like_text_is_a_word() -> None:
    item = task("read http://x.org/a#b now")
    assert matches("http://x.org/a#b", item)


def test_the_filter_stores_folded_names_and_words() -> None:
    parsed = parse_filter("#Ops @Li from:Wang ＲＥＰＯＲＴ", MONDAY, TZ)
    assert parsed.tags == ("ops",)
    assert parsed.people == ("li",)
    assert parsed.source == "wang"
    assert parsed.words == ("report",)


@pytest.mark.parametrize(
    ("text", "part", "position", "key"),
    [
        ("status:closed", "status:closed", 0, "bad_status"),
        ("x status:open,", "status:open,", 2, "bad_status"),
        ("x status:open,later", "status:open,later", 2, "bad_status"),
        ("x status:", "status:", 2, "empty_value"),
        ("status:open status:done", "status:done", 12, "duplicate"),
        ("x due:frx", "due:frx", 2, "bad_date"),
        ("x sched:fri@9:00", "sched:fri@9:00", 2, "time_not_allowed"),
        ("x every:sometimes", "every:sometimes", 2, "bad_rule"),
        ("x pri:z", "pri:z", 2, "bad_priority"),
        ("x !urgent", "!urgent", 2, "unknown_flag"),
    ],
)
def test_refusals(text: str, part: str, position: int, key: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_filter(text, MONDAY, TZ)
    err = info.value
    assert (err.part, err.position, err.reason_key) == (part, position, key)


FRAGMENTS = st.sampled_from(
    ["#", "＠", "!", "secret", "status:", "open", ",", "due:", "fri", "every:", "pri:", " ", "，"]
)
TEXT = st.lists(
    st.one_of(
        FRAGMENTS,
        st.characters(),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
    ),
    max_size=12,
).map("".join)
SAMPLE = task("Ｓample 任务", notes="notes", tags=("t",), people=("p",), status="open")


@settings(max_examples=300)
@given(text=TEXT)
def test_any_text_filters_or_is_a_parse_error(text: str) -> None:
    try:
        parsed = parse_filter(text, MONDAY, TZ)
    except ParseError as err:
        assert text.startswith(err.part, err.position)
        assert err.reason_key is not None
    else:
        assert isinstance(parsed.matches(SAMPLE, main_id=SAMPLE.id), bool)


@settings(max_examples=300)
@given(text=st.text())
def test_arbitrary_unicode_filters_or_is_a_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_filter(text, MONDAY, TZ)


@settings(max_examples=300)
@given(start=st.integers(0, 20), length=st.integers(1, 6))
def test_any_piece_of_a_title_finds_it(start: int, length: int) -> None:
    title = "落实督办事项Weekly报送材料ＦＵＬＬwidth"
    piece = title[start : start + length]
    if not piece:
        return
    assert matches(piece, task(title))
    assert matches(piece.upper(), task(title))


def test_a_quoted_name_with_a_space_is_one_person() -> None:
    wanted = parse_filter('@"Director Zhang" budget', NOW.date(), TZ)
    assert wanted.people == ("director zhang",) and wanted.words == ("budget",)
    zhang = Task.create("Budget brief", NOW, source="Director Zhang")
    other = Task.create("Budget brief", NOW, source="Director")
    assert wanted.matches(zhang) and not wanted.matches(other)


@given(
    st.text(
        alphabet=st.characters(blacklist_characters='"“”', blacklist_categories=("Cs",)),
        min_size=1,
        max_size=20,
    )
)
def test_the_people_views_filter_finds_exactly_that_person(name: str) -> None:
    try:
        theirs = Task.create("x", NOW, people=(name,))
        others = Task.create("x", NOW, people=(name + "x",))
    except DomainError:
        return  # not a name a task can hold
    wanted = parse_filter(person_filter(theirs.people[0]), NOW.date(), TZ)
    assert wanted.matches(theirs)
    assert not wanted.matches(others)
