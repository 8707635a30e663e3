"""What keys from ``planner unlock``'s agent cost a command, against the passphrase's
Argon2id derivation (``benchmarks.kdf``): starting the agent, ``obtain_keys`` answered by
it, and ``key_status`` (the app's header and ``sync status``) with and without an agent.

    uv run python -m benchmarks.agent_keys [--runs 200]

Runs in a temporary folder and a temporary runtime folder (``XDG_RUNTIME_DIR``); the agent
it starts is ended before it returns.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def _median_ms(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        (base / "run").mkdir(mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(base / "run")
        (base / "data").mkdir()
        from data.crypto.keyfile import establish
        from planner.shell import agent_client
        from planner.shell.keys import key_status, obtain_keys

        made = establish(base / "data", "pass", created=MOMENT)
        started = time.perf_counter()
        agent_client.hand_keys(made.keys, 600)
        print(f"agent started and fed: {(time.perf_counter() - started) * 1000:.0f} ms")
        try:
            median, worst = _median_ms(runs, lambda: obtain_keys(base / "data", interactive=False))
            print(f"obtain_keys from the agent: median {median:.2f} ms, slowest {worst:.2f} ms")
            median, _ = _median_ms(runs, lambda: key_status(base / "data"))
            print(f"key_status, agent running: median {median:.2f} ms")
        finally:
            agent_client.lock()
        median, _ = _median_ms(runs, lambda: key_status(base / "data"))
        print(f"key_status, no agent: median {median:.2f} ms ({runs} runs each)")


if __name__ == "__main__":
    main()
