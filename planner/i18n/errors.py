"""Describing the domain's errors to people, in their language: the CLI and the screens
say the same thing about the same mistake."""

from __future__ import annotations

from planner.domain.errors import AmbiguousIdError, DomainError, NotFoundError, ParseError
from planner.i18n.translate import has, t


def describe_error(exc: Exception) -> str:
    """A translated one-line description of a bad-input error."""
    if isinstance(exc, ParseError):
        key = exc.reason_key
        reason = t(f"reason.{key}") if key and has(f"reason.{key}") else exc.reason
        return t("error.quick_add", part=exc.part, column=exc.position + 1, reason=reason)
    if isinstance(exc, AmbiguousIdError):
        shown = ", ".join(m[:8] for m in exc.matches[:5])
        return t("error.ambiguous", key=exc.key, matches=shown)
    if isinstance(exc, NotFoundError):
        return t("error.not_found", key=exc.key)
    if isinstance(exc, DomainError):
        return t("error.domain", field=exc.field, message=exc.message)
    return str(exc)
