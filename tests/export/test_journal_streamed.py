"""The whole journal streamed a year at a time is the document built whole, byte for byte,
and a stream that fails mid-way leaves no file behind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import JournalEntry, SetbackAnalysis
from planner.export.documents import DayPage, journal_document, journal_pieces
from planner.export.gather import ExportBuilder, ExportRequest
from planner.export.output import ExportWriteError, write_file
from planner.export.ranges import DateRange
from planner.services.planner import Planner
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)
BODIES = ["Plain day.", "# Heading\n\ntext\n\n## Sub\n- item", "```\nopen fence", "<div>\nraw"]


def planner_with_history() -> Planner:
    store = MemoryStore()
    changes: list[Change] = []
    day = date(2023, 12, 25)
    for number in range(400):
        entry = JournalEntry.create(day, NOW).touched(NOW, body=BODIES[number % len(BODIES)])
        if number % 7 == 0:
            entry = entry.touched(NOW, tags=("work",))
        if number % 11 == 0:
            entry = entry.touched(NOW, confidential=True)
        changes.append(Change(None, entry))
        day += timedelta(days=2 if number % 3 else 1)
    setback = SetbackAnalysis.create(date(2024, 6, 1), "Late report", NOW, lesson="Ask twice")
    changes.append(Change(None, setback))
    store.apply(changes)
    return Planner(store, Config(), lambda: NOW)


@pytest.mark.parametrize(
    "span",
    [
        DateRange("all", None, None),
        DateRange("span", date(2024, 2, 10), date(2025, 1, 5)),
        DateRange("span", date(2030, 1, 1), date(2030, 12, 31)),
    ],
)
@pytest.mark.parametrize("confidential", [False, True])
def test_streamed_journal_is_the_whole_document(span: DateRange, confidential: bool) -> None:
    planner = planner_with_history()
    streamed = ExportBuilder(
        planner, ExportRequest("journal", span, include_confidential=confidential)
    ).render()
    assert not isinstance(streamed.files[0].content, str)  # streamed indeed
    text = streamed.files[0].text
    entries = [
        entry
        for entry in planner.store.journal_entries(span.start, span.end)
        if confidential or not entry.confidential
    ]
    setbacks = [s for s in planner.store.setbacks() if s.date in span]
    # The document built whole, as before: the same pages through ``journal_document``.
    whole = ExportBuilder(
        planner,
        ExportRequest("journal", span, include_confidential=confidential, front_matter=True),
    ).render()
    assert whole.files[0].text.endswith(text)  # the same text after the front matter
    assert streamed.records == len(entries) + len(setbacks) == whole.records


def test_journal_pieces_join_to_journal_document() -> None:
    span = DateRange("all", None, None)
    pages = [DayPage(date(2026, 1, day), None, ()) for day in (1, 2)]
    assert "".join(journal_pieces(pages, span)) == journal_document(pages, span)
    assert "".join(journal_pieces([], span)) == journal_document([], span)


def test_a_stream_failing_mid_way_leaves_no_file(tmp_path: Path) -> None:
    def pieces() -> Iterator[str]:
        yield "# Journal\n"
        raise RuntimeError("the store failed")

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        write_file(folder / "journal.md", pieces(), force=False)
    assert list(folder.iterdir()) == []


def test_a_stream_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "journal.md"
    write_file(target, iter(["# 日志\n", "\n", "正文\n"]), force=False)
    assert target.read_text(encoding="utf-8") == "# 日志\n\n正文\n"
    with pytest.raises(ExportWriteError):
        write_file(target, iter(["again"]), force=False)
