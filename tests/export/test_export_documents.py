"""The journal, setback, task and report exports on a fixed week, read back with markdown-it.

Today is Wednesday 2026-11-25, 10:00 (UTC+8); the week runs Monday 23 to Sunday 29.
"""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from markdown_support import front_matter, headings, task_items

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import Day, Feedback, JournalEntry, SetbackAnalysis, Task
from planner.export.gather import ExportBuilder, ExportRequest, Rendered
from planner.export.ranges import DateRange, RangeRequest, resolve_range
from planner.i18n import translate as i18n
from planner.importing.jrnl import parse as parse_jrnl
from planner.services.planner import Planner
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)
CREATED = datetime(2026, 11, 1, 9, 0, tzinfo=TZ)
SECRET = "SECRET-MARKER-7f3"


def at(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=TZ)


def task(title: str, **fields: object) -> Task:
    return Task.create(title, CREATED, **fields)


S1 = SetbackAnalysis.create(
    date(2026, 11, 24),
    "Report reached the director late",
    CREATED,
    kind="communication",
    objective="The printer broke",
    subjective="# I did not check\n\nthe deadline twice",
    principal_cause="subjective",
    lesson="Repeat every deadline back when taking an instruction",
    review_on=date(2026, 12, 1),
)
S2 = SetbackAnalysis.create(
    date(2026, 11, 24),
    f"{SECRET} analysis",
    CREATED,
    kind="dispute",
    principal_cause="goal",
    lesson=f"{SECRET} lesson",
    confidential=True,
)
M1 = task("Brief the director on the budget", status="done", central=True, done_at=at(23, 15))
M2 = task("Finish the inspection notes", status="done", done_at=at(25, 9))
M3 = task("Prepare Thursday's meeting", status="open", due=date(2026, 11, 26))
N1 = task("Draft the year-end summary", status="open", central=True)
I1 = task(
    "Collect the district figures",
    status="done",
    done_at=at(24, 11),
    source="王处长",
    report_by=date(2026, 11, 25),
    feedback=(Feedback(at=at(24, 17), text="已报送 | 三个区"),),
)
I2 = task(
    "Check the visitor list",
    status="done",
    done_at=at(23, 11),
    source="Li",
    report_by=date(2026, 11, 27),
)
W1 = task("Approval of the venue", status="waiting", people=("李科长",))
O1 = task("# Review the draft | v2", status="open", due=date(2026, 11, 24), tags=("docs",))
O2 = task("Sort the archive shelves", status="inbox")
D0 = task("Last week's filing", status="done", done_at=at(20, 10))
D1 = task("File the receipts", status="done", done_at=at(24, 9))
C1 = task(f"{SECRET} task", status="done", done_at=at(24, 10), confidential=True)
C2 = task(f"{SECRET} open task", status="open", confidential=True)
C3 = task(f"{SECRET} main", status="open", confidential=True)
ME1 = task("Keep a deadline log", status="done", done_at=at(24, 18), setback=S1.id)
ME2 = task(
    "Agree a checklist with Li", status="open", due=date(2026, 12, 1), setback=S1.id, people=("Li",)
)
ME3 = task(f"{SECRET} measure", status="open", setback=S2.id, confidential=True)

TASKS = (M1, M2, M3, N1, I1, I2, W1, O1, O2, D0, D1, C1, C2, C3, ME1, ME2, ME3)
DAYS = (
    Day.create(date(2026, 11, 23), CREATED, main=M1.id),
    Day.create(date(2026, 11, 24), CREATED, main=M2.id),
    Day.create(date(2026, 11, 25), CREATED, main=M3.id),
    Day.create(date(2026, 11, 26), CREATED, main=C3.id),
    Day.create(date(2026, 11, 30), CREATED, main=N1.id),
)
ENTRIES = (
    JournalEntry.create(
        date(2026, 11, 23), CREATED, body="# Morning\n\nMet the director.\n\n## Later\n\nQuiet."
    ),
    JournalEntry.create(
        date(2026, 11, 24), CREATED, body="预算会开得顺利。", tags=("work", "预算")
    ),
    JournalEntry.create(date(2026, 11, 25), CREATED, body=f"{SECRET} entry", confidential=True),
)


@pytest.fixture
def planner() -> Planner:
    store = MemoryStore()
    store.apply([Change(None, record) for record in (*TASKS, *DAYS, *ENTRIES, S1, S2)])
    return Planner(store, Config(), lambda: NOW)


def export(
    planner: Planner,
    kind: str,
    *,
    span: DateRange | None = None,
    confidential: bool = False,
    split: bool = False,
    front: bool = False,
) -> Rendered:
    chosen = span or resolve_range(kind, RangeRequest(), planner.today())  # type: ignore[arg-type]
    request = ExportRequest(
        kind=kind,  # type: ignore[arg-type]
        span=chosen,
        split_daily=split,
        front_matter=front,
        include_confidential=confidential,
    )
    return ExportBuilder(planner, request).render()


def text_of(rendered: Rendered) -> str:
    assert len(rendered.files) == 1
    return rendered.files[0].text


WEEK = DateRange("week", date(2026, 11, 23), date(2026, 11, 29))


# --- journal ---------------------------------------------------------------------------------


def test_journal_has_a_heading_per_day_with_weekday_and_bodies_beneath(planner: Planner) -> None:
    document = text_of(export(planner, "journal"))
    outline = [(h.level, h.text) for h in headings(document)]
    assert outline[0] == (1, "Journal · everything")
    assert (2, "2026-11-23 Monday") in outline
    assert outline[1:4] == [(2, "2026-11-23 Monday"), (3, "Morning"), (4, "Later")]
    assert (2, "2026-11-24 Tuesday") in outline
    assert "(2, '2026-11-25 Wednesday')" not in str(outline)
    assert "Met the director." in document and "预算会开得顺利。" in document


def test_journal_day_carries_its_setback_with_the_five_dimensions(planner: Planner) -> None:
    document = text_of(export(planner, "journal"))
    outline = [(h.level, h.text) for h in headings(document)]
    tuesday = outline.index((2, "2026-11-24 Tuesday"))
    assert outline[tuesday + 1] == (3, "Setback: Report reached the director late")
    assert outline[tuesday + 2 : tuesday + 7] == [
        (4, "objective"),
        (4, "subjective (principal cause)"),
        (5, "I did not check"),
        (4, "goal"),
        (4, "environment"),
    ]
    assert (4, "Remedial measures") in outline and (4, "Lesson") in outline
    items = task_items(document)
    assert sorted((item.checked, item.text.split(" · ")[0]) for item in items) == [
        (False, "Agree a checklist with Li"),
        (True, "Keep a deadline log"),
    ]
    checklist = next(item.text for item in items if item.text.startswith("Agree"))
    assert "due 2026-12-01" in checklist and "@Li" in checklist


def test_journal_in_chinese_names_the_dimensions_in_chinese() -> None:
    i18n.set_language("zh")
    store = MemoryStore()
    store.apply([Change(None, record) for record in (*TASKS, *ENTRIES, S1)])
    planner = Planner(store, Config(language="zh"), lambda: NOW)
    outline = [(h.level, h.text) for h in headings(text_of(export(planner, "journal")))]
    assert (2, "2026-11-24 星期二") in outline
    assert (3, "挫折分析：Report reached the director late") in outline
    start = outline.index((3, "挫折分析：Report reached the director late"))
    names = [text for level, text in outline[start:] if level == 4]
    assert names[:5] == ["客观", "主观（主要原因）", "目标", "环境", "条件"]
    assert "补救措施" in names and "心得" in names


def test_journal_range_limits_the_days(planner: Planner) -> None:
    span = DateRange("day", date(2026, 11, 24), date(2026, 11, 24))
    outline = [
        h.text for h in headings(text_of(export(planner, "journal", span=span))) if h.level == 2
    ]
    assert outline == ["2026-11-24 Tuesday"]


def test_split_daily_gives_one_file_per_day_with_front_matter(planner: Planner) -> None:
    rendered = export(planner, "journal", split=True, front=True)
    assert [item.name for item in rendered.files] == ["2026-11-23.md", "2026-11-24.md"]
    tuesday = rendered.files[1].text
    data = front_matter(tuesday)
    assert data == {
        "title": "2026-11-24 Tuesday",
        "date": date(2026, 11, 24),
        "tags": ["work", "预算"],
        "kind": "journal",
    }
    assert headings(tuesday)[0].level == 1 and headings(tuesday)[0].text == "2026-11-24 Tuesday"


def test_single_file_front_matter_is_data(planner: Planner) -> None:
    data = front_matter(text_of(export(planner, "journal", front=True)))
    assert data["kind"] == "journal" and data["date"] == date(2026, 11, 23)
    assert data["tags"] == ["work", "预算"]


# --- setbacks --------------------------------------------------------------------------------


def test_setbacks_export_marks_the_principal_cause_and_lists_measures(planner: Planner) -> None:
    document = text_of(export(planner, "setbacks"))
    outline = [(h.level, h.text) for h in headings(document)]
    assert outline[0] == (1, "Setback analyses · everything")
    assert outline[1] == (2, "2026-11-24 · Setback: Report reached the director late")
    assert (3, "subjective (principal cause)") in outline
    assert "communication with a superior" in document or "superior" in document
    assert "Principal cause: subjective" in document
    assert "Repeat every deadline back" in document
    assert "Review on 2026-12-01." in document
    assert sorted(item.checked for item in task_items(document)) == [False, True]


# --- tasks -----------------------------------------------------------------------------------


def test_tasks_export_lists_lanes_open_then_the_days_done_work(planner: Planner) -> None:
    document = text_of(export(planner, "tasks"))
    outline = [(h.level, h.text) for h in headings(document)]
    assert outline[0] == (1, "Tasks for 2026-11-25 Wednesday")
    lanes = [text for level, text in outline if level == 3]
    assert lanes == ["Main contradiction (1)", "Today (3)", "Awaiting feedback (2)", "Inbox (1)"]
    items = task_items(document)
    open_titles = [item.text.split(" · ")[0] for item in items if not item.checked]
    assert open_titles[0] == "Prepare Thursday's meeting"
    assert "# Review the draft | v2" in open_titles
    done = [item.text.split(" · ")[0] for item in items if item.checked]
    assert done == ["Finish the inspection notes"]
    review = next(item.text for item in items if item.text.startswith("# Review"))
    assert "due 2026-11-24 (overdue)" in review and "#docs" in review


# --- reports ---------------------------------------------------------------------------------


def test_weekly_report_has_exactly_the_sections_in_english(planner: Planner) -> None:
    document = text_of(export(planner, "report"))
    outline = [(h.level, h.text) for h in headings(document)]
    assert outline[0] == (1, "Weekly report, 2026-11-23 to 2026-11-29")
    assert [text for level, text in outline if level == 2] == [
        "Main contradictions",
        "Done",
        "In progress",
        "Needs coordination",
        "Next week",
        "Lessons",
    ]


def test_weekly_report_has_exactly_the_sections_in_chinese() -> None:
    i18n.set_language("zh")
    store = MemoryStore()
    store.apply([Change(None, record) for record in (*TASKS, *DAYS, S1)])
    planner = Planner(store, Config(language="zh"), lambda: NOW)
    outline = headings(text_of(export(planner, "report")))
    assert outline[0].text == "工作周报（2026-11-23 至 2026-11-29）"
    assert [h.text for h in outline if h.level == 2] == [
        "本周主要矛盾",
        "本周完成工作",
        "进行中与未完成",
        "需协调事项",
        "下周工作计划",
        "心得体会",
    ]


def test_daily_report_has_exactly_its_sections_in_chinese() -> None:
    i18n.set_language("zh")
    store = MemoryStore()
    store.apply([Change(None, record) for record in (*TASKS, *DAYS)])
    planner = Planner(store, Config(language="zh"), lambda: NOW)
    span = resolve_range("report", RangeRequest(day_given=True), planner.today())
    outline = headings(text_of(export(planner, "report", span=span)))
    assert outline[0].text == "工作日报（2026-11-25 星期三）"
    assert [h.text for h in outline if h.level == 2] == [
        "今日主要矛盾",
        "今日完成工作",
        "未完成工作",
        "需协调事项",
        "明日工作计划",
    ]


def section(document: str, title: str) -> str:
    start = document.index(f"## {title}\n")
    rest = document[start + len(title) + 4 :]
    end = rest.find("\n## ")
    return rest if end < 0 else rest[:end]


def test_weekly_report_main_contradictions_kept_or_not(planner: Planner) -> None:
    items = task_items(
        section(text_of(export(planner, "report", span=WEEK)), "Main contradictions")
    )
    assert [(item.checked, item.text) for item in items] == [
        (True, "2026-11-23 Mon: Brief the director on the budget (kept)"),
        (False, "2026-11-24 Tue: Finish the inspection notes (not kept)"),
        (False, "2026-11-25 Wed: Prepare Thursday's meeting (in progress)"),
    ]


def test_weekly_report_groups_done_work(planner: Planner) -> None:
    done = section(text_of(export(planner, "report", span=WEEK)), "Done")
    groups = [(h.level, h.text) for h in headings(done)]
    assert groups == [(3, "Central work (1)"), (3, "Instructions (2)"), (3, "Other work (3)")]
    items = task_items(done)
    titles = [item.text.split(" · ")[0] for item in items]
    assert titles == [
        "Brief the director on the budget",
        "Check the visitor list",
        "Collect the district figures",
        "File the receipts",
        "Keep a deadline log",
        "Finish the inspection notes",
    ]
    assert all(item.checked for item in items)
    figures = items[2].text
    assert "from 王处长" in figures and "feedback 2026-11-24: 已报送 | 三个区" in figures
    assert "no feedback yet" in items[1].text
    assert "Last week's filing" not in done


def test_weekly_report_coordination_and_next_week(planner: Planner) -> None:
    document = text_of(export(planner, "report", span=WEEK))
    coordination = [
        item.text.split(" · ")[0] for item in task_items(section(document, "Needs coordination"))
    ]
    assert sorted(coordination) == ["Approval of the venue", "Check the visitor list"]
    assert "@李科长" in section(document, "Needs coordination")
    upcoming = task_items(section(document, "Next week"))
    assert upcoming[0].text == "2026-11-30 Mon: Draft the year-end summary (planned)"
    rest = [item.text.split(" · ")[0] for item in upcoming[1:]]
    assert "Sort the archive shelves" in rest and "Draft the year-end summary" not in rest
    progress = [item.text.split(" · ")[0] for item in task_items(section(document, "In progress"))]
    assert "Prepare Thursday's meeting" in progress and "# Review the draft | v2" in progress
    lessons = section(document, "Lessons")
    assert "Repeat every deadline back when taking an instruction" in lessons


def test_next_week_with_only_a_planned_main_contradiction_says_none_nowhere() -> None:
    """A past week's report, whose next week holds only a planned main contradiction: the
    plan lists it and does not also say "None." under it."""
    store = MemoryStore()
    summary = task("Draft the year-end summary", status="open", central=True)
    monday = Day.create(date(2026, 11, 30), CREATED, main=summary.id)
    store.apply([Change(None, summary), Change(None, monday)])
    planner = Planner(store, Config(), lambda: NOW)
    document = text_of(export(planner, "report", span=WEEK))
    upcoming = section(document, "Next week")
    assert [item.text for item in task_items(upcoming)] == [
        "2026-11-30 Mon: Draft the year-end summary (planned)"
    ]
    assert "None." not in upcoming


# --- confidentiality -------------------------------------------------------------------------


EVERY_EXPORT = [
    ("journal", None, False),
    ("journal", None, True),
    ("setbacks", None, False),
    ("setbacks", None, True),
    ("tasks", None, False),
    ("tasks", WEEK, False),
    ("report", None, False),
    ("report", DateRange("day", date(2026, 11, 24), date(2026, 11, 24)), False),
    ("report", DateRange("day", date(2026, 11, 25), date(2026, 11, 25)), False),
    ("report", WEEK, True),
]


@pytest.mark.parametrize(("kind", "span", "split"), EVERY_EXPORT)
def test_confidential_records_never_leave_without_the_option(
    planner: Planner, kind: str, span: DateRange | None, split: bool
) -> None:
    rendered = export(planner, kind, span=span, split=split, front=True)
    assert rendered.files
    for item in rendered.files:
        assert SECRET not in item.text, item.name


@pytest.mark.parametrize("kind", ["journal", "setbacks", "tasks", "report"])
def test_include_confidential_brings_them_in(planner: Planner, kind: str) -> None:
    assert SECRET in text_of(export(planner, kind, span=WEEK, confidential=True))


def test_confidential_records_are_not_counted(planner: Planner) -> None:
    hidden = export(planner, "setbacks")
    shown = export(planner, "setbacks", confidential=True)
    assert (hidden.records, shown.records) == (1, 2)


# --- ranges ----------------------------------------------------------------------------------


TODAY = date(2026, 11, 25)


def test_default_ranges_follow_the_design() -> None:
    assert resolve_range("journal", RangeRequest(), TODAY) == DateRange("all", None, None)
    assert resolve_range("setbacks", RangeRequest(), TODAY) == DateRange("all", None, None)
    assert resolve_range("tasks", RangeRequest(), TODAY) == DateRange("day", TODAY, TODAY)
    assert resolve_range("report", RangeRequest(), TODAY) == WEEK


def test_week_month_and_day_options() -> None:
    month = resolve_range("journal", RangeRequest(month_given=True), TODAY)
    assert (month.start, month.end) == (date(2026, 11, 1), date(2026, 11, 30))
    week = resolve_range("report", RangeRequest(week=date(2026, 12, 2), week_given=True), TODAY)
    assert (week.start, week.end) == (date(2026, 11, 30), date(2026, 12, 6))
    day = resolve_range("report", RangeRequest(day_given=True), TODAY)
    assert day == DateRange("day", TODAY, TODAY)


def test_report_split_daily_gives_a_daily_report_per_day(planner: Planner) -> None:
    rendered = export(planner, "report", span=WEEK, split=True, front=True)
    assert [item.name for item in rendered.files] == [f"2026-11-{day}.md" for day in range(23, 30)]
    tuesday = rendered.files[1].text
    assert front_matter(tuesday)["kind"] == "daily-report"
    assert front_matter(tuesday)["title"] == "Daily report, 2026-11-24 Tuesday"
    assert headings(tuesday)[0].text == "Daily report, 2026-11-24 Tuesday"
    done = [item.text.split(" · ")[0] for item in task_items(section(tuesday, "Done"))]
    assert sorted(done) == [
        "Collect the district figures",
        "File the receipts",
        "Keep a deadline log",
    ]
    assert all(SECRET not in item.text for item in rendered.files)


def test_a_past_days_report_shows_the_work_as_it_stood_that_day(planner: Planner) -> None:
    """Monday 23 November, written on Wednesday the 25th: what was done later was still open
    then, what was created later is not in it, and tomorrow is what was meant for Tuesday."""
    later = Task.create("Added on Tuesday", at(24, 9), status="open", due=date(2026, 11, 24))
    planner.store.apply([Change(None, later)])
    monday = DateRange("day", date(2026, 11, 23), date(2026, 11, 23))
    document = text_of(export(planner, "report", span=monday))

    def titles(name: str) -> list[str]:
        return sorted(item.text.split(" · ")[0] for item in task_items(section(document, name)))

    done = titles("Done")
    assert "Brief the director on the budget" in done  # done on the 23rd
    assert "File the receipts" not in done  # done on the 24th
    not_done = titles("Not done")
    assert {"Finish the inspection notes", "File the receipts"} <= set(not_done)
    assert "Added on Tuesday" not in document
    assert "Last week's filing" not in not_done
    # Tomorrow: Tuesday's main contradiction, then what was scheduled or due for Tuesday.
    assert titles("Tomorrow") == [
        "# Review the draft | v2",
        "2026-11-24 Tue: Finish the inspection notes (planned)",
    ]


def test_todays_report_still_plans_tomorrow_from_all_open_work(planner: Planner) -> None:
    today = DateRange("day", NOW.date(), NOW.date())
    tomorrow = task_items(section(text_of(export(planner, "report", span=today)), "Tomorrow"))
    assert len(tomorrow) > 1


def test_imported_entries_nest_under_the_day_without_level_jumps() -> None:
    entries = [
        {"date": "2026-11-23", "time": "08:00", "title": "Plan", "body": "# Goals\n\n### Detail"},
        {"date": "2026-11-23", "time": "21:00", "title": "Review", "body": "<details>\n\nopen"},
    ]
    (day,) = parse_jrnl(json.dumps({"entries": entries})).records
    store = MemoryStore()
    store.apply([Change(None, JournalEntry.create(day.date, CREATED, body=day.text))])
    planner = Planner(store, Config(), lambda: NOW)
    for document in (
        text_of(export(planner, "journal")),
        text_of(export(planner, "journal", split=True)),
    ):
        levels = [h.level for h in headings(document)]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels  # MD001
        assert document.count("</details>") == 1
    outline = [(h.level, h.text) for h in headings(text_of(export(planner, "journal")))]
    assert outline == [
        (1, "Journal · everything"),
        (2, "2026-11-23 Monday"),
        (3, "08:00 Plan"),
        (4, "Goals"),
        (5, "Detail"),
        (3, "21:00 Review"),
    ]
