"""``planner encrypt``, ``decrypt``, ``passphrase`` and ``rekey`` (issue 15).

The work is ``data.crypto.folder``'s (crash-safe: a command killed half way is finished by
running it again); this module asks for the passphrases, says what happened and prints a
new recovery key once. Passphrases come from ``data.crypto.passphrase``'s sources
(``PLANNER_PASSPHRASE_FILE``, ``PLANNER_PASSPHRASE_FD``, else the terminal), never from
the command line; ``planner passphrase`` reads the new one from
``PLANNER_NEW_PASSPHRASE_FILE`` when that is set (a script has two to give). A wrong
passphrase is a ``WrongPassphrase`` (exit 3, one line) raised before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from planner.i18n.translate import t
from planner.shell import sync_format
from planner.shell.cli.context import EXIT_DATA, EXIT_OK, CliExit, Context
from planner.shell.keys import forget_kept_key

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys, NewKeys

NEW_FILE_VARIABLE = "PLANNER_NEW_PASSPHRASE_FILE"


def _passphrase(*, new: bool = False, environ: dict[str, str] | None = None) -> str:
    from data.crypto.passphrase import Prompts, read_passphrase

    prompts = Prompts(
        enter=t("crypto.prompt_new" if new else "crypto.prompt"),
        again=t("crypto.prompt_again"),
        mismatch=t("crypto.mismatch"),
        empty=t("crypto.empty"),
    )
    return read_passphrase(prompts, new=new, environ=environ)


def _new_passphrase() -> str:
    """A new passphrase: ``PLANNER_NEW_PASSPHRASE_FILE``'s first line, else the terminal
    (twice). The usual variables name the present passphrase."""
    from data.crypto.errors import PassphraseUnavailable
    from data.crypto.passphrase import FILE_VARIABLE

    named = os.environ.get(NEW_FILE_VARIABLE)
    if named:
        return _passphrase(new=True, environ={FILE_VARIABLE: named})
    try:
        return _passphrase(new=True, environ={})
    except PassphraseUnavailable:
        raise PassphraseUnavailable(
            "new passphrase", "no terminal to ask on", f"set {NEW_FILE_VARIABLE}"
        ) from None


def _fail(message: str) -> CliExit:
    return CliExit(EXIT_DATA, t("error.prefix", message=message))


def _meta(root: Path) -> dict[str, object]:
    from data.files.sealing import meta_document

    return meta_document(root)


def _unlock(root: Path) -> tuple[Keys, str]:
    from data.crypto.keyfile import unlock_folder

    passphrase = _passphrase()
    return unlock_folder(root, passphrase), passphrase


def cmd_encrypt(ctx: Context) -> int:
    from data.crypto.folder import encrypt_folder
    from data.files.sealing import CHANGING_KEY, is_sealed

    root = ctx.data_dir
    meta = _meta(root)
    resuming = is_sealed(meta) and meta.get(CHANGING_KEY) == "encrypt"
    if is_sealed(meta) and not resuming:
        if sync_format.pending(root, "encrypt"):  # killed before its sync part was done
            sync_format.after_encrypt(ctx)
            ctx.say(t("crypto.finished", command="encrypt"))
            return EXIT_OK
        raise _fail(t("crypto.already"))
    if not resuming:
        from planner.shell.wiring import open_store

        open_store(ctx)  # a fresh or older folder is made current (and checked) first
    passphrase = _passphrase(new=not resuming)

    def show(made: NewKeys) -> None:
        ctx.say(t("crypto.recovery", key=made.recovery_key))

    sync_format.begin(root, "encrypt")
    encrypt_folder(root, passphrase, created=ctx.now, on_keys=show)
    if resuming:
        ctx.say(t("crypto.finished", command="encrypt"))
    ctx.say(t("crypto.encrypted"))
    sync_format.after_encrypt(ctx)
    return EXIT_OK


def _keys(ctx: Context) -> Keys:
    """The folder's keys from wherever ``obtain_keys`` finds them (the agent, the keyring,
    the passphrase variables, the terminal); ``Locked`` when none has them."""
    import sys

    from planner.shell.keys import obtain_keys

    keys = obtain_keys(ctx.data_dir, interactive=sys.stdin is not None and sys.stdin.isatty())
    if keys is None:  # keys.json gone meanwhile
        raise _fail(t("crypto.not_encrypted"))
    return keys


def cmd_decrypt(ctx: Context) -> int:
    from data.crypto.folder import decrypt_folder
    from data.files.sealing import is_sealed

    root = ctx.data_dir
    if not is_sealed(_meta(root)):
        raise _fail(t("crypto.not_encrypted"))
    keys = _keys(ctx)  # a wrong passphrase: one line, nothing said before it
    ctx.warn(t("crypto.decrypt_warning"))
    sync_format.before_decrypt(ctx, keys)
    decrypt_folder(root, keys)
    forget_kept_key(root, keys.data_key.key_id)
    ctx.say(t("crypto.decrypted"))
    return EXIT_OK


def cmd_passphrase(ctx: Context) -> int:
    from data.crypto.keyfile import load_keyfile, rewrapped, write_keyfile
    from data.files.sealing import is_sealed

    root = ctx.data_dir
    if not is_sealed(_meta(root)):
        raise _fail(t("crypto.not_encrypted"))
    keys = _keys(ctx)
    new = _new_passphrase()
    write_keyfile(root, rewrapped(load_keyfile(root), keys, new))
    ctx.say(t("crypto.passphrase_changed"))
    return EXIT_OK


def cmd_rekey(ctx: Context) -> int:
    from data.crypto.folder import rekey_folder
    from data.files.sealing import CHANGING_KEY, is_sealed

    root = ctx.data_dir
    meta = _meta(root)
    if not is_sealed(meta):
        raise _fail(t("crypto.not_encrypted"))
    keys, passphrase = _unlock(root)

    def show(made: NewKeys) -> None:
        ctx.say(t("crypto.recovery", key=made.recovery_key))

    rekey_folder(root, keys, passphrase, created=ctx.now, on_keys=show)
    forget_kept_key(root, keys.data_key.key_id)
    if meta.get(CHANGING_KEY) == "rekey":
        ctx.say(t("crypto.finished", command="rekey"))
    ctx.say(t("crypto.rekeyed"))
    return EXIT_OK
