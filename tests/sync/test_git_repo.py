"""The git transport on real git: set-up, exchange between machines, offline, leaving."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from sync_support import Machine, git, work_files, write_ops

from data.files.lock import locked
from data.sync.git_command import git_available, require_git
from data.sync.git_repo import SyncError, SyncOffline, SyncRepo, normalise_remote

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="the git command is not installed (CI has it)"
)


def test_git_available_names_the_version_and_a_missing_git_is_said(tmp_path: Path) -> None:
    version = git_available()
    assert version is not None and version[0].isdigit()
    missing = str(tmp_path / "no-such-git")
    assert git_available(missing) is None
    with pytest.raises(SyncError) as caught:
        require_git(missing)
    assert caught.value.reason == "git-missing"
    assert "install git" in str(caught.value)
    repo = SyncRepo(tmp_path / "alpha" / "sync", git=missing)
    with pytest.raises(SyncError, match="not installed"):
        repo.init(str(tmp_path / "remote.git"), machine_id="alpha")


def test_init_on_an_empty_remote_then_the_first_sync_pushes(machine: Machine, remote: Path) -> None:
    alpha = machine("alpha")
    assert alpha.init(str(remote), machine_id="alpha") == "no-remote-main"
    assert alpha.initialised and alpha.machine_id() == "alpha"
    assert alpha.remote_url() == str(remote)
    assert git(alpha.path, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    # No identity in the (empty) HOME: planner sets one inside its repository only.
    assert git(alpha.path, "config", "--local", "user.name").strip() == "planner"
    assert git(alpha.path, "config", "--local", "user.email").strip() == "planner@alpha.invalid"

    write_ops(alpha, "alpha", '{"op": 1}', '{"op": 2}')
    (alpha.path / "manifest.json").write_text('{"format": 1}\n', encoding="utf-8")
    outcome = alpha.sync("alpha")
    assert outcome.committed is not None and outcome.committed.lines_added == 3
    assert outcome.committed.files == 2
    assert outcome.sent and outcome.received == "no-remote-main"
    assert git(remote, "ls-tree", "-r", "--name-only", "main").split() == [
        "manifest.json",
        "ops/alpha/2026-12.jsonl",
    ]
    message = git(remote, "log", "-1", "--format=%s", "main")
    assert "alpha" in message and "3 lines" in message
    status = alpha.status()
    assert (status.ahead, status.behind, status.uncommitted) == (0, 0, 0)
    assert status.branch == "main" and status.last_commit is not None
    assert status.last_fetch is not None

    again = alpha.sync("alpha")
    assert again.committed is None and not again.sent and again.received == "up-to-date"


def test_the_users_own_identity_is_kept(machine: Machine, remote: Path) -> None:
    Path(os.environ["HOME"], ".gitconfig").write_text(
        "[user]\n\tname = Li Wei\n\temail = li@example.com\n", encoding="utf-8"
    )
    alpha = machine("alpha")
    alpha.init(str(remote), machine_id="alpha")
    assert git(alpha.path, "config", "--local", "--list").count("user.") == 0
    write_ops(alpha, "alpha", "{}")
    alpha.sync("alpha")
    assert git(remote, "log", "-1", "--format=%an <%ae>", "main").strip() == (
        "Li Wei <li@example.com>"
    )


def test_a_second_machine_brings_the_planner_in_and_keeps_its_own_records(
    machine: Machine, remote: Path
) -> None:
    alpha = machine("alpha")
    alpha.init(str(remote), machine_id="alpha")
    write_ops(alpha, "alpha", '{"a": 1}', month="2026-11")
    write_ops(alpha, "alpha", '{"a": 2}')
    (alpha.path / "manifest.json").write_text('{"format": 1}\n', encoding="utf-8")
    alpha.sync("alpha")

    beta = machine("beta")
    own = write_ops(beta, "beta", '{"b": "snapshot"}')  # written before init, as a snapshot is
    assert beta.init(str(remote), machine_id="beta") == "adopted"
    assert (beta.path / "ops/alpha/2026-11.jsonl").read_text() == '{"a": 1}\n'
    assert own.read_text() == '{"b": "snapshot"}\n'
    status = beta.status()
    assert (status.ahead, status.behind, status.uncommitted) == (0, 0, 1)

    outcome = beta.sync("beta")
    assert outcome.sent and outcome.received == "up-to-date"
    assert alpha.sync("alpha").received == "fast-forward"
    assert work_files(alpha) == work_files(beta)
    assert set(work_files(alpha)) == {
        "manifest.json",
        "ops/alpha/2026-11.jsonl",
        "ops/alpha/2026-12.jsonl",
        "ops/beta/2026-12.jsonl",
    }


def test_machines_editing_at_once_converge_and_the_late_push_merges_and_retries(
    machine: Machine, remote: Path
) -> None:
    repos = {name: machine(name) for name in ("alpha", "beta", "gamma")}
    for name, repo in repos.items():
        repo.init(str(remote), machine_id=name)
        write_ops(repo, name, f'{{"{name}": 0}}')
        repo.sync(name)
    for name, repo in repos.items():  # everyone edits offline ...
        write_ops(repo, name, f'{{"{name}": 1}}')
    for name, repo in repos.items():  # ... then syncs in turn
        repo.sync(name)
    # beta commits and fetches, alpha pushes meanwhile: beta's push is refused, then merged.
    write_ops(repos["beta"], "beta", '{"beta": "late"}')
    repos["beta"].commit_own("beta")
    repos["beta"].fetch()
    write_ops(repos["alpha"], "alpha", '{"alpha": "first"}')
    repos["alpha"].sync("alpha")
    assert repos["beta"].push() is True
    for _ in range(2):
        for name, repo in repos.items():
            repo.sync(name)
    trees = [work_files(repo) for repo in repos.values()]
    assert trees[0] == trees[1] == trees[2]
    assert trees[0]["ops/alpha/2026-12.jsonl"].splitlines() == [
        '{"alpha": 0}',
        '{"alpha": 1}',
        '{"alpha": "first"}',
    ]
    assert trees[0]["ops/beta/2026-12.jsonl"].endswith('{"beta": "late"}\n')
    for repo in repos.values():
        status = repo.status()
        assert (status.ahead, status.behind) == (0, 0)


def test_a_push_refused_every_time_says_the_remote_kept_moving(
    machine: Machine, remote: Path
) -> None:
    alpha, beta = machine("alpha"), machine("beta")
    for name, repo in (("alpha", alpha), ("beta", beta)):
        repo.init(str(remote), machine_id=name)
        write_ops(repo, name, "{}")
        repo.sync(name)
    write_ops(beta, "beta", '{"x": 1}')
    beta.commit_own("beta")
    write_ops(alpha, "alpha", '{"x": 1}')
    alpha.sync("alpha")
    with pytest.raises(SyncError) as caught:
        beta.push(attempts=1)  # one try: refused, fetched and merged, not tried again
    assert caught.value.reason == "busy"
    assert beta.status().behind == 0 and beta.push() is True


def test_an_unplugged_stick_is_offline_and_the_next_sync_sends_everything(
    machine: Machine, remote: Path, tmp_path: Path
) -> None:
    alpha, beta = machine("alpha"), machine("beta")
    for name, repo in (("alpha", alpha), ("beta", beta)):
        repo.init(str(remote), machine_id=name)
        write_ops(repo, name, '{"n": 0}')
        repo.sync(name)
    unplugged = tmp_path / "drawer"
    remote.rename(unplugged)
    for n in (1, 2):
        write_ops(alpha, "alpha", f'{{"n": {n}}}')
        with pytest.raises(SyncOffline) as caught:
            alpha.sync("alpha")
        assert caught.value.reason == "offline"
        assert "\n" not in str(caught.value) and str(remote) in str(caught.value)
    assert alpha.status().ahead == 2  # both offline syncs committed locally
    unplugged.rename(remote)
    assert alpha.sync("alpha").sent
    beta.sync("beta")
    assert (beta.path / "ops/alpha/2026-12.jsonl").read_text().splitlines() == [
        '{"n": 0}',
        '{"n": 1}',
        '{"n": 2}',
    ]


def test_init_with_an_unreachable_remote_sets_up_and_the_first_reachable_sync_joins(
    machine: Machine, remote: Path, tmp_path: Path
) -> None:
    alpha = machine("alpha")
    alpha.init(str(remote), machine_id="alpha")
    write_ops(alpha, "alpha", '{"a": 1}')
    (alpha.path / "manifest.json").write_text('{"format": 1}\n', encoding="utf-8")
    alpha.sync("alpha")

    beta = machine("beta")
    missing = tmp_path / "not-plugged-in.git"
    with pytest.raises(SyncOffline):
        beta.init(str(missing), machine_id="beta")
    assert beta.initialised and beta.remote_url() == str(missing)
    write_ops(beta, "beta", '{"b": 1}')
    (beta.path / "manifest.json").write_text('{"format": 1}\n', encoding="utf-8")
    with pytest.raises(SyncOffline):
        beta.sync("beta")
    # The user points beta at the real remote: two histories that started apart merge.
    assert beta.init(str(remote), machine_id="beta") == "merged"
    beta.sync("beta")
    alpha.sync("alpha")
    assert work_files(alpha) == work_files(beta)
    assert "ops/beta/2026-12.jsonl" in work_files(alpha)


def test_no_hook_or_setting_of_the_user_stops_a_sync(
    machine: Machine, remote: Path, tmp_path: Path
) -> None:
    hooks = tmp_path / "user-hooks"
    hooks.mkdir()
    marker = tmp_path / "hook-ran"
    for name in ("pre-commit", "commit-msg", "post-commit", "pre-push", "post-merge"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\necho {name} >> '{marker}'\nexit 1\n", encoding="utf-8")
        hook.chmod(0o755)
    Path(os.environ["HOME"], ".gitconfig").write_text(
        f"[core]\n\thooksPath = {hooks}\n\tautocrlf = true\n"
        "[commit]\n\tgpgSign = true\n[push]\n\tgpgSign = true\n"
        "[merge]\n\tff = only\n\tverifySignatures = true\n\tautoStash = true\n"
        "[rerere]\n\tenabled = true\n[status]\n\tshowUntrackedFiles = no\n",
        encoding="utf-8",
    )
    alpha, beta = machine("alpha"), machine("beta")
    for name, repo in (("alpha", alpha), ("beta", beta)):
        repo.init(str(remote), machine_id=name)
        local_hooks = repo.git_dir / "hooks"
        local_hooks.mkdir(exist_ok=True)
        shutil.copy2(hooks / "pre-commit", local_hooks / "pre-commit")
        write_ops(repo, name, "{}")
        assert repo.sync(name).sent
    write_ops(alpha, "alpha", '{"n": 1}')
    alpha.sync("alpha")
    write_ops(beta, "beta", '{"n": 1}')
    assert beta.sync("beta").received == "merged"  # a real merge, unsigned, not fast-forward
    assert not marker.exists()


def test_a_remote_holding_something_else_is_refused_and_nothing_is_checked_out(
    machine: Machine, remote: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q", "-b", "main")
    (project / "README.md").write_text("my code\n", encoding="utf-8")
    git(project, "add", "README.md")
    git(project, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "code")
    git(project, "push", "-q", str(remote), "main")
    alpha = machine("alpha")
    with pytest.raises(SyncError) as caught:
        alpha.init(str(remote), machine_id="alpha")
    assert caught.value.reason == "not-a-planner" and "README.md" in str(caught.value)
    assert work_files(alpha) == {}

    other = tmp_path / "other.git"
    other.mkdir()
    git(other, "init", "-q", "--bare")
    git(project, "push", "-q", str(other), "main:feature")
    beta = machine("beta")
    with pytest.raises(SyncError, match="branches but no main"):
        beta.init(str(other), machine_id="beta")


def test_a_conflict_git_reports_anyway_is_undone_and_said(machine: Machine, remote: Path) -> None:
    alpha, beta = machine("alpha"), machine("beta")
    for name, repo in (("alpha", alpha), ("beta", beta)):
        repo.init(str(remote), machine_id=name)
        (repo.path / "manifest.json").write_text('{"format": 1}\n', encoding="utf-8")
        repo.sync(name)
    (alpha.path / "manifest.json").write_text('{"format": 2, "by": "alpha"}\n', encoding="utf-8")
    (beta.path / "manifest.json").write_text('{"format": 2, "by": "beta"}\n', encoding="utf-8")
    alpha.sync("alpha")
    with pytest.raises(SyncError) as caught:
        beta.sync("beta")
    assert caught.value.reason == "conflict" and "manifest.json" in str(caught.value)
    assert not (beta.git_dir / "MERGE_HEAD").exists()
    assert (beta.path / "manifest.json").read_text() == '{"format": 2, "by": "beta"}\n'
    assert git(beta.path, "status", "--porcelain").strip() == ""
    assert beta.status().ahead == 1  # its own commit is kept, ready once resolved
    (beta.path / "manifest.json").write_text('{"format": 2, "by": "alpha"}\n', encoding="utf-8")
    git(beta.path, "commit", "-qam", "take alpha's manifest")
    assert beta.sync("beta").sent


def test_leave_removes_the_remote_only(machine: Machine, remote: Path) -> None:
    alpha = machine("alpha")
    alpha.init(str(remote), machine_id="alpha")
    write_ops(alpha, "alpha", "{}")
    alpha.sync("alpha")
    remote_head = git(remote, "rev-parse", "main")
    assert alpha.leave() is True
    assert alpha.remote_url() is None and alpha.status().remote is None
    assert alpha.leave() is False
    assert (alpha.path / "ops/alpha/2026-12.jsonl").exists()
    assert git(remote, "rev-parse", "main") == remote_head
    with pytest.raises(SyncError) as caught:
        alpha.sync("alpha")
    assert caught.value.reason == "no-remote"
    write_ops(alpha, "alpha", '{"after": "leave"}')
    assert alpha.init(str(remote), machine_id="alpha") == "up-to-date"
    assert alpha.sync("alpha").sent


def test_a_folder_that_is_not_set_up_is_said_and_a_parent_repository_is_never_used(
    machine: Machine, remote: Path, tmp_path: Path
) -> None:
    git(tmp_path, "init", "-q")  # the user keeps the whole folder in git
    alpha = machine("alpha")
    write_ops(alpha, "alpha", "{}")
    for step in (alpha.status, lambda: alpha.commit_own("alpha"), alpha.fetch, alpha.leave):
        with pytest.raises(SyncError) as caught:
            step()
        assert caught.value.reason == "not-initialised"
    alpha.init(str(remote), machine_id="alpha")
    alpha.sync("alpha")
    assert git(tmp_path, "status", "--porcelain", "--untracked-files=no").strip() == ""
    assert git(tmp_path, "rev-list", "--all").strip() == ""  # the outer repo got no commit


def test_remote_addresses_and_machine_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert normalise_remote("usb/planner.git") == str(tmp_path / "usb" / "planner.git")
    for url in (
        "ssh://git@office/planner.git",
        "git@office.example:planner.git",
        "https://git.example/me/planner.git",
        "file:///mnt/usb/planner.git",
    ):
        assert normalise_remote(url) == url
    with pytest.raises(SyncError):
        normalise_remote("  ")
    repo = SyncRepo(tmp_path / "sync")
    with pytest.raises(ValueError, match="machine id"):
        repo.commit_own("../beta")


def test_a_plain_folder_as_remote_says_how_to_make_it_a_repository(
    machine: Machine, tmp_path: Path
) -> None:
    stick = tmp_path / "stick" / "planner"
    stick.mkdir(parents=True)
    alpha = machine("alpha")
    with pytest.raises(SyncError) as caught:
        alpha.init(str(stick), machine_id="alpha")
    assert caught.value.reason == "not-a-repository"
    assert f"git init --bare {stick}" in str(caught.value)
    git(stick, "init", "-q", "--bare")
    write_ops(alpha, "alpha", "{}")
    assert alpha.sync("alpha").sent


def test_for_data_adds_the_log_only_while_holding_the_data_lock(
    tmp_path: Path, remote: Path
) -> None:
    data = tmp_path / "planner-data-folder"
    repo = SyncRepo.for_data(data)
    assert repo.path == data / "sync"
    repo.init(str(remote), machine_id="alpha")
    write_ops(repo, "alpha", '{"n": 1}')
    held = threading.Event()

    def writer() -> None:  # a store appending to the log under the data lock, slowly
        with locked(data):
            held.set()
            time.sleep(0.4)
            write_ops(repo, "alpha", '{"n": 2}')

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait(5)
    commit = repo.commit_own("alpha")
    thread.join()
    assert commit is not None and commit.lines_added == 2  # the whole append, never half
