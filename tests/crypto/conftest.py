"""The crypto tests derive keys with Argon2id's smallest cost (``data.crypto.kdf``'s test
hook, obeyed only under pytest); ``test_kdf_cost`` checks the hook and the real cost."""

from __future__ import annotations

import pytest

from data.crypto.kdf import TEST_KDF_VARIABLE


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_KDF_VARIABLE, "fast")
