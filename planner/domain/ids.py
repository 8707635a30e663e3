"""Record ids: 12 lowercase Crockford base32 characters, and prefix resolution.

Most ids are random (``new_id``). A record that stands for something two machines may each
make offline gets an id derived from what it stands for, so both make the same record and a
sync merges them into one (issue #14): a day's plan and a journal entry from their date
(``date_id``), an imported record from its source and ``external_ref`` (``ref_id``), a
recurring task's next occurrence from its predecessor (``successor_id``). A derived id is a
SHA-256 digest of a text naming its kind, cut to the id's length: as evenly spread as a random
one (32 divides 256), so short prefixes stay as unique as they were.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date
from typing import Literal

from planner.domain.errors import AmbiguousIdError, NotFoundError

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 12
SHORT_LENGTH = 6


def new_id() -> str:
    import secrets  # when the first id is made, not when the app opens

    return "".join(secrets.choice(ALPHABET) for _ in range(ID_LENGTH))


_ID_CHARS = frozenset(ALPHABET)

DatedKind = Literal["day", "journal"]
DATED_KINDS: tuple[DatedKind, ...] = ("day", "journal")


def _derived(text: str) -> str:
    import hashlib  # when the first derived id is made, not when the app opens

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:ID_LENGTH])


def date_id(kind: DatedKind, day: date) -> str:
    """The id of the one record of ``kind`` (a Day: "day", a JournalEntry: "journal") that
    stands for ``day``: the same on every machine, and different for the other kind."""
    if kind not in DATED_KINDS:
        raise ValueError(f"not a kind of dated record: {kind!r}")
    return _derived(f"planner-date:{kind}:{day.isoformat()}")


def ref_id(source: str, external_ref: str, taken: Container[str] = ()) -> str:
    """The id of the record imported from ``source`` (an importer's name, "todotxt") with
    ``external_ref``: importing the same file on two machines makes one record.

    ``taken``: ids already in use (a record imported earlier whose ref has since changed may
    hold this one); the next candidate of a fixed sequence is then used.
    """
    return _first_free(f"planner-ref:{source}:{external_ref}", taken)


def successor_id(predecessor: str, taken: Container[str] = ()) -> str:
    """The id of the next occurrence of the recurring task ``predecessor``.

    Completing the same task on two machines makes the same next occurrence. When the first
    candidate is ``taken`` (the task was reopened and completed again, and its first next
    occurrence still exists), the next candidate of a fixed sequence is used, so both
    machines again agree.
    """
    return _first_free(f"planner-next:{predecessor}", taken)


def _first_free(text: str, taken: Container[str]) -> str:
    candidate = _derived(text)
    number = 1
    while candidate in taken:
        number += 1
        candidate = _derived(f"{text}#{number}")
    return candidate


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
