"""Any text, or bytes as ``surrogateescape`` makes them text, through quick add and into a
task: a ``ParseError`` or ``DomainError``, or a task; nothing else (issue #12)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import DomainError, ParseError
from planner.domain.models import Task
from planner.domain.quickadd import parse_quick_add

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
TOKENS = st.sampled_from(
    ["#", "@", "!", "：", "due:", "due:9999-12-31", "due:0001-01-01", "sched:-99999d",
     "every:0d", "every:99999999999d", "every:FREQ=SECONDLY", "report:12-01", "pri:zz", "!main",
     "from:", "due:fri 25:00", "#a#b", "@（", "every:weekday"]
)  # fmt: skip
TEXT = st.lists(
    TOKENS
    | st.text(max_size=12)
    | st.binary(max_size=8).map(lambda raw: raw.decode("utf-8", "surrogateescape")),
    max_size=6,
).map(" ".join)


@settings(max_examples=300)
@given(text=TEXT)
def test_quick_add_of_any_text_is_a_task_or_a_planned_error(text: str) -> None:
    try:
        parsed = parse_quick_add(text, NOW.date(), TZ)
        task = Task.create(parsed.title, NOW, **parsed.task_fields(NOW.date()))
    except (ParseError, DomainError):
        return
    assert task.title.strip()
