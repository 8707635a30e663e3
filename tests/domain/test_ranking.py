"""The score terms and lane rules of DESIGN section 3, with hand-computed expectations."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from planner.domain.models import Task
from planner.domain.ranking import RankContext, build_board, explain, lane_of, urgency_shape

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
TODAY = date(2026, 11, 23)


def make(title: str = "task", **fields: object) -> Task:
    fields.setdefault("status", "open")
    return Task.create(title, NOW, **fields)  # type: ignore[arg-type]


def ctx(**changes: object) -> RankContext:
    return RankContext(today=TODAY, now=NOW, **changes)  # type: ignore[arg-type]


def terms(task: Task, context: RankContext | None = None) -> dict[str, float]:
    return {term.name: term.value for term in explain(task, context or ctx()).terms}


@pytest.mark.parametrize(
    ("days_overdue", "expected"),
    [
        (-30, 0.2),
        (-14, 0.2),
        (-7, 0.2 + 7 * 0.8 / 21),
        (0, 0.2 + 14 * 0.8 / 21),
        (7, 1.0),
        (20, 1.0),
    ],
)
def test_urgency_shape_is_taskwarriors(days_overdue: float, expected: float) -> None:
    assert urgency_shape(days_overdue) == pytest.approx(expected)


def test_date_only_due_means_the_end_of_the_planning_day() -> None:
    # Due today: the day ends tomorrow at 04:00, 18 hours after 10:00.
    value = terms(make(due=TODAY))["due"]
    assert value == pytest.approx(urgency_shape(-18 / 24))


def test_due_with_a_time_uses_that_time() -> None:
    due = datetime.combine(TODAY, time(9, 0), tzinfo=TZ)
    assert terms(make(due=due))["due"] == pytest.approx(urgency_shape(1 / 24))


def test_every_term_with_its_default_coefficient() -> None:
    task = make(
        due=TODAY + timedelta(days=30),
        report_by=TODAY - timedelta(days=10),
        central=True,
        priority="medium",
        source="处长",
        scheduled=TODAY,
        people=("张三", "李四"),
    )
    values = terms(task)
    assert values == {
        "due": 0.2,
        "report": 1.0,
        "central": 1.0,
        "priority": 0.65,
        "instruction": 1.0,
        "setback": 0.0,
        "scheduled": 1.0,
        "people": 0.9,
        "age": 0.0,
    }
    # 12*0.2 + 10*1 + 8*1 + 6*0.65 + 5*1 + 3*1 + 1*0.9 = 33.2
    assert explain(task, ctx()).score == pytest.approx(33.2)


def test_report_term_stops_once_feedback_is_recorded() -> None:
    task = make(report_by=TODAY, source="主任").add_feedback("已汇报", NOW)
    assert terms(task)["report"] == 0.0


def test_setback_term_only_for_unresolved_analyses() -> None:
    task = make(setback="abcdefghjkmn")
    assert terms(task)["setback"] == 0.0
    assert terms(task, ctx(unresolved_setbacks={"abcdefghjkmn"}))["setback"] == 1.0


def test_age_grows_to_one_over_ninety_days() -> None:
    old = Task.create("old", NOW - timedelta(days=45), status="open")
    ancient = Task.create("ancient", NOW - timedelta(days=400), status="open")
    assert terms(old)["age"] == pytest.approx(0.5)
    assert terms(ancient)["age"] == 1.0


def test_people_values() -> None:
    assert terms(make(people=("a",)))["people"] == 0.8
    assert terms(make(people=("a", "b", "c", "d")))["people"] == 1.0


def test_coefficients_come_from_the_config() -> None:
    task = make(central=True)
    assert explain(task, ctx(coefficients={"central": 100.0})).score == pytest.approx(100.0)


def test_lane_rules_in_order() -> None:
    main = make("main")
    waiting = make(status="waiting")
    awaiting = make(source="主任", report_by=TODAY).complete(NOW)
    reported = awaiting.add_feedback("ok", NOW)
    inbox = make(status="inbox")
    later = make(scheduled=TODAY + timedelta(days=2))
    later_but_due = make(scheduled=TODAY + timedelta(days=2), due=TODAY)
    plain = make()
    dropped = make().drop(NOW)
    assert lane_of(main, TODAY, main.id) == "main"
    assert lane_of(waiting, TODAY, main.id) == "awaiting"
    assert lane_of(awaiting, TODAY, main.id) == "awaiting"
    assert lane_of(reported, TODAY, main.id) is None
    assert lane_of(inbox, TODAY, main.id) == "inbox"
    assert lane_of(later, TODAY, main.id) == "later"
    assert lane_of(later_but_due, TODAY, main.id) == "today"
    assert lane_of(plain, TODAY, main.id) == "today"
    assert lane_of(dropped, TODAY, main.id) is None


def test_board_orders_by_score_then_due_then_creation_then_id() -> None:
    high = make("high", priority="high")
    due_soon = make("due soon", due=TODAY + timedelta(days=40))
    due_late = make("due late", due=TODAY + timedelta(days=50))
    first = Task.create("first", NOW - timedelta(seconds=10), status="open")
    second = make("second")
    board = build_board([second, due_late, first, high, due_soon], None, ctx())
    titles = [item.task.title for item in board.today]
    # high 6; due_soon and due_late both 12*0.2 = 2.4 (due soon first); then equal zero
    # scores by creation time.
    assert titles == ["high", "due soon", "due late", "first", "second"]


def test_main_is_pinned_not_ranked() -> None:
    main = make("main")
    board = build_board([make("other", central=True), main], main.id, ctx())
    assert board.main is not None and board.main.task.id == main.id
    assert [item.task.title for item in board.today] == ["other"]
    assert not board.is_empty


def test_score_equals_the_explanation_total() -> None:
    task = make(due=TODAY, central=True, people=("a",), priority="low", source="x")
    from planner.domain.ranking import score

    assert score(task, ctx()) == explain(task, ctx()).score
