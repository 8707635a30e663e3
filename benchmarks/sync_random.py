"""The slow variant of the randomized sync test: three replicas, one bare remote, 5,000 random
operations, syncs killed at random moments (``benchmarks.sync_replicas``).

    uv run python -m benchmarks.sync_random [--seed N] [--operations 5000] [--kills 0.25]

Prints the seed, what the run did, every failure found and the time; exit 1 on a failure.
A run repeats with the same seed under the same ``PYTHONHASHSEED`` (this script sets it to 0
when it is not set, re-running itself).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

from benchmarks.sync_replicas import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--operations", type=int, default=5000)
    parser.add_argument("--kills", type=float, default=0.25, help="share of syncs killed")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    print(f"seed {seed} (PYTHONHASHSEED={os.environ.get('PYTHONHASHSEED')})", flush=True)
    with tempfile.TemporaryDirectory(prefix="planner-sync-random-") as folder:
        outcome = run(Path(folder), seed, args.operations, kill_share=args.kills)
    print(outcome.summary())
    for failure in outcome.failures:
        print(f"FAIL {failure}")
    print("result: " + ("ok" if not outcome.failures else f"{len(outcome.failures)} failures"))
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    if "PYTHONHASHSEED" not in os.environ:
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, "-m", "benchmarks.sync_random", *sys.argv[1:]])
    sys.exit(main())
