"""planner unlock's agent: a real process on a 0600 socket in the test's runtime folder,
its keys forgotten when their time is up or on lock, and only the same user answered."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from data.crypto.keyfile import KeyFile, Keys, establish
from planner.shell import agent_client, agent_socket
from planner.shell.agent import KeyAgent, _handle

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def pids() -> Iterator[list[int]]:
    """The agents a test starts; each is ended at teardown if it still runs."""
    started: list[int] = []
    yield started
    for pid in started:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


@pytest.fixture
def folder_keys(tmp_path: Path) -> tuple[KeyFile, Keys]:
    (tmp_path / "d").mkdir()
    made = establish(tmp_path / "d", "correct horse", created=NOW)
    return made.keyfile, made.keys


def test_round_trip_in_the_runtime_folder_then_lock_ends_it(
    folder_keys: tuple[KeyFile, Keys], pids: list[int], tmp_path: Path
) -> None:
    keyfile, keys = folder_keys
    path = agent_socket.socket_path()
    assert path == tmp_path / "run" / "planner" / "agent.sock"
    assert agent_client.fetch_keys(keyfile) is None  # no agent yet: quietly none
    pid = agent_client.hand_keys(keys, 60)
    pids.append(pid)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_ISSOCK(path.stat().st_mode)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert agent_client.fetch_keys(keyfile) == keys
    assert agent_client.holds(keyfile)
    # a second unlock feeds the same agent
    assert agent_client.hand_keys(keys, 60) == pid
    assert agent_client.lock()
    assert until(lambda: not alive(pid))
    assert not path.exists()
    assert agent_client.fetch_keys(keyfile) is None
    assert not agent_client.lock()


def test_the_key_is_forgotten_when_its_time_is_up(
    folder_keys: tuple[KeyFile, Keys], pids: list[int]
) -> None:
    keyfile, keys = folder_keys
    pid = agent_client.hand_keys(keys, 0.5)
    pids.append(pid)
    assert until(lambda: not alive(pid), 10)
    assert agent_client.fetch_keys(keyfile) is None
    assert not agent_socket.socket_path().exists()


def test_a_stale_socket_left_by_a_killed_agent_is_replaced(
    folder_keys: tuple[KeyFile, Keys], pids: list[int]
) -> None:
    keyfile, keys = folder_keys
    first = agent_client.hand_keys(keys, 60)
    pids.append(first)
    os.kill(first, signal.SIGKILL)
    assert until(lambda: not alive(first))
    assert agent_socket.socket_path().exists()  # left behind
    second = agent_client.hand_keys(keys, 60)
    pids.append(second)
    assert second != first
    assert agent_client.fetch_keys(keyfile) == keys
    assert agent_client.lock()


def test_keys_of_another_store_are_not_handed_out(
    folder_keys: tuple[KeyFile, Keys], pids: list[int], tmp_path: Path
) -> None:
    keyfile, _keys = folder_keys
    (tmp_path / "other").mkdir()
    other = establish(tmp_path / "other", "x", created=NOW)
    pids.append(agent_client.hand_keys(other.keys, 60))
    assert agent_client.fetch_keys(keyfile) is None
    assert agent_client.fetch_keys(other.keyfile) == other.keys
    assert agent_client.lock()


def test_the_agent_state_with_an_injected_clock() -> None:
    now = [100.0]
    agent = KeyAgent(clock=lambda: now[0])
    put = {"op": "put", "key_id": "k", "data_key": "d", "inbox_private": "p", "seconds": 5}
    assert agent.answer(put) == {"ok": True}
    assert agent.answer({"op": "get", "key_id": "k"})["data_key"] == "d"
    assert agent.seconds_left() == 5
    now[0] = 104.9
    assert agent.answer({"op": "get", "key_id": "k"})["ok"]
    now[0] = 105.0
    assert agent.answer({"op": "get", "key_id": "k"}) == {"ok": False, "error": "unknown key"}
    assert agent.seconds_left() is None  # nothing held: the agent exits
    assert not agent.answer({**put, "seconds": 0})["ok"]
    assert not agent.answer({**put, "data_key": ""})["ok"]
    assert not agent.answer({"op": "dump"})["ok"]
    agent.answer(put)
    agent.answer({**put, "key_id": "other"})
    assert agent.answer({"op": "forget", "key_id": "k"}) == {"ok": True}
    assert list(agent.held) == ["other"]
    assert agent.answer({"op": "lock"}) == {"ok": True}
    assert agent.locked and not agent.held


def test_only_the_same_user_is_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    assert agent_socket.peer_allowed(os.getuid(), os.getuid())
    assert not agent_socket.peer_allowed(os.getuid() + 1, os.getuid())
    assert agent_socket.peer_allowed(None, os.getuid())  # no SO_PEERCRED: the 0700 folder
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        if hasattr(socket, "SO_PEERCRED"):
            assert agent_socket.peer_uid(left) == os.getuid()
        agent = KeyAgent()
        put = {"op": "put", "key_id": "k", "data_key": "d", "inbox_private": "p", "seconds": 60}
        agent.answer(put)
        monkeypatch.setattr(agent_socket, "peer_uid", lambda sock: os.getuid() + 1)
        agent_socket.send(right, {"op": "get", "key_id": "k"})
        _handle(left, agent)
        answer = agent_socket.receive(right)
    assert answer == {"ok": False, "error": "the peer belongs to another user"}


def test_another_users_runtime_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    monkeypatch.setattr(os, "getuid", lambda: folder.stat().st_uid + 1)
    with pytest.raises(PermissionError):
        agent_socket.ensure_private_folder(folder)


def test_a_loose_runtime_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    agent_socket.ensure_private_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_terminated_agent_removes_its_socket(
    folder_keys: tuple[KeyFile, Keys], pids: list[int]
) -> None:
    _keyfile, keys = folder_keys
    pid = agent_client.hand_keys(keys, 60)
    pids.append(pid)
    os.kill(pid, signal.SIGTERM)
    assert until(lambda: not alive(pid))
    assert not agent_socket.socket_path().exists()
