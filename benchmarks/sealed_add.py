"""``planner add`` sealed while locked against ``planner add`` on a plain folder (issue #15:
no slower than plain by more than 20%), each a whole process as a script runs it.

    uv run python -m benchmarks.sealed_add [--runs 15]

Two temporary folders with one task each, one then encrypted (at the test KDF cost: the
sealed add derives no key, so the cost does not matter); the runs alternate between them.
Prints the median and fastest of each and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path


def _add(folder: Path, text: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(folder), "add", text],
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def measure(runs: int) -> dict[str, list[float]]:
    """Seconds of each ``planner add`` process, plain and sealed, ``runs`` of each."""
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        (base / "run").mkdir(mode=0o700)
        env = {**os.environ, "PLANNER_CONFIG": "", "XDG_RUNTIME_DIR": str(base / "run")}
        for name in ("PLANNER_PASSPHRASE_FILE", "PLANNER_PASSPHRASE_FD", "PLANNER_TEST_KDF"):
            env.pop(name, None)
        plain, sealed = base / "plain", base / "sealed"
        for folder in (plain, sealed):
            _add(folder, "first", env)
        from data.crypto.folder import encrypt_folder
        from data.crypto.kdf import TEST_COST

        encrypt_folder(sealed, "benchmark", created=datetime.now(UTC), cost=TEST_COST)
        times: dict[str, list[float]] = {"plain": [], "sealed": []}
        for run in range(runs):
            text = f"call the office {run} due:fri #benchmark"
            times["plain"].append(_add(plain, text, env))
            times["sealed"].append(_add(sealed, text, env))
        assert len(list((sealed / "inbox").iterdir())) == runs
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    times = measure(runs)
    for name, values in times.items():
        print(
            f"planner add, {name}: median {statistics.median(values) * 1000:.0f} ms, "
            f"fastest {min(values) * 1000:.0f} ms ({runs} runs)"
        )
    ratio = statistics.median(times["sealed"]) / statistics.median(times["plain"])
    print(f"sealed / plain (medians): {ratio:.2f}")


if __name__ == "__main__":
    main()
