"""Any bytes into any importer: records of the wrong shape are skipped with their line and
reason, the file's bounds (size, nesting, line length) are clear errors, nothing else is
raised (issue #12)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.importing import jrnl, taskwarrior, todotxt
from planner.importing.apply import plan_days, plan_tasks
from planner.importing.common import Issue
from planner.importing.limits import MAX_DEPTH, ImportTooLarge, read_limited, too_deep

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
UUID = "5f3a1c2e-0000-4000-8000-000000000001"

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["20261123T090000Z", "0001-01-01T00:00:00+14:00", "pending", "weekly"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
TW_FIELDS = sorted(
    {"uuid", "description", "status", "entry", "modified", "end", "due", "scheduled", "wait",
     "until", "recur", "project", "tags", "priority", "annotations", "depends", "parent",
     "template", "urgency", "estimate"}
)  # fmt: skip
JRNL_FIELDS = ["title", "body", "date", "time", "tags", "starred"]


def tw_line(**fields: Any) -> str:
    base: dict[str, Any] = {"uuid": UUID, "description": "Write", "status": "pending"}
    base.update(fields)
    return json.dumps(base) + "\n"


def jrnl_file(*entries: dict[str, Any]) -> str:
    return json.dumps({"tags": {}, "entries": list(entries)}, indent=4)


def entry(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"title": "T", "body": "B", "date": "2026-11-20", "time": "09:00"}
    base.update(fields)
    return base


def only_error(issues: list[Issue]) -> Issue:
    (found,) = issues
    return found


# -- the cases measured in the issue ---------------------------------------------------------


def test_a_taskwarrior_parent_of_another_type_skips_that_record() -> None:
    text = tw_line(parent=[1]) + tw_line(uuid="5f3a1c2e-0000-4000-8000-000000000002")
    parsed = taskwarrior.parse(text, NOW)
    found = only_error(parsed.errors)
    assert (found.line, found.key, found.values) == (1, "not_text", {"field": "parent"})
    assert len(parsed.records) == 1


@pytest.mark.parametrize(
    ("fields", "key", "field"),
    [
        ({"status": ["pending"]}, "not_text", "status"),
        ({"tags": 5}, "not_text_or_texts", "tags"),
        ({"tags": [1, "a"]}, "not_text_or_texts", "tags"),
        ({"depends": {"a": 1}}, "not_text_or_texts", "depends"),
        ({"annotations": [{"description": 3}]}, "not_annotations", "annotations"),
        ({"annotations": "note"}, "not_annotations", "annotations"),
        ({"recur": 7, "status": "recurring"}, "not_text", "recur"),
        ({"due": 20261123}, "not_text", "due"),
        ({"priority": True}, "not_text", "priority"),
    ],
)
def test_a_taskwarrior_field_of_another_type_is_named(
    fields: dict[str, Any], key: str, field: str
) -> None:
    found = only_error(taskwarrior.parse(tw_line(**fields), NOW).errors)
    assert (found.key, found.values["field"]) == (key, field)


def test_a_jrnl_tags_of_another_type_skips_that_entry() -> None:
    parsed = jrnl.parse(jrnl_file(entry(tags=5), entry(title="kept")))
    found = only_error(parsed.errors)
    assert (found.key, found.values) == ("not_texts", {"field": "tags"})
    assert found.line == 4  # the line the entry's object opens on ("{")
    assert len(parsed.records) == 1 and "kept" in parsed.records[0].text


@pytest.mark.parametrize(
    ("fields", "key"),
    [({"starred": "yes"}, "not_bool"), ({"date": 20261120}, "not_text")],
)
def test_a_jrnl_field_of_another_type_is_named(fields: dict[str, Any], key: str) -> None:
    assert only_error(jrnl.parse(jrnl_file(entry(**fields))).errors).key == key


@pytest.mark.parametrize("opening", ["[", '{"a": '])
def test_json_nested_a_thousand_deep_is_refused_whole(opening: str) -> None:
    deep = opening * 1000
    text = tw_line() + deep + "\n"
    found = only_error(taskwarrior.parse(text, NOW).errors)
    assert (found.key, found.line, found.values) == ("too_deep", 2, {"limit": str(MAX_DEPTH)})
    found = only_error(jrnl.parse('{"entries": [' + deep).errors)
    assert found.key == "too_deep"


def test_nesting_inside_strings_does_not_count() -> None:
    assert too_deep(json.dumps({"a": "[" * 1000})) is None
    assert too_deep("[" * MAX_DEPTH) is None
    assert too_deep("[" * (MAX_DEPTH + 1)) == MAX_DEPTH


def test_numbers_and_dates_beyond_pythons_reach_are_record_errors() -> None:
    text = (
        '{"uuid": "a", "description": "x", "urgency": ' + "9" * 5000 + "}\n"
        + tw_line(due="0001-01-01T00:00:00+14:00", uuid="b")
        + tw_line(uuid="c", recur="9" * 5000 + "d", status="recurring")
    )  # fmt: skip
    parsed = taskwarrior.parse(text, NOW)
    assert [(e.line, e.key) for e in parsed.errors] == [(1, "json"), (2, "bad_date")]
    (record,) = parsed.records
    assert record.task.recur is None and "recur: 9999" in record.task.notes


def test_a_todotxt_line_too_long_is_skipped_by_its_number() -> None:
    text = "first\n" + "x" * 70_000 + "\nthird\n"
    parsed = todotxt.parse(text, NOW)
    assert (only_error(parsed.errors).line, parsed.errors[0].key) == (2, "line_too_long")
    assert [r.task.title for r in parsed.records] == ["first", "third"]


def test_reading_stops_at_the_limit_whatever_the_file() -> None:
    class Endless(io.RawIOBase):
        """``/dev/zero``: as many bytes as asked, for ever."""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[:] = bytes(len(buffer))
            return len(buffer)

    with pytest.raises(ImportTooLarge):
        read_limited(io.BufferedReader(Endless()), limit=3 * 1024 * 1024)
    assert read_limited(io.BytesIO(b"\xef\xbb\xbfa\xffb"), limit=6) == "a\udcffb"
    with pytest.raises(ImportTooLarge):
        read_limited(io.BytesIO(b"1234567"), limit=6)


# -- properties ------------------------------------------------------------------------------


def _decoded(raw: bytes) -> str:
    return read_limited(io.BytesIO(raw))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_into_any_importer_raise_nothing(raw: bytes) -> None:
    text = _decoded(raw)
    for parser in (todotxt, taskwarrior):
        parsed = parser.parse(text, NOW)
        plan_tasks(parsed.records, [])
    plan_days(jrnl.parse(text).records, lambda _day: None, NOW)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(TW_FIELDS), JSON_VALUES, max_size=6), st.booleans())
def test_a_taskwarrior_record_of_any_shape_is_imported_or_skipped(
    fields: dict[str, Any], as_array: bool
) -> None:
    record = {"uuid": UUID, "description": "Write", **fields}
    try:
        line = json.dumps(record)
    except ValueError:
        return
    text = f"[\n{line}\n]\n" if as_array else line + "\n"
    parsed = taskwarrior.parse(text, NOW)
    assert len(parsed.records) + len(parsed.errors) == 1
    assert all(found.line == (2 if as_array else 1) for found in parsed.errors)
    plan_tasks(parsed.records, [])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(JRNL_FIELDS), JSON_VALUES, max_size=6))
def test_a_jrnl_entry_of_any_shape_is_imported_or_skipped(fields: dict[str, Any]) -> None:
    try:
        text = jrnl_file({"date": "2026-11-20", "title": "T", **fields})
    except ValueError:
        return
    parsed = jrnl.parse(text)
    imported = sum(len(day.sections) for day in parsed.records)
    assert imported + len(parsed.errors) == 1
    plan_days(parsed.records, lambda _day: None, NOW)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40) | st.binary(max_size=40).map(
    lambda raw: raw.decode("utf-8", "surrogateescape")), max_size=6))  # fmt: skip
def test_todotxt_lines_of_any_text_are_imported_or_skipped_by_number(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    parsed = todotxt.parse(text, NOW)
    numbers = [r.line for r in parsed.records] + [e.line for e in parsed.errors]
    assert len(numbers) == len(set(numbers))
    assert all(1 <= number <= max(1, len(lines)) for number in numbers)
    for record in parsed.records:
        record.task.title.encode("utf-8")  # only UTF-8 text is imported


# -- how much a file may hold ----------------------------------------------------------------


def test_a_file_of_more_records_than_the_bound_is_refused_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.importing import jsonscan

    monkeypatch.setattr(todotxt, "MAX_RECORDS", 3)
    monkeypatch.setattr(jsonscan, "MAX_RECORDS", 3)
    parsed = todotxt.parse("a\n\nb\nc\nd\ne\n", NOW)
    assert parsed.records == []
    assert [(e.line, e.key) for e in parsed.errors] == [(5, "too_many_records")]
    assert todotxt.parse("a\nb\nc\n", NOW).errors == []
    lines = "".join(tw_line(uuid=f"u{n}") for n in range(4))
    found = only_error(taskwarrior.parse(lines, NOW).errors)
    assert (found.line, found.key) == (4, "too_many_records")
    found = only_error(jrnl.parse(jrnl_file(*(entry() for _ in range(4)))).errors)
    assert found.key == "too_many_records"


def test_a_file_that_skips_more_than_the_bound_is_refused_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.importing import limits

    monkeypatch.setattr(limits, "MAX_SKIPPED", 2)
    parsed = todotxt.parse("ok\nx 2026-13-01 a\nx 2026-13-02 b\nfine\nx 2026-13-03 c\n", NOW)
    assert parsed.records == []
    assert [(e.line, e.key) for e in parsed.errors] == [
        (2, "bad_completion_date"),
        (3, "bad_completion_date"),
        (5, "too_many_skipped"),
    ]
    parsed = taskwarrior.parse("1\n2\n" + tw_line(), NOW)
    assert len(parsed.records) == 1 and len(parsed.errors) == 2


@given(st.text(alphabet="ab \t\r\n\u3000", max_size=30))
def test_lines_are_numbered_as_split_would(text: str) -> None:
    from planner.importing.common import filled_lines, lines_of

    expected = [(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), 1)]
    assert list(lines_of(text)) == expected
    assert list(filled_lines(text)) == [(n, line) for n, line in expected if line.strip()]


@given(st.text(alphabet="a\n", max_size=30), st.lists(st.integers(0, 30), max_size=6))
def test_the_scanner_counts_lines_in_any_order_of_asking(text: str, asked: list[int]) -> None:
    from planner.importing.jsonscan import Scanner

    scanner = Scanner(text)
    for pos in (min(p, len(text)) for p in asked):
        assert scanner.line_of(pos) == text.count("\n", 0, pos) + 1
