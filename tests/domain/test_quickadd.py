"""Quick add (DESIGN section 4): tokens, plain text, errors and the task fields."""

from __future__ import annotations

import contextlib
import random
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.dates import FarDate
from planner.domain.errors import ParseError
from planner.domain.models import Task
from planner.domain.quickadd import QuickAdd, Token, parse_quick_add, tokenize
from planner.domain.weekdays import fold

TZ = timezone(timedelta(hours=8))
MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def parse(text: str, today: date = MONDAY) -> QuickAdd:
    return parse_quick_add(text, today, TZ)


def refusal(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse(text)
    return info.value


# --- tokens --------------------------------------------------------------------------------


def test_tokenize_reports_kind_key_value_start_and_raw() -> None:
    tokens, free = tokenize("call #ops @Li due:fri !main pri:h")
    assert tokens == [
        Token("tag", "ops", "", 5, "#ops"),
        Token("person", "Li", "", 10, "@Li"),
        Token("key", "due", "fri", 14, "due:fri"),
        Token("flag", "main", "", 22, "!main"),
        Token("key", "pri", "h", 28, "pri:h"),
    ]
    assert free == "call"


def test_every_token_kind() -> None:
    parsed = parse(
        "Draft the speech #speech @Wang due:fri@14:00 sched:tomorrow report:+3d "
        "from:Director every:weekday pri:h !main !central !secret"
    )
    assert parsed == QuickAdd(
        title="Draft the speech",
        tags=("speech",),
        people=("Wang",),
        due=datetime(2026, 11, 27, 14, 0, tzinfo=TZ),
        scheduled=date(2026, 11, 24),
        report_by=date(2026, 11, 26),
        source="Director",
        recur="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        priority="high",
        main=True,
        central=True,
        confidential=True,
    )


def test_a_plain_title_has_no_fields() -> None:
    assert parse("  buy   paper  ") == QuickAdd(title="buy paper")


def test_tokens_in_any_order_around_free_text() -> None:
    parsed = parse("!central due:eom check #budget the @Zhao figures")
    assert parsed.title == "check the figures"
    assert parsed.tags == ("budget",)
    assert parsed.people == ("Zhao",)
    assert parsed.due == date(2026, 11, 30)
    assert parsed.central


def test_full_width_forms() -> None:
    parsed = parse("写 ＃周报 ＠张三 due：周五 ！main")
    assert parsed.title == "写"
    assert parsed.tags == ("周报",)
    assert parsed.people == ("张三",)
    assert parsed.due == FRIDAY
    assert parsed.main


def test_full_width_keys_and_flags() -> None:
    parsed = parse("汇报 ＤＵＥ：ｆｒｉ ＰＲＩ：Ｈ ！ＳＥＣＲＥＴ ｆｒｏｍ：李局")
    assert parsed.title == "汇报"
    assert parsed.due == FRIDAY
    assert parsed.priority == "high"
    assert parsed.confidential
    assert parsed.source == "李局"


def test_keys_are_case_insensitive() -> None:
    parsed = parse("x DUE:Fri Sched:today EVERY:Month Pri:L !Main")
    assert parsed.due == FRIDAY
    assert parsed.scheduled == MONDAY
    assert parsed.recur == "FREQ=MONTHLY"
    assert parsed.priority == "low"
    assert parsed.main


def test_cjk_text_without_spaces() -> None:
    parsed = parse("明天前联系@王处长，落实#督办事项")
    assert parsed.people == ("王处长",)
    assert parsed.tags == ("督办事项",)
    assert parsed.title == "明天前联系，落实"


@pytest.mark.parametrize("mark", ["，", "。", "；", "、", "（", "）", " ", "\u3000", "\t"])
def test_names_end_at_white_space_and_cjk_punctuation(mark: str) -> None:
    parsed = parse(f"联系@张三{mark}开会")
    assert parsed.people == ("张三",)


def test_parentheses_end_a_name() -> None:
    parsed = parse("会见@李局（上午）")
    assert parsed.people == ("李局",)
    assert parsed.title == "会见（上午）"


def test_other_full_width_punctuation_stays_in_a_name() -> None:
    assert parse("问@张三！好").people == ("张三！好",)


def test_cjk_text_before_a_key() -> None:
    parsed = parse("报送材料due:周五")
    assert parsed.title == "报送材料"
    assert parsed.due == FRIDAY


@pytest.mark.parametrize(
    "text",
    [
        "mail a@b.com",
        "learn C# today",
        "wow!main",
        "see http://x.org/a#b",
        "see https://example.com/@user/#top",
        "note:abc",
        "ratio 3:4",
        "注意！",
        "wow !!",
        "a # b",
        "a @ b",
        "end #",
        "end @",
        "#，",
        "@。x",
        "#!!",
        "!main123",
        "!周报",
        "due",
        "x2due:fri",
        "dues:fri",
    ],
)
def test_plain_text_is_not_a_token(text: str) -> None:
    tokens, free = tokenize(text)
    assert tokens == []
    assert free == " ".join(text.split())
    assert parse(text).title == " ".join(text.split())


def test_repeated_tags_and_people_are_deduplicated_in_first_seen_order() -> None:
    parsed = parse("x #b #a #B #ａ @Li @Wang @li #b")
    assert parsed.tags == ("b", "a")
    assert parsed.people == ("Li", "Wang")


def test_repeated_flags_count_once() -> None:
    parsed = parse("x !main !main !secret")
    assert parsed.main and parsed.confidential


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("h", "high"),
        ("H", "high"),
        ("high", "high"),
        ("HIGH", "high"),
        ("m", "medium"),
        ("medium", "medium"),
        ("M", "medium"),
        ("l", "low"),
        ("Low", "low"),
        ("ｈ", "high"),
    ],
)
def test_priorities(value: str, expected: str) -> None:
    assert parse(f"x pri:{value}").priority == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("day", "FREQ=DAILY"),
        ("weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("fri", "FREQ=WEEKLY;BYDAY=FR"),
        ("周五", "FREQ=WEEKLY;BYDAY=FR"),
        ("month", "FREQ=MONTHLY"),
        ("每月", "FREQ=MONTHLY"),
        ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("freq=monthly;bymonthday=1", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ],
)
def test_recurrence(rule: str, expected: str) -> None:
    assert parse(f"x every:{rule}").recur == expected


def test_report_without_from_is_allowed() -> None:
    parsed = parse("x report:fri")
    assert parsed.report_by == FRIDAY
    assert parsed.source is None


# --- dates: every quick-add date looks forward ---------------------------------------------

THURSDAY = date(2026, 12, 3)


def test_date_keys_read_forward_and_past_words_work() -> None:
    parsed = parse("Call back due:-1d sched:fri report:上周五", today=THURSDAY)
    assert parsed.due == date(2026, 12, 2)
    assert parsed.scheduled == date(2026, 12, 4)  # the next Friday, forward
    assert parsed.report_by == date(2026, 11, 27)
    parsed = parse("Plan due:next-mon report:12月1日 sched:yesterday", today=THURSDAY)
    assert parsed.due == date(2026, 12, 7)
    assert parsed.report_by == date(2027, 12, 1)
    assert parsed.scheduled == date(2026, 12, 2)
    assert parse("Ring due:-1d@14:00", today=THURSDAY).due == datetime(
        2026, 12, 2, 14, 0, tzinfo=TZ
    )


def test_a_short_date_over_six_months_ahead_is_noted_with_its_token() -> None:
    parsed = parse("Book the hall due:12-01@09:00 report:12-04 sched:１２月１日", today=THURSDAY)
    assert parsed.far_dates == (
        FarDate("due:12-01@09:00", date(2027, 12, 1)),
        FarDate("sched:１２月１日", date(2027, 12, 1)),
    )
    assert parse("Book due:12-04 report:2027-12-01", today=THURSDAY).far_dates == ()


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "part", "position", "key"),
    [
        ("call due:frx", "due:frx", 5, "bad_date"),
        ("call ｄｕｅ：frx now", "ｄｕｅ：frx", 5, "bad_date"),
        ("x sched:fri@14:00", "sched:fri@14:00", 2, "time_not_allowed"),
        ("x report:tomorrow@9:00", "report:tomorrow@9:00", 2, "time_not_allowed"),
        ("x due:fri@25:00", "due:fri@25:00", 2, "bad_time"),
        ("x due:2026-02-30", "due:2026-02-30", 2, "bad_calendar_date"),
        ("x due:大后天", "due:大后天", 2, "bad_date"),
        ("x every:fortnight", "every:fortnight", 2, "bad_rule"),
        ("x every:FREQ=SOMETIMES", "every:FREQ=SOMETIMES", 2, "bad_rule"),
        ("x pri:urgent", "pri:urgent", 2, "bad_priority"),
        ("x pri:高", "pri:高", 2, "bad_priority"),
        ("x due:fri due:mon", "due:mon", 10, "duplicate"),
        ("x due:fri DUE:fri", "DUE:fri", 10, "duplicate"),
        ("x from:Li from:Wang", "from:Wang", 10, "duplicate"),
        ("x pri:h pri:h", "pri:h", 8, "duplicate"),
        ("x !mian", "!mian", 2, "unknown_flag"),
        ("urgent !important now", "!important", 7, "unknown_flag"),
        ("x ！ｍａｉｎｌｙ", "！ｍａｉｎｌｙ", 2, "unknown_flag"),
        ("x due:", "due:", 2, "empty_value"),
        ("x due: fri", "due:", 2, "empty_value"),
        ("x from：，y", "from：", 2, "empty_value"),
        ("#tag @who", "#tag @who", 0, "no_title"),
        ("due:fri !main", "due:fri !main", 0, "no_title"),
        ("", "", 0, "no_title"),
        ("   ", "   ", 0, "no_title"),
    ],
)
def test_refusals_name_the_part_and_its_position(
    text: str, part: str, position: int, key: str
) -> None:
    err = refusal(text)
    assert (err.part, err.position, err.reason_key) == (part, position, key)
    assert err.reason


def test_a_name_runs_on_to_white_space_or_cjk_punctuation() -> None:
    assert parse("联系@张三due:frx").people == ("张三due:frx",)


def test_the_first_bad_token_is_reported() -> None:
    err = refusal("x due:frx sched:nope")
    assert err.part == "due:frx"


def test_a_bad_token_is_reported_before_a_missing_title() -> None:
    err = refusal("due:frx")
    assert err.reason_key == "bad_date"


# --- task fields ---------------------------------------------------------------------------


def test_a_plain_task_lands_in_the_inbox() -> None:
    fields = parse("buy paper #office @Li due:fri pri:m !central").task_fields(MONDAY)
    assert fields == {
        "status": "inbox",
        "due": FRIDAY,
        "scheduled": None,
        "report_by": None,
        "source": None,
        "received": None,
        "recur": None,
        "priority": "medium",
        "estimate": None,
        "estimate_low": None,
        "people": ("Li",),
        "tags": ("office",),
        "central": True,
        "confidential": False,
    }
    assert "main" not in fields


@pytest.mark.parametrize("text", ["x !main", "x sched:fri", "x every:day", "x sched:today"])
def test_main_sched_or_every_opens_the_task(text: str) -> None:
    assert parse(text).task_fields(MONDAY)["status"] == "open"


@pytest.mark.parametrize("text", ["x", "x due:fri", "x #t @p", "x !central !secret", "x from:Li"])
def test_other_tasks_are_inbox(text: str) -> None:
    assert parse(text).task_fields(MONDAY)["status"] == "inbox"


def test_an_instruction_is_received_today() -> None:
    fields = parse("落实批示 from:李局 report:后天").task_fields(MONDAY)
    assert fields["source"] == "李局"
    assert fields["received"] == MONDAY
    assert fields["report_by"] == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("rule", "today", "due"),
    [
        ("fri", MONDAY, FRIDAY),
        ("fri", FRIDAY, FRIDAY),
        ("day", MONDAY, MONDAY),
        ("weekday", date(2026, 11, 28), date(2026, 11, 30)),
        ("month", MONDAY, MONDAY),
        ("FREQ=MONTHLY;BYMONTHDAY=1", MONDAY, date(2026, 12, 1)),
        ("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", MONDAY, date(2027, 1, 1)),
    ],
)
def test_a_repeating_task_without_due_is_due_on_its_first_occurrence(
    rule: str, today: date, due: date
) -> None:
    assert parse(f"x every:{rule}", today).task_fields(today)["due"] == due


def test_an_ended_rule_leaves_due_empty() -> None:
    fields = parse("x every:FREQ=DAILY;UNTIL=20200101").task_fields(MONDAY)
    assert fields["due"] is None


def test_a_given_due_wins_over_the_rule() -> None:
    assert parse("x every:fri due:+2w").task_fields(MONDAY)["due"] == date(2026, 12, 7)


def test_task_fields_build_a_task() -> None:
    parsed = parse(
        "报送 #督办 @张三 due:fri@17:30 sched:tomorrow report:eow from:李局 every:fri "
        "pri:h !central !secret"
    )
    task = Task.create(parsed.title, NOW, **parsed.task_fields(MONDAY))
    assert task.title == "报送"
    assert task.status == "open"
    assert task.due == datetime.combine(FRIDAY, time(17, 30), tzinfo=TZ)
    assert task.scheduled == date(2026, 11, 24)
    assert task.report_by == date(2026, 11, 29)
    assert task.received == MONDAY
    assert task.recur == "FREQ=WEEKLY;BYDAY=FR"
    assert task.people == ("张三",)
    assert task.tags == ("督办",)
    assert task.priority == "high"
    assert task.central and task.confidential


def test_status_is_not_a_quick_add_key() -> None:
    assert parse("x status:done").title == "x status:done"


# --- properties ----------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "#",
        "＃",
        "@",
        "＠",
        "!",
        "！",
        "main",
        "secret",
        "mian",
        "due:",
        "ｄｕｅ：",
        "sched:",
        "report:",
        "from:",
        "every:",
        "pri:",
        "status:",
        "fri",
        "周五",
        "+3d",
        "2026-02-30",
        "@14:00",
        "h",
        "day",
        "FREQ=",
        " ",
        "，",
        "（",
        "a",
        "张三",
        "C",
        "http://",
    ]
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


@settings(max_examples=300)
@given(text=TEXT)
def test_any_text_parses_or_is_a_parse_error(text: str) -> None:
    try:
        parsed = parse(text)
    except ParseError as err:
        assert 0 <= err.position <= len(text)
        assert err.part in text
        assert text.startswith(err.part, err.position)
        assert err.reason_key is not None
    else:
        assert parsed.title
        Task.create(parsed.title, NOW, **parsed.task_fields(MONDAY))


@settings(max_examples=300)
@given(text=st.text())
def test_arbitrary_unicode_parses_or_is_a_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse(text)


NAME = st.text(
    alphabet=st.sampled_from("abcxyzABCXYZ0189_-.张三王处长督办事项周报ａｂＸ"),
    min_size=1,
    max_size=6,
).filter(lambda name: any(ch.isalnum() for ch in name))
WORD = st.text(alphabet=st.sampled_from("abcdefxyz开会材料报送"), min_size=1, max_size=6)


@settings(max_examples=300)
@given(
    words=st.lists(WORD, min_size=1, max_size=4),
    tags=st.lists(NAME, max_size=3, unique_by=fold),
    people=st.lists(NAME, max_size=3, unique_by=fold),
    due=st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))),
    at=st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
    sched=st.one_of(st.none(), st.sampled_from(["today", "fri", "+2w", "明天", "eom"])),
    flags=st.sets(st.sampled_from(["main", "central", "secret"])),
    full_width=st.booleans(),
    order=st.randoms(use_true_random=False),
)
def test_a_generated_token_set_round_trips(
    words: list[str],
    tags: list[str],
    people: list[str],
    due: date | None,
    at: time | None,
    sched: str | None,
    flags: set[str],
    full_width: bool,
    order: random.Random,
) -> None:
    hash_, at_sign, colon, bang = ("＃", "＠", "：", "！") if full_width else ("#", "@", ":", "!")
    pieces = [f"{hash_}{tag}" for tag in tags] + [f"{at_sign}{person}" for person in people]
    if due is not None:
        expr = due.isoformat() if at is None else f"{due.isoformat()}@{at:%H:%M}"
        pieces.append(f"due{colon}{expr}")
    if sched is not None:
        pieces.append(f"sched{colon}{sched}")
    pieces += [f"{bang}{flag}" for flag in sorted(flags)]
    tokens = pieces[:]
    order.shuffle(tokens)
    mixed: list[str] = []
    for index, piece in enumerate(tokens):
        if index < len(words):
            mixed.append(words[index])
        mixed.append(piece)
    mixed += words[len(tokens) :]
    text = " ".join(mixed)

    parsed = parse(text)

    tag_order = [t for t in tokens if t.startswith(hash_)]
    person_order = [p for p in tokens if p.startswith(at_sign)]
    assert parsed.tags == tuple(t[1:] for t in tag_order)
    assert parsed.people == tuple(p[1:] for p in person_order)
    assert parsed.title == " ".join(words)
    if due is None:
        assert parsed.due is None
    elif at is None:
        assert parsed.due == due
    else:
        assert parsed.due == datetime.combine(due, at, tzinfo=TZ)
    assert (parsed.scheduled is None) == (sched is None)
    assert parsed.main == ("main" in flags)
    assert parsed.central == ("central" in flags)
    assert parsed.confidential == ("secret" in flags)


@pytest.mark.parametrize(
    ("text", "title", "people", "source"),
    [
        (
            'Report on the survey from:"Director Li" @Li',
            "Report on the survey",
            ("Li",),
            "Director Li",
        ),
        ('Draft the brief @"Director Wang" due:fri', "Draft the brief", ("Director Wang",), None),
        ("落实纪要 from:“张 主任” @“王 处长”", "落实纪要", ("王 处长",), "张 主任"),
        ('Quote "as said" @Li', 'Quote "as said"', ("Li",), None),
    ],
)
def test_a_name_with_a_space_is_written_in_quotes(
    text: str, title: str, people: tuple[str, ...], source: str | None
) -> None:
    """As the filter reads ``@"Director Zhang"``, quick add reads a quoted name after ``@``
    and ``from:`` (the title was left holding ``Li"`` and the source ``"Director``)."""
    parsed = parse(text)
    assert parsed.title == title
    assert parsed.people == people
    assert parsed.source == source
