"""``encrypt``, ``decrypt`` and ``rekey`` killed at random moments (SIGKILL of a real
process): the folder is never opened half converted, and running the command again
finishes it with every record as it was and no planted word left in plain text."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from data import backups
from data.crypto.errors import Locked
from data.crypto.folder import decrypt_folder, encrypt_folder, rekey_folder
from data.crypto.keyfile import Keys, unlock_folder
from data.files import sealing
from data.store import FileStore
from planner.domain.models import JournalEntry, SetbackAnalysis, Task
from planner.services.ports import Change
from tests.crypto.test_sealed_folder import (
    MONDAY,
    PASSPHRASE,
    Clock,
    found_words,
    plant_everything,
    planted,
    records,
)

CHILD = Path(__file__).with_name("folder_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 8


def build(root: Path, clock: Clock) -> None:
    """A folder of many files: thirty years of journal, days and setbacks, archives,
    backups, with the planted words."""
    store = FileStore(root, clock=clock)
    plant_everything(store, clock)
    changes: list[Change] = []
    for year in range(1995, 2026):
        day = date(year, 3, 1)
        changes.append(Change(None, JournalEntry.create(day, MONDAY, body=planted("body"))))
        changes.append(Change(None, SetbackAnalysis.create(day, planted("stitle"), MONDAY)))
        task = Task.create(planted("archived"), MONDAY)
        changes.append(Change(None, task.complete(MONDAY.replace(year=year))))
    store.apply(changes)
    clock.moment += timedelta(days=1)
    store.compact(clock().date())
    backups.snapshot(root, clock().date())


def state(root: Path) -> str:
    meta = sealing.meta_document(root)
    if not sealing.is_sealed(meta):
        return "plain"
    return str(meta.get(sealing.CHANGING_KEY) or "sealed")


def finish(operation: str, root: Path, clock: Clock) -> Keys | None:
    """What the user does after a kill: run the same command again."""
    now = state(root)
    if operation == "encrypt":
        if now != "sealed":
            encrypt_folder(root, PASSPHRASE, created=clock())
    elif operation == "decrypt":
        if now != "plain" or (root / "keys.json").exists():
            keys = unlock_folder(root, PASSPHRASE) if now != "plain" else None
            if keys is not None:
                decrypt_folder(root, keys)
            else:
                (root / "keys.json").unlink()
        return None
    elif now == "rekey":
        rekey_folder(root, unlock_folder(root, PASSPHRASE), PASSPHRASE, created=clock())
    return unlock_folder(root, PASSPHRASE)


@pytest.mark.parametrize("operation", ["encrypt", "decrypt", "rekey"])
def test_a_killed_format_change_is_finished_by_running_it_again(
    tmp_path: Path, operation: str
) -> None:
    clock = Clock()
    template = tmp_path / "template"
    build(template, clock)
    expected = records(FileStore(template, clock=clock))
    if operation != "encrypt":
        encrypt_folder(template, PASSPHRASE, created=clock())
    sealing.forget(template)
    rng = random.Random(f"kill-{operation}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def start(root: Path) -> subprocess.Popen[bytes]:
        shutil.copytree(template, root, symlinks=True)
        child = subprocess.Popen(
            [sys.executable, str(CHILD), operation, str(root), PASSPHRASE],
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        return child

    # the kills are spread over how long a whole run takes now (the machine may be busy)
    began = time.monotonic()
    whole = start(tmp_path / "whole")
    assert whole.communicate(timeout=60)[0].strip() == b"finished"
    window = time.monotonic() - began
    halfway = 0
    for number in range(KILLS):
        root = tmp_path / f"run-{number}"
        child = start(root)
        time.sleep(rng.uniform(0, window))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        if state(root) in ("encrypt", "decrypt", "rekey"):
            halfway += 1
            with pytest.raises(Locked, match="halfway"):
                FileStore(root, clock=clock, keys=unlock_folder(root, PASSPHRASE))
        keys = finish(operation, root, clock)
        assert state(root) == ("plain" if operation == "decrypt" else "sealed")
        assert records(FileStore(root, clock=clock, keys=keys)) == expected
        if operation != "decrypt":
            assert found_words(root) == {}
        sealing.forget(root)
    assert halfway >= 2, f"only {halfway} of {KILLS} kills landed halfway"
    print(f"{operation}: {halfway} of {KILLS} kills landed halfway")


def test_a_killed_runs_staging_copy_walked_after_its_own_file_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill can leave ``.NAME.relink`` beside a snapshot copy; converting NAME takes
    that staging name itself, so when the walk reaches it later it is already gone (CI
    met this order on a real folder: the decrypt stopped with FileNotFoundError)."""
    clock = Clock()
    root = tmp_path / "data"
    build(root, clock)
    encrypt_folder(root, PASSPHRASE, created=clock())
    snapshot = next(p for p in (root / "backups").iterdir() if p.name[0].isdigit())
    copy = next(p for p in (snapshot / "journal").iterdir() if p.name.endswith(".json"))
    leftover = copy.with_name(f".{copy.name}.relink")
    leftover.write_bytes(b"half")
    walk = os.walk

    def files_before_dotfiles(top: Path) -> object:
        for here, folders, names in walk(top):
            yield here, folders, sorted(names, key=lambda n: (n.startswith("."), n))

    monkeypatch.setattr("data.crypto.folder.os.walk", files_before_dotfiles)
    decrypt_folder(root, unlock_folder(root, PASSPHRASE))
    assert not leftover.exists()
    assert state(root) == "plain"
    assert copy.read_bytes().startswith(b"{")
