"""Taskwarrior's export into tasks: the field mapping, recurrence, bad objects, properties."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.models import Task
from planner.domain.recurrence import validate_rrule
from planner.importing.recur import rrule_of
from planner.importing.taskwarrior import parse

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
UUID = "5f3a1c2e-0000-4000-8000-000000000001"


def obj(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"uuid": UUID, "description": "Write the report", "status": "pending"}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def export(*objects: dict[str, Any]) -> str:
    """The shape ``task export`` prints: an array, one object per line."""
    return "[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n]\n"


def one(**fields: Any) -> Task:
    parsed = parse(export(obj(**fields)), NOW)
    assert not parsed.errors, parsed.errors
    (record,) = parsed.records
    assert record.source_dated
    return record.task


def test_the_basic_fields() -> None:
    task = one(
        entry="20261101T000000Z",
        modified="20261110T020000Z",
        due="20261126T160000Z",
        project="Office.Reports",
        tags=["report", "月报"],
        priority="M",
    )
    assert task.title == "Write the report"
    assert task.external_ref == f"taskwarrior:{UUID}"
    assert task.status == "open"
    assert task.created == datetime(2026, 11, 1, 8, 0, tzinfo=TZ)
    assert task.updated == datetime(2026, 11, 10, 10, 0, tzinfo=TZ)
    assert task.due == date(2026, 11, 27)
    assert task.tags == ("Office.Reports", "report", "月报")
    assert task.priority == "medium"
    assert task.notes == ""


def test_a_due_with_a_time_keeps_it_in_local_time() -> None:
    task = one(due="20261127T063000Z")
    assert task.due == datetime(2026, 11, 27, 14, 30, tzinfo=TZ)


def test_an_end_of_day_due_is_a_date() -> None:
    assert one(due="20261127T155959Z").due == date(2026, 11, 27)


@pytest.mark.parametrize(("raw", "mapped"), [("H", "high"), ("M", "medium"), ("L", "low")])
def test_priorities(raw: str, mapped: str) -> None:
    assert one(priority=raw).priority == mapped


def test_an_unknown_priority_goes_to_the_notes() -> None:
    task = one(priority="urgent")
    assert task.priority is None and task.notes == "priority: urgent"


def test_the_next_tag_raises_the_priority_and_stays() -> None:
    task = one(tags=["next"], priority="L")
    assert task.priority == "high" and "next" in task.tags


def test_completed_and_deleted_are_closed_at_their_end() -> None:
    done = one(status="completed", end="20250301T040000Z", modified="20250302T000000Z")
    assert done.status == "done"
    assert done.done_at == datetime(2025, 3, 1, 12, 0, tzinfo=TZ)
    dropped = one(status="deleted", modified="20250302T000000Z")
    assert dropped.status == "dropped"
    assert dropped.done_at == datetime(2025, 3, 2, 8, 0, tzinfo=TZ)


def test_wait_means_hide_until_so_it_schedules() -> None:
    task = one(status="waiting", wait="20261130T160000Z")
    assert task.status == "open" and task.scheduled == date(2026, 12, 1)
    assert one(status="pending", wait="20261130T160000Z").scheduled == date(2026, 12, 1)


def test_waiting_without_a_date_is_waiting() -> None:
    assert one(status="waiting").status == "waiting"


def test_scheduled_and_wait_take_the_later_and_note_the_other() -> None:
    task = one(scheduled="20261124T160000Z", wait="20261130T160000Z")
    assert task.scheduled == date(2026, 12, 1) and task.notes == "scheduled: 2026-11-25"
    task = one(scheduled="20261204T160000Z", wait="20261130T160000Z")
    assert task.scheduled == date(2026, 12, 5) and task.notes == "wait: 2026-12-01"


def test_annotations_until_depends_and_other_fields_go_to_the_notes() -> None:
    other = "9a9a9a9a-0000-4000-8000-000000000002"
    text = export(
        obj(
            annotations=[
                {"entry": "20261105T020000Z", "description": "向王处长要数据"},
                {"entry": "20261106T093000Z", "description": "Got them"},
            ],
            until="20261231T160000Z",
            depends=[other, "unknown-uuid"],
            estimate="3h",
            start="20261120T010000Z",
            urgency=12.5,
            id=4,
        ),
        obj(uuid=other, description="Collect figures"),
    )
    task = parse(text, NOW).records[0].task
    assert task.notes.split("\n") == [
        "2026-11-05 10:00  向王处长要数据",
        "2026-11-06 17:30  Got them",
        "until: 2027-01-01",
        f"depends: Collect figures ({other})",
        "depends: unknown-uuid",
        "estimate: 3h",
        "start: 2026-11-20 09:00",
    ]


def test_depends_as_a_comma_separated_string() -> None:
    assert one(depends="a,b").notes == "depends: a\ndepends: b"


def test_a_recurring_template_becomes_one_recurring_task() -> None:
    template = obj(
        uuid="t-1",
        description="Pay rent",
        status="recurring",
        recur="monthly",
        due="20260101T160000Z",
        mask="--+",
    )
    done = obj(
        uuid="c-1",
        status="completed",
        parent="t-1",
        recur="monthly",
        due="20261001T160000Z",
        end="20261002T000000Z",
        description="Pay rent",
    )
    pending = [
        obj(
            uuid=f"c-{n}",
            status="pending",
            parent="t-1",
            recur="monthly",
            due=f"2026{m}01T160000Z",
            description="Pay rent",
            imask=n,
        )
        for n, m in ((2, "12"), (3, "11"))
    ]
    parsed = parse(export(template, done, *pending), NOW)
    assert not parsed.errors
    tasks = {r.task.external_ref: r.task for r in parsed.records}
    assert set(tasks) == {"taskwarrior:t-1", "taskwarrior:c-1"}
    series = tasks["taskwarrior:t-1"]
    assert series.recur == "FREQ=MONTHLY" and series.status == "open"
    assert series.due == date(2026, 11, 2)
    history = tasks["taskwarrior:c-1"]
    assert history.status == "done" and history.recur is None
    assert history.notes == "recur: monthly"
    assert [(w.line, w.key, w.values) for w in parsed.warnings] == [(2, "folded", {"count": "2"})]


def test_until_ends_a_recurring_series() -> None:
    task = one(status="recurring", recur="weekly", due="20261123T160000Z", until="20270630T160000Z")
    assert task.recur == "FREQ=WEEKLY;UNTIL=20270701"
    assert "until: 2027-07-01" in task.notes


def test_an_unknown_recurrence_is_kept_in_the_notes_and_reported() -> None:
    parsed = parse(export(obj(status="recurring", recur="3h")), NOW)
    task = parsed.records[0].task
    assert task.recur is None and task.notes == "recur: 3h"
    assert [(w.line, w.key) for w in parsed.warnings] == [(2, "unknown_recur")]


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("daily", "FREQ=DAILY"),
        ("day", "FREQ=DAILY"),
        ("weekly", "FREQ=WEEKLY"),
        ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2"),
        ("fortnight", "FREQ=WEEKLY;INTERVAL=2"),
        ("monthly", "FREQ=MONTHLY"),
        ("bimonthly", "FREQ=MONTHLY;INTERVAL=2"),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3"),
        ("semiannual", "FREQ=MONTHLY;INTERVAL=6"),
        ("yearly", "FREQ=YEARLY"),
        ("annual", "FREQ=YEARLY"),
        ("biannual", "FREQ=YEARLY;INTERVAL=2"),
        ("2w", "FREQ=WEEKLY;INTERVAL=2"),
        ("3d", "FREQ=DAILY;INTERVAL=3"),
        ("3days", "FREQ=DAILY;INTERVAL=3"),
        ("2mo", "FREQ=MONTHLY;INTERVAL=2"),
        ("1q", "FREQ=MONTHLY;INTERVAL=3"),
        ("2y", "FREQ=YEARLY;INTERVAL=2"),
        ("P2W", "FREQ=WEEKLY;INTERVAL=2"),
        ("P1M", "FREQ=MONTHLY"),
        ("3h", None),
        ("5min", None),
        ("0d", None),
        ("sometimes", None),
    ],
)
def test_recur_values(value: str, rule: str | None) -> None:
    assert rrule_of(value) == rule
    if rule is not None:
        assert validate_rrule(rule) == rule


def test_one_object_per_line_is_accepted() -> None:
    lines = "\n".join(json.dumps(obj(uuid=f"u{n}", description=f"task {n}")) for n in range(3))
    parsed = parse(lines, NOW)
    assert [r.line for r in parsed.records] == [1, 2, 3]


def test_bad_objects_are_reported_with_their_lines_and_the_rest_imported() -> None:
    text = "\n".join(
        [
            "[",
            json.dumps(obj(uuid="a")) + ",",
            json.dumps(obj(uuid="b", due="2026-13-01")) + ",",
            '{"uuid": "c" "description": "broken"},',
            json.dumps(obj(uuid="d", description="")) + ",",
            json.dumps({"description": "no uuid"}) + ",",
            json.dumps(obj(uuid="a")) + ",",
            json.dumps(obj(uuid="e", status="archived")) + ",",
            "42,",
            json.dumps(obj(uuid="f", description="last")),
            "]",
        ]
    )
    parsed = parse(text, NOW)
    assert [(e.line, e.key) for e in parsed.errors] == [
        (3, "bad_date"),
        (4, "json"),
        (5, "no_description"),
        (6, "no_uuid"),
        (7, "duplicate_uuid"),
        (8, "bad_status"),
        (9, "not_object"),
    ]
    assert parsed.errors[0].values == {"field": "due", "value": "2026-13-01"}
    assert parsed.errors[4].values == {"first": "2"}
    assert [r.task.external_ref for r in parsed.records] == ["taskwarrior:a", "taskwarrior:f"]


def test_a_truncated_export_keeps_what_came_before() -> None:
    text = export(obj(uuid="a"), obj(uuid="b"))[:-40]
    parsed = parse(text, NOW)
    assert [r.task.external_ref for r in parsed.records] == ["taskwarrior:a"]
    assert parsed.errors and parsed.errors[0].line == 3


def test_a_pretty_printed_export_gives_each_object_its_first_line() -> None:
    text = json.dumps([obj(uuid="a"), obj(uuid="b")], indent=2)
    assert [r.line for r in parse(text, NOW).records] == [2, 7]


def test_cjk_descriptions_stay_intact() -> None:
    assert one(description="起草年度工作总结（初稿）").title == "起草年度工作总结（初稿）"


@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    parse(text, NOW)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "uuid",
                    "description",
                    "status",
                    "entry",
                    "modified",
                    "end",
                    "due",
                    "scheduled",
                    "wait",
                    "until",
                    "recur",
                    "project",
                    "tags",
                    "priority",
                    "annotations",
                    "depends",
                    "parent",
                ]
            ),
            _json_values,
        ),
        max_size=5,
    )
)
def test_never_crashes_on_any_objects(objects: list[dict[str, Any]]) -> None:
    parsed = parse(json.dumps(objects), NOW)
    assert len(parsed.records) + len(parsed.errors) <= len(objects)


@given(
    description=st.text(min_size=1).filter(lambda s: s.strip()),
    tags=st.lists(st.from_regex(r"[a-z\u4e00-\u9fff]{1,6}", fullmatch=True), max_size=4),
    due=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)),
)
def test_round_trip_of_the_mapped_fields(description: str, tags: list[str], due: datetime) -> None:
    moment = due.replace(microsecond=0, tzinfo=TZ)
    parsed = parse(
        export(
            obj(
                description=description,
                tags=tags,
                due=moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
            )
        ),
        NOW,
    )
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in description):
        return
    task = parsed.records[0].task
    assert task.title == " ".join(description.split())
    assert task.tags == tuple(dict.fromkeys(tags))
    expected = moment.date() if moment.time().isoformat() in ("00:00:00", "23:59:59") else moment
    assert task.due == expected


def test_a_sub_daily_series_keeps_each_occurrence_as_its_own_task() -> None:
    template = obj(uuid="t-2h", status="recurring", recur="2h", due="20261123T010000Z")
    pending = [
        obj(uuid=f"o-{n}", status="pending", parent="t-2h", recur="2h", due=f"20261123T0{n}0000Z")
        for n in (1, 3, 5, 7)
    ]
    parsed = parse(export(template, *pending), NOW)
    refs = [r.task.external_ref for r in parsed.records]
    assert refs == ["taskwarrior:o-1", "taskwarrior:o-3", "taskwarrior:o-5", "taskwarrior:o-7"]
    assert all(r.task.notes == "recur: 2h" and r.task.recur is None for r in parsed.records)
    assert [(w.line, w.key, w.values) for w in parsed.warnings] == [
        (2, "unruled_series", {"value": "2h", "count": "4"})
    ]


def test_a_closed_occurrence_names_the_occurrence_planner_closed() -> None:
    done = obj(uuid="c-9", status="completed", parent="t-1", due="20261001T160000Z")
    record = parse(export(done), NOW).records[0]
    assert record.former_refs == ("taskwarrior:t-1@2026-10-02",)
    assert record.carried == ("notes", "recur")
    assert parse(export(obj(status="completed")), NOW).records[0].former_refs == ()
