"""Sync's words in both languages: every error the transport raises has words (naming only
values the raise gives), every kind and field of a record has a name, counts of one are
singular in English."""

from __future__ import annotations

import ast
import dataclasses
import string
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC
from pathlib import Path
from typing import get_args

import pytest

from data.sync.engine import SyncReport
from data.sync.git_errors import SyncError, SyncOffline, SyncReason
from planner.domain.models import Day, JournalEntry, SetbackAnalysis, Task
from planner.domain.sync.hlc import Stamp
from planner.domain.sync.merge import Conflict
from planner.domain.sync.ops import RECORD_KINDS
from planner.i18n.conflicts import FIELD_KEYS, KIND_KEYS, conflict_lines, value_words
from planner.i18n.translate import MESSAGES, set_language
from planner.shell.sync_words import ERROR_KEYS, describe_sync_error, synced_words

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def literal(node: ast.expr | None) -> str:
    assert node is None or isinstance(node, ast.Constant), ast.unparse(node)
    return "" if node is None else str(node.value)


def raised_errors() -> Iterator[tuple[str, str, str, set[str]]]:
    """Every ``SyncError(..., reason=, case=, params=)`` written in ``data/sync``: where,
    its reason and case, and the names its params give (SyncOffline gives its own)."""
    for path in sorted((ROOT / "data" / "sync").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            where = f"{path.name}:{node.lineno}"
            if name == "SyncOffline":
                timed = any(kw.arg == "seconds" for kw in node.keywords)
                given = {"remote", "detail"} | ({"seconds"} if timed else set())
                yield where, "offline", "timeout" if timed else "", given
            elif name == "SyncError" or (
                isinstance(node.func, ast.Attribute)
                and node.func.attr == "__init__"
                and any(kw.arg == "reason" for kw in node.keywords)
            ):
                keywords = {kw.arg: kw.value for kw in node.keywords}
                if "reason" not in keywords or path.name == "git_errors.py":
                    continue
                params = keywords.get("params")
                given: set[str] = set()
                if params is not None:
                    assert isinstance(params, ast.Dict), where
                    given = {literal(key) for key in params.keys}
                yield where, literal(keywords["reason"]), literal(keywords.get("case")), given


def test_every_error_the_transport_raises_has_words_in_both_languages() -> None:
    found = list(raised_errors())
    assert len(found) >= 15  # the scan sees the raises (a rename would hide them)
    for where, reason, case, given in found:
        key = ERROR_KEYS.get((reason, case))
        if reason == "not-initialised" and where.startswith("engine.py"):
            continue  # NotSyncing: planner sync says sync.not_enabled
        if reason == "git-failed" and where.startswith("engine.py"):
            continue  # AlreadySyncing: planner sync says sync.already
        assert key is not None, (where, reason, case)
        english, chinese = MESSAGES[key]
        assert placeholders(english) == placeholders(chinese), key
        assert placeholders(english) <= given, (where, key, given)


def test_every_reason_and_key_is_known() -> None:
    reasons = set(get_args(SyncReason))
    assert {reason for reason, _ in ERROR_KEYS} == reasons
    for key in ERROR_KEYS.values():
        assert key in MESSAGES


def test_an_error_is_worded_in_chinese_with_git_s_own_words_kept() -> None:
    error = SyncOffline("/media/usb/planner.git", "fatal: repository not found")
    assert describe_sync_error(error) == (
        "/media/usb/planner.git cannot be reached (fatal: repository not found)"
    )
    set_language("zh")
    assert (
        describe_sync_error(error)
        == "无法连接 /media/usb/planner.git（fatal: repository not found）"
    )
    timed = SyncOffline("ssh://office/planner.git", "no answer within 60 s", seconds=60)
    assert describe_sync_error(timed) == "ssh://office/planner.git 在 60 秒内没有响应"


def test_an_error_without_words_is_said_as_the_transport_said_it() -> None:
    """A newer transport's case, or words naming a value the raise did not give."""
    set_language("zh")
    newer = SyncError("the remote", "is odd", "wait", reason="busy", case="newer")
    assert describe_sync_error(newer) == "the remote: is odd. wait"
    bare = SyncError("/x", "refused", reason="rejected")  # no remote, no detail
    assert describe_sync_error(bare) == "/x: refused"


@pytest.mark.parametrize(
    ("sent", "received", "english", "chinese"),
    [
        (1, 0, "Synced: 1 change sent, 0 received.", "同步完成：发出 1 项修改，收到 0 项。"),
        (2, 1, "Synced: 2 changes sent, 1 received.", "同步完成：发出 2 项修改，收到 1 项。"),
        (0, 3, "Synced: 0 changes sent, 3 received.", "同步完成：发出 0 项修改，收到 3 项。"),
        (0, 0, "Synced: nothing to send or receive.", "同步完成：没有需要收发的修改。"),
    ],
)
def test_what_a_sync_did(sent: int, received: int, english: str, chinese: str) -> None:
    report = SyncReport(sent, received, 0)
    assert synced_words(report) == english
    set_language("zh")
    assert synced_words(report) == chinese


def test_every_kind_and_stored_field_of_a_record_has_a_name() -> None:
    assert set(KIND_KEYS) == set(RECORD_KINDS)
    stored = {
        f.name
        for model in (Task, Day, JournalEntry, SetbackAnalysis)
        for f in dataclasses.fields(model)
    }
    assert stored - {"id"} <= set(FIELD_KEYS)
    for key in (*KIND_KEYS.values(), *FIELD_KEYS.values()):
        english, chinese = MESSAGES[key]
        assert english and chinese


def conflict(field: str, winner: object, loser: object) -> Conflict:
    return Conflict(
        id="36e59274db",
        kind="task",
        record="6qm3yrabcdef",
        field=field,
        winner=winner,
        winner_stamp=Stamp(1_000, 0, "laptop000001"),
        loser=loser,
        loser_stamp=Stamp(900, 0, "office000001"),
        at=1_796_000_000_000,
    )


def test_a_conflict_reads_in_chinese() -> None:
    set_language("zh")
    lines = conflict_lines(
        conflict("title", "周报（笔记本）", "周报（办公室）"),
        UTC,
        privacy=False,
        here="laptop000001",
    )
    assert lines[0].endswith("任务 6qm3yr：标题")
    assert lines[1] == "  保留：  “周报（笔记本）”  来自本机"
    assert lines[2] == "  未采用：“周报（办公室）”  来自 office000001"
    assert value_words("high", privacy=False, field="priority") == "高"
    assert value_words(["home", "finance"], privacy=False, field="tags") == "home、finance"
    assert value_words(None, privacy=False, field="due") == "（空）"
    assert value_words(True, privacy=False, field="central") == "是"


def test_a_conflict_reads_in_english_and_privacy_masks_words_not_dates() -> None:
    lines = conflict_lines(conflict("priority", "low", "high"), UTC, privacy=True)
    assert lines[0].endswith("task 6qm3yr: priority")
    assert lines[1:] == [
        "  kept:      low  from laptop000001",
        "  not kept:  high  from office000001",
    ]
    assert value_words("Secret plan", privacy=True, field="title") == "[…]"
    assert value_words(["Li"], privacy=True, field="people") == "[…]"
    assert value_words("2026-12-04", privacy=True, field="due") == "2026-12-04"
    assert value_words("Plan", privacy=False, field="title") == '"Plan"'
    assert value_words("x" * 80, privacy=False, field="notes").endswith('…"')


def test_a_journal_text_conflict_says_both_versions_are_kept_under_its_date() -> None:
    body = replace(conflict("body", "laptop text", "office text"), kind="journal")
    lines = conflict_lines(body, UTC, privacy=False, label="2026-12-03")
    assert lines[0].endswith("journal entry 2026-12-03: text")
    assert lines[1:] == ["  both versions are in the entry, marked: edit it to keep one"]
    set_language("zh")
    lines = conflict_lines(body, UTC, privacy=False, label="2026-12-03")
    assert lines[0].endswith("日志 2026-12-03：正文")
    assert lines[1] == "  两个版本都已保留在日志中并作了标记：编辑日志以保留其一"


def test_the_app_says_a_failed_sync_in_the_user_s_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``FolderSync.sync`` words the transport's error as ``planner sync`` does."""
    from datetime import datetime, time

    from data.sync import engine
    from planner.shell.app_sync import FolderSync

    def busy(self: object) -> SyncReport:
        raise SyncError(
            "/media/usb/planner.git",
            "kept changing while this machine sent its changes (4 attempts)",
            "sync again in a moment",
            reason="busy",
            params={"remote": "/media/usb/planner.git", "attempts": 4},
        )

    monkeypatch.setattr(engine.SyncEngine, "sync", busy)
    sync = FolderSync(
        tmp_path, clock=lambda: datetime(2026, 12, 3, 9, tzinfo=UTC), day_starts_at=time(4)
    )
    set_language("zh")
    done = sync.sync()
    assert done.severity == "error"
    assert done.notice == (
        "同步失败：本机发送修改期间 /media/usb/planner.git 一直在变化（已尝试 4 次）：请稍后再同步"
    )


def test_changes_of_a_newer_planner_are_counted_in_words() -> None:
    from planner.shell.sync_words import unknown_words

    assert unknown_words(1).startswith("1 change comes from a newer planner")
    assert unknown_words(3).startswith("3 changes come from a newer planner")
    set_language("zh")
    assert unknown_words(1).startswith("1 项修改来自更新版本的 planner")
