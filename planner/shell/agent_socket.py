"""Where planner's key agent listens, who may talk to it, and how a message is framed.

The agent (``planner.shell.agent``) keeps unwrapped keys in memory for ``planner unlock``,
like ssh-agent: a unix socket ``<runtime>/planner/agent.sock``, mode 0600, in a folder of
mode 0700 owned by the user, where ``<runtime>`` is platformdirs' ``user_runtime_dir``
(``$XDG_RUNTIME_DIR`` on Linux, ``/run/user/UID``; platformdirs falls back to
``/tmp/runtime-UID``). On Linux both ends also check the peer's uid (``SO_PEERCRED``): a
process of another user is refused even if the folder's mode were loosened.

Protocol: one request per connection, each message one line of UTF-8 JSON (bytes as
unpadded URL-safe base64):

- ``{"op": "ping"}`` -> ``{"ok": true, "pid": PID, "keys": {KEY_ID: SECONDS_LEFT}}``
- ``{"op": "put", "key_id", "data_key", "inbox_private", "seconds"}`` -> ``{"ok": true}``
  (kept for ``seconds``, replacing an earlier copy of that key id and its time)
- ``{"op": "get", "key_id"}`` -> ``{"ok": true, "data_key", "inbox_private"}``, or
  ``{"ok": false, "error": "unknown key"}``
- ``{"op": "forget", "key_id"}`` -> ``{"ok": true}`` (that key only: after ``decrypt``
  or ``rekey``)
- ``{"op": "lock"}`` -> ``{"ok": true}``; the agent forgets every key and exits.

Anything else is answered ``{"ok": false, "error": ...}``. The agent exits on its own when
its last key's time is up.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
import warnings
from pathlib import Path
from typing import Any

APP_FOLDER = "planner"
SOCKET_NAME = "agent.sock"
MAX_LINE = 64 * 1024
"""The longest message either end reads: a request or an answer is a few hundred bytes."""


class AgentProtocolError(Exception):
    """A message that is not one line of JSON object, or a peer that may not talk to us."""


def runtime_folder() -> Path:
    """``<user_runtime_dir>/planner`` (not created). platformdirs warns when it falls back
    from an unset ``XDG_RUNTIME_DIR`` to ``/tmp/runtime-UID``; the fallback is fine for us,
    so the warning is not shown to the user."""
    from platformdirs import user_runtime_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return user_runtime_path(APP_FOLDER, ensure_exists=False)


def socket_path() -> Path:
    return runtime_folder() / SOCKET_NAME


def ensure_private_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) with mode 0700; an existing one must be the
    user's own, and is made 0700 if it was looser. Another user's: ``PermissionError``."""
    from data.files.atomic import ensure_private_dir

    if not folder.exists():
        ensure_private_dir(folder)  # missing parents 0700 too (platformdirs distrusts a
        # looser XDG_RUNTIME_DIR and falls back to /tmp/runtime-UID: one place or the other)
    info = folder.stat()
    if info.st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to another user")
    if info.st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def peer_uid(sock: socket.socket) -> int | None:
    """The uid of the process at the other end of a unix socket, where the system tells
    it (``SO_PEERCRED`` on Linux); ``None`` elsewhere (the 0700 folder then guards)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None or not sys.platform.startswith("linux"):
        return None
    raw = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)


def peer_allowed(uid: int | None, own_uid: int) -> bool:
    """Only the same user talks to the agent; an unknown uid (no ``SO_PEERCRED``) is
    allowed, the socket's 0700 folder having kept other users out already."""
    return uid is None or uid == own_uid


def check_peer(sock: socket.socket) -> None:
    if not peer_allowed(peer_uid(sock), os.getuid()):
        raise AgentProtocolError("the peer belongs to another user")


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    sock.sendall(json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n")


def receive(sock: socket.socket) -> dict[str, Any]:
    """One message: bytes up to the first line break (or the peer's end of writing)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if b"\n" in chunk:
            break
        if total > MAX_LINE:
            raise AgentProtocolError("message too long")
    line = b"".join(chunks).split(b"\n", 1)[0]
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise AgentProtocolError("not a JSON line") from None
    if not isinstance(message, dict):
        raise AgentProtocolError("not a JSON object")
    return message
