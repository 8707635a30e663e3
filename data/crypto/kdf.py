"""The passphrase key: Argon2id (RFC 9106) from ``cryptography``, its parameters kept in the
key file's header so they can be raised later without breaking older files.

Real cost: 64 MiB, 5 passes, 1 lane (RFC 9106's memory-constrained choice, with more
passes): one derivation's median is 0.37-0.49 s (three runs of 9; single ones 0.33-0.74 s)
on the development machine, two cores shared with other work (``uv run python -m benchmarks.kdf``).

Tests ask for a tiny cost through the environment: ``PLANNER_TEST_KDF=fast`` is obeyed only
while pytest runs a test (``PYTEST_CURRENT_TEST`` is set, and inherited by the CLI
subprocesses a test starts), so a user's stray variable can never weaken a key. The cost
only chooses the parameters of a *new* key file; reading always uses the header's.
"""

from __future__ import annotations

import os
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from data.crypto.codec import b64decode_field, b64encode
from data.crypto.errors import KeyFileError

KDF_NAME = "argon2id"
KEY_LENGTH = 32
SALT_LENGTH = 16
TEST_KDF_VARIABLE = "PLANNER_TEST_KDF"

_MAX_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB: a header asking for more is damaged, not strong
_MAX_ITERATIONS = 64
_MAX_LANES = 16


@dataclass(frozen=True, slots=True)
class KdfCost:
    """How hard one derivation is: memory in KiB, passes over it, parallel lanes."""

    memory_kib: int
    iterations: int
    lanes: int


REAL_COST = KdfCost(memory_kib=64 * 1024, iterations=5, lanes=1)
TEST_COST = KdfCost(memory_kib=8, iterations=1, lanes=1)
"""The smallest Argon2id allows; for tests only (see the module's docstring)."""


def current_cost() -> KdfCost:
    """The cost of a new key file: the real one, unless a test asked for the tiny one."""
    if os.environ.get(TEST_KDF_VARIABLE) == "fast" and "PYTEST_CURRENT_TEST" in os.environ:
        return TEST_COST
    return REAL_COST


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id's parameters as the header stores them, salt included."""

    memory_kib: int
    iterations: int
    lanes: int
    salt: bytes
    name: str = KDF_NAME

    @classmethod
    def fresh(cls, cost: KdfCost | None = None) -> KdfParams:
        """New parameters with a random salt, at ``cost`` (default: ``current_cost()``)."""
        chosen = cost or current_cost()
        return cls(
            chosen.memory_kib, chosen.iterations, chosen.lanes, secrets.token_bytes(SALT_LENGTH)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
            "salt": b64encode(self.salt),
        }

    @classmethod
    def from_json(cls, raw: object, where: str = "keys.json") -> KdfParams:
        """Read and bound-check a header's ``kdf``; anything odd is a ``KeyFileError``."""
        if not isinstance(raw, dict) or raw.get("name") != KDF_NAME:
            raise KeyFileError(where, "names no key derivation this planner knows")
        numbers = {}
        for name, low, high in (
            ("lanes", 1, _MAX_LANES),
            ("iterations", 1, _MAX_ITERATIONS),
            ("memory_kib", 8, _MAX_MEMORY_KIB),
        ):
            value = raw.get(name)
            if type(value) is not int or not low <= value <= high:
                raise KeyFileError(where, f"kdf {name} is out of range")
            numbers[name] = value
        if numbers["memory_kib"] < 8 * numbers["lanes"]:
            raise KeyFileError(where, "kdf memory_kib is below 8 KiB per lane")
        salt = b64decode_field(raw, "salt", where)
        if len(salt) < SALT_LENGTH:
            raise KeyFileError(where, "kdf salt is too short")
        return cls(numbers["memory_kib"], numbers["iterations"], numbers["lanes"], salt)

    def derive(self, passphrase: str) -> bytes:
        """The 32-byte key wrapping the data key; the passphrase is NFC-normalised first, so
        the same words typed composed or decomposed give the same key."""
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        secret = normalise(passphrase).encode("utf-8")
        return Argon2id(
            salt=self.salt,
            length=KEY_LENGTH,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(secret)


def normalise(passphrase: str) -> str:
    """Unicode NFC: what a passphrase is, whatever keyboard or input method typed it."""
    return unicodedata.normalize("NFC", passphrase)
