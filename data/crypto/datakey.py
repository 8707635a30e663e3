"""The data key: 32 random bytes that seal everything, and its public 8-byte id.

The id is random too (not derived from the key), stored in ``keys.json`` and in every
envelope, so a value sealed under an older key (before ``planner rekey``) is told apart
from a damaged one without trying keys.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

KEY_ID_LENGTH = 8
SECRET_LENGTH = 32


@dataclass(frozen=True, slots=True)
class DataKey:
    """The data key; its ``repr`` never shows the secret."""

    key_id: bytes
    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key_id) != KEY_ID_LENGTH or len(self.secret) != SECRET_LENGTH:
            raise ValueError("a data key is an 8-byte id and a 32-byte secret")

    @classmethod
    def generate(cls) -> DataKey:
        return cls(secrets.token_bytes(KEY_ID_LENGTH), secrets.token_bytes(SECRET_LENGTH))
