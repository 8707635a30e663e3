"""The review figures (DESIGN section 5) on a small fixed data set, every number checked by hand.

Today is Thursday 2026-11-26 (UTC+8, the day starts at 04:00). Its week is Monday 23 to
Sunday 29; its month is November 2026. The comments next to each assertion give the
arithmetic.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import Day, Feedback, JournalEntry, SetbackAnalysis, Task
from planner.domain.review import (
    Period,
    PeriodKind,
    Review,
    current_streak,
    longest_streak,
    period_of,
    review,
)
from planner.services.planner import Planner
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
TODAY = date(2026, 11, 26)
CREATED = datetime(2026, 10, 1, 9, 0, tzinfo=TZ)


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def task(title: str, **fields: object) -> Task:
    return Task.create(title, CREATED, **fields)


def done(title: str, when: datetime, **fields: object) -> Task:
    return task(title, status="done", done_at=when, **fields)


def dropped(title: str, when: datetime, **fields: object) -> Task:
    return task(title, status="dropped", done_at=when, **fields)


def day(when: date, main: str | None) -> Day:
    return Day.create(when, CREATED, main=main)


def entry(when: date, body: str = "wrote something") -> JournalEntry:
    return JournalEntry.create(when, CREATED, body=body)


def analysis(when: date, title: str, cause: str | None, **fields: object) -> SetbackAnalysis:
    return SetbackAnalysis.create(when, title, CREATED, principal_cause=cause, **fields)


def feedback(when: datetime) -> Feedback:
    return Feedback(at=when, text="reported")


# --- the data set ----------------------------------------------------------------------------

# Main contradictions.
A = done("A: Mon main, done Mon 15:00", at(11, 23, 15))
B = done("B: Tue main, done Wed 10:00 (the next day)", at(11, 25, 10))
C = done("C: Wed main, done Thu 02:30 (still Wednesday's planning day)", at(11, 26, 2, 30))
D = task("D: Thu (today) main, still open", status="open")
E = task("E: Fri main, planned ahead", status="open")
F = done("F: Sun 22 main (last week), done Sun 22", at(11, 22, 20))
G = dropped("G: Nov 10 main, dropped the same day", at(11, 10, 16))
H = done("H: Nov 2 main, done Nov 2", at(11, 2, 11))
GONE = "zzzzzzzzzzzz"  # Nov 3's main: a task that no longer exists

# Instructions (source set); the waiting ones gave progress reports as feedback.
I1 = task(
    "I1",
    status="waiting",
    source="Wang",
    report_by=date(2026, 11, 23),
    feedback=(feedback(at(11, 23, 18)),),
)
I2 = task(
    "I2",
    status="waiting",
    source="Wang",
    report_by=date(2026, 11, 24),
    feedback=(feedback(at(11, 25, 1, 30)),),
)
I3 = task(
    "I3",
    status="waiting",
    source="Li",
    report_by=date(2026, 11, 24),
    feedback=(feedback(at(11, 25, 9)),),
)
I4 = task(
    "I4",
    status="waiting",
    source="Li",
    report_by=date(2026, 11, 25),
    feedback=(feedback(at(11, 26, 9)), feedback(at(11, 24, 10))),
)
I5 = done("I5", at(11, 24, 11), source="Zhang", report_by=date(2026, 11, 25))
I6 = task("I6", status="open", source="Zhang", report_by=date(2026, 11, 26))
I7 = task("I7", status="open", source="Zhang", report_by=date(2026, 11, 28))
I8 = dropped("I8", at(11, 24, 12), source="Zhang", report_by=date(2026, 11, 25))
I9 = task("I9", status="open", source="Zhang", report_by=date(2026, 11, 30))
T10 = task("T10: a report-back date but no source", status="open", report_by=date(2026, 11, 24))
I11 = task("I11: Nov 12, no feedback", status="open", source="Wang", report_by=date(2026, 11, 12))

# Setbacks and their measures.
S1 = analysis(date(2026, 11, 23), "S1", "subjective")
S2 = analysis(date(2026, 11, 25), "S2", "subjective")
S3 = analysis(date(2026, 11, 26), "S3 (draft)", None, draft=True)
S4 = analysis(date(2026, 11, 20), "S4 (last week)", "objective")
S5 = analysis(date(2026, 10, 30), "S5 (October)", "goal")
M1 = done("M1", at(11, 24, 16), setback=S1.id)
M2 = task("M2", status="open", setback=S1.id)
M3 = dropped("M3", at(11, 25, 15), setback=S1.id)
M4 = done("M4", at(11, 26, 10), setback=S2.id)
M5 = task("M5", status="waiting", setback=S3.id)
M6 = task("M6", status="open", setback=S4.id)
M7 = done("M7", at(10, 31, 10), setback=S5.id)

# Other work.
X = done("X: done Thu 09:00", at(11, 26, 9))
OCT = done("done in October", at(10, 29, 10))

TASKS = [A, B, C, D, E, F, G, H, I1, I2, I3, I4, I5, I6, I7, I8, I9, T10, I11]
TASKS += [M1, M2, M3, M4, M5, M6, M7, X, OCT]

DAYS = [
    day(date(2026, 10, 31), OCT.id),  # October: outside both periods
    day(date(2026, 11, 2), H.id),
    day(date(2026, 11, 3), GONE),
    day(date(2026, 11, 10), G.id),
    day(date(2026, 11, 11), None),  # the carry question answered "no", no main chosen
    day(date(2026, 11, 22), F.id),
    day(date(2026, 11, 23), A.id),
    day(date(2026, 11, 24), B.id),
    day(date(2026, 11, 25), C.id),
    day(date(2026, 11, 26), D.id),
    day(date(2026, 11, 27), E.id),
]

ENTRIES = [
    *(entry(date(2026, 10, 27) + timedelta(days=n)) for n in range(7)),  # Oct 27 .. Nov 2
    entry(date(2026, 11, 5), body="  \n"),  # blank: not a written day
    *(entry(date(2026, 11, 20) + timedelta(days=n)) for n in range(6)),  # Nov 20 .. 25
    entry(date(2026, 11, 28), body="notes written ahead"),  # after today: ignored
]

ANALYSES = [S1, S2, S3, S4, S5]


def week_review(day_starts_at: time = time(4, 0)) -> Review:
    return review(
        period_of("week", TODAY),
        TODAY,
        tasks=TASKS,
        days=DAYS,
        entries=ENTRIES,
        analyses=ANALYSES,
        day_starts_at=day_starts_at,
    )


def month_review() -> Review:
    return review(
        period_of("month", TODAY),
        TODAY,
        tasks=TASKS,
        days=DAYS,
        entries=ENTRIES,
        analyses=ANALYSES,
    )


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize("inside", [date(2026, 11, 23), TODAY, date(2026, 11, 29)])
def test_a_week_runs_monday_to_sunday(inside: date) -> None:
    week = period_of("week", inside)
    assert week == Period("week", date(2026, 11, 23), date(2026, 11, 29))
    assert len(week.days) == 7 and week.days[0].weekday() == 0 and week.days[-1].weekday() == 6


def test_a_week_can_span_two_months_and_two_years() -> None:
    assert period_of("week", date(2026, 12, 31)) == Period(
        "week", date(2026, 12, 28), date(2027, 1, 3)
    )


def test_months_including_february() -> None:
    assert period_of("month", TODAY) == Period("month", date(2026, 11, 1), date(2026, 11, 30))
    february = period_of("month", date(2026, 2, 14))
    assert (february.start, february.end) == (date(2026, 2, 1), date(2026, 2, 28))
    assert len(february.days) == 28
    assert len(period_of("month", date(2028, 2, 29)).days) == 29  # 2028 is a leap year
    assert period_of("month", date(2026, 12, 5)).end == date(2026, 12, 31)


def test_elapsed_days_stop_at_today() -> None:
    week = period_of("week", TODAY)
    assert week.elapsed(TODAY) == (
        date(2026, 11, 23),
        date(2026, 11, 24),
        date(2026, 11, 25),
        date(2026, 11, 26),
    )
    assert week.next().elapsed(TODAY) == ()
    assert week.previous() == Period("week", date(2026, 11, 16), date(2026, 11, 22))
    assert period_of("month", TODAY).next().start == date(2026, 12, 1)


def test_unknown_period_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        period_of("year", TODAY)  # type: ignore[arg-type]


# --- main contradiction kept rate ------------------------------------------------------------


def test_week_main_kept_rate() -> None:
    main = week_review().main
    # Mon 23 A done Mon → kept; Tue 24 B done Wed → not kept (the next day);
    # Wed 25 C done Thu 02:30, before 04:00 → Wednesday's planning day → kept;
    # Thu 26 (today) D still open → in progress, not counted until the day ends;
    # Fri 27 E is after today → not counted.
    # kept = 2 (Mon, Wed); total = 3 (Mon..Wed); rate = 2 / 3
    assert (main.kept, main.total, main.rate) == (2, 3, 2 / 3)
    assert [(d.date.day, d.task_id, d.kept, d.in_progress) for d in main.days] == [
        (23, A.id, True, False),
        (24, B.id, False, False),
        (25, C.id, True, False),
        (26, D.id, False, True),
    ]


def test_month_main_kept_rate() -> None:
    main = month_review().main
    # Nov 2 H kept; Nov 3 unknown task → not kept; Nov 10 G dropped → not kept (done only);
    # Nov 11 has no main → not counted; Nov 22 F kept; Nov 23 kept; 24 not; 25 kept;
    # 26 (today, still open) in progress, not counted; Nov 27 is after today; Oct 31 outside.
    # kept = 2, 22, 23, 25 = 4; total = 2, 3, 10, 22, 23, 24, 25 = 7; rate = 4 / 7
    assert (main.kept, main.total, main.rate) == (4, 7, 4 / 7)
    assert [d.date.day for d in main.days if d.kept] == [2, 22, 23, 25]
    assert [d.date.day for d in main.days if not d.kept] == [3, 10, 24, 26]
    assert [d.date.day for d in main.days if d.in_progress] == [26]


def test_a_day_start_at_midnight_moves_the_late_finish_to_the_next_day() -> None:
    main = week_review(day_starts_at=time(0, 0)).main
    # C is now done on Thursday's planning day, the day after its Wednesday: only Mon kept;
    # Thursday (today, still open) is in progress. kept = 1; total = 3; rate = 1 / 3
    assert (main.kept, main.total, main.rate) == (1, 3, 1 / 3)


def test_a_period_in_the_future_has_no_rate() -> None:
    result = review(
        period_of("week", date(2026, 11, 30)),
        TODAY,
        tasks=TASKS,
        days=[*DAYS, day(date(2026, 12, 1), E.id)],
        entries=ENTRIES,
        analyses=ANALYSES,
    )
    # Dec 1 has a planned main, but Dec 1 is after today: total = 0, rate undefined.
    assert (result.main.kept, result.main.total, result.main.rate) == (0, 0, None)
    assert result.done_counts == (0, 0, 0, 0, 0, 0, 0)
    assert result.journal.days_written == 0


# --- instructions ----------------------------------------------------------------------------


def test_week_instructions() -> None:
    result = week_review().instructions
    # report_by in Mon 23..Sun 29 with a source: I1..I8 (I9 is due Nov 30, T10 has no source).
    # I1 first feedback Mon 23 = report_by Mon 23 → on time (exactly on the day)
    # I2 first feedback Wed 25 01:30 → planning day Tue 24 = report_by → on time
    # I3 first feedback Wed 25 09:00 > Tue 24 → late
    # I4 feedbacks Thu 26 and Tue 24: the first is Tue 24 ≤ Wed 25 → on time
    # I5 done, no feedback, report_by Wed 25 < today → pending, overdue
    # I6 report_by Thu 26 = today → pending, not overdue
    # I7 report_by Sat 28 → pending, not overdue
    # I8 dropped without feedback → left out
    # on time = 3, late = 1, pending = 3, overdue = 1, total = 7
    assert (result.on_time, result.late, result.pending, result.overdue) == (3, 1, 3, 1)
    assert result.total == 7
    outcomes = {
        item.task_id: (item.outcome, item.first_feedback, item.overdue) for item in result.items
    }
    assert outcomes == {
        I1.id: ("on_time", date(2026, 11, 23), False),
        I2.id: ("on_time", date(2026, 11, 24), False),
        I3.id: ("late", date(2026, 11, 25), False),
        I4.id: ("on_time", date(2026, 11, 24), False),
        I5.id: ("pending", None, True),
        I6.id: ("pending", None, False),
        I7.id: ("pending", None, False),
    }
    assert [item.report_by.day for item in result.items] == [23, 24, 24, 25, 25, 26, 28]


def test_month_instructions() -> None:
    result = month_review().instructions
    # The week's 7, plus I9 (Nov 30, pending, not overdue) and I11 (Nov 12 < today, no
    # feedback → pending, overdue). on time 3, late 1, pending 3 + 2 = 5, overdue 1 + 1 = 2
    assert (result.on_time, result.late, result.pending, result.overdue) == (3, 1, 5, 2)
    assert result.total == 9


# --- tasks done per day ----------------------------------------------------------------------


def test_week_tasks_done_per_day() -> None:
    result = week_review()
    # Mon 23: A                              = 1
    # Tue 24: I5 (11:00), M1 (16:00)          = 2  (I8 dropped: not counted)
    # Wed 25: B (10:00), C (Thu 02:30 → Wed)  = 2  (M3 dropped: not counted)
    # Thu 26: X (09:00), M4 (10:00)           = 2
    # Fri 27 .. Sun 29: after today           = 0
    assert result.done_counts == (1, 2, 2, 2, 0, 0, 0)
    assert [d.date for d in result.done_per_day] == list(period_of("week", TODAY).days)


def test_month_tasks_done_per_day() -> None:
    counts = dict((d.date.day, d.count) for d in month_review().done_per_day)
    # 30 days in November; Nov 2: H = 1; Nov 10: G dropped = 0; Nov 22: F = 1; then the week.
    # total = 1 + 1 + (1 + 2 + 2 + 2) = 9 (OCT and M7 were done in October)
    assert len(counts) == 30
    assert (counts[2], counts[10], counts[22]) == (1, 0, 1)
    assert sum(counts.values()) == 9


# --- setbacks and measures -------------------------------------------------------------------


def test_week_setbacks_by_principal_cause_and_measures() -> None:
    result = week_review().setbacks
    # Dated Mon 23..Sun 29: S1 (subjective), S2 (subjective), S3 (draft, no cause → unset).
    # S4 is Nov 20, S5 October: outside.
    assert result.analyses == (S1.id, S2.id, S3.id)
    assert result.by_cause == (
        ("objective", 0),
        ("subjective", 2),
        ("goal", 0),
        ("environment", 0),
        ("conditions", 0),
        ("unset", 1),
    )
    assert result.count("subjective") == 2
    # Measures of S1, S2, S3: M1 done, M2 open, M3 dropped, M4 done, M5 waiting.
    # done = M1 + M4 = 2; open = M2 + M5 = 2; dropped = M3 = 1
    assert (result.measures_done, result.measures_open, result.measures_dropped) == (2, 2, 1)


def test_month_setbacks() -> None:
    result = month_review().setbacks
    # November: S4 (Nov 20, objective), S1, S2, S3; S5 is October.
    # objective 1, subjective 2, unset 1; measures add M6 (open): done 2, open 3, dropped 1
    assert result.analyses == (S4.id, S1.id, S2.id, S3.id)
    assert dict(result.by_cause) == {
        "objective": 1,
        "subjective": 2,
        "goal": 0,
        "environment": 0,
        "conditions": 0,
        "unset": 1,
    }
    assert (result.measures_done, result.measures_open, result.measures_dropped) == (2, 3, 1)


# --- journal ---------------------------------------------------------------------------------


def test_week_journal_and_streaks() -> None:
    result = week_review().journal
    # Written in Mon 23..Thu 26: 23, 24, 25 = 3 (no entry today yet; Nov 28 is ahead of today).
    # Current streak: today unwritten, so it ends yesterday: Nov 25, 24, 23, 22, 21, 20 = 6.
    # Longest: Oct 27, 28, 29, 30, 31, Nov 1, 2 = 7, across the month boundary.
    assert result.days_written == 3
    assert result.dates == (date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25))
    assert (result.current_streak, result.longest_streak) == (6, 7)


def test_month_journal_days() -> None:
    result = month_review().journal
    # November: 1, 2, 20, 21, 22, 23, 24, 25 = 8 (Nov 5 is blank, Nov 28 is after today).
    assert result.days_written == 8


def test_current_streak_includes_today_once_written() -> None:
    written = [date(2026, 11, 24), date(2026, 11, 25), TODAY]
    # 26, 25, 24 = 3
    assert current_streak(written, TODAY) == 3


def test_current_streak_is_zero_after_a_missed_day() -> None:
    # Latest entry Nov 24; neither today (26) nor yesterday (25) written → 0.
    assert current_streak([date(2026, 11, 23), date(2026, 11, 24)], TODAY) == 0
    assert current_streak([], TODAY) == 0


def test_current_streak_across_a_month_and_a_year_boundary() -> None:
    written = [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]
    # Today Jan 2, unwritten: from Jan 1 back: Jan 1, Dec 31, Dec 30 = 3.
    assert current_streak(written, date(2027, 1, 2)) == 3
    # Feb 28 → Mar 1 in a non-leap year is consecutive: Feb 27, 28, Mar 1 = 3.
    march = [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1)]
    assert current_streak(march, date(2026, 3, 1)) == 3
    assert longest_streak(march) == 3


def test_longest_streak_of_separate_runs() -> None:
    written = [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 5), date(2026, 1, 2)]
    # runs: Jan 1-2 (2), Jan 5 (1); the duplicate Jan 2 counts once → 2
    assert longest_streak(written) == 2
    assert longest_streak([]) == 0


# --- February and edge cases -----------------------------------------------------------------


def test_february_review_seen_from_march() -> None:
    feb26 = date(2026, 2, 26)
    late = done("Feb 26 main, done Feb 27 at 03:00", at(2, 27, 3, 0))
    last = done("Feb 28 main, done Mar 1 at 03:59", at(3, 1, 3, 59))
    march = done("Mar 1 main, done Mar 1", at(3, 1, 10))
    result = review(
        period_of("month", date(2026, 2, 10)),
        date(2026, 3, 5),
        tasks=[late, last, march],
        days=[
            day(feb26, late.id),
            day(date(2026, 2, 28), last.id),
            day(date(2026, 3, 1), march.id),
        ],
        entries=[entry(date(2026, 2, 28)), entry(date(2026, 3, 1))],
        analyses=[],
    )
    # Every February day is before today. Feb 26: done Feb 27 03:00 → planning day Feb 26
    # → kept; Feb 28: done Mar 1 03:59 → planning day Feb 28 → kept; Mar 1 is outside.
    # kept = 2, total = 2, rate = 1.0
    assert (result.main.kept, result.main.total, result.main.rate) == (2, 2, 1.0)
    # 28 days; done on Feb 26 (late) and Feb 28 (last); march's Mar 1 is outside
    assert len(result.done_per_day) == 28
    assert sum(result.done_counts) == 2
    assert result.done_counts[25] == 1 and result.done_counts[27] == 1
    # written in February: Feb 28 = 1; today Mar 5, latest Mar 1 → current streak 0;
    # longest: Feb 28, Mar 1 = 2
    assert result.journal.days_written == 1
    assert (result.journal.current_streak, result.journal.longest_streak) == (0, 2)
    assert result.setbacks.analyses == () and result.setbacks.count("unset") == 0


def test_a_task_given_twice_counts_once() -> None:
    again = [*TASKS, A, X]
    result = review(
        period_of("week", TODAY), TODAY, tasks=again, days=DAYS, entries=[], analyses=[]
    )
    assert result.done_counts == (1, 2, 2, 2, 0, 0, 0)


# --- through the service, with done work archived ----------------------------------------------


@pytest.mark.parametrize("kind", ["week", "month"])
@pytest.mark.parametrize("starts", [time(0, 0), time(4, 0)])
def test_the_planner_finds_every_figure_in_the_archive(kind: PeriodKind, starts: time) -> None:
    store = MemoryStore()
    store.apply([Change(None, record) for record in [*TASKS, *DAYS, *ENTRIES, *ANALYSES]])
    assert store.compact(TODAY) == 10  # done work of earlier days moved to the archive
    now = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    planner = Planner(store, Config(day_starts_at=starts), lambda: now)
    period = period_of(kind, TODAY)
    for day in (TODAY, period.previous().start):
        expected = review(
            period_of(kind, day),
            TODAY,
            tasks=TASKS,
            days=DAYS,
            entries=ENTRIES,
            analyses=ANALYSES,
            day_starts_at=starts,
        )
        assert planner.review(kind, day) == expected
        assert planner.review(kind, day, store=store.reader()) == expected
