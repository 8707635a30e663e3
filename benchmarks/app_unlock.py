"""The app's lock screen at the real Argon2id cost: how long from ``enter`` to the keys, and
the event loop's longest stall meanwhile (the derivation runs in a worker thread, so the
screen keeps drawing; issue #15).

    uv run python -m benchmarks.app_unlock [--runs 5]

Each run types the passphrase into ``UnlockApp`` (headless, Textual's Pilot) on a key file
made at the real cost in a temporary folder, and times a 10 ms interval timer meanwhile:
its longest gap is how long the UI thread was held.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from data.crypto.kdf import REAL_COST
from data.crypto.keyfile import establish
from planner.domain.config import Config
from planner.shell.app_lock import FolderKeys
from planner.shell.unlock_app import UnlockApp

MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))
PASSPHRASE = "correcthorse"
TICK = 0.01


async def one_unlock(folder: Path) -> tuple[float, float]:
    """(seconds from enter to the keys, longest gap between timer ticks meanwhile)."""
    app = UnlockApp(FolderKeys(folder), Config(data_dir=folder))
    ticks: list[float] = []
    async with app.run_test() as pilot:
        await pilot.press(*PASSPHRASE)
        app.set_interval(TICK, lambda: ticks.append(time.perf_counter()))
        await pilot.pause(0.1)
        started = time.perf_counter()
        await pilot.press("enter")
        while app.return_value is None:
            await asyncio.sleep(0.005)
        took = time.perf_counter() - started
    during = [tick for tick in ticks if tick >= started]
    gaps = [b - a for a, b in zip([started, *during], during, strict=False)]
    return took, max(gaps, default=took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        establish(folder, PASSPHRASE, created=MOMENT, cost=REAL_COST)
        results = [asyncio.run(one_unlock(folder)) for _ in range(runs)]
    took = [r[0] for r in results]
    stalls = [r[1] * 1000 for r in results]
    print(
        f"lock screen at the real cost ({REAL_COST.memory_kib // 1024} MiB, "
        f"{REAL_COST.iterations} passes): enter to keys median {statistics.median(took):.3f} s "
        f"(fastest {min(took):.3f}, slowest {max(took):.3f}); the UI's longest stall meanwhile "
        f"median {statistics.median(stalls):.0f} ms (worst {max(stalls):.0f} ms), {runs} runs"
    )


if __name__ == "__main__":
    main()
