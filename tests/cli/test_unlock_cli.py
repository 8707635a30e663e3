"""planner unlock / lock and the sealed add on an encrypted folder, through the CLI: the
order obtain_keys tries, the agent fed and ended, the keyring opt-in with a stand-in
backend, and a sealed add taken in exactly once (even after a take-in killed midway)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call

from data.crypto import inbox
from data.crypto.errors import Locked, WrongPassphrase
from data.crypto.folder import encrypt_folder
from data.crypto.kdf import TEST_KDF_VARIABLE
from planner.i18n.translate import set_language
from planner.shell import agent_client, keyring_keys
from planner.shell.keys import KeyStatus, key_status, obtain_keys

PASS = "correct horse 马"


class FakeKeyring:
    """A keyring backend in memory, standing in for the system's."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.items[(service, username)]


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_KDF_VARIABLE, "fast")


@pytest.fixture
def root() -> Iterator[Path]:
    """An encrypted data folder with one task; any agent a test started is ended."""
    folder = Path(os.environ["PLANNER_DATA_DIR"])
    assert call("add", "plain before encryption")[0] == 0
    encrypt_folder(folder, PASS, created=MONDAY)
    yield folder
    answer = agent_client.ping()
    if answer is not None:
        agent_client.lock()
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(answer["pid"]), signal.SIGTERM)


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASS + "\n", encoding="utf-8")
    return path


def test_a_plain_folder_has_no_keys(tmp_path: Path) -> None:
    assert obtain_keys(tmp_path, interactive=True) is None
    assert key_status(tmp_path) == KeyStatus(encrypted=False, agent=False, keyring=False)


def test_obtain_keys_tries_agent_keyring_passphrase_terminal_in_order(
    root: Path, passfile: Path, tmp_path: Path
) -> None:
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return PASS

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it\n", encoding="utf-8")
    # nothing at hand: Locked, interactive or not when no terminal answers
    with pytest.raises(Locked):
        obtain_keys(root, interactive=False, environ={})
    # the terminal, when interactive
    keys = obtain_keys(root, interactive=True, environ={}, ask=ask)
    assert keys is not None and asked == ["Passphrase: "]
    # the passphrase file comes before the terminal (a wrong one is refused, not retried)
    with pytest.raises(WrongPassphrase):
        obtain_keys(root, interactive=True, environ={"PLANNER_PASSPHRASE_FILE": str(wrong)})
    assert (
        obtain_keys(root, interactive=False, environ={"PLANNER_PASSPHRASE_FILE": str(passfile)})
        == keys
    )
    # the keyring (opted in) comes before the passphrase sources
    backend = FakeKeyring()
    keyring_keys.store(root, keys, backend)
    env = {"PLANNER_PASSPHRASE_FILE": str(wrong)}
    assert obtain_keys(root, interactive=False, environ=env, keyring_backend=backend) == keys
    assert key_status(root) == KeyStatus(encrypted=True, agent=False, keyring=True)
    assert keyring_keys.forget(root, backend) and not backend.items
    assert key_status(root).keyring is False
    # the agent comes first of all
    agent_client.hand_keys(keys, 60)
    assert obtain_keys(root, interactive=False, environ=env) == keys
    assert key_status(root) == KeyStatus(encrypted=True, agent=True, keyring=False)
    assert agent_client.lock()
    with pytest.raises(WrongPassphrase):
        obtain_keys(root, interactive=False, environ=env)


def test_unlock_then_commands_need_no_passphrase_and_lock_ends_it(
    root: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = call("list")
    assert code == 3
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))
    code, out, err = call("unlock", "--minutes", "5")
    assert code == 0 and "Unlocked for 5 min" in out, err
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    code, out, _ = call("list")
    assert code == 0 and "plain before encryption" in out
    assert call("lock")[1] == "Locked: the agent forgot the key.\n"
    assert call("list")[0] == 3
    assert call("lock")[1].startswith("No agent")
    code, _, err = call("unlock", "--minutes", "0")
    assert code == 1 and "--minutes" in err


def test_unlock_in_chinese_and_no_keyring_said_plainly(
    root: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))

    def none() -> keyring_keys.KeyringBackend:
        raise keyring_keys.NoKeyring("no-backend")

    monkeypatch.setattr(keyring_keys, "default_backend", none)
    code, _, err = call("unlock", "--keyring")
    assert code == 3 and "no system keyring" in err
    assert not keyring_keys.marker_path(root).exists()
    code, out, _ = call("--lang", "zh", "unlock")
    set_language("en")
    assert code == 0 and "已解锁 30 分钟" in out


def test_unlock_keyring_is_said_until_lock_keyring(
    root: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = FakeKeyring()
    monkeypatch.setattr(keyring_keys, "default_backend", lambda: backend)
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))
    code, out, _ = call("unlock", "--keyring")
    assert code == 0 and "system keyring" in out and backend.items
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    assert call("list")[0] == 0  # opened through the keyring
    code, out, err = call("lock")
    assert "still holds the key" in err
    code, out, _ = call("lock", "--keyring")
    assert "no longer holds" in out and not backend.items
    assert call("list")[0] == 3


def test_sealed_add_while_locked_is_taken_in_once_with_its_words(
    root: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = call("add", "call the minister due:tomorrow !main #外交")
    assert code == 0, err
    task_id = out.strip()
    assert len(task_id) == 12 and inbox.pending(root)
    assert "minister" not in (root / "inbox" / f"{task_id}.sealed").read_bytes().decode("latin-1")
    assert call("add", "bad due:zzz")[0] == 1  # checked at once
    code, out, _ = call("add", "--json", "sealed too")
    assert json.loads(out)["sealed"] is True
    later = MONDAY + timedelta(days=2)
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))
    code, out, err = call("info", task_id[:6], "--json", now=later)
    assert code == 0, err
    assert "Took in 2 tasks" in err
    task = json.loads(out)
    assert task["title"] == "call the minister"
    assert task["due"] == (MONDAY + timedelta(days=1)).date().isoformat()
    assert "外交" in task["tags"]
    assert not inbox.pending(root)
    code, out, err = call("today", "--json", now=MONDAY)
    assert "Took in" not in err
    assert json.loads(out)["main"]["id"] == task_id  # !main marked the day of the add


def test_a_take_in_killed_before_the_file_is_removed_stores_it_once(
    root: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_id = call("add", "write the report")[1].strip()
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))

    def killed(item: inbox.InboxItem) -> None:
        raise KeyboardInterrupt  # the process ends after the task is stored, before done

    done = inbox.done
    monkeypatch.setattr(inbox, "done", killed)
    with pytest.raises(KeyboardInterrupt):
        call("list")
    assert inbox.pending(root)
    monkeypatch.setattr(inbox, "done", done)
    code, out, err = call("list", "--json")
    assert code == 0, err
    ids = [task["id"] for task in json.loads(out)]
    assert ids.count(task_id) == 1 and len(ids) == 2  # the plain task and this one
    assert not inbox.pending(root)


def test_decrypt_and_rekey_leave_no_kept_copy_of_the_old_key(
    root: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = FakeKeyring()
    monkeypatch.setattr(keyring_keys, "default_backend", lambda: backend)
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passfile))
    assert call("unlock", "--keyring")[0] == 0
    assert call("unlock")[0] == 0
    assert key_status(root) == KeyStatus(encrypted=True, agent=True, keyring=True)
    code, _, err = call("rekey")
    assert code == 0, err
    assert key_status(root) == KeyStatus(encrypted=True, agent=False, keyring=False)
    assert not backend.items
    assert until_gone()  # the agent held nothing else: it exits
    assert call("unlock", "--keyring")[0] == 0 and call("unlock")[0] == 0
    code, _, err = call("decrypt")
    assert code == 0, err
    assert not backend.items and not keyring_keys.marker_path(root).exists()
    assert until_gone()


def until_gone() -> bool:
    deadline = time.monotonic() + 10
    while agent_client.ping() is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    return agent_client.ping() is None
