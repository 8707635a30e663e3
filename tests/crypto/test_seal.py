"""Sealed files and sync values: round trips, and every alteration or move refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.crypto.datakey import DataKey
from data.crypto.errors import (
    CryptoError,
    EnvelopeFormatError,
    SealBroken,
    SealedWithOtherKey,
)
from data.crypto.seal import (
    HEADER_LENGTH,
    MAGIC,
    MIN_LENGTH,
    FileRole,
    Sealer,
    ValueBinding,
    looks_sealed,
    parse_envelope,
)
from planner.domain.errors import DataError

KEY = DataKey.generate()
SEALER = Sealer(KEY)
ROLE = FileRole("journal/2025.json", "journal")
BINDING = ValueBinding("k3f9a2b7c1d0", "title", "0001764000000000-0000-laptop")
TEXT = "会议纪要 board minutes 严格保守各项机密".encode()


def test_a_file_round_trips_and_hides_its_text() -> None:
    blob = SEALER.seal_file(TEXT, ROLE)
    assert looks_sealed(blob)
    assert TEXT not in blob and "会议".encode() not in blob
    assert SEALER.open_file(blob, ROLE) == TEXT
    assert Sealer(DataKey(KEY.key_id, KEY.secret)).open_file(blob, ROLE) == TEXT


def test_a_value_round_trips_as_ascii_text() -> None:
    text = SEALER.seal_value(b'"Call the minister"', BINDING)
    assert text.isascii() and "minister" not in text
    assert SEALER.open_value(text, BINDING) == b'"Call the minister"'


def test_the_same_plaintext_seals_differently_each_time() -> None:
    assert SEALER.seal_file(TEXT, ROLE) != SEALER.seal_file(TEXT, ROLE)


def test_empty_content_round_trips() -> None:
    assert SEALER.open_file(SEALER.seal_file(b"", ROLE), ROLE) == b""
    assert SEALER.open_value(SEALER.seal_value(b"", BINDING), BINDING) == b""


def test_flipping_any_byte_of_an_envelope_fails() -> None:
    blob = SEALER.seal_file(TEXT, ROLE)
    for index in range(len(blob)):
        for flip in (0x01, 0x80):
            altered = bytearray(blob)
            altered[index] ^= flip
            with pytest.raises((EnvelopeFormatError, SealBroken)):
                SEALER.open_file(bytes(altered), ROLE)


def test_truncating_or_extending_an_envelope_fails() -> None:
    blob = SEALER.seal_file(TEXT, ROLE)
    for cut in range(len(blob)):
        with pytest.raises((EnvelopeFormatError, SealBroken)):
            SEALER.open_file(blob[:cut], ROLE)
    with pytest.raises(SealBroken):
        SEALER.open_file(blob + b"\x00", ROLE)


@pytest.mark.parametrize(
    "other",
    [
        FileRole("journal/2024.json", "journal"),
        FileRole("journal/2025.json", "days"),
        FileRole("backups/2026-11-23/journal/2025.json", "journal"),
    ],
)
def test_a_file_moved_to_another_role_fails(other: FileRole) -> None:
    with pytest.raises(SealBroken):
        SEALER.open_file(SEALER.seal_file(TEXT, ROLE), other)


@pytest.mark.parametrize(
    "other",
    [
        ValueBinding("k3f9a2b7c1d1", "title", BINDING.stamp),
        ValueBinding(BINDING.record_id, "notes", BINDING.stamp),
        ValueBinding(BINDING.record_id, "title", "0001764000000001-0000-laptop"),
    ],
)
def test_a_value_moved_to_another_record_field_or_stamp_fails(other: ValueBinding) -> None:
    with pytest.raises(SealBroken):
        SEALER.open_value(SEALER.seal_value(b'"x"', BINDING), other)


def test_a_value_is_not_a_file_and_a_file_not_a_value() -> None:
    """The kinds are bound too: a path and kind cannot pose as a record, field and stamp."""
    from data.crypto.codec import b64decode, b64encode

    as_file = FileRole("k3f9a2b7c1d0", "title")
    value_blob = b64decode(SEALER.seal_value(b"v", BINDING))
    with pytest.raises(SealBroken):
        SEALER.open_file(value_blob, as_file)
    with pytest.raises(SealBroken):
        SEALER.open_value(b64encode(SEALER.seal_file(b"v", as_file)), BINDING)


def test_another_data_key_is_told_apart_from_tampering() -> None:
    blob = SEALER.seal_file(TEXT, ROLE)
    with pytest.raises(SealedWithOtherKey):
        Sealer(DataKey.generate()).open_file(blob, ROLE)
    same_id_other_secret = Sealer(DataKey(KEY.key_id, DataKey.generate().secret))
    with pytest.raises(SealBroken) as caught:
        same_id_other_secret.open_file(blob, ROLE)
    assert type(caught.value) is SealBroken


def test_errors_are_data_errors_naming_the_file() -> None:
    """The CLI maps a DataError to exit 3 with one line."""
    with pytest.raises(DataError, match=r"journal/2024\.json"):
        SEALER.open_file(SEALER.seal_file(TEXT, ROLE), FileRole("journal/2024.json", "journal"))


def test_a_plain_json_file_is_not_sealed() -> None:
    assert not looks_sealed(b'{"_meta": {}}')
    with pytest.raises(EnvelopeFormatError, match="not sealed"):
        parse_envelope(b'{"_meta": {}}')


def test_an_unknown_version_is_named() -> None:
    blob = bytearray(SEALER.seal_file(TEXT, ROLE))
    blob[len(MAGIC)] = 2
    with pytest.raises(EnvelopeFormatError, match="format 2"):
        parse_envelope(bytes(blob))


@given(st.binary(max_size=200))
def test_the_parser_raises_only_its_format_error(blob: bytes) -> None:
    try:
        envelope = parse_envelope(blob)
    except EnvelopeFormatError:
        return
    assert len(blob) >= MIN_LENGTH and envelope.header == blob[:HEADER_LENGTH]


@given(st.binary(max_size=120).map(lambda tail: MAGIC + b"\x01" + tail))
def test_envelope_shaped_garbage_raises_only_the_format_or_seal_error(blob: bytes) -> None:
    with pytest.raises((EnvelopeFormatError, SealBroken)):
        SEALER.open_file(blob, ROLE)


@given(st.text(max_size=120))
def test_garbage_value_text_raises_only_crypto_errors(text: str) -> None:
    with pytest.raises(CryptoError):
        SEALER.open_value(text, BINDING)


@given(st.binary(max_size=2000), st.text(max_size=40), st.text(max_size=20))
def test_any_content_round_trips_under_any_role(content: bytes, path: str, kind: str) -> None:
    role = FileRole(path, kind)
    assert SEALER.open_file(SEALER.seal_file(content, role), role) == content


@given(
    st.lists(st.text(max_size=8), max_size=4),
    st.lists(st.text(max_size=8), max_size=4),
)
def test_associated_data_of_different_parts_never_encodes_alike(
    first: list[str], second: list[str]
) -> None:
    """Length prefixes: ("ab", "c") and ("a", "bc") are different contexts."""
    from data.crypto.aead import associated_data

    same = associated_data("label", *first) == associated_data("label", *second)
    assert same == (first == second)
