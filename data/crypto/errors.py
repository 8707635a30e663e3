"""The errors of the crypto core. Each is a ``DataError``, so the CLI maps it to exit 3 with
one line; none is raised after anything was written."""

from __future__ import annotations

from planner.domain.errors import DataError


class CryptoError(DataError):
    """Base of every error of ``data.crypto``; ``path`` names the file or the source concerned."""


class WrongPassphrase(CryptoError):
    """The passphrase does not unwrap the data key (mistyped, or another store's)."""

    def __init__(self, path: str = "keys.json") -> None:
        super().__init__(path, "the passphrase is wrong", "nothing was changed")


class WrongRecoveryKey(CryptoError):
    """The recovery key does not unwrap the data key, or is not one (a typo, a bad group)."""

    def __init__(self, path: str = "keys.json", problem: str = "the recovery key is wrong") -> None:
        super().__init__(path, problem, "nothing was changed")


class KeyFileError(CryptoError):
    """``keys.json`` is missing, unreadable, of an unknown format or inconsistent."""


class EnvelopeFormatError(CryptoError):
    """Bytes that are not a sealed envelope of a version this planner reads."""

    def __init__(self, what: str, problem: str) -> None:
        super().__init__(what, problem)


class SealBroken(CryptoError):
    """An envelope does not open: altered, truncated, moved to another file, record, field
    or stamp, or sealed with another data key. Nothing of its content is returned."""

    def __init__(
        self,
        what: str,
        problem: str = "does not open: altered, moved or another key",
        advice: str = "",
    ) -> None:
        super().__init__(what, problem, advice)


class SealedWithOtherKey(SealBroken):
    """An envelope names a data key other than the one at hand (sealed before a rekey, or
    by another store): a different remedy from tampering, so told apart."""

    def __init__(self, what: str) -> None:
        super().__init__(what, "was sealed with another data key")


class PassphraseUnavailable(CryptoError):
    """No passphrase can be had: no PLANNER_PASSPHRASE_FILE or _FD, and no terminal to ask on."""


class PassphraseRefused(CryptoError):
    """A new passphrase that cannot be used: empty, or typed differently the second time."""


class Locked(CryptoError):
    """The folder is encrypted and no key is at hand: no agent holds it, no keyring entry,
    no passphrase source, no terminal to ask on. Reading never falls back to plain text;
    the CLI says it in one line, exit 3 (``planner add`` seals to the inbox instead)."""

    def __init__(
        self,
        path: str = "data folder",
        problem: str = "is encrypted and locked",
        advice: str = "run planner unlock, or give the passphrase in PLANNER_PASSPHRASE_FILE "
        "or PLANNER_PASSPHRASE_FD",
    ) -> None:
        super().__init__(path, problem, advice)


class KeyChanged(Locked):
    """A running process's keys no longer open the folder: another process ran ``planner
    rekey`` (``case`` "rekeyed": a new data key) or ``planner encrypt`` (``case``
    "encrypted": the process holds no key at all). Raised before anything is read or written
    with the old key (or as plain text); the remedy is the passphrase, which derives the
    keys of ``keys.json`` as it is now (``FileStore.use_keys``)."""

    def __init__(self, path: str, case: str) -> None:
        problem = {
            "rekeyed": "is encrypted with another data key now (planner rekey ran)",
            "encrypted": "was encrypted meanwhile (planner encrypt ran)",
        }[case]
        super().__init__(path, problem, "give the passphrase again; nothing was written")
        self.case = case


class FormatChanging(Locked):
    """``meta.json`` says ``planner encrypt``, ``decrypt`` or ``rekey`` (``change``) is under
    way: another process is running it now, or it was interrupted and must be run again.
    Nothing is read or written meanwhile."""

    def __init__(self, path: str, change: str, *, running: bool = False) -> None:
        why = "it was interrupted"
        if running:
            why = "another process is running it, or it was interrupted"
        super().__init__(
            path,
            f"is halfway through planner {change} ({why})",
            f"run planner {change} again to finish it; nothing was lost",
        )
        self.change = change
