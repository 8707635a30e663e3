"""A real working day on the board (issue #11): closed work in view, why a task awaits,
what comes back when, and the People view in privacy mode."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from planner.domain.models import Task
from planner.domain.people import group_by_person
from planner.domain.privacy import MASKED
from planner.domain.ranking import (
    RankContext,
    awaiting_kind,
    closed_lane,
    closed_on,
    reports_before_back,
)

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
TODAY = date(2026, 11, 23)


def make(title: str = "task", **fields: object) -> Task:
    fields.setdefault("status", "open")
    return Task.create(title, NOW, **fields)  # type: ignore[arg-type]


def test_closed_on_is_the_planning_day() -> None:
    late = make(status="done", done_at=datetime(2026, 11, 24, 1, 30, tzinfo=TZ))
    assert closed_on(late, TODAY, time(4, 0))  # 01:30 before a 04:00 day start
    assert not closed_on(late, TODAY, time(0, 0))
    assert not closed_on(make(), TODAY)


def test_the_done_lane_is_closed_work_newest_first_without_main_or_awaiting() -> None:
    first = make("first", status="done", done_at=NOW)
    dropped = make("dropped", status="dropped", done_at=NOW + timedelta(hours=1))
    main = make("main", status="done", done_at=NOW)
    awaiting = make("awaits", status="done", done_at=NOW, source="Zhang", report_by=TODAY)
    ctx = RankContext(today=TODAY, now=NOW)
    lane = closed_lane([first, make("open"), dropped, main, awaiting], ctx, main.id)
    assert [item.task.title for item in lane] == ["dropped", "first"]
    assert {item.lane for item in lane} == {"done"}


def test_awaiting_says_which_kind() -> None:
    assert awaiting_kind(make(status="waiting")) == "waiting"
    instruction = make(status="done", done_at=NOW, source="Zhang", report_by=TODAY)
    assert awaiting_kind(instruction) == "feedback"
    assert awaiting_kind(make()) is None


def test_an_instruction_reported_before_it_comes_back_is_flagged() -> None:
    early = make(
        source="Zhang", report_by=TODAY + timedelta(days=1), scheduled=TODAY + timedelta(days=3)
    )
    late = make(
        source="Zhang", report_by=TODAY + timedelta(days=5), scheduled=TODAY + timedelta(days=3)
    )
    assert reports_before_back(early)
    assert not reports_before_back(late)
    assert not reports_before_back(make(scheduled=TODAY + timedelta(days=3)))


def test_people_of_confidential_work_are_grouped_under_the_mask_in_privacy_mode() -> None:
    secret = make("secret", confidential=True, people=("Minister",), source="Chief")
    plain = make("plain", people=("Wang",))
    alone = make("alone", confidential=True)  # no people: in no group
    shown = group_by_person([secret, plain, alone], privacy=True)
    assert [group.name for group in shown] == ["Wang", MASKED]
    assert shown[-1].tasks == (secret,) and shown[-1].nearest is None
    assert {group.name for group in group_by_person([secret, plain])} == {
        "Wang",
        "Minister",
        "Chief",
    }
