"""This machine's id in sync, and how a copied data folder is told from the original.

The id (12 characters, ``planner.domain.ids.new_id``) is kept in ``sync-local/machine.json``
with the identity of the data folder it was made for: the folder's inode and device, and the
host name. A data folder copied elsewhere (another machine, a USB stick, another folder on
the same machine) is a new folder with another inode, so its ``machine.json`` no longer
matches and it gets a new id instead of writing into the first machine's log. The device
number alone may change across reboots (network and removable file systems, some volume
managers), so a changed device with the same inode on the same host still matches. A
false "copy" is harmless: a new id starts a new log beside the old one, which stays
applied (``data.sync.state.adopt_previous``); writing into another machine's log is what
must never happen, and that needs the inode to match by chance on a different device of a
different host.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data.sync.jsonfile import read_json, write_json
from data.sync.paths import MACHINE_FILE, local_file
from planner.domain.ids import is_valid_id, new_id


@dataclass(frozen=True, slots=True)
class MachineIdentity:
    """``id`` of this machine for the data folder at the given identity; ``previous`` the
    ids this folder had before it was copied (newest first); ``replaced`` the id given up
    by this very load (the folder was found copied), else None."""

    id: str
    device: int
    inode: int
    host: str
    previous: tuple[str, ...] = ()
    replaced: str | None = field(default=None, compare=False)

    @classmethod
    def load(cls, root: Path) -> MachineIdentity | None:
        raw = read_json(local_file(root, MACHINE_FILE), None)
        if not isinstance(raw, dict) or not is_valid_id(raw.get("id")):
            return None
        try:
            return cls(
                id=str(raw["id"]),
                device=int(raw.get("device", -1)),
                inode=int(raw.get("inode", -1)),
                host=str(raw.get("host", "")),
                previous=tuple(str(p) for p in raw.get("previous", ())),
            )
        except (TypeError, ValueError):
            return None

    @classmethod
    def load_or_create(cls, root: Path) -> MachineIdentity:
        """The id of this data folder, made (and saved) on first use, made anew when the
        folder was copied from elsewhere."""
        held = cls.load(root)
        if held is not None and held.matches(root):
            return held
        device, inode = _folder_identity(root)
        previous: tuple[str, ...] = () if held is None else (held.id, *held.previous)
        made = cls(
            id=new_id(),
            device=device,
            inode=inode,
            host=socket.gethostname(),
            previous=previous,
            replaced=None if held is None else held.id,
        )
        made.save(root)
        if held is not None:
            from data.sync.state import adopt_previous  # state imports this module

            adopt_previous(root, made)
        return made

    def matches(self, root: Path) -> bool:
        """Whether ``root`` is still the folder this id was made for (not a copy)."""
        device, inode = _folder_identity(root)
        return inode == self.inode and (device == self.device or self.host == socket.gethostname())

    def save(self, root: Path) -> None:
        value: dict[str, Any] = {
            "id": self.id,
            "device": self.device,
            "inode": self.inode,
            "host": self.host,
            "previous": list(self.previous),
        }
        write_json(local_file(root, MACHINE_FILE), value)


def _folder_identity(root: Path) -> tuple[int, int]:
    st = os.stat(root)
    return st.st_dev, st.st_ino
