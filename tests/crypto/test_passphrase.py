"""Where a passphrase comes from: a file, a descriptor, the terminal; never argv."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from data.crypto.errors import PassphraseRefused, PassphraseUnavailable
from data.crypto.passphrase import FD_VARIABLE, FILE_VARIABLE, Prompts, read_passphrase

PROMPTS = Prompts(enter="Passphrase: ", again="Again: ")
COMPOSED = "Café 東京"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def answers(*typed: str) -> tuple[list[str], Callable[[str], str]]:
    asked: list[str] = []
    queue: Iterator[str] = iter(typed)

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(queue)

    return asked, ask


def test_the_first_line_of_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "pass"
    path.write_bytes(("\ufeff" + DECOMPOSED + "\r\nsecond line\n").encode())
    found = read_passphrase(PROMPTS, environ={FILE_VARIABLE: str(path)})
    assert found == COMPOSED


def test_a_file_without_a_newline_is_its_whole_text(tmp_path: Path) -> None:
    path = tmp_path / "pass"
    path.write_text("  spaces kept  ")
    assert read_passphrase(PROMPTS, environ={FILE_VARIABLE: str(path)}) == "  spaces kept  "


def test_the_first_line_of_a_descriptor() -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, (DECOMPOSED + "\nnot this\n").encode())
        os.close(write_end)
        found = read_passphrase(PROMPTS, new=True, environ={FD_VARIABLE: str(read_end)})
        assert found == COMPOSED
    finally:
        os.close(read_end)


def test_the_file_comes_before_the_descriptor(tmp_path: Path) -> None:
    path = tmp_path / "pass"
    path.write_text("from file\n")
    env = {FILE_VARIABLE: str(path), FD_VARIABLE: "not read"}
    assert read_passphrase(PROMPTS, environ=env) == "from file"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({FILE_VARIABLE: "/nonexistent/pass"}, "cannot be read"),
        ({FD_VARIABLE: "three"}, "not a file descriptor"),
        ({FD_VARIABLE: "987"}, "cannot be read"),
    ],
)
def test_an_unusable_source_is_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(PassphraseUnavailable, match=message):
        read_passphrase(PROMPTS, environ=env, interactive=True)


@pytest.mark.parametrize("content", [b"", b"\n", b"\xff\xfe\n"])
def test_an_empty_or_undecodable_first_line_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "pass"
    path.write_bytes(content)
    with pytest.raises(PassphraseUnavailable, match=FILE_VARIABLE):
        read_passphrase(PROMPTS, environ={FILE_VARIABLE: str(path)})


def test_without_a_source_or_terminal_it_says_how_to_give_one() -> None:
    with pytest.raises(PassphraseUnavailable, match=FD_VARIABLE):
        read_passphrase(PROMPTS, environ={}, interactive=False)


def test_the_terminal_asks_once_for_an_existing_passphrase() -> None:
    asked, ask = answers(DECOMPOSED)
    found = read_passphrase(PROMPTS, environ={}, ask=ask, interactive=True)
    assert found == COMPOSED and asked == ["Passphrase: "]


def test_the_terminal_asks_twice_for_a_new_one_comparing_after_nfc() -> None:
    asked, ask = answers(DECOMPOSED, COMPOSED)
    found = read_passphrase(PROMPTS, new=True, environ={}, ask=ask, interactive=True)
    assert found == COMPOSED and asked == ["Passphrase: ", "Again: "]


@pytest.mark.parametrize(("typed", "message"), [(("a", "b"), "differ"), (("",), "empty")])
def test_a_new_passphrase_mistyped_or_empty_is_refused(
    typed: tuple[str, ...], message: str
) -> None:
    _, ask = answers(*typed)
    with pytest.raises(PassphraseRefused, match=message):
        read_passphrase(PROMPTS, new=True, environ={}, ask=ask, interactive=True)
