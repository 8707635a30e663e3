"""Talking to planner's key agent (``planner.shell.agent``): asking it for a folder's keys,
handing it keys (starting it when none runs) and ending it. Every call is quick and quiet
when no agent runs: a missing socket, or one nobody listens on, is "no agent"."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.shell.agent_socket import (
    AgentProtocolError,
    check_peer,
    ensure_private_folder,
    receive,
    send,
    socket_path,
)

if TYPE_CHECKING:
    from data.crypto.keyfile import KeyFile, Keys

TIMEOUT = 2.0


class AgentUnavailable(Exception):
    """The agent could not be started (its words say why)."""


def ask(request: dict[str, Any], path: Path | None = None) -> dict[str, Any] | None:
    """The agent's answer to ``request``; ``None`` when no agent listens (or it is not the
    user's own: ``SO_PEERCRED`` checked here too)."""
    where = path or socket_path()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(TIMEOUT)
    try:
        sock.connect(str(where))
        check_peer(sock)
        send(sock, request)
        return receive(sock)
    except (OSError, AgentProtocolError):
        return None
    finally:
        sock.close()


def ping(path: Path | None = None) -> dict[str, Any] | None:
    answer = ask({"op": "ping"}, path)
    return answer if answer and answer.get("ok") else None


def key_id_text(key_id: bytes) -> str:
    from data.crypto.codec import b64encode

    return b64encode(key_id)


def holds(keyfile: KeyFile, path: Path | None = None) -> bool:
    """Whether a running agent holds the key of ``keyfile`` (a ping; no secret moves)."""
    answer = ping(path)
    keys = answer.get("keys") if answer else None
    return isinstance(keys, dict) and key_id_text(keyfile.key_id) in keys


def fetch_keys(keyfile: KeyFile, path: Path | None = None) -> Keys | None:
    """The keys of ``keyfile``'s data key from the agent, or ``None`` (no agent, not held,
    or keys that do not match the file's inbox key: an agent fed another store's keys)."""
    answer = ask({"op": "get", "key_id": key_id_text(keyfile.key_id)}, path)
    if not answer or not answer.get("ok"):
        return None
    from data.crypto import inbox
    from data.crypto.codec import b64decode
    from data.crypto.datakey import DataKey
    from data.crypto.keyfile import Keys

    try:
        secret = b64decode(str(answer.get("data_key")))
        private = b64decode(str(answer.get("inbox_private")))
        if inbox.public_of(private) != keyfile.inbox_public:
            return None
        return Keys(DataKey(keyfile.key_id, secret), private)
    except ValueError:
        return None


def put_request(keys: Keys, seconds: float) -> dict[str, Any]:
    from data.crypto.codec import b64encode

    return {
        "op": "put",
        "key_id": b64encode(keys.data_key.key_id),
        "data_key": b64encode(keys.data_key.secret),
        "inbox_private": b64encode(keys.inbox_private),
        "seconds": seconds,
    }


def hand_keys(keys: Keys, seconds: float, path: Path | None = None) -> int:
    """Give ``keys`` to the agent for ``seconds``, starting one if none runs; its pid."""
    where = path or socket_path()
    request = put_request(keys, seconds)
    running = ping(where)
    if running is not None:
        answer = ask(request, where)
        if answer and answer.get("ok"):
            return int(running["pid"])
    return _start(where, request)


def _start(where: Path, request: dict[str, Any]) -> int:
    import json

    try:
        ensure_private_folder(where.parent)
    except OSError as exc:
        raise AgentUnavailable(f"{where.parent}: {exc}") from None
    with contextlib.suppress(FileNotFoundError):
        where.unlink()  # no agent answered on it: a socket left by one that was killed
    process = subprocess.Popen(
        [sys.executable, "-m", "planner.shell.agent", "--socket", str(where)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd="/",
        close_fds=True,
        start_new_session=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
        process.stdin.close()
        line = process.stdout.readline().decode("utf-8", "replace").strip()
    finally:
        process.stdout.close()
        process.wait()
    if not line.startswith("ready "):
        raise AgentUnavailable(line.removeprefix("error: ") or "the agent did not start")
    return int(line.split()[1])


def lock(path: Path | None = None) -> bool:
    """End the agent (it forgets every key); whether one was running."""
    answer = ask({"op": "lock"}, path)
    return bool(answer and answer.get("ok"))


def forget(key_id: bytes, path: Path | None = None) -> bool:
    """Make the agent forget one data key (others it holds stay); whether one answered."""
    answer = ask({"op": "forget", "key_id": key_id_text(key_id)}, path)
    return bool(answer and answer.get("ok"))
