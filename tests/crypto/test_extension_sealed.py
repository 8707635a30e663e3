"""An instruction's extension (督办, issue 16) in an encrypted data folder: its fields are
sealed like any other, written and read back through the CLI, never on disk in plain text."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call


def test_an_extension_round_trips_through_an_encrypted_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    minutes = iter(range(1, 100))

    def ok(*args: str) -> str:
        now = MONDAY + timedelta(minutes=next(minutes))
        code, out, err = call(*args, "--data-dir", str(root), now=now)
        assert code == 0, (args, out, err)
        return out

    secret = tmp_path / "pass.txt"
    secret.write_text("口令 extension words\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    ok("encrypt")
    task_id = json.loads(ok("add", "flood report from:Li report:2026-11-25", "--json"))["id"]
    ok("extend", task_id, "2026-12-02", "Xiaoshan figures late")
    ok("extend", task_id, "--approved")
    ok("extend", task_id, "2026-12-09", "Yuhang survey pending")
    task = json.loads(ok("info", task_id, "--json"))
    assert (task["report_by"], task["report_by_original"]) == ("2026-12-02", "2026-11-25")
    assert (task["extension_to"], task["extension_reason"]) == (
        "2026-12-09",
        "Yuhang survey pending",
    )
    assert task["instruction_state"] == "extension_requested"
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for word in (b"extension", b"Xiaoshan", b"Yuhang", b"report_by_original"):
                assert word not in data, (path, word)
