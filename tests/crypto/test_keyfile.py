"""keys.json: unlock, recovery, a new passphrase rewraps only, written before any use."""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.crypto import keyfile as keyfile_module
from data.crypto.errors import KeyFileError, WrongPassphrase, WrongRecoveryKey
from data.crypto.kdf import TEST_COST, KdfParams
from data.crypto.keyfile import (
    KEYS_FILE,
    KeyFile,
    change_passphrase,
    establish,
    load_keyfile,
    read_keyfile,
    recover,
    unlock,
    unlock_folder,
    unlock_with_recovery,
)
from data.crypto.seal import FileRole
from data.files.atomic import write_atomic
from planner.domain.errors import DataError

ROLE = FileRole("tasks/open.json", "open_tasks")
PASS = "correct horse 电池 staple"
WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_establish_then_unlock_gives_the_same_keys(tmp_path: Path) -> None:
    made = establish(tmp_path, PASS, created=WHEN, stamp="s1")
    keys = unlock_folder(tmp_path, PASS)
    assert keys == made.keys
    blob = made.keys.sealer().seal_file(b"secret words", ROLE)
    assert keys.sealer().open_file(blob, ROLE) == b"secret words"
    written = json.loads((tmp_path / KEYS_FILE).read_text())
    assert written["format"] == "planner-keys" and written["version"] == 1
    assert written["created"] == WHEN.isoformat() and written["stamp"] == "s1"
    assert written["kdf"]["name"] == "argon2id"
    assert written["kdf"]["memory_kib"] == TEST_COST.memory_kib
    assert oct((tmp_path / KEYS_FILE).stat().st_mode & 0o777) == "0o600"


def test_the_key_file_holds_no_secret_in_the_clear(tmp_path: Path) -> None:
    made = establish(tmp_path, PASS, created=WHEN)
    raw = (tmp_path / KEYS_FILE).read_bytes()
    from data.crypto.codec import b64encode

    for secret in (made.keys.data_key.secret, made.keys.inbox_private):
        assert secret not in raw and b64encode(secret).encode() not in raw
    assert PASS.encode() not in raw
    assert made.recovery_key.encode() not in raw
    assert "secret" not in repr(made) and str(made.keys.data_key.secret) not in repr(made)


def test_a_wrong_passphrase_raises_its_error_and_writes_nothing(tmp_path: Path) -> None:
    establish(tmp_path, PASS, created=WHEN)
    before = snapshot(tmp_path)
    with pytest.raises(WrongPassphrase) as caught:
        unlock_folder(tmp_path, "correct horse 电池 stapler")
    assert isinstance(caught.value, DataError)
    assert "passphrase is wrong" in str(caught.value)
    with pytest.raises(WrongPassphrase):
        change_passphrase(tmp_path, "not it", "new one")
    assert snapshot(tmp_path) == before


def test_nfc_a_decomposed_passphrase_equals_the_composed_one(tmp_path: Path) -> None:
    composed = "Café 東京 Ångström"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    establish(tmp_path, decomposed, created=WHEN)
    assert unlock_folder(tmp_path, composed) == unlock_folder(tmp_path, decomposed)


def test_the_recovery_key_unwraps_and_sets_a_new_passphrase(tmp_path: Path) -> None:
    made = establish(tmp_path, PASS, created=WHEN)
    keyfile = load_keyfile(tmp_path)
    assert unlock_with_recovery(keyfile, made.recovery_key) == made.keys
    typed = made.recovery_key.lower().replace("-", " ")
    assert unlock_with_recovery(keyfile, typed) == made.keys
    keys = recover(tmp_path, made.recovery_key, "a new passphrase", stamp="s2")
    assert keys == made.keys
    assert unlock_folder(tmp_path, "a new passphrase") == made.keys
    with pytest.raises(WrongPassphrase):
        unlock_folder(tmp_path, PASS)
    assert unlock_with_recovery(load_keyfile(tmp_path), made.recovery_key) == made.keys


def test_a_wrong_recovery_key_writes_nothing(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    made = establish(mine, PASS, created=WHEN)
    other = establish(theirs, PASS, created=WHEN)
    before = snapshot(mine)
    with pytest.raises(WrongRecoveryKey):
        recover(mine, other.recovery_key, "new")
    with pytest.raises(WrongRecoveryKey, match="not one"):
        recover(mine, made.recovery_key[:-1], "new")
    assert snapshot(mine) == before


def test_a_new_passphrase_rewraps_only(tmp_path: Path) -> None:
    made = establish(tmp_path, PASS, created=WHEN, stamp="s1")
    sealed = made.keys.sealer().seal_file(b"sealed before", ROLE)
    old = load_keyfile(tmp_path)
    new = change_passphrase(tmp_path, PASS, "another passphrase", stamp="s2")
    assert new.key_id == old.key_id and new.stamp == "s2"
    assert new.passphrase != old.passphrase and new.kdf.salt != old.kdf.salt
    assert (new.recovery, new.inbox_public, new.inbox_private) == (
        old.recovery,
        old.inbox_public,
        old.inbox_private,
    )
    keys = unlock_folder(tmp_path, "another passphrase")
    assert keys.data_key == made.keys.data_key
    assert keys.sealer().open_file(sealed, ROLE) == b"sealed before"
    with pytest.raises(WrongPassphrase):
        unlock_folder(tmp_path, PASS)


def test_the_key_file_is_written_durably_before_the_keys_are_handed_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order the issue asks for: nothing is sealed under a key not first kept on disk."""
    events: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def recording_write(path: Path, data: bytes | str) -> os.stat_result:
        events.append(f"write {path.name}")
        result = write_atomic(path, data)
        events.append(f"written {path.name}")
        return result

    monkeypatch.setattr(keyfile_module, "write_atomic", recording_write)
    monkeypatch.setattr(os, "fsync", recording_fsync)
    made = establish(tmp_path, PASS, created=WHEN)
    events.append("keys handed out")
    assert events[0] == "write keys.json" and events[-1] == "keys handed out"
    assert events[-2] == "written keys.json"
    assert events.count("fsync") >= 2  # the file, then its folder
    assert unlock_folder(tmp_path, PASS) == made.keys


def test_a_key_file_that_cannot_be_written_hands_out_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_write(path: Path, data: bytes | str) -> os.stat_result:
        raise OSError(28, "No space left on device")

    folder = tmp_path / "store"
    folder.mkdir()
    monkeypatch.setattr(keyfile_module, "write_atomic", failing_write)
    with pytest.raises(OSError, match="No space"):
        establish(folder, PASS, created=WHEN)
    assert list(folder.iterdir()) == []


def test_establish_refuses_to_replace_a_key_file_unless_asked(tmp_path: Path) -> None:
    first = establish(tmp_path, PASS, created=WHEN)
    with pytest.raises(KeyFileError, match="already"):
        establish(tmp_path, PASS, created=WHEN)
    assert unlock_folder(tmp_path, PASS) == first.keys
    second = establish(tmp_path, PASS, created=WHEN, replace=True)
    assert second.keys.data_key.key_id != first.keys.data_key.key_id
    assert unlock_folder(tmp_path, PASS) == second.keys


def test_a_plain_folder_has_no_key_file(tmp_path: Path) -> None:
    assert read_keyfile(tmp_path) is None
    with pytest.raises(KeyFileError, match="missing"):
        load_keyfile(tmp_path)


def test_a_swapped_inbox_public_key_is_refused_at_unlock(tmp_path: Path) -> None:
    establish(tmp_path, PASS, created=WHEN)
    (tmp_path / "other").mkdir()
    establish(tmp_path / "other", PASS, created=WHEN)
    raw = json.loads((tmp_path / KEYS_FILE).read_text())
    raw["inbox"]["public"] = json.loads((tmp_path / "other" / KEYS_FILE).read_text())["inbox"][
        "public"
    ]
    (tmp_path / KEYS_FILE).write_text(json.dumps(raw))
    with pytest.raises(KeyFileError, match="inbox key"):
        unlock_folder(tmp_path, PASS)


def test_header_parameters_are_used_for_reading(tmp_path: Path) -> None:
    """A key file made at one cost opens whatever the current cost: the header rules."""
    from data.crypto.kdf import KdfCost

    made = establish(tmp_path, PASS, created=WHEN, cost=KdfCost(16, 2, 2))
    keyfile = load_keyfile(tmp_path)
    assert (keyfile.kdf.memory_kib, keyfile.kdf.iterations, keyfile.kdf.lanes) == (16, 2, 2)
    assert unlock(keyfile, PASS) == made.keys


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw.update(format="other"), "not a planner key file"),
        (lambda raw: raw.update(version=2), "version 2"),
        (lambda raw: raw["kdf"].update(name="scrypt"), "key derivation"),
        (lambda raw: raw["kdf"].update(memory_kib=2**40), "memory_kib"),
        (lambda raw: raw["kdf"].update(iterations=0), "iterations"),
        (lambda raw: raw["kdf"].update(salt="!!"), "salt"),
        (lambda raw: raw["wrapped"].pop("passphrase"), "passphrase slot"),
        (lambda raw: raw["wrapped"]["recovery"].update(nonce="AAAA"), "recovery slot"),
        (lambda raw: raw["inbox"].update(suite="rsa"), "inbox cipher"),
        (lambda raw: raw["wrapped"]["recovery"].update(salt="AAAA"), "recovery salt"),
        (lambda raw: raw.update(created=None), "created"),
    ],
)
def test_a_damaged_key_file_is_named(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    establish(tmp_path, PASS, created=WHEN)
    raw = json.loads((tmp_path / KEYS_FILE).read_text())
    change(raw)
    with pytest.raises(KeyFileError, match=message):
        KeyFile.from_json(json.dumps(raw).encode())


@given(st.binary(max_size=300))
def test_garbage_key_files_raise_only_the_key_file_error(raw: bytes) -> None:
    with pytest.raises(KeyFileError):
        KeyFile.from_json(raw)


def test_kdf_params_round_trip_through_json() -> None:
    params = KdfParams.fresh(TEST_COST)
    assert KdfParams.from_json(params.to_json()) == params
