"""What screens and dialogs ask of the app: messages up, handled by the app the shell builds.

A screen never calls the app's own methods. It is given the ``Planner`` service (to read,
and to check input as it is typed) and is shown its data by the app (data down, see
``widgets.screens.base``); to change anything, to undo, or to move to another screen it posts
one of these with ``ask``.

They go to the app's own queue, not up the screen's: a binding's action runs while the app
handles the key, so a message posted to the app then is handled before ``KeysInOrder``
routes the next key (keys typed ahead act on the state the previous key left).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol, runtime_checkable

from textual.message import Message
from textual.message_pump import MessagePump


def ask(sender: MessagePump, message: Message) -> None:
    """Post ``message`` to the app that ``sender`` runs in."""
    sender.app.post_message(message)


@runtime_checkable
class KeepsUnsaved(Protocol):
    """An app that keeps what could not be saved as it closes (no message is handled any
    more then), to say so, and to show ``text`` the user typed, when it ends."""

    def keep_unsaved(self, label: str, call: Callable[[], object], text: str = "") -> None: ...


class DataChanged(Message):
    """Something changed outside an action (a dialog saved, the board's filter): show every
    screen its data again."""


class PerformAction(Message):
    """Run ``call`` (a call of the ``Planner`` service) as the action ``label``: save it,
    keep it for retry if the disk refuses, refresh the screens, and move the board's cursor
    to ``select(result)`` (else to the task it was on).

    ``text``: the words the user typed that ``call`` saves (a journal entry's), shown if
    the app ends before a refused save could be made again.

    ``then`` is given the result once it has been saved (``None`` if it failed or was
    refused, the reason already shown): how a screen follows up on an action, for example
    asking for feedback on an instruction just done.
    """

    def __init__(
        self,
        label: str,
        call: Callable[[], Any],
        *,
        select: Callable[[Any], str] | None = None,
        then: Callable[[Any], None] | None = None,
        text: str = "",
    ) -> None:
        super().__init__()
        self.label = label
        self.call = call
        self.select = select
        self.then = then
        self.text = text
        """What the user typed that ``call`` saves: shown if the app ends before it is."""


class StepHistory(Message):
    """Undo or redo the last action."""

    def __init__(self, step: Literal["undo", "redo"]) -> None:
        super().__init__()
        self.step = step


class TogglePrivacy(Message):
    """Turn privacy mode on or off (confidential titles masked everywhere)."""


class ShowTask(Message):
    """Go to the board with the cursor on ``task_id``."""

    def __init__(self, task_id: str) -> None:
        super().__init__()
        self.task_id = task_id


class ShowSetback(Message):
    """Go to the setbacks screen with ``setback_id`` selected."""

    def __init__(self, setback_id: str) -> None:
        super().__init__()
        self.setback_id = setback_id


class FilterBoard(Message):
    """Go to the board with ``text`` in its filter (the People view's ``enter`` on a name)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class UnlockWith(Message):
    """The lock screen's passphrase, to unlock the encrypted data folder with (the app
    derives the key in a worker and answers the screen)."""

    def __init__(self, passphrase: str) -> None:
        super().__init__()
        self.passphrase = passphrase

    def __repr__(self) -> str:
        return "UnlockWith(<passphrase>)"  # never in a log or a traceback
