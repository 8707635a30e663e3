"""Describing the domain's errors to people, in their language: the CLI and the screens
say the same thing about the same mistake."""

from __future__ import annotations

from planner.domain.errors import AmbiguousIdError, DomainError, NotFoundError, ParseError
from planner.domain.visible import visible
from planner.i18n.translate import has, t

_NOT_FOUND = {
    "task": "error.not_found",
    "setback": "error.not_found_setback",
    "entry": "error.not_found_entry",
}
"""How a missing record is named, by ``NotFoundError.kind``."""


def describe_reason(exc: ParseError) -> str:
    """Why the text of a parse error could not be read, in the user's language."""
    key = exc.reason_key
    return t(f"reason.{key}") if key and has(f"reason.{key}") else exc.reason


def describe_date_error(name: str, exc: ParseError) -> str:
    """An unreadable date given to the option or field ``name`` (``--week``, "Date"), named
    once with the text and the reason: ``--week: cannot read 'frx': not a date; ...``.
    The text as typed, its control characters written out (``planner.domain.visible``)."""
    reason = describe_reason(exc)
    return visible(t("error.bad_date_value", name=name, value=exc.part, reason=reason))


def describe_error(exc: Exception) -> str:
    """A translated one-line description of a bad-input error; the text it quotes (a token,
    an id as typed) with its control characters written out, on the screens as on the CLI."""
    return visible(_describe(exc))


def _describe(exc: Exception) -> str:
    if isinstance(exc, ParseError):
        reason = describe_reason(exc)
        return t("error.quick_add", part=exc.part, column=exc.position + 1, reason=reason)
    if isinstance(exc, AmbiguousIdError):
        shown = ", ".join(m[:8] for m in exc.matches[:5])
        return t("error.ambiguous", key=exc.key, matches=shown)
    if isinstance(exc, NotFoundError):
        return t(_NOT_FOUND.get(exc.kind, "error.not_found"), key=exc.key)
    if isinstance(exc, DomainError):
        return t("error.domain", field=exc.field, message=exc.message)
    return str(exc)
