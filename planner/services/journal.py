"""The journal: appending to a day's entry, and saving a whole entry from the editor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from planner.domain.errors import DomainError
from planner.domain.models import JournalEntry
from planner.domain.textmerge import merge_text
from planner.services.context import Context
from planner.services.ports import Change


class Journal:
    """Writes to the journal, each one undoable."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def append(self, text: str, day: date | None = None) -> JournalEntry:
        if not text.strip():
            raise DomainError("journal", "there is no text to append")
        ctx = self._ctx
        target = day or ctx.today()
        result: list[JournalEntry] = []

        def build() -> list[Change]:
            current = ctx.store.get_entry(target)
            now = ctx.now()
            base = current or JournalEntry.create(target, now)
            updated = base.appended(text, now)
            result.append(updated)
            return [Change(current, updated)]

        ctx.history.run("action.journal", build)
        return result[0]

    def save_text(self, day: date, text: str, base: str) -> JournalEntry:
        """Write the editor's ``text`` as the body of ``day``'s entry, its other fields as
        they are now. ``base`` is the body the editor's text was made from: when another
        process changed the body since, what it wrote is kept too (``merge_text``: its
        addition after this text, or else both, under a line saying so)."""
        ctx = self._ctx
        result: list[JournalEntry] = []

        def build() -> list[Change]:
            current = ctx.store.get_entry(day)
            now = ctx.now()
            body = text
            if current is not None and current.body != base:
                from planner.i18n.translate import t  # the marker's words, where it is made

                body = merge_text(base, current.body, text, marker=t("history.journal_kept"))
            if current is None and not body.strip():
                return []
            updated = (current or JournalEntry.create(day, now)).touched(now, body=body)
            result.append(updated)
            return [Change(current, updated)]

        ctx.history.run("action.journal", build)
        return result[0] if result else JournalEntry.create(day, ctx.now())

    def save_entry(self, entry: JournalEntry) -> JournalEntry:
        """Write a whole entry (the journal editor's autosave).

        When the day already holds an entry under another id, it keeps that id and its
        creation time. Returns ``entry`` as given, not as stored.
        """
        ctx = self._ctx

        def build() -> list[Change]:
            current = ctx.store.get_entry(entry.date)
            updated = entry.touched(ctx.now())
            if current is not None and current.id != entry.id:
                updated = replace(updated, id=current.id, created=current.created)
            return [Change(current, updated)]

        ctx.history.run("action.journal", build)
        return entry
