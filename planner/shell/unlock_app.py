"""The lock screen alone, at start: an encrypted data folder with no key at hand (no agent,
no keyring, no ``PLANNER_PASSPHRASE_FILE``/``_FD``) is unlocked here before anything of its
data is read; the planner app then opens with the keys.

A small app of its own, so that the planner app is always made on an open store (every part
of it reads the data from its first line on). ``esc`` (or ``ctrl+q``) quits: ``run`` returns
None and nothing was read.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.screen import Screen

from planner.shell.app_lock import FolderKeys, Unlocks
from planner.shell.looks import UserKeysAndTheme
from widgets.keys.translate import TranslatedBindings
from widgets.screens import lock as lock_module
from widgets.screens.lock import LockScreen

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys
    from planner.domain.config import Config


class UnlockApp(Unlocks, UserKeysAndTheme, TranslatedBindings, App["Keys | None"]):
    TITLE = "planner"
    CSS_PATH: ClassVar[list[str | PurePath]] = [Path(lock_module.__file__).with_name("lock.tcss")]
    """Read with the app's: the first screen's own CSS_PATH is not read for it."""
    ENABLE_COMMAND_PALETTE = False
    """Nothing to command before the data is open."""

    def __init__(self, folder_keys: FolderKeys, config: Config) -> None:
        super().__init__()
        self.folder_keys = folder_keys
        self.use_config_looks(config)

    def get_default_screen(self) -> Screen[Any]:
        return LockScreen(starting=True)

    def unlocked(self, keys: Keys) -> None:
        self.exit(keys)
