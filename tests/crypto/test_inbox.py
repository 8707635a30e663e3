"""The sealed inbox: adds while locked need no secret; only the unlocked store reads them."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.crypto import inbox
from data.crypto.errors import EnvelopeFormatError, SealBroken, SealedWithOtherKey
from data.crypto.keyfile import establish, load_keyfile, unlock_folder

WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))
PASS = "inbox passphrase"


def make_store(folder: Path) -> Path:
    folder.mkdir()
    establish(folder, PASS, created=WHEN)
    return folder


def test_posted_records_are_opened_in_order_and_removed_when_done(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    keyfile = load_keyfile(store)
    first = inbox.post(store, keyfile, "k3f9a2b7c1d0", "给部长回电 call back".encode())
    second = inbox.post(store, keyfile, "m4x8b2c7d1e0", b"second")
    os.utime(first, ns=(1, 1))  # the first added is the oldest, whatever the names
    assert "部长".encode() not in first.read_bytes()
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    keys = unlock_folder(store, PASS)
    items = inbox.open_all(store, keys)
    assert [(item.name, item.payload) for item in items] == [
        ("k3f9a2b7c1d0", "给部长回电 call back".encode()),
        ("m4x8b2c7d1e0", b"second"),
    ]
    assert items[1].path == second
    for item in items:
        inbox.done(item)
    assert inbox.pending(store) == []
    assert inbox.open_all(store, keys) == []


def test_a_store_without_an_inbox_has_nothing_pending(tmp_path: Path) -> None:
    assert inbox.pending(tmp_path / "nowhere") == []


def test_a_name_is_not_posted_twice(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    inbox.post(store, load_keyfile(store), "same", b"one")
    with pytest.raises(FileExistsError):
        inbox.post(store, load_keyfile(store), "same", b"two")


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "x" * 65, "dot.name"])
def test_names_that_could_leave_the_inbox_are_refused(tmp_path: Path, name: str) -> None:
    store = make_store(tmp_path / "store")
    with pytest.raises(ValueError, match="inbox name"):
        inbox.post(store, load_keyfile(store), name, b"x")


def test_a_renamed_record_does_not_open(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    path = inbox.post(store, load_keyfile(store), "original", b"payload")
    path.rename(path.with_name("renamed.sealed"))
    with pytest.raises(SealBroken):
        inbox.open_all(store, unlock_folder(store, PASS))


def test_a_record_for_another_store_does_not_open(tmp_path: Path) -> None:
    store, other = make_store(tmp_path / "store"), make_store(tmp_path / "other")
    blob = inbox.seal_to(load_keyfile(other).inbox_public, load_keyfile(other).key_id, "n", b"x")
    keys = unlock_folder(store, PASS)
    with pytest.raises(SealedWithOtherKey):
        inbox.open_sealed(keys.inbox_private, keys.data_key.key_id, "n", blob)
    same_id = load_keyfile(store).key_id
    forged = blob[: len(inbox.MAGIC) + 1] + same_id + blob[len(inbox.MAGIC) + 9 :]
    with pytest.raises(SealBroken):
        inbox.open_sealed(keys.inbox_private, same_id, "n", forged)


def test_flipping_any_byte_of_a_sealed_record_fails(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    keyfile = load_keyfile(store)
    keys = unlock_folder(store, PASS)
    blob = inbox.seal_to(keyfile.inbox_public, keyfile.key_id, "n", b"sealed add")
    for index in range(len(blob)):
        altered = bytearray(blob)
        altered[index] ^= 0x01
        with pytest.raises((EnvelopeFormatError, SealBroken)):
            inbox.open_sealed(keys.inbox_private, keyfile.key_id, "n", bytes(altered))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=120))
def test_garbage_raises_only_the_format_or_seal_error(blob: bytes) -> None:
    key_id = bytes(8)
    private, _ = inbox.new_keypair()
    for candidate in (blob, inbox.MAGIC + b"\x01" + key_id + blob):
        with pytest.raises((EnvelopeFormatError, SealBroken)):
            inbox.open_sealed(private, key_id, "n", candidate)
