"""A deterministic ten-year data set, written through the real store.

About 10,000 tasks (about 300 open, the rest done across the years, a third of titles
Chinese), 3,650 journal entries of about 600 Chinese characters, 300 setbacks, and a Day
with a main contradiction on most working days. ``--years`` scales it (10 by default;
``--years 30`` makes thirty years, with 30,000 tasks and 10,950 entries).

    uv run python -m benchmarks.dataset --out /tmp/planner-10y --years 10
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from data.store import FileStore
from planner.domain.ids import ALPHABET, date_id
from planner.domain.models import (
    DIMENSIONS,
    SETBACK_KINDS,
    Day,
    Feedback,
    JournalEntry,
    SetbackAnalysis,
    Task,
)
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
END = date(2026, 11, 23)
TASKS_PER_YEAR = 1000
OPEN_TASKS = 300
SETBACKS_PER_YEAR = 30

EN_VERBS = ["Draft", "Review", "Prepare", "Check", "Send", "Collect", "Summarise", "Arrange"]
EN_OBJECTS = [
    "the budget report",
    "meeting minutes",
    "the quarterly plan",
    "visitor schedule",
    "training notes",
    "the inspection brief",
    "supply requests",
    "the annual summary",
]
ZH_VERBS = ["起草", "审核", "准备", "核对", "报送", "汇总", "安排", "落实"]
ZH_OBJECTS = [
    "预算报告",
    "会议纪要",
    "季度计划",
    "接待日程",
    "培训材料",
    "督查简报",
    "物资申请",
    "年度总结",
]
PEOPLE = ["王处长", "张主任", "李科长", "Chen", "刘秘书", "Zhao", "孙局长", "Smith"]
TAGS = ["finance", "督办", "会务", "文稿", "接待", "training", "信息", "档案"]
JOURNAL_PHRASES = [
    "今天上午把材料重新梳理了一遍，发现数据口径前后不一致，",
    "下午陪同领导参加协调会，记录要点并整理成纪要，",
    "对照年初计划检查进度，有两项工作明显滞后，需要调整安排，",
    "和相关处室沟通时语气有些急，以后要先听完对方的意见，",
    "晚上回顾一天的工作，主要精力确实放在了最重要的事情上，",
    "临时插进来的事情较多，打乱了原来的节奏，要学会分清轻重缓急，",
    "文稿修改了三遍，领导的意图终于把握准确了，",
    "明天要提前准备好汇报提纲，把问题和建议分开写清楚，",
    "保密文件的流转手续再核对一次，确保每一份都有登记，",
    "接待方案细节较多，提前和各方确认时间地点，",
]


class Ids:
    """Deterministic record ids from a seeded generator (the app uses ``secrets``)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def __call__(self) -> str:
        while True:
            value = "".join(self.rng.choice(ALPHABET) for _ in range(12))
            if value not in self.seen:
                self.seen.add(value)
                return value


def _moment(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def _title(rng: random.Random) -> str:
    if rng.random() < 1 / 3:
        return rng.choice(ZH_VERBS) + rng.choice(ZH_OBJECTS)
    return f"{rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)}"


def _journal_body(rng: random.Random) -> str:
    parts: list[str] = []
    length = 0
    while length < 600:
        phrase = rng.choice(JOURNAL_PHRASES)
        parts.append(phrase)
        length += len(phrase)
        if rng.random() < 0.2:
            parts.append("\n\n")
    return "".join(parts).rstrip("，") + "。\n"


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def build(years: int, seed: int = 20261123, end: date = END) -> dict[str, list[object]]:
    """All records of the data set, by kind, without writing anything."""
    rng = random.Random(seed)
    new_id = Ids(rng)
    start = end - timedelta(days=365 * years - 1)
    all_days = list(_days(start, end))
    tasks: list[Task] = []
    total = TASKS_PER_YEAR * years
    open_count = min(OPEN_TASKS, total // 3)
    recent = all_days[-60:]
    for index in range(total):
        is_open = index < open_count
        created_day = rng.choice(recent if is_open else all_days)
        created = _moment(created_day, rng.randint(8, 18))
        fields: dict[str, object] = {
            "status": rng.choice(["open", "open", "open", "inbox", "waiting"])
            if is_open
            else "open",
            "people": tuple(rng.sample(PEOPLE, rng.choice([0, 0, 1, 1, 2]))),
            "tags": tuple(rng.sample(TAGS, rng.choice([0, 1, 1, 2]))),
            "central": rng.random() < 0.15,
            "confidential": rng.random() < 0.05,
            "priority": rng.choice([None, None, "high", "medium", "low"]),
        }
        if rng.random() < 0.5:
            fields["due"] = created_day + timedelta(days=rng.randint(0, 20))
        if rng.random() < 0.2:
            fields["source"] = rng.choice(PEOPLE)
            fields["received"] = created_day
            fields["report_by"] = created_day + timedelta(days=rng.randint(1, 7))
        task = Task(
            id=new_id(),
            created=created,
            updated=created,
            external_ref=None,
            title=_title(rng),
            **fields,  # type: ignore[arg-type]
        )
        if not is_open:
            closed_day = min(
                created_day + timedelta(days=rng.randint(0, 10)), end - timedelta(days=1)
            )
            closed_at = _moment(closed_day, 19)
            if task.source is not None:
                task = task.touched(
                    closed_at, feedback=(Feedback(closed_at, "已按要求完成并汇报"),)
                )
            task = task.complete(closed_at) if rng.random() < 0.9 else task.drop(closed_at)
        tasks.append(task)

    days: list[Day] = []
    done_by_day: dict[date, list[Task]] = {}
    for task in tasks:
        if task.status == "done" and task.done_at is not None:
            done_by_day.setdefault(task.done_at.date(), []).append(task)
    for day in all_days:
        if day.weekday() >= 5:
            continue
        candidates = done_by_day.get(day)
        main = rng.choice(candidates).id if candidates and rng.random() < 0.8 else None
        if main is None:
            continue
        days.append(
            Day(
                id=date_id("day", day),
                created=_moment(day, 8),
                updated=_moment(day, 8),
                external_ref=None,
                date=day,
                main=main,
                carry_answered=True,
            )
        )

    entries = [
        JournalEntry(
            id=date_id("journal", day),
            created=_moment(day, 21),
            updated=_moment(day, 21),
            external_ref=None,
            date=day,
            body=_journal_body(rng),
            tags=tuple(rng.sample(TAGS, rng.choice([0, 1]))),
            confidential=rng.random() < 0.03,
        )
        for day in all_days
    ]

    setbacks: list[SetbackAnalysis] = []
    for _ in range(SETBACKS_PER_YEAR * years):
        day = rng.choice(all_days)
        moment = _moment(day, 20)
        analysis = SetbackAnalysis(
            id=new_id(),
            created=moment,
            updated=moment,
            external_ref=None,
            date=day,
            title=rng.choice(ZH_OBJECTS) + "被退回修改",
            kind=rng.choice(SETBACK_KINDS),
            objective="时间紧，材料来源分散。",
            subjective="准备不够充分，没有提前请示。",
            goal="目标偏高，应分两步走。",
            environment="各处室配合意愿不一。",
            conditions="缺少往年数据。",
            principal_cause=rng.choice(DIMENSIONS),
            lesson="重要材料提前一天请示要点，先定框架再填内容。",
            review_on=day + timedelta(days=14),
            reviewed_at=moment + timedelta(days=14),
        )
        setbacks.append(analysis)
    return {
        "tasks": list(tasks),
        "days": list(days),
        "journal": list(entries),
        "setbacks": list(setbacks),
    }


def write(data_dir: Path, years: int, seed: int = 20261123) -> dict[str, int]:
    """Generate and write the data set into ``data_dir`` through ``FileStore``."""
    records = build(years, seed)
    store = FileStore(data_dir, clock=lambda: _moment(END, 12))
    counts: dict[str, int] = {}
    for kind, items in records.items():
        changes = [Change(None, item) for item in items]  # type: ignore[arg-type]
        store.apply(changes)
        counts[kind] = len(items)
    store.compact(END)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/10y"))
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    started = time.perf_counter()
    counts = write(args.out, args.years, args.seed)
    elapsed = time.perf_counter() - started
    print(f"wrote {counts} into {args.out} in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
