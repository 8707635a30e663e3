"""The wrapped data key travels with the logs (issue 15).

Each machine of an encrypted planner writes its copy of ``keys.json`` (the data key wrapped
by the passphrase and by the recovery key, the inbox's public key: nothing in the clear) in
its own log folder, ``sync/ops/<machine>/keys.json`` -- like its log, only it writes there,
so git never merges. The file says when (a clock stamp of that machine's sync clock)::

    {"format": "planner-sync-keys", "version": 1, "stamp": stamp, "key_id": ..., "keys": {...}}

The copy with the newest stamp is in force: after ``planner passphrase`` on one machine, the
next sync there publishes the rewrapped file with a fresh stamp, and every other machine
takes it as its ``keys.json`` at its next sync (the same data key, so nothing is
re-encrypted; it is taken only once the data key it holds unwraps its inbox key, so a copy
not made by a holder of the key is refused).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data.files.atomic import write_atomic
from data.sync.oplog import machines
from data.sync.paths import ops_dir
from planner.domain.errors import DataError
from planner.domain.sync.hlc import Stamp

if TYPE_CHECKING:
    from data.sync.git_repo import SyncRepo

KEYS_NAME = "keys.json"
FORMAT = "planner-sync-keys"
VERSION = 1


class RemoteKeyError(DataError):
    """The remote's planner is encrypted and this machine cannot take part as it is
    (``case``: ``locked`` -- this folder is plain and has no passphrase; ``other-key`` --
    this folder is encrypted with another data key; ``rekeyed`` -- the data key was
    changed on ``machine``)."""

    def __init__(self, root: Path, case: str, machine: str = "") -> None:
        why = {
            "locked": "the remote's planner is encrypted; this machine has no key for it",
            "other-key": "the remote's planner is encrypted with another data key",
            "rekeyed": f"the data key was changed on machine {machine} (planner rekey)",
        }[case]
        super().__init__(str(root), why, "give the passphrase of the remote's planner")
        self.case = case
        self.machine = machine


@dataclass(frozen=True, slots=True)
class Published:
    """One machine's copy of the key file."""

    machine: str
    stamp: Stamp
    key_id: str
    keys: dict[str, Any]

    def keys_bytes(self) -> bytes:
        return (json.dumps(self.keys, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def path_of(root: Path, machine: str) -> Path:
    return ops_dir(root) / machine / KEYS_NAME


def read_published(root: Path, machine: str) -> Published | None:
    try:
        data = path_of(root, machine).read_bytes()
    except OSError:
        return None
    return _parse(machine, data)


def _parse(machine: str, data: bytes) -> Published | None:
    try:
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return None
        keys = raw["keys"]
        if not isinstance(keys, dict):
            return None
        return Published(machine, Stamp.decode(raw["stamp"]), str(keys.get("key_id")), keys)
    except (ValueError, KeyError, TypeError):
        return None


def newest(root: Path) -> Published | None:
    """The copy in force: the newest by stamp of every machine's."""
    found = [p for p in (read_published(root, m) for m in machines(root)) if p is not None]
    return max(found, key=lambda p: p.stamp, default=None)


def newest_in_remote(repo: SyncRepo) -> Published | None:
    """The copy in force among those the fetched remote ``main`` holds (read from git, not
    from the work tree: an ``init`` whose merge git refused has not checked them out)."""
    from data.sync.git_command import run_git
    from data.sync.git_repo import REMOTE_REF

    listed = run_git(
        repo.path,
        ("ls-tree", "-r", "--name-only", "-z", REMOTE_REF, "--", "ops"),
        git=repo.git,
        check=False,
    )
    found: list[Published] = []
    for name in listed.out.split("\0"):
        parts = name.split("/")
        if len(parts) != 3 or parts[2] != KEYS_NAME:
            continue
        shown = run_git(repo.path, ("show", f"{REMOTE_REF}:{name}"), git=repo.git, check=False)
        published = _parse(parts[1], shown.out.encode("utf-8"))
        if published is not None:
            found.append(published)
    return max(found, key=lambda p: p.stamp, default=None)


def local_keys(root: Path) -> dict[str, Any] | None:
    """This folder's ``keys.json`` document (None: plain)."""
    try:
        raw = json.loads((root / KEYS_NAME).read_bytes())
    except FileNotFoundError:
        return None
    return raw if isinstance(raw, dict) else None


def publish(root: Path, machine: str, stamp: Stamp) -> bool:
    """Write this machine's copy when it differs from ``keys.json`` (True if written)."""
    local = local_keys(root)
    own = read_published(root, machine)
    if local is None or (own is not None and own.keys == local):
        return False
    body = {
        "format": FORMAT,
        "version": VERSION,
        "stamp": stamp.encode(),
        "key_id": local.get("key_id"),
        "keys": local,
    }
    path = path_of(root, machine)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    return True


def withdraw(root: Path, machine: str) -> None:
    """Remove this machine's copy (its folder turned plain)."""
    path_of(root, machine).unlink(missing_ok=True)


def rekeyed_elsewhere(root: Path, machine: str) -> str | None:
    """The machine whose ``planner rekey`` this (encrypted) folder has not followed yet --
    the copy in force holds another data key and is newer than this machine's own, which is
    its ``keys.json`` as last sent -- or None. Local files only: what the app's header says
    (``needs passphrase``) between syncs; the sync that follows needs the passphrase
    (``take_newer``)."""
    local = local_keys(root)
    in_force = newest(root)
    if local is None or in_force is None or in_force.key_id == local.get("key_id"):
        return None
    own = read_published(root, machine)
    if own is None or own.keys != local:
        return None  # changed here since this machine's last sync (its own rekey, say)
    if in_force.machine == machine or own.stamp >= in_force.stamp:
        return None
    return in_force.machine


def take_newer(root: Path, machine: str, data_key_secret: bytes) -> bool:
    """Take a newer copy of the same data key as ``keys.json`` (another machine's
    ``planner passphrase``); True if taken. ``RemoteKeyError("rekeyed")`` when the copy
    in force holds another data key, newer than this machine's."""
    in_force = newest(root)
    local = local_keys(root)
    if in_force is None or local is None or in_force.keys == local:
        return False
    own = read_published(root, machine)
    if own is not None and own.stamp >= in_force.stamp:
        return False
    if in_force.key_id != local.get("key_id"):
        raise RemoteKeyError(root, "rekeyed", in_force.machine)
    from data.crypto.keyfile import KeyFile, check_data_key, write_keyfile

    keyfile = KeyFile.from_json(in_force.keys_bytes(), str(path_of(root, in_force.machine)))
    check_data_key(keyfile, data_key_secret)
    write_keyfile(root, keyfile)
    return True
