"""The tiny Argon2id cost is for tests only, and the header's parameters rule reading."""

from __future__ import annotations

import unicodedata

import pytest

from data.crypto.kdf import (
    REAL_COST,
    TEST_COST,
    TEST_KDF_VARIABLE,
    KdfParams,
    current_cost,
)


def test_the_test_hook_is_obeyed_under_pytest_only(monkeypatch: pytest.MonkeyPatch) -> None:
    assert current_cost() == TEST_COST
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    assert current_cost() == REAL_COST


def test_without_the_hook_new_keys_get_the_real_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TEST_KDF_VARIABLE)
    assert current_cost() == REAL_COST
    monkeypatch.setenv(TEST_KDF_VARIABLE, "slow")
    assert current_cost() == REAL_COST


def test_the_real_cost_is_at_least_rfc_9106s_second_choice_in_memory() -> None:
    """RFC 9106 section 4 suggests 64 MiB when memory is constrained; never below."""
    assert REAL_COST.memory_kib >= 64 * 1024 and REAL_COST.iterations >= 3


def test_derivation_depends_on_salt_and_normalises_the_passphrase() -> None:
    params = KdfParams.fresh(TEST_COST)
    other = KdfParams.fresh(TEST_COST)
    word = "Ångström"
    assert params.derive(word) == params.derive(unicodedata.normalize("NFD", word))
    assert params.derive(word) != other.derive(word)
    assert params.derive(word) != params.derive(word.lower())
    assert len(params.derive(word)) == 32
