"""``<data>/keys.json``: the data key, wrapped by the passphrase and by the recovery key,
and the sealed inbox's key pair. Changing the passphrase rewraps; nothing is re-encrypted.

Format (version 1; bytes are unpadded URL-safe base64)::

    {"format": "planner-keys", "version": 1, "created": ISO time, "stamp": clock stamp,
     "key_id": 8 bytes,
     "kdf": {"name": "argon2id", "memory_kib", "iterations", "lanes", "salt"},
     "wrapped": {"passphrase": {"nonce", "ct"},
                 "recovery": {"salt", "nonce", "ct"}},
     "inbox": {"suite": "hpke-base-x25519-hkdf-sha256-aes-256-gcm", "public",
               "private": {"nonce", "ct"}}}

Composition (each step a ``cryptography`` primitive used as documented):

- data key: 32 random bytes (``secrets``), with a random 8-byte public id;
- passphrase slot: Argon2id(NFC passphrase, salt, header's cost) -> 32 bytes, which
  AES-256-GCM-encrypt the data key; associated data: the slot's name and the key id;
- recovery slot: HKDF-SHA256(160-bit recovery secret, own salt) -> 32 bytes, same AEAD;
- inbox: an X25519 key pair; the private key AES-256-GCM-encrypted under the data key,
  its associated data holding the public key, and checked against it at every unlock (a
  public key swapped in the file is refused once the data is unlocked).

``establish`` writes the file durably (``write_atomic``: fsync of file and folder) and only
then hands out the keys, so nothing is ever sealed under a key not first kept beside the
data. A wrong passphrase raises ``WrongPassphrase`` before anything is written.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from data.crypto import inbox
from data.crypto.aead import NONCE_LENGTH, TAG_LENGTH, Cipher, associated_data
from data.crypto.codec import b64decode_field, b64encode
from data.crypto.datakey import KEY_ID_LENGTH, SECRET_LENGTH, DataKey
from data.crypto.errors import KeyFileError, WrongPassphrase, WrongRecoveryKey
from data.crypto.kdf import SALT_LENGTH, KdfCost, KdfParams
from data.crypto.recovery import (
    format_recovery_key,
    new_recovery_secret,
    parse_recovery_key,
    recovery_wrapping_key,
)
from data.crypto.seal import Sealer, ValueBinding
from data.files.atomic import write_atomic

KEYS_FILE = "keys.json"
FORMAT = "planner-keys"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A key encrypted with AES-256-GCM: the nonce and ciphertext + tag."""

    nonce: bytes
    ct: bytes

    @classmethod
    def of(cls, sealed: bytes) -> Wrapped:
        return cls(sealed[:NONCE_LENGTH], sealed[NONCE_LENGTH:])

    def joined(self) -> bytes:
        return self.nonce + self.ct

    def to_json(self) -> dict[str, str]:
        return {"nonce": b64encode(self.nonce), "ct": b64encode(self.ct)}

    @classmethod
    def from_json(cls, raw: object, where: str, slot: str) -> Wrapped:
        if not isinstance(raw, dict):
            raise KeyFileError(where, f"the {slot} slot is missing")
        nonce = b64decode_field(raw, "nonce", where)
        ct = b64decode_field(raw, "ct", where)
        if len(nonce) != NONCE_LENGTH or len(ct) < TAG_LENGTH:
            raise KeyFileError(where, f"the {slot} slot is damaged")
        return cls(nonce, ct)


@dataclass(frozen=True, slots=True)
class RetiredKey:
    """A data key of before a ``planner rekey``, sealed under the current data key: values
    of the sync logs sealed with it still open (``retired_keys``)."""

    key_id: bytes
    sealed: str

    def to_json(self) -> dict[str, str]:
        return {"key_id": b64encode(self.key_id), "sealed": self.sealed}

    @classmethod
    def from_json(cls, raw: object, where: str) -> RetiredKey:
        if not isinstance(raw, dict) or not isinstance(raw.get("sealed"), str):
            raise KeyFileError(where, "a retired key is damaged")
        return cls(b64decode_field(raw, "key_id", where), str(raw["sealed"]))


@dataclass(frozen=True, slots=True)
class KeyFile:
    """The parsed ``keys.json``: public parts and wrapped secrets, nothing in the clear."""

    key_id: bytes
    kdf: KdfParams
    passphrase: Wrapped
    recovery_salt: bytes
    recovery: Wrapped
    inbox_public: bytes
    inbox_private: Wrapped
    created: str
    stamp: str = ""
    retired: tuple[RetiredKey, ...] = ()

    def to_json(self) -> bytes:
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "created": self.created,
            "stamp": self.stamp,
            "key_id": b64encode(self.key_id),
            "kdf": self.kdf.to_json(),
            "wrapped": {
                "passphrase": self.passphrase.to_json(),
                "recovery": {"salt": b64encode(self.recovery_salt), **self.recovery.to_json()},
            },
            "inbox": {
                "suite": inbox.SUITE_NAME,
                "public": b64encode(self.inbox_public),
                "private": self.inbox_private.to_json(),
            },
        }
        if self.retired:
            body["retired"] = [key.to_json() for key in self.retired]
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, raw_bytes: bytes, where: str = KEYS_FILE) -> KeyFile:
        """Parse ``keys.json``; ``KeyFileError`` for anything this version cannot use."""
        try:
            raw = json.loads(raw_bytes)
        except (ValueError, UnicodeDecodeError):
            raise KeyFileError(where, "is not JSON") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise KeyFileError(where, "is not a planner key file")
        if raw.get("version") != VERSION:
            raise KeyFileError(
                where, f"is of version {raw.get('version')!r}", "a newer planner wrote it"
            )
        key_id = b64decode_field(raw, "key_id", where)
        wrapped, box = raw.get("wrapped"), raw.get("inbox")
        if not isinstance(wrapped, dict) or not isinstance(box, dict):
            raise KeyFileError(where, "has no wrapped keys")
        if box.get("suite") != inbox.SUITE_NAME:
            raise KeyFileError(where, "names an inbox cipher this planner does not know")
        recovery = wrapped.get("recovery")
        if not isinstance(recovery, dict):
            raise KeyFileError(where, "the recovery slot is missing")
        public = b64decode_field(box, "public", where)
        recovery_salt = b64decode_field(recovery, "salt", where)
        if len(recovery_salt) < SALT_LENGTH:
            raise KeyFileError(where, "the recovery salt is too short")
        created, stamp = raw.get("created"), raw.get("stamp", "")
        if len(key_id) != KEY_ID_LENGTH or len(public) != 32:
            raise KeyFileError(where, "key_id or the inbox key has a wrong length")
        if not isinstance(created, str) or not isinstance(stamp, str):
            raise KeyFileError(where, "created or stamp is not text")
        retired = raw.get("retired", [])
        if not isinstance(retired, list):
            raise KeyFileError(where, "the retired keys are damaged")
        return cls(
            key_id=key_id,
            kdf=KdfParams.from_json(raw.get("kdf"), where),
            passphrase=Wrapped.from_json(wrapped.get("passphrase"), where, "passphrase"),
            recovery_salt=recovery_salt,
            recovery=Wrapped.from_json(recovery, where, "recovery"),
            inbox_public=public,
            inbox_private=Wrapped.from_json(box.get("private"), where, "inbox"),
            created=created,
            stamp=stamp,
            retired=tuple(RetiredKey.from_json(item, where) for item in retired),
        )


@dataclass(frozen=True, slots=True)
class Keys:
    """What an unlock yields: the data key and the inbox's private key. ``repr`` hides both."""

    data_key: DataKey
    inbox_private: bytes = field(repr=False)

    def sealer(self) -> Sealer:
        return Sealer(self.data_key)


@dataclass(frozen=True, slots=True)
class NewKeys:
    """What ``establish`` returns: the file as written, the keys, and the recovery key to
    show the user once (it is kept nowhere)."""

    keyfile: KeyFile
    keys: Keys
    recovery_key: str = field(repr=False)


def _slot_ad(slot: str, key_id: bytes, *extra: bytes) -> bytes:
    return associated_data("planner keys", str(VERSION), slot, key_id, *extra)


def _wrap(wrapping_key: bytes, secret: bytes, slot: str, key_id: bytes, *extra: bytes) -> Wrapped:
    return Wrapped.of(Cipher(wrapping_key).seal(secret, _slot_ad(slot, key_id, *extra)))


def _unwrap(
    wrapping_key: bytes, wrapped: Wrapped, slot: str, key_id: bytes, *extra: bytes
) -> bytes | None:
    return Cipher(wrapping_key).open(wrapped.joined(), _slot_ad(slot, key_id, *extra))


def _create(passphrase: str, *, created: datetime, stamp: str, cost: KdfCost | None) -> NewKeys:
    data_key = DataKey.generate()
    inbox_private, inbox_public = inbox.new_keypair()
    recovery_secret = new_recovery_secret()
    recovery_salt = secrets.token_bytes(SALT_LENGTH)
    kdf = KdfParams.fresh(cost)
    keyfile = KeyFile(
        key_id=data_key.key_id,
        kdf=kdf,
        passphrase=_wrap(kdf.derive(passphrase), data_key.secret, "passphrase", data_key.key_id),
        recovery_salt=recovery_salt,
        recovery=_wrap(
            recovery_wrapping_key(recovery_secret, recovery_salt),
            data_key.secret,
            "recovery",
            data_key.key_id,
        ),
        inbox_public=inbox_public,
        inbox_private=_wrap(data_key.secret, inbox_private, "inbox", data_key.key_id, inbox_public),
        created=created.isoformat(),
        stamp=stamp,
    )
    return NewKeys(keyfile, Keys(data_key, inbox_private), format_recovery_key(recovery_secret))


def _keys_from(keyfile: KeyFile, secret: bytes) -> Keys:
    """The keys once the data key's secret is unwrapped; checks the inbox pair."""
    if len(secret) != SECRET_LENGTH:
        raise KeyFileError(KEYS_FILE, "the wrapped data key has a wrong length")
    private = _unwrap(secret, keyfile.inbox_private, "inbox", keyfile.key_id, keyfile.inbox_public)
    if private is None or inbox.public_of(private) != keyfile.inbox_public:
        raise KeyFileError(KEYS_FILE, "the inbox key does not match the data key (altered?)")
    return Keys(DataKey(keyfile.key_id, secret), private)


def check_data_key(keyfile: KeyFile, secret: bytes) -> Keys:
    """The keys of ``keyfile`` for a data key already held (a copy of the key file another
    machine published through sync): ``KeyFileError`` unless the secret unwraps its
    inbox key, i.e. unless a holder of the data key made it."""
    return _keys_from(keyfile, secret)


def unlock(keyfile: KeyFile, passphrase: str) -> Keys:
    """The keys for ``passphrase``; ``WrongPassphrase`` if it does not unwrap them."""
    secret = _unwrap(
        keyfile.kdf.derive(passphrase), keyfile.passphrase, "passphrase", keyfile.key_id
    )
    if secret is None:
        raise WrongPassphrase()
    return _keys_from(keyfile, secret)


def unlock_with_recovery(keyfile: KeyFile, recovery_key: str) -> Keys:
    """The keys for the recovery key as typed; ``WrongRecoveryKey`` otherwise."""
    wrapping = recovery_wrapping_key(parse_recovery_key(recovery_key), keyfile.recovery_salt)
    secret = _unwrap(wrapping, keyfile.recovery, "recovery", keyfile.key_id)
    if secret is None:
        raise WrongRecoveryKey()
    return _keys_from(keyfile, secret)


def rewrapped(
    keyfile: KeyFile,
    keys: Keys,
    new_passphrase: str,
    *,
    stamp: str = "",
    cost: KdfCost | None = None,
) -> KeyFile:
    """``keyfile`` with the data key wrapped for ``new_passphrase`` (fresh salt, today's
    cost); the data key, the recovery slot and the inbox stay as they are."""
    kdf = KdfParams.fresh(cost)
    wrapped = _wrap(kdf.derive(new_passphrase), keys.data_key.secret, "passphrase", keyfile.key_id)
    return KeyFile(
        key_id=keyfile.key_id,
        kdf=kdf,
        passphrase=wrapped,
        recovery_salt=keyfile.recovery_salt,
        recovery=keyfile.recovery,
        inbox_public=keyfile.inbox_public,
        inbox_private=keyfile.inbox_private,
        created=keyfile.created,
        stamp=stamp or keyfile.stamp,
        retired=keyfile.retired,
    )


def _retired_binding(key_id: bytes) -> ValueBinding:
    return ValueBinding("retired data key", b64encode(key_id), "")


def retired_keys(keyfile: KeyFile, current: Sealer) -> list[DataKey]:
    """The retired data keys of ``keyfile``, opened with the current key's sealer."""
    return [
        DataKey(key.key_id, current.open_value(key.sealed, _retired_binding(key.key_id)))
        for key in keyfile.retired
    ]


def retiring(new: KeyFile, new_keys: Keys, old_keys: Keys, old: KeyFile | None) -> KeyFile:
    """``new`` (a ``planner rekey``'s key file) keeping the keys it replaces -- the old
    data key and the keys the old file had retired -- sealed under the new data key, so
    values sealed with them (the sync logs, never re-sealed) still open."""
    keys = [old_keys.data_key]
    if old is not None:
        keys += retired_keys(old, old_keys.sealer())
    sealer = new_keys.sealer()
    kept: dict[bytes, RetiredKey] = {key.key_id: key for key in new.retired}
    for key in keys:
        if key.key_id != new.key_id and key.key_id not in kept:
            sealed = sealer.seal_value(key.secret, _retired_binding(key.key_id))
            kept[key.key_id] = RetiredKey(key.key_id, sealed)
    return replace(new, retired=tuple(kept.values()))


# --- on disk -------------------------------------------------------------------------


def keys_path(folder: Path) -> Path:
    return folder / KEYS_FILE


def read_keyfile(folder: Path) -> KeyFile | None:
    """``<folder>/keys.json`` parsed, or None when the folder has none (plain data)."""
    try:
        raw = keys_path(folder).read_bytes()
    except FileNotFoundError:
        return None
    return KeyFile.from_json(raw)


def load_keyfile(folder: Path) -> KeyFile:
    """Like ``read_keyfile``, but a missing file is a ``KeyFileError``."""
    keyfile = read_keyfile(folder)
    if keyfile is None:
        raise KeyFileError(KEYS_FILE, "is missing", "the data folder is not encrypted")
    return keyfile


def write_keyfile(folder: Path, keyfile: KeyFile) -> None:
    """Replace ``keys.json`` durably (file and folder fsynced) before returning."""
    write_atomic(keys_path(folder), keyfile.to_json())


def establish(
    folder: Path,
    passphrase: str,
    *,
    created: datetime,
    stamp: str = "",
    cost: KdfCost | None = None,
    replace: bool = False,
) -> NewKeys:
    """A new data key for ``folder``: ``keys.json`` is written durably first, then the keys
    are returned. Refuses to replace an existing key file unless ``replace`` (rekey)."""
    if not replace and keys_path(folder).exists():
        raise KeyFileError(KEYS_FILE, "already exists", "the data folder is already encrypted")
    made = _create(passphrase, created=created, stamp=stamp, cost=cost)
    write_keyfile(folder, made.keyfile)
    return made


def unlock_folder(folder: Path, passphrase: str) -> Keys:
    return unlock(load_keyfile(folder), passphrase)


def change_passphrase(
    folder: Path, old: str, new: str, *, stamp: str = "", cost: KdfCost | None = None
) -> KeyFile:
    """Rewrap for ``new`` after checking ``old``; a wrong ``old`` writes nothing."""
    keyfile = load_keyfile(folder)
    changed = rewrapped(keyfile, unlock(keyfile, old), new, stamp=stamp, cost=cost)
    write_keyfile(folder, changed)
    return changed


def recover(
    folder: Path,
    recovery_key: str,
    new_passphrase: str,
    *,
    stamp: str = "",
    cost: KdfCost | None = None,
) -> Keys:
    """Set ``new_passphrase`` with the recovery key; a wrong recovery key writes nothing."""
    keyfile = load_keyfile(folder)
    keys = unlock_with_recovery(keyfile, recovery_key)
    write_keyfile(folder, rewrapped(keyfile, keys, new_passphrase, stamp=stamp, cost=cost))
    return keys
