"""planner encrypt / decrypt / passphrase / rekey through the CLI: the recovery key shown
once, a wrong passphrase exits 3 in one line and writes nothing, decrypt says it writes
plain text again and gives back the same records, doctor on an encrypted folder, and the
words in Chinese."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from cli_calls import call

from data.crypto.kdf import TEST_KDF_VARIABLE
from data.files import sealing

PASS = "旧口令 old words"
NEW_PASS = "新口令 new words"
RECOVERY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_KDF_VARIABLE, "fast")


@pytest.fixture
def root() -> Path:
    folder = Path(os.environ["PLANNER_DATA_DIR"])
    assert call("add", "Qzsecret 机密的任务 tomorrow")[0] == 0
    assert call("journal", "Qzdiary 日记内容")[0] == 0
    return folder


def give(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / f"pass-{abs(hash(passphrase))}.txt"
    path.write_text(passphrase + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(path))


def every_byte(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def listing() -> list[dict[str, object]]:
    code, out, err = call("list", "--all", "--json")
    assert code == 0, err
    tasks: list[dict[str, object]] = json.loads(out)
    return tasks


def encrypt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    give(monkeypatch, tmp_path, PASS)
    code, out, err = call("encrypt")
    assert code == 0, err
    return out


def test_encrypt_shows_the_recovery_key_once_and_seals_the_words(
    root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = listing()
    out = encrypt(monkeypatch, tmp_path)
    assert len(RECOVERY.findall(out)) == 1
    assert "Encrypted" in out
    assert sealing.is_sealed(sealing.meta_document(root))
    for raw in every_byte(root).values():
        assert b"Qzsecret" not in raw and "日记内容".encode() not in raw
    assert listing() == before
    code, out, _err = call("encrypt")
    assert code == 3 and "encrypted already" in _err

    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    code, out, err = call("list")
    assert code == 3 and out == ""
    assert len(err.strip().splitlines()) == 1 and "locked" in err


def test_a_wrong_passphrase_exits_3_in_one_line_and_writes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    encrypt(monkeypatch, tmp_path)
    sealing.forget(root)
    before = every_byte(root)
    give(monkeypatch, tmp_path, "wrong words")
    for command in (
        ["list"],
        ["add", "another task"],
        ["done", "x"],
        ["decrypt"],
        ["passphrase"],
        ["rekey"],
        ["doctor"],
        ["doctor", "--repair"],
    ):
        code, out, err = call(*command)
        assert code == 3, (command, out, err)
        assert len(err.strip().splitlines()) == 1 and "passphrase is wrong" in err, command
    assert every_byte(root) == before


def test_decrypt_says_it_writes_plain_text_and_gives_back_the_same_records(
    root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = listing()
    encrypt(monkeypatch, tmp_path)
    assert call("add", "Qzlater 加密后的任务")[0] == 0
    after_encrypt = listing()
    code, out, err = call("decrypt")
    assert code == 0, err
    assert "plain text again" in err and "Decrypted" in out
    assert not (root / "keys.json").exists()
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    assert listing() == after_encrypt
    assert {t["id"] for t in before} < {t["id"] for t in after_encrypt}
    assert any(b"Qzlater" in raw for raw in every_byte(root).values())


def test_passphrase_rewraps_only_and_rekey_reseals(
    root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    encrypt(monkeypatch, tmp_path)
    before = listing()
    sealed = (root / "tasks" / "open.json").read_bytes()
    code, _out, err = call("passphrase")  # no terminal, and no new passphrase given
    assert code == 3 and "PLANNER_NEW_PASSPHRASE_FILE" in err
    new = tmp_path / "new.txt"
    new.write_text(NEW_PASS + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_NEW_PASSPHRASE_FILE", str(new))
    code, out, err = call("passphrase")
    assert code == 0, err
    assert (root / "tasks" / "open.json").read_bytes() == sealed  # nothing re-encrypted
    code, _out, err = call("list")
    assert code == 3 and "passphrase is wrong" in err
    give(monkeypatch, tmp_path, NEW_PASS)
    assert listing() == before

    code, out, err = call("rekey")
    assert code == 0, err
    assert len(RECOVERY.findall(out)) == 1
    assert (root / "tasks" / "open.json").read_bytes()[5:13] != sealed[5:13]  # the key id
    assert listing() == before


def test_doctor_checks_an_encrypted_folder_with_its_passphrase(
    root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    encrypt(monkeypatch, tmp_path)
    code, out, err = call("doctor")
    assert code == 0, (out, err)
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    sealing.forget(root)
    code, out, err = call("doctor")
    assert code == 3 and "locked" in err and out == ""


def test_the_words_in_chinese(root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    give(monkeypatch, tmp_path, PASS)
    code, out, err = call("--lang", "zh", "encrypt")
    assert code == 0, err
    assert "恢复密钥" in out and "已加密" in out and len(RECOVERY.findall(out)) == 1
    code, out, err = call("--lang", "zh", "decrypt")
    assert code == 0, err
    assert "明文" in err and "已解密" in out
