"""jrnl's JSON into journal days: joining, tags, CJK, bad entries with their lines, properties."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from planner.importing.jrnl import parse


def entry(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "A title.",
        "body": "Some words.",
        "date": "2026-11-20",
        "time": "09:00",
        "tags": [],
        "starred": False,
    }
    base.update(fields)
    return base


def export(*entries: dict[str, Any], ascii_only: bool = True) -> str:
    """What ``jrnl --format json`` writes (indent 2, non-ASCII escaped)."""
    return json.dumps({"tags": {}, "entries": list(entries)}, indent=2, ensure_ascii=ascii_only)


def test_one_entry_is_a_section_under_its_time_and_title() -> None:
    parsed = parse(export(entry(tags=["@work"])))
    (day,) = parsed.records
    assert day.date == date(2026, 11, 20)
    assert day.text == "## 09:00 A title.\n\nSome words.\n"
    assert day.tags == ("work",)
    assert day.ref.startswith("jrnl:") and len(day.ref) == len("jrnl:") + 16


def test_entries_of_one_day_are_joined_in_time_order() -> None:
    parsed = parse(
        export(
            entry(title="Evening.", body="Late.", time="21:30", tags=["@家"], starred=True),
            entry(title="Morning.", body="Early.", time="08:15", tags=["@work"]),
            entry(title="Next day.", body="", date="2026-11-21"),
        )
    )
    first, second = parsed.records
    assert first.text == "## 08:15 Morning.\n\nEarly.\n\n## 21:30 Evening.\n\nLate.\n"
    assert first.tags == ("家", "starred", "work")
    assert second.text == "## 09:00 Next day.\n"


def test_cjk_survives_escaped_and_raw() -> None:
    body = "今天和王处长沟通不畅，下次先准备提纲。\n\n明天早点到。"
    for ascii_only in (True, False):
        (day,) = parse(export(entry(title="晚上反思。", body=body), ascii_only=ascii_only)).records
        assert day.text == f"## 09:00 晚上反思。\n\n{body}\n"


def test_the_body_is_kept_as_written() -> None:
    body = "# My heading\n\n- a list\n\n```\ncode\n```\n\n    indented"
    (day,) = parse(export(entry(body="\n" + body + "\n\n"))).records
    assert day.text.endswith(body + "\n")


def test_the_same_day_gives_the_same_ref_and_a_changed_day_another() -> None:
    first = parse(export(entry())).records[0].ref
    assert parse(export(entry())).records[0].ref == first
    assert parse(export(entry(body="Other words."))).records[0].ref != first


def test_a_bare_list_of_entries_is_accepted() -> None:
    assert len(parse(json.dumps([entry()])).records) == 1


def test_bad_entries_are_reported_with_their_lines() -> None:
    text = export(
        entry(),
        entry(date="2026-02-30"),
        entry(title="", body="  "),
        entry(body=5),
        entry(date="2026-11-22"),
    )
    parsed = parse(text)
    lines = text.split("\n")
    starts = [n for n, line in enumerate(lines, start=1) if line == "    {"]
    assert [(e.line, e.key) for e in parsed.errors] == [
        (starts[1], "bad_entry_date"),
        (starts[2], "empty_entry"),
        (starts[3], "bad_entry_field"),
    ]
    assert [d.date for d in parsed.records] == [date(2026, 11, 20), date(2026, 11, 22)]


def test_broken_json_in_one_entry_skips_only_that_entry() -> None:
    text = export(entry(), entry(title="broken"), entry(date="2026-11-22"))
    text = text.replace('"title": "broken",', '"title": "broken"')
    parsed = parse(text)
    assert [e.key for e in parsed.errors] == ["json"]
    assert [d.date for d in parsed.records] == [date(2026, 11, 20), date(2026, 11, 22)]


def test_something_else_is_one_clear_error() -> None:
    for text in ('{"tags": {}}', "hello", '{"entries": 3}', "", '{"tags": {'):
        parsed = parse(text)
        assert not parsed.records and len(parsed.errors) == 1
        assert parsed.errors[0].key in ("no_entries", "json")


@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    parse(text)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "title": st.text(max_size=30),
                "body": st.text(max_size=200),
                "date": st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31)).map(
                    date.isoformat
                ),
                "time": st.from_regex(r"[0-2][0-9]:[0-5][0-9]", fullmatch=True),
                "tags": st.lists(st.from_regex(r"@[a-z\u4e00-\u9fff]{1,5}", fullmatch=True)),
                "starred": st.booleans(),
            }
        ),
        max_size=8,
    )
)
def test_every_words_of_every_entry_arrive(entries: list[dict[str, Any]]) -> None:
    parsed = parse(export(*entries))
    days = {day.date.isoformat(): day for day in parsed.records}
    for item in entries:
        title, body = " ".join(item["title"].split()), item["body"].strip("\n").rstrip()
        if not title and not body.strip():
            continue
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in item["title"] + item["body"]):
            continue
        text = days[item["date"]].text
        assert title in text and body in text
