"""Sealed files and sealed sync values: AES-256-GCM under the data key in a small envelope.

Envelope (bytes)::

    "PLNR"  version (1 byte, = 1)  key id (8 bytes)  nonce (12)  ciphertext + tag (16)

The first 13 bytes (magic, version, key id) are part of the associated data, followed by
what the bytes are:

- a whole data file: ``FileRole(path, kind)`` -- the path relative to the data folder and
  the file's kind, so ``journal/2025.json`` cannot be passed off as ``journal/2024.json``
  or as a backup's copy of another file;
- one sync operation's value: ``ValueBinding(record_id, field, stamp)`` -- the record, the
  field and the operation's clock stamp, so a value cannot be replayed on another record,
  field or operation. In the log's JSON a sealed value is the envelope in unpadded
  URL-safe base64 (``seal_value`` / ``open_value``).

Anything that is not an envelope of this version raises ``EnvelopeFormatError``; an
envelope that does not authenticate raises ``SealBroken`` (``SealedWithOtherKey`` when it
names another data key). Plain JSON files start with ``{``, never with the magic, so
``looks_sealed`` tells a sealed file from a plain one.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.crypto.aead import NONCE_LENGTH, TAG_LENGTH, Cipher, associated_data
from data.crypto.codec import b64decode, b64encode
from data.crypto.datakey import KEY_ID_LENGTH, DataKey
from data.crypto.errors import EnvelopeFormatError, SealBroken, SealedWithOtherKey

MAGIC = b"PLNR"
VERSION = 1
HEADER_LENGTH = len(MAGIC) + 1 + KEY_ID_LENGTH
MIN_LENGTH = HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH


@dataclass(frozen=True, slots=True)
class FileRole:
    """What a sealed file is: its path relative to the data folder (POSIX separators) and
    its kind (``layout.FileKind.name``, or ``backup``, ``history``...)."""

    path: str
    kind: str

    def associated(self) -> tuple[str, ...]:
        return ("file", self.path, self.kind)


@dataclass(frozen=True, slots=True)
class ValueBinding:
    """What a sealed sync value belongs to: record id, field name, the operation's stamp."""

    record_id: str
    field: str
    stamp: str

    def associated(self) -> tuple[str, ...]:
        return ("value", self.record_id, self.field, self.stamp)


@dataclass(frozen=True, slots=True)
class Envelope:
    """A parsed envelope: its header (authenticated), the key id it names, nonce + ciphertext."""

    header: bytes
    key_id: bytes
    sealed: bytes


def looks_sealed(blob: bytes) -> bool:
    """Whether ``blob`` starts like an envelope (a plain JSON file never does)."""
    return blob[: len(MAGIC)] == MAGIC


def parse_envelope(blob: bytes, what: str = "sealed data") -> Envelope:
    """Split ``blob``; raises ``EnvelopeFormatError`` (only) for anything not an envelope."""
    if not isinstance(blob, bytes | bytearray | memoryview):
        raise EnvelopeFormatError(what, "is not bytes")
    raw = bytes(blob)
    if not looks_sealed(raw):
        raise EnvelopeFormatError(what, "is not sealed by planner")
    if len(raw) < len(MAGIC) + 1:
        raise EnvelopeFormatError(what, "is truncated")
    version = raw[len(MAGIC)]
    if version != VERSION:
        raise EnvelopeFormatError(what, f"is sealed in format {version}, unknown to this planner")
    if len(raw) < MIN_LENGTH:
        raise EnvelopeFormatError(what, "is truncated")
    header = raw[:HEADER_LENGTH]
    return Envelope(header, header[len(MAGIC) + 1 :], raw[HEADER_LENGTH:])


class Sealer:
    """Seals and opens under one data key (the cipher is made once)."""

    __slots__ = ("_cipher", "key_id")

    def __init__(self, key: DataKey) -> None:
        self.key_id = key.key_id
        self._cipher = Cipher(key.secret)

    def _seal(self, plaintext: bytes, parts: tuple[str, ...]) -> bytes:
        header = MAGIC + bytes([VERSION]) + self.key_id
        return header + self._cipher.seal(plaintext, associated_data("planner", header, *parts))

    def _open(self, blob: bytes, parts: tuple[str, ...], what: str) -> bytes:
        envelope = parse_envelope(blob, what)
        if envelope.key_id != self.key_id:
            raise SealedWithOtherKey(what)
        plain = self._cipher.open(
            envelope.sealed, associated_data("planner", envelope.header, *parts)
        )
        if plain is None:
            raise SealBroken(what)
        return plain

    def seal_file(self, plaintext: bytes, role: FileRole) -> bytes:
        """A whole file's bytes, sealed for the file ``role`` names."""
        return self._seal(plaintext, role.associated())

    def open_file(self, blob: bytes, role: FileRole) -> bytes:
        return self._open(blob, role.associated(), role.path)

    def seal_value(self, value: bytes, binding: ValueBinding) -> str:
        """One sync operation's value (its JSON bytes), as base64 text for the log."""
        return b64encode(self._seal(value, binding.associated()))

    def open_value(self, text: str, binding: ValueBinding) -> bytes:
        what = f"value of {binding.record_id}.{binding.field}"
        if not isinstance(text, str):
            raise EnvelopeFormatError(what, "is not text")
        try:
            blob = b64decode(text)
        except ValueError:
            raise EnvelopeFormatError(what, "is not base64") from None
        return self._open(blob, binding.associated(), what)
