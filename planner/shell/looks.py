"""The user's keys and theme: the config's ``[keys]`` and ``theme``, and the theme chosen in
the command palette kept in the config file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.config import Config
from planner.domain.errors import ConfigError
from planner.i18n.translate import t

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object


class UserKeysAndTheme(_AppBase):
    """Mixin for the App (before ``App`` in the bases): call ``use_config_looks`` in
    ``__init__``, before the first frame, so the app opens with the user's keys and theme
    and styles itself once."""

    _kept_theme: str | None = None
    _looks_path: Path | None = None
    _keymap_from_config: Mapping[str, str] = {}

    def use_config_looks(self, config: Config) -> None:
        self._looks_path = config.path
        self._kept_theme = config.theme
        if config.keys:
            self._keymap_from_config = config.keys
            self.set_keymap(dict(config.keys))
        if config.theme:
            self.theme = config.theme

    def report_key_clashes(self) -> None:
        """Say, once at start, each key the config's ``[keys]`` gives to two actions of one
        screen (the first found would act, the other never). Only with a ``[keys]`` table:
        it reads every screen's bindings, which start-up otherwise leaves unimported."""
        keymap = dict(self._keymap_from_config)
        if not keymap:
            return
        from widgets.keys.clashes import clashes
        from widgets.keys.holders import binding_holders

        for clash in clashes(keymap, binding_holders(type(self).BINDINGS)):
            self.notify(
                t("keys.clash", key=clash.key, ids=", ".join(clash.ids), screen=clash.scope),
                severity="warning",
                timeout=10,
                markup=False,
            )

    def watch_theme(self, theme: str) -> None:
        """A theme chosen (the command palette's "change theme") is kept in the config file,
        so the app opens with it next time; a failure to write is said, and the theme stays
        for this session."""
        if theme == self._kept_theme or self._looks_path is None:
            return
        from planner.shell.config_file import save_theme

        try:
            save_theme(self._looks_path, theme)
        except (OSError, ConfigError) as exc:
            self.notify(
                t("theme.not_saved", path=str(self._looks_path), error=str(exc)),
                severity="warning",
                markup=False,
            )
            return
        self._kept_theme = theme
