"""Where the shell gets an encrypted folder's keys, and what it can say about them.

``obtain_keys`` tries, in order: the agent of ``planner unlock`` (if it holds this folder's
key id), the system keyring (only after ``planner unlock --keyring``: its marker), the
passphrase sources (``PLANNER_PASSPHRASE_FILE``, ``PLANNER_PASSPHRASE_FD``, then the
terminal when ``interactive``); with none of them, ``Locked``. A plain folder (no
``keys.json``) gives ``None`` without importing any of the crypto code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.i18n.translate import t

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys
    from planner.shell.keyring_keys import KeyringBackend

KEYS_FILE = "keys.json"


def is_encrypted(root: Path) -> bool:
    """Whether ``root`` holds ``keys.json``. A folder the system will not look into (too
    long a name, no permission) counts as not: opening the store then says what is wrong."""
    import os.path

    return os.path.exists(root / KEYS_FILE)


@dataclass(frozen=True, slots=True)
class KeyStatus:
    """For ``planner sync status`` and the app's header: whether the folder is encrypted,
    whether a running agent holds its key, and whether the system keyring does (planner
    always says so: a key in a keyring opens the data without the passphrase)."""

    encrypted: bool
    agent: bool
    keyring: bool


def key_status(root: Path, *, agent_path: Path | None = None) -> KeyStatus:
    if not is_encrypted(root):
        return KeyStatus(encrypted=False, agent=False, keyring=False)
    from data.crypto.errors import CryptoError
    from data.crypto.keyfile import read_keyfile
    from planner.shell import agent_client, keyring_keys

    try:
        keyfile = read_keyfile(root)
    except CryptoError:
        return KeyStatus(encrypted=True, agent=False, keyring=False)
    if keyfile is None:
        return KeyStatus(encrypted=False, agent=False, keyring=False)
    return KeyStatus(
        encrypted=True,
        agent=agent_client.holds(keyfile, agent_path),
        keyring=keyring_keys.holds(root, keyfile),
    )


def obtain_keys(
    root: Path,
    *,
    interactive: bool,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
    keyring_backend: KeyringBackend | None = None,
    agent_path: Path | None = None,
) -> Keys | None:
    """The keys of the folder at ``root`` (see the module's docstring); ``None`` when it is
    not encrypted. A passphrase that was given but is wrong raises ``WrongPassphrase``
    (exit 3, nothing written); ``Locked`` when no source has one. The keyword arguments
    after ``interactive`` are for tests (the environment, the terminal, the keyring, the
    agent's socket)."""
    if not is_encrypted(root):
        return None
    from data.crypto.errors import Locked, PassphraseUnavailable
    from data.crypto.keyfile import read_keyfile, unlock
    from data.crypto.passphrase import Prompts, read_passphrase
    from planner.shell import agent_client, keyring_keys

    keyfile = read_keyfile(root)
    if keyfile is None:  # removed meanwhile (planner decrypt finished)
        return None
    keys = agent_client.fetch_keys(keyfile, agent_path)
    if keys is None:
        keys = keyring_keys.fetch(root, keyfile, keyring_backend)
    if keys is not None:
        return keys
    prompts = Prompts(enter=t("agent.prompt"), again=t("agent.prompt_again"))
    try:
        passphrase = read_passphrase(prompts, environ=environ, ask=ask, interactive=interactive)
    except PassphraseUnavailable:
        raise Locked(str(root), t("agent.locked"), t("agent.locked_advice")) from None
    return unlock(keyfile, passphrase)


def forget_kept_key(root: Path, key_id: bytes) -> None:
    """After ``planner decrypt`` or ``rekey``: the agent forgets the old data key, and the
    keyring entry (with its marker) goes, so no copy of a retired key stays kept. Best
    effort: with no keyring backend now, the marker stays and keeps saying so."""
    from planner.shell import agent_client, keyring_keys

    agent_client.forget(key_id)
    if keyring_keys.marked_key_id(root) is not None:
        with contextlib.suppress(keyring_keys.NoKeyring):
            keyring_keys.forget(root)
