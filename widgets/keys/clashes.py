"""Keys the config's ``[keys]`` gives to two actions of one screen.

Textual's keymap takes any remapping without a word; the first binding found for a key then
acts and the other never does. A remapped key that another action of the same screen (or
one of the app's, which reach every screen) already has is a clash worth saying at start.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Clash:
    """``key`` acts for more than one action of ``scope`` (``board``, ``journal``...)."""

    scope: str
    key: str
    ids: tuple[str, ...]


def _keys(text: str) -> set[str]:
    return {key.strip() for key in text.split(",") if key.strip()}


def clashes(keymap: Mapping[str, str], holders: Iterable[Iterable[BindingType]]) -> list[Clash]:
    """The clashes the user's ``keymap`` (binding id to keys) makes among the bindings of
    ``holders`` (each a class's ``BINDINGS``). A binding's id names its scope (``board.``,
    ``app.``); the app's bindings count in every scope. Only a key the keymap gives to an
    action is reported: the app's and a screen's own ``z`` are one on purpose."""
    keys_of: dict[str, set[str]] = {}
    for bindings in holders:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                keys_of.setdefault(binding.id, set()).update(_keys(binding.key))
    for binding_id, remapped in keymap.items():
        if binding_id in keys_of:
            keys_of[binding_id] = _keys(remapped)
    scopes = {binding_id.partition(".")[0] for binding_id in keys_of} - {"app"}
    found: list[Clash] = []
    for scope in sorted(scopes):
        by_key: dict[str, set[str]] = {}
        for binding_id, bound in keys_of.items():
            if binding_id.partition(".")[0] in (scope, "app"):
                for key in bound:
                    by_key.setdefault(key, set()).add(binding_id)
        for key, ids in sorted(by_key.items()):
            moved = [i for i in ids if i in keymap and key in _keys(keymap[i])]
            if len(ids) > 1 and moved:
                found.append(Clash(scope, key, tuple(sorted(ids))))
    return found
