"""planner's key agent: ``python -m planner.shell.agent --socket PATH``, started by
``planner unlock`` (``planner.shell.agent_client``); the socket, its folder and the protocol
are described in ``planner.shell.agent_socket``.

Start-up: the first request (a ``put``) comes on standard input, so the keys never touch
argv or the environment; the socket is bound (mode 0600 from the start: bound under umask
0177) and listening before the process forks; the parent prints ``ready PID`` and exits, so
``planner unlock`` returns with the agent answering, and the agent (in its own session, no
terminal, standard streams on ``/dev/null``) is nobody's child to wait for. It refuses core
dumps and, on Linux, being traced or dumped (``PR_SET_DUMPABLE`` 0).

The keys live in this process's memory only, each with its own deadline; when the last is
up, or on ``lock``, the agent removes its socket and exits. (Python cannot promise to wipe
bytes from memory; the process ending returns them to the system.)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.shell.agent_socket import AgentProtocolError, check_peer, receive, send

CONNECTION_TIMEOUT = 2.0
"""Seconds a client may take to send its request: a stuck client cannot hold the agent."""


@dataclass
class Held:
    """One data key held: its secret and the inbox's private key (base64, as sent), and
    the monotonic time it is forgotten at."""

    data_key: str = field(repr=False)
    inbox_private: str = field(repr=False)
    deadline: float


@dataclass
class KeyAgent:
    """The agent's state and its answers, apart from the socket (tested in process)."""

    clock: Callable[[], float] = time.monotonic
    held: dict[str, Held] = field(default_factory=dict)
    locked: bool = False

    def expire(self) -> None:
        now = self.clock()
        for key_id in [key_id for key_id, item in self.held.items() if item.deadline <= now]:
            del self.held[key_id]

    def seconds_left(self) -> float | None:
        """Until the next key is forgotten; ``None`` when none is held (time to exit)."""
        self.expire()
        if not self.held:
            return None
        return max(0.0, min(item.deadline for item in self.held.values()) - self.clock())

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        self.expire()
        op = request.get("op")
        if op == "ping":
            now = self.clock()
            left = {key_id: round(item.deadline - now, 1) for key_id, item in self.held.items()}
            return {"ok": True, "pid": os.getpid(), "keys": left}
        if op == "put":
            return self._put(request)
        if op == "get":
            item = self.held.get(str(request.get("key_id")))
            if item is None:
                return {"ok": False, "error": "unknown key"}
            return {"ok": True, "data_key": item.data_key, "inbox_private": item.inbox_private}
        if op == "forget":
            self.held.pop(str(request.get("key_id")), None)
            return {"ok": True}
        if op == "lock":
            self.held.clear()
            self.locked = True
            return {"ok": True}
        return {"ok": False, "error": "unknown op"}

    def _put(self, request: dict[str, Any]) -> dict[str, Any]:
        key_id, data_key, private = (request.get(name) for name in PUT_FIELDS)
        seconds = request.get("seconds")
        if not all(isinstance(value, str) and value for value in (key_id, data_key, private)):
            return {"ok": False, "error": "put needs key_id, data_key and inbox_private"}
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
            return {"ok": False, "error": "put needs a positive number of seconds"}
        assert isinstance(key_id, str) and isinstance(data_key, str) and isinstance(private, str)
        self.held[key_id] = Held(data_key, private, self.clock() + float(seconds))
        return {"ok": True}


PUT_FIELDS = ("key_id", "data_key", "inbox_private")


def serve(listener: socket.socket, agent: KeyAgent) -> None:
    """Answer requests until ``lock`` or until no key is held any more."""
    while not agent.locked:
        left = agent.seconds_left()
        if left is None:
            return
        listener.settimeout(max(left, 0.01))
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        with conn:
            _handle(conn, agent)


def _handle(conn: socket.socket, agent: KeyAgent) -> None:
    conn.settimeout(CONNECTION_TIMEOUT)
    try:
        check_peer(conn)
        send(conn, agent.answer(receive(conn)))
    except AgentProtocolError as exc:
        with contextlib.suppress(OSError):
            send(conn, {"ok": False, "error": str(exc)})
    except OSError:  # the client went away or stalled: its problem, not the agent's
        pass


def bind(path: Path) -> socket.socket:
    """A listening socket at ``path``, mode 0600 from its creation on."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(str(path))
    except OSError:
        listener.close()
        raise
    finally:
        os.umask(old)
    listener.listen(8)
    return listener


def _harden() -> None:
    """No core file, and on Linux no ptrace or /proc/PID/mem of this process by others
    of the user (the keys are in its memory)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            pr_set_dumpable = 4
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_dumpable, 0, 0, 0, 0)


def _detach() -> None:
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _remove_if_ours(path: Path, inode: int) -> None:
    """Remove the socket file unless another agent has bound its own there since."""
    with contextlib.suppress(OSError):
        if path.stat().st_ino == inode:
            path.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.shell.agent")
    parser.add_argument("--socket", type=Path, required=True)
    parser.add_argument("--foreground", action="store_true", help="do not fork (tests)")
    args = parser.parse_args(argv)
    _harden()
    agent = KeyAgent()
    first = sys.stdin.buffer.readline(64 * 1024)
    import json

    try:
        request = json.loads(first)
    except ValueError:
        request = None
    if not isinstance(request, dict) or request.get("op") != "put":
        sys.stdout.write("error: the first request must be a put\n")
        return 2
    answer = agent.answer(request)
    if not answer["ok"]:
        sys.stdout.write(f"error: {answer['error']}\n")
        return 2
    try:
        listener = bind(args.socket)
    except OSError as exc:
        sys.stdout.write(f"error: cannot listen at {args.socket}: {exc.strerror}\n")
        return 1
    inode = args.socket.stat().st_ino
    import signal

    # ``kill PID`` ends it as ``lock`` does: the socket is removed on the way out (set
    # before the fork, so it holds from the moment ``planner unlock`` has the pid)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    try:
        if not args.foreground:
            # SIGTERM waits until the child is set up (a signal at the fork is otherwise lost
            # or ends it before its cleanup is in place)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            pid = os.fork()
            if pid:
                sys.stdout.write(f"ready {pid}\n")
                sys.stdout.flush()
                os._exit(0)  # the parent leaves without the cleanup below
            _detach()
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        else:
            sys.stdout.write(f"ready {os.getpid()}\n")
            sys.stdout.flush()
        serve(listener, agent)
    finally:
        listener.close()
        _remove_if_ours(args.socket, inode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
