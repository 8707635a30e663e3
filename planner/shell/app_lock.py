"""The app's side of an encrypted data folder: the passphrase asked on the lock screen and
checked in a worker, the idle lock, ``ctrl+l``, and what the header says about encryption.

What a lock does (the honest choice, see README "Encryption"): the lock screen is pushed over
everything, a full opaque screen, so nothing of the data is drawn; every action of the app but
quitting is refused while it is on top (no command palette, no help, no mode switch); notices
are held until the unlock, and timers that would open a dialog (the carry-over question) wait
for it. The records already read and the data key stay in this process's memory: the lock
guards the screen, as a screen locker does, not the memory (``esc`` quits, which ends both).
Unlocking takes the lock screen away, so the user is back exactly where they were, dialogs and
half-typed fields included.

Another process may change the folder's key meanwhile (``planner rekey``, ``planner
encrypt``): the store then refuses to read or write with the old key (``KeyChanged``), and
the app locks itself with the lock screen saying why (``key_changed``). Every unlock derives
the keys from ``keys.json`` as it is then and hands them to the store (``adopt_keys``), so an
idle lock over a rekey also goes on with the new key; changes refused meanwhile were kept
for retry and are saved after the unlock (the lock screen says how many wait, and that
quitting loses them).

The key derivation (Argon2id, 0.3-0.5 s at the real cost) runs in a worker thread, never on
the UI thread: the lock screen says it is checking meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events

from planner.domain.errors import DataError
from planner.i18n.translate import t
from widgets.messages import UnlockWith
from widgets.screens.lock import LockScreen

if TYPE_CHECKING:
    from textual.app import App

    from data.crypto.keyfile import Keys

    _AppBase = App[Any]
else:
    _AppBase = object

IDLE_CHECK_SECONDS = 5.0
"""How often the app looks whether it has been idle for ``[encryption] lock_after_minutes``."""
LOCKED_ACTIONS = frozenset({"quit"})
"""The app's only action while locked (``esc`` on the lock screen, ``ctrl+q``)."""


@dataclass(frozen=True, slots=True)
class KeyState:
    """What the header says: the folder is encrypted, and whether a keyring holds its key."""

    encrypted: bool = False
    keyring: bool = False

    def header_words(self) -> str:
        if not self.encrypted:
            return ""
        return t("header.keyring" if self.keyring else "header.encrypted")


class FolderKeys:
    """The keys of one data folder as the app needs them: whether it is encrypted, and the
    keys for a passphrase typed on the lock screen (``WrongPassphrase`` if it is not the one)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def encrypted(self) -> bool:
        from planner.shell.keys import is_encrypted

        return is_encrypted(self.root)

    def state(self) -> KeyState:
        """Encrypted or not, and whether a keyring holds the key (``key_status``)."""
        from planner.shell.keys import key_status

        status = key_status(self.root)
        return KeyState(encrypted=status.encrypted, keyring=status.keyring)

    def at_hand(self) -> Keys | None:
        """The keys without asking anyone (``obtain_keys``: the agent of ``planner unlock``,
        the keyring if opted in, ``PLANNER_PASSPHRASE_FILE`` or ``_FD``); None when none has
        them, and the lock screen asks. A wrong passphrase from a variable is a data problem
        (exit 3), as for the CLI: it was not typed, so there is nothing to retry."""
        from data.crypto.errors import Locked
        from planner.shell.keys import obtain_keys

        try:
            return obtain_keys(self.root, interactive=False)
        except Locked:
            return None

    def unlock(self, passphrase: str) -> Keys:
        """Derive the key from ``passphrase`` (slow: call it in a worker)."""
        from data.crypto.keyfile import unlock_folder

        return unlock_folder(self.root, passphrase)


def is_key_change(error: BaseException) -> bool:
    """Whether ``error`` is the store's ``KeyChanged`` (imported only when asked: plain
    start-up reads nothing of the crypto code)."""
    from data.crypto.errors import KeyChanged

    return isinstance(error, KeyChanged)


def is_format_changing(error: BaseException) -> bool:
    """Whether ``error`` says another process's ``encrypt``, ``decrypt`` or ``rekey`` is
    under way (``FormatChanging``): the look for outside changes waits for its end quietly
    (a write meanwhile is refused and says so)."""
    from data.crypto.errors import FormatChanging

    return isinstance(error, FormatChanging)


def keys_at_start(folder: FolderKeys, ask: Callable[[], Keys | None]) -> tuple[bool, Keys | None]:
    """Whether the app goes on, and with which keys: none for a plain folder; an encrypted
    one's from ``at_hand``, else from ``ask`` (the lock screen), which returns None when
    the user quits. Nothing of the data is read here (``keys.json`` only)."""
    if not folder.encrypted():
        return True, None
    keys = folder.at_hand()
    if keys is None:
        keys = ask()
        if keys is None:
            return False, None
    return True, keys


class Unlocks(_AppBase):
    """Mixin for an app that shows the lock screen: the passphrase it sends up is checked in a
    worker thread; a wrong one is said on the screen, which lets the user type it again;
    the right one's keys go to ``unlocked``."""

    folder_keys: FolderKeys | None = None

    def unlocked(self, keys: Keys) -> None:
        raise NotImplementedError

    def on_unlock_with(self, message: UnlockWith) -> None:
        message.stop()
        source = self.folder_keys
        if source is None:
            return
        passphrase = message.passphrase

        def derive() -> None:
            from data.crypto.errors import WrongPassphrase

            keys: Keys | None = None
            reason = ""
            try:
                keys = source.unlock(passphrase)
            except WrongPassphrase:
                reason = t("lock.wrong")
            except (DataError, OSError) as exc:
                reason = t("lock.failed", reason=str(exc))
            with suppress(RuntimeError):  # the app ended meanwhile
                self.call_from_thread(self._unlock_answered, keys, reason)

        self.run_worker(derive, thread=True, group="unlock", exit_on_error=False)

    def _unlock_answered(self, keys: Keys | None, reason: str) -> None:
        if keys is not None:
            try:
                self.adopt_keys(keys)
            except (DataError, OSError) as exc:
                reason = t("lock.failed", reason=str(exc))
            else:
                self.unlocked(keys)
                return
        screen = self.lock_screen()
        if screen is not None:
            screen.refused(reason)

    def adopt_keys(self, keys: Keys) -> None:
        """Hand the keys of an unlock to what reads the data (``DataError`` when they do not
        open it as it is now: the lock screen says so and asks again)."""

    def lock_screen(self) -> LockScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, LockScreen):
                return screen
        return None


class LocksItself(Unlocks):
    """Mixin for the planner app (before ``KeysInOrder`` in the bases): the idle lock and
    ``ctrl+l`` on an encrypted folder. Call ``start_locking`` in ``__init__`` and
    ``watch_idle`` in ``on_mount``."""

    locked = False
    key_state = KeyState()
    _lock_after_minutes = 0
    _idle_clock: Callable[[], float] = time.monotonic
    _last_activity = 0.0
    _held_notices: list[Callable[[], None]]

    def start_locking(
        self,
        folder: Path | None,
        *,
        lock_after_minutes: int,
        idle_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``folder``: the data folder (None: a store that is not a folder, the demo's is
        plain); ``idle_clock``: seconds, monotonic (tests move it)."""
        self.folder_keys = FolderKeys(folder) if folder is not None else None
        self.key_state = self.folder_keys.state() if self.folder_keys else KeyState()
        self._lock_after_minutes = lock_after_minutes
        self._idle_clock = idle_clock
        self._last_activity = idle_clock()
        self._held_notices = []

    def watch_idle(self, every: float = IDLE_CHECK_SECONDS) -> None:
        """Check for idle time (an encrypted folder's: ``check_idle`` asks ``key_state``
        each time, so a folder encrypted meanwhile locks too)."""
        if self._lock_after_minutes:
            self.set_interval(every, self.check_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste, events.MouseEvent)):
            self._last_activity = self._idle_clock()
        await super().on_event(event)

    def check_idle(self) -> None:
        """Lock once nothing was typed or clicked for ``lock_after_minutes``."""
        if self.locked or not self._lock_after_minutes or not self.key_state.encrypted:
            return
        if self._idle_clock() - self._last_activity >= self._lock_after_minutes * 60:
            self.lock_now()

    def lock_now(self, why: str = "") -> None:
        """Cover everything with the lock screen (see the module's docstring); ``why``: what
        the screen says instead of the idle lock's words (already locked: it says it now)."""
        if self.locked:
            screen = self.lock_screen()
            if why and screen is not None:
                screen.explain(why)
            return
        if not self.key_state.encrypted:
            self.notify(t("lock.not_encrypted"), severity="warning")
            return
        self.locked = True
        self.clear_notifications()
        self.push_screen(LockScreen(starting=False, why=why))

    def key_changed(self, error: BaseException, waiting: int = 0) -> None:
        """The store refused the old key (``KeyChanged``: another process ran ``planner
        rekey`` or ``encrypt``): lock, say why, and ask the passphrase of the new key.
        ``waiting``: changes kept for retry, saved after the unlock."""
        if self.folder_keys is None:
            return
        case = getattr(error, "case", "rekeyed")
        why = t("lock.why_encrypted" if case == "encrypted" else "lock.why_rekeyed")
        if waiting:
            why += "\n" + t("lock.waiting", count=waiting)
        screen = self.lock_screen() if self.locked else None
        if screen is not None and screen.why == why:
            return  # said already (the look for outside changes comes every second)
        self.key_state = self.folder_keys.state()
        self.lock_now(why)

    def follow_key_state(self) -> None:
        """``keys.json`` came or went (another process's ``encrypt`` or ``decrypt``): the
        header's mark, and whether the idle lock applies, read again (one ``stat``)."""
        folder = self.folder_keys
        if folder is None or folder.encrypted() == self.key_state.encrypted:
            return
        self.key_state = folder.state()
        self.key_state_changed()

    def key_state_changed(self) -> None:
        """The header shows ``key_state`` again (the app's)."""

    def unlocked(self, keys: Keys) -> None:
        """The passphrase was right: back where the user was, the held notices said."""
        self.locked = False
        self._last_activity = self._idle_clock()
        if isinstance(self.screen, LockScreen):
            self.pop_screen()
        held, self._held_notices = self._held_notices, []
        for say in held:
            say()
        self.after_unlock()

    def after_unlock(self) -> None:
        """What waited for the unlock (the app's data shown again, a question asked)."""

    def hold_notice(self, say: Callable[[], None]) -> bool:
        """While locked, keep a notice for the unlock (it may name a task); True if held."""
        if not self.locked:
            return False
        self._held_notices.append(say)
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action not in LOCKED_ACTIONS:
            return False
        result: bool | None = super().check_action(action, parameters)
        return result

    def action_lock(self) -> None:
        self.lock_now()
