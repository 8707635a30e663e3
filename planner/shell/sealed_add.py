"""Capture while locked: ``planner add`` on an encrypted folder with no key at hand seals
the line to the inbox (``data.crypto.inbox``) and prints the id the task will have; the
next process that holds the keys and writes takes the inbox in.

A sealed record's payload is one JSON object: ``{"v": 1, "kind": "task", "id": ID,
"text": the quick-add line as typed, "at": ISO time of the add}``. The line is read at
take-in through the normal services (``!main``, dates, tags...), with the clock set to the
time of the add, so "tomorrow" means the day after the add and ``!main`` marks that day.

Exactly once: the id is chosen at the add and kept in the payload; the take-in adds a task
only if no task has that id yet, and removes the sealed file only after the store holds the
task durably. A take-in killed between the two finds the task at the next run and only
removes the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.config import Config
from planner.domain.errors import ParseError

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys
    from planner.domain.workdays import WorkCalendar
    from planner.services.ports import Store

PAYLOAD_VERSION = 1


def post_sealed_add(root: Path, text: str, now: datetime) -> str:
    """Seal ``text`` into ``<root>/inbox/``; the new task's id. Needs no secret."""
    from data.crypto import inbox
    from data.crypto.keyfile import load_keyfile
    from planner.domain.ids import new_id

    keyfile = load_keyfile(root)
    task_id = new_id()
    payload = {"v": PAYLOAD_VERSION, "kind": "task", "id": task_id, "text": text}
    payload["at"] = now.isoformat()
    inbox.post(root, keyfile, task_id, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return task_id


@dataclass(frozen=True, slots=True)
class TakenIn:
    """What a take-in did: the ids now stored, and the sealed records left waiting (a
    record that does not open, or whose line no longer reads) with why."""

    ids: tuple[str, ...]
    left: tuple[tuple[str, str], ...] = ()


def take_in(
    root: Path,
    store: Store,
    config: Config,
    keys: Keys,
    calendar: WorkCalendar | None = None,
) -> TakenIn:
    """Store every sealed add waiting in ``<root>/inbox/`` through the services, oldest
    first, removing each file only once its task is stored. Cheap when the inbox is
    empty (one ``scandir``). ``calendar`` counts ``due:+3wd`` (from the day of the add)."""
    from data.crypto import inbox

    waiting = inbox.pending(root)
    if not waiting:
        return TakenIn(())
    from data.crypto.errors import CryptoError
    from planner.services.planner import Planner

    ids: list[str] = []
    left: list[tuple[str, str]] = []
    for path in waiting:
        name = path.name[: -len(inbox.SUFFIX)]
        try:
            blob = path.read_bytes()
            payload = inbox.open_sealed(keys.inbox_private, keys.data_key.key_id, name, blob)
            task_id, text, at = _read_payload(payload, name)
        except (CryptoError, ValueError, OSError) as exc:
            left.append((name, str(exc)))
            continue
        if store.get_task(task_id) is None:
            planner = Planner(store, config, lambda at=at: at, calendar)  # type: ignore[misc]
            try:
                planner.add_parsed(planner.quick_add_check(text), task_id=task_id)
            except ParseError as exc:
                left.append((name, str(exc)))
                continue
        inbox.done(inbox.InboxItem(name, payload, path))
        ids.append(task_id)
    return TakenIn(tuple(ids), tuple(left))


def _read_payload(payload: bytes, name: str) -> tuple[str, str, datetime]:
    from planner.domain.ids import is_valid_id

    raw = json.loads(payload)
    if not isinstance(raw, dict) or raw.get("v") != PAYLOAD_VERSION or raw.get("kind") != "task":
        raise ValueError(f"inbox/{name}: not a sealed task of this planner's version")
    task_id, text, at = raw.get("id"), raw.get("text"), raw.get("at")
    if not is_valid_id(task_id) or task_id != name or not isinstance(text, str):
        raise ValueError(f"inbox/{name}: its id or text is damaged")
    if not isinstance(at, str):
        raise ValueError(f"inbox/{name}: its time is damaged")
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        raise ValueError(f"inbox/{name}: its time has no zone")
    assert isinstance(task_id, str)
    return task_id, text, moment
