"""Record ids: 12 random lowercase Crockford base32 characters, and prefix resolution."""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain.errors import AmbiguousIdError, NotFoundError

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 12
SHORT_LENGTH = 6


def new_id() -> str:
    import secrets  # when the first id is made, not when the app opens

    return "".join(secrets.choice(ALPHABET) for _ in range(ID_LENGTH))


_ID_CHARS = frozenset(ALPHABET)


def is_valid_id(value: object) -> bool:
    # A set test runs in C: loading ten years of records checks some 20,000 ids.
    return isinstance(value, str) and len(value) == ID_LENGTH and _ID_CHARS.issuperset(value)


def normalise_prefix(prefix: str) -> str:
    """Crockford decoding is forgiving: I and L read as 1, O as 0, case ignored."""
    table = str.maketrans({"i": "1", "l": "1", "o": "0"})
    return prefix.strip().lower().translate(table)


def short(record_id: str) -> str:
    return record_id[:SHORT_LENGTH]


def resolve_prefix(prefix: str, *pools: Iterable[str], kind: str = "task") -> str:
    """Resolve ``prefix`` against each pool in turn; the first pool with a match decides.

    Open work is passed first and the archive second (DESIGN section 2), so a prefix
    that is unique among open tasks wins even if an archived task shares it.
    """
    key = normalise_prefix(prefix)
    if not key:
        raise NotFoundError(kind, prefix)
    for pool in pools:
        matches = sorted({rid for rid in pool if rid.startswith(key)})
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousIdError(kind, prefix, matches)
    raise NotFoundError(kind, prefix)
