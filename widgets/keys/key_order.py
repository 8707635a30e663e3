"""Keys in the order they were typed, each to the widget that has focus when its turn comes.

Textual routes a key the moment the app takes it from its queue: it runs the priority
bindings, then posts the key to the focused widget; the key's other bindings (``2`` for the
journal, ``/`` for search, ``a`` for quick add) run only later, when the key has bubbled back
up to the app. Keys that arrive together (typed fast, pasted, sent by ``tmux send-keys``) are
therefore all posted to the widget focused when the first of them arrived, before the first
one's binding has switched the screen, opened a dialog or moved the focus. ``2/hello`` sent
the slash and the word to the board, where the word was lost; ``/weekly`` on the board opened
the filter and then ran ``e`` (edit) and ``k`` on the board instead of typing them.

``KeysInOrder`` lets one key (or paste) through at a time. A marker is posted to the widget
the key went to, right behind it; it bubbles up the same way, so it reaches the app once the
key has been handled all the way up (or stopped on the way). The next key is routed after
that, and after whatever the binding asked the app to do next (a focus change, mounting the
screen it opened), so it goes to the widget that has focus by then. Should the marker never
come back (its widget was removed with a closing dialog), the waiting keys are let through as
soon as that is seen, and after ``MAX_WAIT_SECONDS`` at the most.
"""

from __future__ import annotations

from collections import deque
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object

CHECK_SECONDS = 0.05
"""While keys wait, how often to look whether the widget of the key in flight went away."""

MAX_WAIT_SECONDS = 1.0
"""Waiting keys are let through after this long whatever happened (Textual's own routing)."""

Routed = events.Key | events.Paste


class KeyHandled(Message, bubble=True, verbose=True):
    """Posted behind a key to the widget it was routed to; bubbles back to the app."""


class KeysInOrder(_AppBase):
    """Mixin for the App (put it before ``App`` in the bases): one key at a time.

    Mouse events are not held: a click goes where it points at once.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting_keys: deque[Routed] = deque()
        self._key_busy = False
        """A key was routed and the next must wait until it has been handled."""
        self._key_marker: KeyHandled | None = None
        self._key_target: MessagePump | None = None
        self._key_since = 0.0
        self._key_check: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, Routed) and not event.is_forwarded:
            self._waiting_keys.append(event)
            if self._key_busy:
                self._watch_key_in_flight()
            else:
                await self._route_next_key()
            return
        await super().on_event(event)

    async def _route_next_key(self) -> None:
        if self._key_busy or not self._waiting_keys:
            return
        event = self._waiting_keys.popleft()
        self._key_busy = True
        await super().on_event(event)
        if event.is_forwarded:
            # Textual posted it to the focused widget (or the screen) with nothing awaited
            # since: that widget is still the one in focus.
            target: MessagePump = self.focused or self.screen
            marker = KeyHandled()
            if target.post_message(marker):
                self._key_marker = marker
                self._key_target = target
                self._key_since = monotonic()
                return
        # Taken by a priority binding (or the widget is gone): handled already.
        self._key_done()

    def _on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        if message is self._key_marker:
            self._key_done()

    def _key_done(self) -> None:
        """Let the next key through once what the app was asked to do next has been done:
        ``focus()`` and mounting a new screen are callbacks queued on the app."""
        self._key_marker = None
        self._key_target = None
        self.call_later(self._release_key)

    async def _release_key(self) -> None:
        self._key_busy = False
        await self._route_next_key()

    def _watch_key_in_flight(self) -> None:
        if self._key_target is not None and self._key_check is None:
            self._key_check = self.set_timer(CHECK_SECONDS, self._check_key_in_flight)

    def _check_key_in_flight(self) -> None:
        self._key_check = None
        target = self._key_target
        if target is None:
            return
        gone = not target.is_attached or not target.is_running
        if gone or monotonic() - self._key_since > MAX_WAIT_SECONDS:
            self._key_done()
        else:
            self._watch_key_in_flight()
