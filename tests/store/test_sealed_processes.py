"""The kill storm of ``test_processes`` on an encrypted data folder: SIGKILL never breaks a
sealed file or loses an acknowledged write, and no writer ever leaves plain text behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from data.crypto.folder import encrypt_folder
from data.crypto.kdf import TEST_KDF_VARIABLE
from data.crypto.keyfile import unlock_folder
from data.files import sealing
from data.store import FileStore
from tests.store.conftest import START
from tests.store.test_processes import kill_storm
from tests.store.writer_child import PASSPHRASE_VARIABLE

PASSPHRASE = "风暴 storm"


def test_sigkill_at_random_moments_on_an_encrypted_store(
    data_dir: Path, open_store: Callable[[], FileStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TEST_KDF_VARIABLE, "fast")
    open_store()
    encrypt_folder(data_dir, PASSPHRASE, created=START)
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    kill_storm(data_dir, unlock_folder(data_dir, PASSPHRASE))
    written = "写入".encode()  # every task title the writers add starts so
    leaks = [p for p in data_dir.rglob("*") if p.is_file() and written in p.read_bytes()]
    assert not leaks
    sealed = [
        p
        for p in data_dir.rglob("*.json")
        if p.is_file() and sealing.role_of(p.relative_to(data_dir).as_posix())
    ]
    assert sealed and all(sealing.looks_sealed(p.read_bytes()) for p in sealed)
