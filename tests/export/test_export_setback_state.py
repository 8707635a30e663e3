"""An exported analysis has the state ``planner setbacks`` gives it, confidential measures
included in the derivation, while their words stay out of the document."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import SetbackAnalysis, Task
from planner.export.gather import ExportBuilder, ExportRequest
from planner.export.ranges import DateRange
from planner.services.planner import Planner
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)
CREATED = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
SECRET = "SECRET-MEASURE-51c"
EVERYTHING = DateRange("all", None, None)


def planner_with(analysis: SetbackAnalysis, *measures: Task) -> Planner:
    store = MemoryStore()
    store.apply([Change(None, record) for record in (analysis, *measures)])
    return Planner(store, Config(), lambda: NOW)


def exported(planner: Planner, *, confidential: bool = False) -> str:
    request = ExportRequest(kind="setbacks", span=EVERYTHING, include_confidential=confidential)
    return ExportBuilder(planner, request).render().files[0].text


def listed_state(planner: Planner) -> str:
    """The state ``planner setbacks`` prints (its handler derives it the same way)."""
    [(analysis, measures)] = planner.setbacks()
    return analysis.state(measures, planner.today())


def facts_line(text: str) -> str:
    return next(line.rstrip() for line in text.splitlines() if line.startswith("2026-11-20 · "))


@pytest.mark.parametrize(
    ("measure_status", "review_on", "state"),
    [
        ("open", None, "open"),
        ("done", None, "resolved"),
        ("open", date(2026, 11, 24), "review_due"),
    ],
)
def test_a_confidential_only_measure_gives_the_same_state(
    measure_status: str, review_on: date | None, state: str
) -> None:
    analysis = SetbackAnalysis.create(
        date(2026, 11, 20), "Missed the filing deadline", CREATED, review_on=review_on
    )
    measure = Task.create(
        f"{SECRET} call the bureau",
        CREATED,
        status=measure_status,
        setback=analysis.id,
        confidential=True,
        done_at=NOW if measure_status == "done" else None,
    )
    planner = planner_with(analysis, measure)
    assert listed_state(planner) == state
    hidden = exported(planner)
    shown = exported(planner, confidential=True)
    assert facts_line(hidden) == facts_line(shown)
    assert facts_line(hidden).endswith(" · " + state.replace("_", " "))
    assert SECRET not in hidden and SECRET in shown
    assert "No measures to show." in hidden and "No measures yet." not in hidden


def test_an_analysis_without_measures_still_says_none_yet() -> None:
    analysis = SetbackAnalysis.create(date(2026, 11, 20), "Lost the draft", CREATED)
    text = exported(planner_with(analysis))
    assert "No measures yet." in text
    assert facts_line(text).endswith(" · resolved")
