"""The sealed inbox: records added while the data is locked (``planner add`` from a script
with no passphrase), sealed to the store's public key and taken in at the next unlock.

Each record is one file ``<data>/inbox/<name>.sealed``, sealed with HPKE (RFC 9180, base
mode) from ``cryptography``: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. The file
is ``"PLNI"``, a version byte, the data key's id (8 bytes) and the HPKE ciphertext
(encapsulated key + AEAD output). HPKE's ``info`` binds the header and the file's name, so
a sealed record renamed or moved to another store does not open. The public key sits in
plain in ``keys.json``; the private key there is wrapped by the data key, so only an
unlocked planner reads the inbox. Adding needs no secret at all.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from data.crypto.aead import associated_data
from data.crypto.errors import EnvelopeFormatError, SealBroken, SealedWithOtherKey
from data.files.atomic import ensure_private_dir, fsync_dir, write_atomic

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.hpke import Suite

    from data.crypto.keyfile import KeyFile, Keys

SUITE_NAME = "hpke-base-x25519-hkdf-sha256-aes-256-gcm"
INBOX_FOLDER = "inbox"
SUFFIX = ".sealed"
MAGIC = b"PLNI"
VERSION = 1
_HEADER_LENGTH = len(MAGIC) + 1 + 8
_ENC_LENGTH = 32  # an X25519 public key
_TAG_LENGTH = 16
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _suite() -> Suite:
    from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

    return Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_256_GCM)


def new_keypair() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair for the inbox, raw bytes: (private, public)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def public_of(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise ValueError(f"an inbox name is 1-64 letters, digits, '-' or '_': {name!r}")


def _info(header: bytes, name: str) -> bytes:
    return associated_data("planner inbox", SUITE_NAME, header, name)


def seal_to(public: bytes, key_id: bytes, name: str, payload: bytes) -> bytes:
    """``payload`` sealed to the inbox key ``public`` of the data key ``key_id``, for the
    file ``name``."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    _check_name(name)
    header = MAGIC + bytes([VERSION]) + key_id
    recipient = X25519PublicKey.from_public_bytes(public)
    return header + _suite().encrypt(payload, recipient, info=_info(header, name))


def open_sealed(private: bytes, key_id: bytes, name: str, blob: bytes) -> bytes:
    """The payload of a sealed record; ``EnvelopeFormatError`` or ``SealBroken`` else."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    what = f"{INBOX_FOLDER}/{name}{SUFFIX}"
    if blob[: len(MAGIC)] != MAGIC:
        raise EnvelopeFormatError(what, "is not a sealed record")
    if len(blob) < _HEADER_LENGTH + _ENC_LENGTH + _TAG_LENGTH:
        raise EnvelopeFormatError(what, "is truncated")
    if blob[len(MAGIC)] != VERSION:
        raise EnvelopeFormatError(what, "is sealed in a format unknown to this planner")
    header = blob[:_HEADER_LENGTH]
    if header[len(MAGIC) + 1 :] != key_id:
        raise SealedWithOtherKey(what)
    try:
        return _suite().decrypt(
            blob[_HEADER_LENGTH:],
            X25519PrivateKey.from_private_bytes(private),
            info=_info(header, name),
        )
    except Exception:  # cryptography raises InvalidTag, or ValueError on a bad point
        raise SealBroken(what) from None


@dataclass(frozen=True, slots=True)
class InboxItem:
    """One record taken out of the inbox: its name, payload and file (removed by ``done``)."""

    name: str
    payload: bytes
    path: Path


def post(folder: Path, keyfile: KeyFile, name: str, payload: bytes) -> Path:
    """Write one sealed record into ``<folder>/inbox/`` durably; needs no secret."""
    blob = seal_to(keyfile.inbox_public, keyfile.key_id, name, payload)
    inbox = ensure_private_dir(folder / INBOX_FOLDER)
    path = inbox / f"{name}{SUFFIX}"
    if path.exists():
        raise FileExistsError(path)
    write_atomic(path, blob)
    return path


def pending(folder: Path) -> list[Path]:
    """The sealed records waiting, oldest first (by modification time, then name)."""
    inbox = folder / INBOX_FOLDER
    try:
        entries = [
            entry
            for entry in os.scandir(inbox)
            if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False)
        ]
    except FileNotFoundError:
        return []
    entries.sort(key=lambda entry: (entry.stat().st_mtime_ns, entry.name))
    return [Path(entry.path) for entry in entries]


def open_all(folder: Path, keys: Keys) -> list[InboxItem]:
    """Every waiting record opened, oldest first; any that does not open raises (nothing is
    removed: the caller stores the records, then calls ``done`` for each)."""
    items = []
    for path in pending(folder):
        name = path.name[: -len(SUFFIX)]
        payload = open_sealed(keys.inbox_private, keys.data_key.key_id, name, path.read_bytes())
        items.append(InboxItem(name, payload, path))
    return items


def done(item: InboxItem) -> None:
    """Remove a record once the store holds it durably."""
    with contextlib.suppress(FileNotFoundError):
        item.path.unlink()
    fsync_dir(item.path.parent)
