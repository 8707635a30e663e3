"""A task's timer (issue 16) in an encrypted data folder: its intervals are an ordinary
field of a sealed record, started and stopped through the CLI, never on disk in plain text."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call


def test_a_timer_runs_in_an_encrypted_folder_and_its_intervals_stay_sealed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    minutes = iter(range(1, 100))

    def ok(*args: str, at: int | None = None) -> str:
        now = MONDAY + timedelta(minutes=next(minutes) if at is None else at)
        code, out, err = call(*args, "--data-dir", str(root), now=now)
        assert code == 0, (args, out, err)
        return out

    secret = tmp_path / "pass.txt"
    secret.write_text("口令 timer words\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    task_id = json.loads(ok("add", "budget est:1h", "--json"))["id"]
    ok("encrypt")
    ok("start", task_id, at=10)
    stopped = json.loads(ok("stop", "--json", at=40))
    assert stopped["seconds"] == 30 * 60 and stopped["spent"] == 30 * 60
    assert json.loads(ok("info", task_id, "--json", at=41))["spent"] == 30 * 60
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"intervals" not in data and b"T09:10:00" not in data, path
