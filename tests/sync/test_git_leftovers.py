"""A kill at any moment of a sync leaves the repository (and the remote) usable.

Two kinds of test: a syncing process killed (SIGKILL, with every git process under it, as a
power cut would) at random moments while another machine keeps pushing, then a sync that
must complete and converge; and each leftover such a kill can leave, made by hand, then a
sync that must clear it.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sync_support import Machine, git, work_files, write_ops

from data.sync.git_command import run_git
from data.sync.git_errors import SyncOffline
from data.sync.git_leftovers import git_running_in
from data.sync.git_repo import SyncRepo

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="the git command is not installed (CI has it)"
)

CHILD = Path(__file__).with_name("sync_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 5
OLD = time.time() - 3600


def spawn(*args: str) -> subprocess.Popen[bytes]:
    """Start ``sync_child.py`` and return once it has imported everything."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, cwd=ROOT, env=env
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"started\n"
    return process


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (through ``/proc``; empty where there is none)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def kill_everything(process: subprocess.Popen[bytes], folder: Path) -> None:
    """Stop the child, then each git below it (they run in sessions of their own), then kill
    them all at once: what a power cut does to a sync. Then wait for any git that escaped
    (forked at that instant) to finish in ``folder``."""
    os.kill(process.pid, signal.SIGSTOP)
    stopped: set[int] = set()
    for _ in range(3):  # a process forking while it is being stopped is caught next round
        for pid in descendants(process.pid) - stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)
            stopped.add(pid)
    for pid in (process.pid, *stopped):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)
    until = time.monotonic() + 10
    while git_running_in(folder) and time.monotonic() < until:
        time.sleep(0.01)


def lines(repo: SyncRepo, machine: str) -> list[str]:
    path = repo.path / "ops" / machine / "2026-12.jsonl"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def assert_sound(*folders: Path) -> None:
    for folder in folders:
        git(folder, "fsck", "--no-dangling", "--no-progress")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc are POSIX")
def test_a_sync_killed_at_random_moments_is_completed_by_the_next(
    machine: Machine, remote: Path
) -> None:
    alpha, beta = machine("alpha"), machine("beta")
    for name, repo in (("alpha", alpha), ("beta", beta)):
        repo.init(str(remote), machine_id=name)
        (repo.path / "manifest.json").write_text('{"format": 1}\n', encoding="utf-8")
        write_ops(repo, name, json.dumps({"machine": name, "n": -1}))
        repo.sync(name)
    rng = random.Random(14)
    recovered: list[str] = []
    for kill in range(KILLS):
        write_ops(beta, "beta", json.dumps({"machine": "beta", "n": kill}))
        beta.sync("beta")  # alpha's next sync has something to merge, and may race it
        first = len(lines(alpha, "alpha")) - 1  # the lines are numbered from -1
        child = spawn("sync", str(alpha.path), "alpha", str(first))
        time.sleep(rng.uniform(0.0, 0.3))
        kill_everything(child, alpha.path)
        assert not (alpha.path / "manifest.json").read_text().startswith("<<<<<<<")
        recovered += alpha.sync("alpha").recovered  # the next run completes ...
    for _ in range(2):  # ... and two quiet rounds converge
        alpha.sync("alpha")
        beta.sync("beta")
    assert work_files(alpha) == work_files(beta)
    numbers = [json.loads(line)["n"] for line in lines(beta, "alpha")]
    assert numbers == list(range(-1, len(numbers) - 1))  # every line alpha wrote, in order
    assert [json.loads(line)["n"] for line in lines(alpha, "beta")] == list(range(-1, KILLS))
    assert git(remote, "ls-tree", "-r", "--name-only", "main").split() == [
        "manifest.json",
        "ops/alpha/2026-12.jsonl",
        "ops/beta/2026-12.jsonl",
    ]
    assert_sound(alpha.path, beta.path, remote)
    print("recovered after kills:", recovered)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc are POSIX")
def test_a_killed_first_init_is_completed_by_the_next(machine: Machine, remote: Path) -> None:
    alpha = machine("alpha")
    alpha.init(str(remote), machine_id="alpha")
    for month in range(1, 13):
        write_ops(alpha, "alpha", '{"n": 1}', month=f"2026-{month:02d}")
    alpha.sync("alpha")
    rng = random.Random(7)
    for attempt in range(3):
        beta = machine(f"beta{attempt}")
        own = write_ops(beta, f"beta{attempt}", '{"snapshot": true}')
        child = spawn("init", str(beta.path), f"beta{attempt}", str(remote))
        time.sleep(rng.uniform(0.05, 0.4))
        kill_everything(child, beta.path)
        beta.init(str(remote), machine_id=f"beta{attempt}")
        beta.sync(f"beta{attempt}")
        files = work_files(beta)
        assert {k: v for k, v in files.items() if k.startswith("ops/alpha/")} == work_files(alpha)
        assert own.read_text() == '{"snapshot": true}\n'
    assert_sound(remote)


@pytest.fixture
def pair(machine: Machine, remote: Path) -> tuple[SyncRepo, SyncRepo]:
    """alpha and beta, both synced once; beta then sends one more line alpha has not got."""
    alpha, beta = machine("alpha"), machine("beta")
    for name, repo in (("alpha", alpha), ("beta", beta)):
        repo.init(str(remote), machine_id=name)
        write_ops(repo, name, '{"n": 0}')
        repo.sync(name)
    alpha.sync("alpha")
    write_ops(beta, "beta", '{"n": 1}')
    beta.sync("beta")
    return alpha, beta


def test_stale_git_locks_are_removed(pair: tuple[SyncRepo, SyncRepo]) -> None:
    alpha, beta = pair
    made = [
        alpha.git_dir / "index.lock",
        alpha.git_dir / "HEAD.lock",
        alpha.git_dir / "refs" / "heads" / "main.lock",
        alpha.git_dir / "refs" / "remotes" / "origin" / "main.lock",
    ]
    for path in made:
        path.write_text("", encoding="utf-8")
        os.utime(path, (OLD, OLD))
    write_ops(alpha, "alpha", '{"n": 1}')
    outcome = alpha.sync("alpha")
    assert outcome.sent and outcome.received == "merged"
    assert len([note for note in outcome.recovered if "stale lock" in note]) == 4
    assert not any(path.exists() for path in made)
    beta.sync("beta")
    assert work_files(alpha) == work_files(beta)


def test_a_fresh_lock_with_no_git_running_is_removed_at_once(
    pair: tuple[SyncRepo, SyncRepo],
) -> None:
    alpha, _ = pair
    (alpha.git_dir / "index.lock").write_text("", encoding="utf-8")
    started = time.monotonic()
    alpha.sync("alpha")
    if git_running_in(alpha.path) is not None:  # /proc tells no git runs there
        assert time.monotonic() - started < alpha.stale_after
    assert not (alpha.git_dir / "index.lock").exists()


def test_a_lock_of_a_running_git_is_waited_for(machine: Machine, remote: Path) -> None:
    alpha = machine("alpha")
    alpha.init(str(remote), machine_id="alpha")
    lock = alpha.git_dir / "index.lock"
    lock.write_text("", encoding="utf-8")
    # A git that sits in the repository (a person's own command, waiting on its stdin).
    person = subprocess.Popen(
        ["git", "-C", str(alpha.path), "hash-object", "--stdin"], stdin=subprocess.PIPE
    )
    try:
        started = time.monotonic()
        until = time.monotonic() + 5
        while git_running_in(alpha.path) is False and time.monotonic() < until:
            time.sleep(0.01)
        write_ops(alpha, "alpha", "{}")
        alpha.sync("alpha")
        assert time.monotonic() - started >= alpha.stale_after * 0.9
    finally:
        person.communicate(b"x", timeout=10)


def test_a_half_done_merge_is_aborted_and_done_again(pair: tuple[SyncRepo, SyncRepo]) -> None:
    alpha, beta = pair
    write_ops(alpha, "alpha", '{"n": 1}')
    alpha.commit_own("alpha")
    alpha.fetch()
    git(alpha.path, "merge", "--no-commit", "--no-ff", "refs/remotes/origin/main")
    assert (alpha.git_dir / "MERGE_HEAD").exists()
    outcome = alpha.sync("alpha")
    assert "aborted a half-done merge" in outcome.recovered
    assert outcome.received == "merged" and outcome.sent
    assert not (alpha.git_dir / "MERGE_HEAD").exists()
    beta.sync("beta")
    assert work_files(alpha) == work_files(beta)


@pytest.mark.parametrize("lock_left", [True, False])
def test_files_a_killed_checkout_wrote_are_put_right(
    pair: tuple[SyncRepo, SyncRepo], lock_left: bool
) -> None:
    alpha, beta = pair
    write_ops(beta, "beta", '{"n": 2}', month="2027-01")
    beta.sync("beta")
    alpha.fetch()
    # The checkout of beta's new lines and new file was cut short in alpha's work tree,
    # holding the index lock (or a run already cleared the lock and was killed in turn):
    (alpha.path / "ops/beta/2026-12.jsonl").write_text('{"n": 0}\n{"n": 1}\n{"n"', "utf-8")
    (alpha.path / "ops/beta/2027-01.jsonl").write_text('{"n": 2', encoding="utf-8")
    mine = write_ops(alpha, "alpha", '{"n": "not committed yet"}')
    stray = alpha.path / "ops" / "beta" / "notes.txt"  # not the remote's: left alone
    stray.write_text("mine\n", encoding="utf-8")
    if lock_left:
        (alpha.git_dir / "index.lock").write_text("", encoding="utf-8")
    outcome = alpha.sync("alpha")
    assert outcome.received == "merged" and outcome.sent
    if lock_left:
        assert any("removed 1 file" in note for note in outcome.recovered)
        assert any("restored 1 file" in note for note in outcome.recovered)
    stray.unlink()
    assert work_files(alpha) == {**work_files(beta), "ops/alpha/2026-12.jsonl": mine.read_text()}
    assert (alpha.path / "ops/beta/2027-01.jsonl").read_text() == '{"n": 2}\n'
    assert mine.read_text().endswith('{"n": "not committed yet"}\n')


def test_a_copied_folder_with_a_new_id_keeps_its_own_files(
    pair: tuple[SyncRepo, SyncRepo],
) -> None:
    alpha, beta = pair
    # alpha's data folder was copied to a new machine, which is given the id gamma; a kill
    # there left the index lock. gamma's log is its own; alpha's folder is another's now.
    gamma_log = write_ops(alpha, "gamma", '{"gamma": 1}')
    (alpha.git_dir / "index.lock").write_text("", encoding="utf-8")
    outcome = alpha.sync("gamma")
    assert outcome.sent and alpha.machine_id() == "gamma"
    assert gamma_log.read_text() == '{"gamma": 1}\n'
    beta.sync("beta")
    assert (beta.path / "ops/gamma/2026-12.jsonl").read_text() == '{"gamma": 1}\n'


def test_changes_staged_by_a_killed_commit_are_committed_next_time(
    pair: tuple[SyncRepo, SyncRepo],
) -> None:
    alpha, beta = pair
    write_ops(alpha, "alpha", '{"n": 1}')
    git(alpha.path, "add", "ops/alpha")
    outcome = alpha.sync("alpha")
    assert "unstaged changes a killed commit had staged" in outcome.recovered
    assert outcome.committed is not None and outcome.committed.lines_added == 1
    beta.sync("beta")
    assert work_files(alpha) == work_files(beta)


def test_an_adopt_cut_short_is_done_again(
    machine: Machine, remote: Path, pair: tuple[SyncRepo, SyncRepo]
) -> None:
    alpha, _ = pair
    for name, commit_first in (("gamma", False), ("delta", True)):
        repo = machine(name)
        own = write_ops(repo, name, '{"snapshot": true}')
        repo.path.mkdir(parents=True, exist_ok=True)
        git(repo.path, "init", "-q")
        git(repo.path, "symbolic-ref", "HEAD", "refs/heads/main")
        git(repo.path, "config", "planner.machine", name)
        git(repo.path, "remote", "add", "origin", str(remote))
        git(repo.path, "fetch", "-q", "origin")
        git(repo.path, "config", "user.name", "planner")
        git(repo.path, "config", "user.email", f"planner@{name}.invalid")
        git(repo.path, "read-tree", "refs/remotes/origin/main")  # killed right after this
        if commit_first:  # and a commit came before the next init: two roots that merge
            assert repo.commit_own(name) is not None
            assert repo.integrate() == "merged"
        else:
            assert repo.init(str(remote), machine_id=name) == "adopted"
        repo.sync(name)
        alpha.sync("alpha")
        assert work_files(repo) == work_files(alpha)
        assert own.read_text() == '{"snapshot": true}\n'


def test_a_ref_lock_a_killed_push_left_in_the_remote_is_cleared(
    pair: tuple[SyncRepo, SyncRepo], remote: Path
) -> None:
    alpha, _ = pair
    lock = remote / "refs" / "heads" / "main.lock"
    for age in (3600.0, alpha.stale_after - 0.2):  # long dead; just killed (waited for)
        lock.write_text("", encoding="utf-8")
        os.utime(lock, (time.time() - age, time.time() - age))
        write_ops(alpha, "alpha", json.dumps({"age": age}))
        assert alpha.sync("alpha").sent
        assert not lock.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for git")
def test_a_remote_that_never_answers_is_offline_and_its_processes_are_killed(
    tmp_path: Path,
) -> None:
    pid_file = tmp_path / "helper.pid"
    slow = tmp_path / "slow-git"
    slow.write_text(  # answers config lookups at once; a fetch never ends
        "#!/bin/sh\n"
        f"case \"$*\" in *fetch*) sleep 60 & echo $! > '{pid_file}'; wait;; esac\n"
        "exit 1\n",
        encoding="utf-8",
    )
    slow.chmod(0o755)
    started = time.monotonic()
    with pytest.raises(SyncOffline, match="no answer within"):
        run_git(tmp_path, ["fetch", "origin"], git=str(slow), network=True, timeout=0.5)
    assert time.monotonic() - started < 5
    helper = int(pid_file.read_text())
    until = time.monotonic() + 5
    while time.monotonic() < until:
        try:  # gone, or a zombie no one reaped yet: killed either way
            if (Path("/proc") / str(helper) / "stat").read_text().split(") ")[1][0] == "Z":
                break
        except (OSError, IndexError):
            try:
                os.kill(helper, 0)
            except ProcessLookupError:
                break
        time.sleep(0.02)
    else:
        pytest.fail("the remote helper outlived the timeout")


def test_a_config_lock_a_killed_init_left_is_cleared_by_the_next_init(
    machine: Machine, remote: Path, tmp_path: Path
) -> None:
    alpha = machine("alpha")
    with pytest.raises(SyncOffline):
        alpha.init(str(tmp_path / "not-yet.git"), machine_id="alpha")
    lock = alpha.git_dir / "config.lock"
    lock.write_text("[core]\n", encoding="utf-8")
    os.utime(lock, (OLD, OLD))
    assert alpha.init(str(remote), machine_id="alpha") == "no-remote-main"
    assert alpha.remote_url() == str(remote) and not lock.exists()
