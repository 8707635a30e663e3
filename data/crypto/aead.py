"""The one authenticated cipher of planner: AES-256-GCM with a random 96-bit nonce
(``cryptography``'s ``AESGCM``), used for sealed files, sealed sync values and the wrapped
keys of ``keys.json``. Every use passes associated data naming what the bytes are, so a
ciphertext moved elsewhere fails to open as surely as an altered one.

A random nonce per message is safe for far more messages than one data key ever seals
(NIST SP 800-38D allows 2^32 per key); ``planner rekey`` starts a new key anyway.
"""

from __future__ import annotations

import secrets
import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_LENGTH = 12
TAG_LENGTH = 16
KEY_LENGTH = 32


class Cipher:
    """AES-256-GCM under one key; ``seal`` returns nonce + ciphertext + tag."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != KEY_LENGTH:
            raise ValueError("an AES-256 key is 32 bytes")
        self._aead: AESGCM = AESGCM(key)

    def seal(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_LENGTH)
        return nonce + self._aead.encrypt(nonce, plaintext, associated)

    def open(self, sealed: bytes, associated: bytes) -> bytes | None:
        """The plaintext, or None when the bytes do not authenticate (any cause)."""
        from cryptography.exceptions import InvalidTag

        if len(sealed) < NONCE_LENGTH + TAG_LENGTH:
            return None
        try:
            return self._aead.decrypt(sealed[:NONCE_LENGTH], sealed[NONCE_LENGTH:], associated)
        except InvalidTag:
            return None


def associated_data(label: str, *parts: str | bytes) -> bytes:
    """An unambiguous encoding of what a ciphertext is: a label and its parts, each
    length-prefixed (4 bytes, big-endian), so no two different lists encode alike."""
    out = bytearray()
    for part in (label, *parts):
        raw = part.encode("utf-8") if isinstance(part, str) else part
        out += struct.pack(">I", len(raw))
        out += raw
    return bytes(out)
