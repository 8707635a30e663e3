"""Changing a whole data folder's format: ``encrypt_folder``, ``decrypt_folder``,
``rekey_folder`` (``planner encrypt``, ``decrypt``, ``rekey``).

Each holds the data folder's lock from start to end (every writer waits; a process that
was running already finds ``meta.json``'s format changed at its next transaction and stops,
``data.store``), and is crash-safe in this order:

1. the key file is written durably (``keys.json``; for a rekey the new one in
   ``.rekey/keys.json``) before anything is sealed with its key;
2. ``meta.json`` says the change is under way (``"changing": "encrypt"``...), durably;
3. every file is converted, each replaced atomically (``write_atomic``): the live files
   that hold record text (``data.files.sealing.role_kind``; any other file of ours that is
   not bookkeeping, such as a damaged file ``doctor`` moved aside, is sealed too), then
   every snapshot under ``backups/`` (its copies re-linked to converted blobs, its
   manifest rewritten, the old blobs swept away). Temporary files a killed writer left
   are removed: they may hold plain text;
4. ``meta.json`` says the new format, and the change is no longer under way (for a
   decrypt, ``keys.json`` is then removed; for a rekey, the new key file replaced the old
   one just before).

A kill at any moment leaves a folder that no store opens (it names the command to run
again) and that the same command, run again with the same passphrase, finishes: a file
already converted is recognised by its first bytes (a sealed envelope names its key) and
left as it is. ``sync/`` (the logs, sealed per value by sync itself) and ``inbox/``
(sealed to the inbox key) are not touched.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from data.blobs import Blobs
from data.crypto import keyfile
from data.crypto.codec import b64encode
from data.crypto.errors import KeyFileError
from data.crypto.kdf import KdfCost
from data.crypto.keyfile import KeyFile, Keys, NewKeys
from data.crypto.seal import FileRole, parse_envelope
from data.files import sealing
from data.files.atomic import fsync_dir, remove_tree, write_atomic
from data.files.layout import BACKUPS, LOCK_FILE, META_FILE, SNAPSHOT_TMP_PREFIX
from data.files.lock import locked
from data.snapshot_manifest import MANIFEST, Entry, Manifest, read_manifest

REKEY_FOLDER = ".rekey"
"""Where ``rekey`` keeps the new key file until every file is sealed with it."""

_LEFT_ALONE = frozenset({BACKUPS, "inbox", "sync", REKEY_FOLDER, ".git"})
_PLAIN_FILES = frozenset({META_FILE, keyfile.KEYS_FILE, LOCK_FILE, "keyring.json"})
"""Kept plain: ``keyring.json`` is the shell's marker that the system keyring holds the
key (its id only: ``planner.shell.keyring_keys``)."""
_BOOKKEEPING = "sync-local/"
_TEMPORARY = (".tmp", ".relink")

Convert = Callable[[bytes, FileRole], bytes | None]
"""A file's new bytes, or None when it is in the new format already."""


def encrypt_folder(
    root: Path,
    passphrase: str,
    *,
    created: datetime,
    cost: KdfCost | None = None,
    on_keys: Callable[[NewKeys], None] | None = None,
    adopt: tuple[KeyFile, Keys] | None = None,
) -> NewKeys | None:
    """Seal every file of ``root`` under a new data key wrapped by ``passphrase``.

    ``adopt``: seal under an existing key file and its keys instead (``planner sync init``
    joining an encrypted remote: the key file the other machines use, unlocked with
    ``passphrase``); it is written as ``keys.json`` first, and nothing is returned.

    ``on_keys`` is given the new keys (with the recovery key to show once) as soon as the
    key file is durable, before anything is sealed. Returns them, or None when this run
    finished an encryption that was interrupted (its keys were given then; ``passphrase``
    must unlock them: ``WrongPassphrase`` otherwise, nothing written).
    """
    with locked(root):
        meta = sealing.meta_document(root)
        made: NewKeys | None = None
        if sealing.is_sealed(meta):
            if meta.get(sealing.CHANGING_KEY) != "encrypt":
                raise KeyFileError(META_FILE, "says the data folder is encrypted already")
            keys = keyfile.unlock_folder(root, passphrase)
        else:
            # a key file with a plain meta.json: an encryption killed before it sealed
            # anything (or a decryption killed at its very end): nothing uses that key
            if adopt is not None:
                keyfile.write_keyfile(root, adopt[0])
                keys = adopt[1]
            else:
                made = keyfile.establish(root, passphrase, created=created, cost=cost, replace=True)
                keys = made.keys
                if on_keys is not None:
                    on_keys(made)
            _write_meta(root, _sealed(meta, keys, changing="encrypt"))
        seal = sealing.FolderSeal.of(keys.sealer(), accept_plain=True)
        sealing.register(root, seal)

        def convert(raw: bytes, role: FileRole) -> bytes | None:
            return None if sealing.looks_sealed(raw) else seal.seal(raw, role)

        _convert_all(root, convert)
        _write_meta(root, _sealed(meta, keys))
        sealing.register(root, sealing.FolderSeal.of(keys.sealer()))
        return made


def decrypt_folder(root: Path, keys: Keys) -> None:
    """Write every file of ``root`` as plain text again and remove ``keys.json``."""
    with locked(root):
        meta = sealing.meta_document(root)
        if not sealing.is_sealed(meta):
            _remove_key_files(root)  # a decryption killed after its last step but one
            return
        _check_key(meta, keys)
        _write_meta(root, {**meta, sealing.CHANGING_KEY: "decrypt"})
        seal = sealing.FolderSeal.of(keys.sealer(), accept_plain=True)
        sealing.register(root, seal)

        def convert(raw: bytes, role: FileRole) -> bytes | None:
            return seal.open(raw, role) if sealing.looks_sealed(raw) else None

        _convert_all(root, convert)
        _write_meta(root, _plain(meta))
        sealing.forget(root)
        _remove_key_files(root)


def rekey_folder(
    root: Path,
    keys: Keys,
    passphrase: str,
    *,
    created: datetime,
    cost: KdfCost | None = None,
    on_keys: Callable[[NewKeys], None] | None = None,
    adopt: tuple[KeyFile, Keys] | None = None,
) -> NewKeys | None:
    """Seal every file of ``root`` under a new data key, wrapped by ``passphrase`` (the
    present one: ``keys`` are what it unlocks now). ``on_keys`` and the result as for
    ``encrypt_folder``; a new recovery key comes with the new data key.

    The new key file keeps the old data key (and those it had retired) sealed under the
    new one (``keyfile.retiring``): the sync logs are not re-sealed, their older values
    still open. ``adopt``: take a key file another machine made by its rekey (sync) and
    its keys, unlocked with ``passphrase``, instead of making a new one."""
    staged = root / REKEY_FOLDER
    with locked(root):
        meta = sealing.meta_document(root)
        if not sealing.is_sealed(meta):
            raise KeyFileError(META_FILE, "says the data folder is not encrypted")
        made: NewKeys | None = None
        changing = meta.get(sealing.CHANGING_KEY)
        if changing == "rekey" and keyfile.keys_path(staged).exists():
            staged_file = keyfile.load_keyfile(staged)
            new = keyfile.unlock(staged_file, passphrase)
            retired = {key.key_id for key in staged_file.retired}
            if keys.data_key.key_id not in retired | {new.data_key.key_id}:
                kept = keyfile.retiring(staged_file, new, keys, keyfile.read_keyfile(root))
                keyfile.write_keyfile(staged, kept)  # killed before the old key was kept
        elif changing == "rekey":  # killed after the new key file took the old one's place
            new = keyfile.unlock_folder(root, passphrase)
        elif changing:
            raise KeyFileError(META_FILE, f"says planner {changing} was interrupted")
        else:
            _check_key(meta, keys)
            old_file = keyfile.load_keyfile(root)
            if adopt is None:
                keyfile.unlock(old_file, passphrase)  # the passphrase must be the present one
            remove_tree(staged)
            staged.mkdir(mode=0o700)
            if adopt is not None:
                new_file, new = adopt
            else:
                made = keyfile.establish(staged, passphrase, created=created, cost=cost)
                new_file, new = made.keyfile, made.keys
            keyfile.write_keyfile(staged, keyfile.retiring(new_file, new, keys, old_file))
            if made is not None and on_keys is not None:
                on_keys(made)
            _write_meta(root, {**meta, sealing.CHANGING_KEY: "rekey"})
        seal = sealing.FolderSeal.of(new.sealer(), [keys.sealer()])
        sealing.register(root, seal)
        new_id = new.data_key.key_id

        def convert(raw: bytes, role: FileRole) -> bytes | None:
            if role.kind == "other" and not sealing.looks_sealed(raw):
                return None  # a snapshot's copy of meta.json (plain, as the live one)
            if parse_envelope(raw, role.path).key_id == new_id:
                return None
            return seal.seal(seal.open(raw, role), role)

        _convert_all(root, convert)
        if keyfile.keys_path(staged).exists():
            os.replace(keyfile.keys_path(staged), keyfile.keys_path(root))
            fsync_dir(root)
        remove_tree(staged)
        _write_meta(root, _sealed(meta, new))
        sealing.register(root, sealing.FolderSeal.of(new.sealer()))
        return made


# --- meta.json -----------------------------------------------------------------------


def _sealed(meta: dict[str, Any], keys: Keys, *, changing: str | None = None) -> dict[str, Any]:
    document = _plain(meta)
    document[sealing.FORMAT_KEY] = sealing.SEALED_FORMAT
    document[sealing.KEY_ID_KEY] = b64encode(keys.data_key.key_id)
    if changing:
        document[sealing.CHANGING_KEY] = changing
    return document


def _plain(meta: dict[str, Any]) -> dict[str, Any]:
    keys = (sealing.FORMAT_KEY, sealing.KEY_ID_KEY, sealing.CHANGING_KEY)
    return {k: v for k, v in meta.items() if k not in keys}


def _write_meta(root: Path, document: dict[str, Any]) -> None:
    """Replace ``meta.json``'s one document durably (the store's own shape: a TinyDB
    table ``_meta`` holding it as document 1)."""
    if not document:
        raise KeyFileError(META_FILE, "is missing or unreadable", 'run "planner doctor"')
    body = {"_meta": {"1": document}}
    text = json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomic(root / META_FILE, text)


def _check_key(meta: dict[str, Any], keys: Keys) -> None:
    if meta.get(sealing.KEY_ID_KEY) != b64encode(keys.data_key.key_id):
        raise KeyFileError(META_FILE, "names another data key than the one unlocked")


def _remove_key_files(root: Path) -> None:
    remove_tree(root / REKEY_FOLDER)
    try:
        keyfile.keys_path(root).unlink()
    except FileNotFoundError:
        return
    fsync_dir(root)


# --- the files -----------------------------------------------------------------------


def _role(relative: str) -> FileRole:
    return sealing.role_of(relative) or FileRole(relative, "other")


def _convert_all(root: Path, convert: Convert) -> None:
    for path, relative in _live_files(root):
        _convert_file(path, _role(relative), convert)
    _convert_backups(root / BACKUPS, convert)


def _convert_file(path: Path, role: FileRole, convert: Convert) -> None:
    new = convert(path.read_bytes(), role)
    if new is not None:
        write_atomic(path, new)


def _is_temporary(name: str) -> bool:
    return (name.startswith(".") and name.endswith(_TEMPORARY)) or name.startswith(".tmp-")


def _live_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file of ours under ``root`` that may hold record text, with its path
    relative to ``root``; temporary files left by a killed writer are removed on the way."""
    for current, folders, names in os.walk(root):
        here = Path(current)
        if here == root:
            folders[:] = [f for f in folders if f not in _LEFT_ALONE]
        for name in sorted(names):
            path = here / name
            relative = path.relative_to(root).as_posix()
            if relative in _PLAIN_FILES or not path.is_file() or path.is_symlink():
                continue
            if _is_temporary(name):  # a killed run's; converting its file may have taken it
                path.unlink(missing_ok=True)
                continue
            if relative.startswith(_BOOKKEEPING) and sealing.role_kind(relative) is None:
                continue
            yield path, relative


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _convert_backups(backups: Path, convert: Convert) -> None:
    """Convert every snapshot's copies; copies of one content stay one blob."""
    try:
        snapshots = sorted(p for p in backups.iterdir() if p.is_dir())
    except FileNotFoundError:
        return
    blobs = Blobs(backups)
    done: dict[tuple[str, str], bytes] = {}
    for folder in snapshots:
        if folder.name == ".blobs":
            continue
        if folder.name.startswith(SNAPSHOT_TMP_PREFIX):
            remove_tree(folder)  # half made by a killed process
            continue
        _convert_snapshot(folder, blobs, convert, done)
    blobs.settle()
    blobs.sweep()  # the blobs of the old format, no longer linked


def _convert_snapshot(
    folder: Path, blobs: Blobs, convert: Convert, done: dict[tuple[str, str], bytes]
) -> None:
    manifest = read_manifest(folder)
    listed = {} if manifest is None else dict(manifest.files)
    for relative, entry in listed.items():  # a copy a crash lost the link of: its blob
        path = folder / relative
        if not path.is_file() and blobs.holds(entry.digest, entry.size):
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            blobs.link(entry.digest, path)
    for current, _folders, names in os.walk(folder):
        for name in names:
            path = Path(current) / name
            relative = path.relative_to(folder).as_posix()
            if relative == MANIFEST:
                continue
            if _is_temporary(name):  # a killed run's; converting its file may have taken it
                path.unlink(missing_ok=True)
                continue
            raw = path.read_bytes()
            key = (relative, _digest(raw))
            new = done.get(key)
            if new is None:
                converted = convert(raw, _role(relative))
                if converted is None:
                    continue
                new = done[key] = converted
            if relative in listed:
                digest = blobs.put(new)
                blobs.settle()
                staging = path.with_name(f".{name}.relink")
                staging.unlink(missing_ok=True)
                blobs.link(digest, staging)
                os.replace(staging, path)
            else:
                write_atomic(path, new)
    if manifest is not None:
        files: dict[str, Entry] = {}
        for relative, entry in listed.items():
            path = folder / relative
            if path.is_file():
                raw = path.read_bytes()
                entry = replace(entry, digest=_digest(raw), size=len(raw))
            files[relative] = entry
        if files != manifest.files:
            write_atomic(folder / MANIFEST, Manifest(manifest.taken_ns, files).to_bytes())
    fsync_dir(folder)
