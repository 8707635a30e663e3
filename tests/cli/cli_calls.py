"""What the command-line tests share: ``planner`` run in-process with a fixed clock, or as a
real process (for exit codes, stdout and imports), both on the test's data folder."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from planner.shell.cli.context import CliExit
from planner.shell.cli.main import run

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
ROOT = Path(__file__).resolve().parents[2]


def call(*args: str, now: datetime = MONDAY) -> tuple[int, str, str]:
    """Run the CLI in-process with a fixed clock; returns (code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        code = run(list(args), clock=lambda: now, out=out, err=err)
    except CliExit as exc:
        code = exc.code
        err.write(exc.message)
    return code, out.getvalue(), err.getvalue()


def planner(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m planner ARGS`` as a process, with the test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=60,
    )
