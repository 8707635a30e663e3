"""The recovery key as written down and typed back."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.crypto.errors import WrongRecoveryKey
from data.crypto.recovery import (
    SECRET_LENGTH,
    format_recovery_key,
    new_recovery_secret,
    parse_recovery_key,
)


def test_it_is_eight_groups_of_four() -> None:
    shown = format_recovery_key(new_recovery_secret())
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}", shown)


@given(st.binary(min_size=SECRET_LENGTH, max_size=SECRET_LENGTH))
def test_typing_it_back_forgives_case_spaces_and_dashes(secret: bytes) -> None:
    shown = format_recovery_key(secret)
    assert parse_recovery_key(shown) == secret
    assert parse_recovery_key(" " + shown.lower().replace("-", "  ") + "\n") == secret
    assert parse_recovery_key(shown.replace("O", "0").replace("I", "1")) == secret


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH", "ABCD-" * 8 + "ABCD", "9" * 32])
def test_what_cannot_be_a_recovery_key_is_named(typed: str) -> None:
    with pytest.raises(WrongRecoveryKey, match="the recovery key: is not one"):
        parse_recovery_key(typed)


@given(st.text(max_size=60))
def test_any_text_parses_or_raises_the_recovery_error(typed: str) -> None:
    try:
        secret = parse_recovery_key(typed)
    except WrongRecoveryKey:
        return
    assert len(secret) == SECRET_LENGTH
