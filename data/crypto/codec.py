"""Base64 (URL-safe, unpadded) for the bytes kept in JSON: salts, nonces, sealed values."""

from __future__ import annotations

import base64
import binascii
import re

from data.crypto.errors import KeyFileError

_B64URL = re.compile(r"^[A-Za-z0-9_-]*$")


def b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    """Strict: only the URL-safe alphabet, no padding, no whitespace; ``ValueError`` else."""
    if not _B64URL.match(text) or len(text) % 4 == 1:
        raise ValueError("not unpadded URL-safe base64")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as exc:  # pragma: no cover - the pattern and length rule it out
        raise ValueError(str(exc)) from None


def b64decode_field(raw: dict[str, object], name: str, where: str) -> bytes:
    """``raw[name]`` as bytes, or a ``KeyFileError`` naming the field."""
    value = raw.get(name)
    if not isinstance(value, str):
        raise KeyFileError(where, f"{name} is missing")
    try:
        return b64decode(value)
    except ValueError:
        raise KeyFileError(where, f"{name} is not base64") from None
