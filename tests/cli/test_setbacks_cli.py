"""``planner setbacks``: the analyses, newest first, with derived state and measures."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, TZ, call

from data.store import FileStore
from planner.domain.models import SetbackAnalysis, Task
from planner.services.ports import Change

EARLIER = datetime(2026, 11, 16, 9, 0, tzinfo=TZ)


def seed(*records: SetbackAnalysis | Task) -> None:
    """Write records straight into the test's data folder, as another process would."""
    store = FileStore(Path(os.environ["PLANNER_DATA_DIR"]), clock=lambda: MONDAY)
    store.apply([Change(None, record) for record in records])


def analysis(day: date, title: str, **fields: object) -> SetbackAnalysis:
    return SetbackAnalysis.create(day, title, EARLIER, **fields)


_created = iter(EARLIER + timedelta(minutes=n) for n in range(1000))


def measure(title: str, setback: SetbackAnalysis, **fields: object) -> Task:
    """A measure; each one created a minute after the last, so the listing order is fixed."""
    values: dict[str, object] = {"status": "open", "setback": setback.id}
    values.update(fields)
    return Task.create(title, next(_created), **values)


# Newest first: CURRENT (Nov 23), DRAFT (Nov 20), DUE (Nov 18), OLD (Nov 16).
CURRENT = analysis(
    date(2026, 11, 23),
    "Report was late",
    kind="communication",
    principal_cause="subjective",
    review_on=date(2026, 11, 30),
)
CURRENT_DONE = measure(
    "Confirm deadlines in writing",
    CURRENT,
    status="done",
    due=date(2026, 11, 24),
    done_at=MONDAY,
)
CURRENT_OPEN = measure("Keep a deadline list", CURRENT, due=date(2026, 11, 27), people=("Wang",))
DRAFT = analysis(date(2026, 11, 20), "Half-written", draft=True)
DUE = analysis(
    date(2026, 11, 18),
    "Minutes rejected",
    kind="beyond_ability",
    principal_cause="conditions",
    review_on=date(2026, 11, 22),
)
DUE_DROPPED = measure(
    "Ask for the template", DUE, status="dropped", done_at=EARLIER + timedelta(days=2)
)
OLD = analysis(date(2026, 11, 16), "Argued about the plan", kind="dispute")
OLD_DONE = measure("Prepare options", OLD, status="done", done_at=EARLIER)

RECORDS = (CURRENT, CURRENT_DONE, CURRENT_OPEN, DRAFT, DUE, DUE_DROPPED, OLD, OLD_DONE)


def test_no_analyses_yet() -> None:
    assert call("setbacks") == (0, "No setback analyses yet.\n", "")
    code, out, _ = call("setbacks", "--json")
    assert code == 0 and json.loads(out) == []


def test_text_lists_newest_first_with_state_and_measures() -> None:
    seed(*RECORDS)
    code, out, err = call("setbacks")
    assert code == 0, err
    blocks = out.rstrip("\n").split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == [
        f"{CURRENT.id[:6]}  2026-11-23  Report was late  [open]",
        f"{DRAFT.id[:6]}  2026-11-20  Half-written  [draft]",
        f"{DUE.id[:6]}  2026-11-18  Minutes rejected  [review due]",
        f"{OLD.id[:6]}  2026-11-16  Argued about the plan  [resolved]",
    ]
    assert blocks[0].splitlines()[1:] == [
        "    kind: poor communication with a superior; principal cause: subjective; "
        "measures done 1/2; review on 2026-11-30",
        f"    - {CURRENT_DONE.id[:6]}  done  2026-11-24  Confirm deadlines in writing",
        f"    - {CURRENT_OPEN.id[:6]}  open  2026-11-27  Keep a deadline list",
    ]
    assert blocks[1].splitlines()[1:] == [
        "    kind: other; principal cause: not chosen yet; measures done 0/0",
    ]
    assert blocks[2].splitlines()[1:] == [
        "    kind: a task beyond my ability; principal cause: conditions; "
        "measures done 0/1; review on 2026-11-22",
        f"    - {DUE_DROPPED.id[:6]}  dropped  Ask for the template",
    ]
    # OLD's measure was done a week ago: compaction archived it, and it is still listed.
    assert blocks[3].splitlines()[1:] == [
        "    kind: a disagreement with a superior; principal cause: not chosen yet; "
        "measures done 1/1",
        f"    - {OLD_DONE.id[:6]}  done  Prepare options",
    ]


def test_text_in_chinese() -> None:
    seed(*RECORDS)
    code, out, err = call("setbacks", "--lang", "zh")
    assert code == 0, err
    for word in ("[进行中]", "[草稿]", "[待复盘]", "[已解决]", "与上级沟通不畅", "任务超出能力"):
        assert word in out
    assert "类型：与上级意见分歧；主要原因：尚未确定；补救措施已完成 1/1" in out
    assert "主要原因：主观" in out and "复盘日期 2026-11-30" in out
    assert f"{CURRENT_OPEN.id[:6]}  进行中  2026-11-27  Keep a deadline list" in out


def test_json_carries_every_key_the_state_and_the_measures() -> None:
    seed(*RECORDS)
    code, out, err = call("setbacks", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert [item["id"] for item in items] == [CURRENT.id, DRAFT.id, DUE.id, OLD.id]
    assert [item["state"] for item in items] == ["open", "draft", "review_due", "resolved"]
    first = items[0]
    assert set(first) == set(CURRENT.to_dict()) | {"state", "measures"}
    assert {k: v for k, v in first.items() if k not in ("state", "measures")} == CURRENT.to_dict()
    assert first["review_on"] == "2026-11-30" and first["reviewed_at"] is None
    assert [m["id"] for m in first["measures"]] == [CURRENT_DONE.id, CURRENT_OPEN.id]
    for item in first["measures"]:
        assert item["score"] is None
        assert set(item) == set(CURRENT_OPEN.to_dict()) | {"score", "spent", "instruction_state"}
    assert first["measures"][1]["people"] == ["Wang"]
    assert items[1]["measures"] == [] and items[1]["principal_cause"] is None


@pytest.fixture
def secret() -> tuple[SetbackAnalysis, Task]:
    hidden = analysis(
        date(2026, 11, 22), "Clash with the director", kind="dispute", confidential=True
    )
    return hidden, measure("Apologise to the director", hidden, confidential=True)


def test_confidential_analyses_are_shown_without_privacy(
    secret: tuple[SetbackAnalysis, Task],
) -> None:
    seed(*secret)
    code, out, _ = call("setbacks")
    assert code == 0
    assert "Clash with the director !  [open]" in out
    assert "Apologise to the director" in out


def test_privacy_at_start_masks_confidential_titles(secret: tuple[SetbackAnalysis, Task]) -> None:
    hidden, hidden_measure = secret
    seed(*secret, OLD, OLD_DONE)
    Path(os.environ["PLANNER_CONFIG"]).write_text("privacy_at_start = true\n", encoding="utf-8")
    code, out, _ = call("setbacks")
    assert code == 0
    assert "Clash with the director" not in out and "Apologise" not in out
    assert f"{hidden.id[:6]}  2026-11-22  [confidential] !  [open]" in out
    assert f"- {hidden_measure.id[:6]}  open  [confidential]" in out
    assert "Argued about the plan" in out and "Prepare options" in out  # not confidential
    # JSON is for the owner's scripts, like the other commands': nothing is masked.
    code, out, _ = call("setbacks", "--json")
    assert json.loads(out)[0]["title"] == "Clash with the director"


def test_help_lists_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        call("--help")
    assert "setbacks" in capsys.readouterr().out
