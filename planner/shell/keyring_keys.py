"""The opt-in keyring (``planner unlock --keyring``): the unwrapped keys kept in the system
keyring (macOS Keychain, Secret Service, Windows Credential Locker) through the ``keyring``
package, an optional extra (``pip install 'planner[keyring]'``) since many machines (a
server, a container) have no keyring backend at all.

The trade-off: anyone who can use the logged-in session can then read the data without the
passphrase. jrnl's users came to think their encryption was off when a keychain held the
password; so planner keeps a plain marker, ``<data>/keyring.json`` (the key id only, no
secret), and every place that shows the state (``planner sync status``, the app's header,
``planner unlock``) says "keyring" while it is there. ``planner lock --keyring`` forgets both.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from data.files.atomic import fsync_dir, write_atomic

if TYPE_CHECKING:
    from data.crypto.keyfile import KeyFile, Keys

SERVICE = "planner"
MARKER = "keyring.json"


class KeyringBackend(Protocol):
    """What planner uses of a ``keyring`` backend."""

    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


class NoKeyring(Exception):
    """No usable keyring: the package is not installed, or it has no backend here."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def default_backend() -> KeyringBackend:
    """The ``keyring`` package's backend; ``NoKeyring`` naming why there is none."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        raise NoKeyring("missing-package") from None
    backend: KeyringBackend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise NoKeyring("no-backend")
    return backend


def account(key_id: bytes) -> str:
    from data.crypto.codec import b64encode

    return f"data-key-{b64encode(key_id)}"


def marker_path(root: Path) -> Path:
    return root / MARKER


def marked_key_id(root: Path) -> str | None:
    """The account the marker names, or ``None`` with no (readable) marker."""
    try:
        raw = json.loads(marker_path(root).read_bytes())
    except (OSError, ValueError):
        return None
    name = raw.get("account") if isinstance(raw, dict) else None
    return name if isinstance(name, str) else None


def holds(root: Path, keyfile: KeyFile) -> bool:
    """Whether the marker says the keyring holds this key (no keyring call: cheap)."""
    return marked_key_id(root) == account(keyfile.key_id)


def store(root: Path, keys: Keys, backend: KeyringBackend | None = None) -> None:
    """Keep ``keys`` in the keyring, then write the marker (so the marker never claims
    less than the keyring holds... and at worst claims a key the user deleted by hand)."""
    from data.crypto.codec import b64encode

    chosen = backend or default_backend()
    secret = json.dumps(
        {
            "data_key": b64encode(keys.data_key.secret),
            "inbox_private": b64encode(keys.inbox_private),
        }
    )
    name = account(keys.data_key.key_id)
    try:
        chosen.set_password(SERVICE, name, secret)
    except Exception as exc:  # keyring's errors are many (locked, denied, no D-Bus)
        raise NoKeyring(f"refused: {exc}") from None
    body = {"service": SERVICE, "account": name}
    write_atomic(marker_path(root), (json.dumps(body) + "\n").encode("utf-8"))


def fetch(root: Path, keyfile: KeyFile, backend: KeyringBackend | None = None) -> Keys | None:
    """The keys from the keyring when the marker names this key, else ``None``."""
    if not holds(root, keyfile):
        return None
    try:
        chosen = backend or default_backend()
        secret = chosen.get_password(SERVICE, account(keyfile.key_id))
    except Exception:  # no backend now, or the keyring refused: ask elsewhere
        return None
    if secret is None:
        return None
    from data.crypto import inbox
    from data.crypto.codec import b64decode
    from data.crypto.datakey import DataKey
    from data.crypto.keyfile import Keys

    try:
        raw = json.loads(secret)
        data_key = b64decode(str(raw["data_key"]))
        private = b64decode(str(raw["inbox_private"]))
        if inbox.public_of(private) != keyfile.inbox_public:
            return None
        return Keys(DataKey(keyfile.key_id, data_key), private)
    except (ValueError, KeyError, TypeError):
        return None


def forget(root: Path, backend: KeyringBackend | None = None) -> bool:
    """Remove the keyring entry the marker names, then the marker; whether there was one.
    Without a backend now, the marker stays (the keyring may still hold the key)."""
    name = marked_key_id(root)
    if name is None:
        return False
    chosen = backend or default_backend()
    with contextlib.suppress(Exception):  # already gone from the keyring
        chosen.delete_password(SERVICE, name)
    with contextlib.suppress(FileNotFoundError):
        marker_path(root).unlink()
    fsync_dir(root)
    return True
