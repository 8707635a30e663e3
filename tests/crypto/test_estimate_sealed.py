"""A task's estimate (issue 16) in an encrypted data folder: an ordinary field of a sealed
record, written and read back through the CLI, never on disk in plain text."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call


def test_an_estimate_round_trips_through_an_encrypted_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    minutes = iter(range(1, 100))

    def ok(*args: str) -> str:
        now = MONDAY + timedelta(minutes=next(minutes))
        code, out, err = call(*args, "--data-dir", str(root), now=now)
        assert code == 0, (args, out, err)
        return out

    budget = json.loads(ok("add", "budget est:1-2h", "--json"))["id"]
    assert b'"estimate": 120' in (root / "tasks" / "open.json").read_bytes()  # plain so far
    secret = tmp_path / "pass.txt"
    secret.write_text("口令 estimate words\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    ok("encrypt")
    call_id = json.loads(ok("add", "call Li est:45min", "--json"))["id"]
    ok("edit", budget, "est:2-3h")

    listed = {task["id"]: task for task in json.loads(ok("list", "--json"))}
    assert (listed[budget]["estimate"], listed[budget]["estimate_low"]) == (180, 120)
    assert (listed[call_id]["estimate"], listed[call_id]["estimate_low"]) == (45, None)
    assert "2-3h" in ok("info", budget)
    for path in root.rglob("*"):
        if path.is_file():
            assert b"estimate" not in path.read_bytes(), path
