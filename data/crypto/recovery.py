"""The recovery key: 160 random bits shown once as eight groups of four base32 letters and
digits (``ABCD-EFGH-...``), which unwrap the data key when the passphrase is lost.

The key is random, not chosen, so it needs no slow derivation: HKDF-SHA256 (RFC 5869) over
it, with the key file's recovery salt and a fixed label, gives the 32-byte wrapping key.
Reading forgives what people do when typing from paper: lower case, spaces, missing or
extra dashes, and 0/1/8 for O/I/B (not in the base32 alphabet, so never ambiguous).
"""

from __future__ import annotations

import base64
import binascii
import secrets

from data.crypto.errors import WrongRecoveryKey

SECRET_LENGTH = 20  # 160 bits: 32 base32 characters, no padding
GROUP = 4
_INFO = b"planner recovery key v1"
_WHAT = "the recovery key"
_TYPOS = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_recovery_secret() -> bytes:
    return secrets.token_bytes(SECRET_LENGTH)


def format_recovery_key(secret: bytes) -> str:
    """``secret`` as the user sees and writes it down: 8 groups of 4, joined by dashes."""
    letters = base64.b32encode(secret).decode("ascii")
    return "-".join(letters[i : i + GROUP] for i in range(0, len(letters), GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The secret typed back; ``WrongRecoveryKey`` when the text cannot be a recovery key."""
    letters = "".join(ch for ch in text if not ch.isspace() and ch != "-").upper()
    letters = letters.translate(_TYPOS)
    if len(letters) != SECRET_LENGTH * 8 // 5:
        raise WrongRecoveryKey(_WHAT, "is not one: 8 groups of 4 letters and digits")
    try:
        return base64.b32decode(letters)
    except (binascii.Error, ValueError):
        raise WrongRecoveryKey(_WHAT, "is not one: letters A-Z and digits 2-7") from None


def recovery_wrapping_key(secret: bytes, salt: bytes) -> bytes:
    """The 32-byte key that wraps the data key for the recovery key (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(secret)
