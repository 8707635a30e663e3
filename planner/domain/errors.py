"""Errors the domain raises; the CLI maps each family to an exit code (DESIGN section 7)."""

from __future__ import annotations


class PlannerError(Exception):
    """Base of every error planner raises on purpose."""


class DomainError(PlannerError, ValueError):
    """A value that breaks a model rule; names the field it concerns."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ParseError(PlannerError, ValueError):
    """Text that could not be read; names the part and where it starts (0-based)."""

    def __init__(
        self, part: str, position: int, reason: str, reason_key: str | None = None
    ) -> None:
        super().__init__(f"{part!r} at column {position + 1}: {reason}")
        self.part = part
        self.position = position
        self.reason = reason
        self.reason_key = reason_key
        """A catalog key (``reason.<key>``), so callers can word the reason in any language."""


class NotFoundError(PlannerError, LookupError):
    """No record matches an id or prefix."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"no {kind} with id {key!r}")
        self.kind = kind
        self.key = key


class AmbiguousIdError(PlannerError, LookupError):
    """A prefix matches more than one record."""

    def __init__(self, kind: str, key: str, matches: list[str]) -> None:
        shown = ", ".join(m[:8] for m in matches[:5])
        super().__init__(f"id {key!r} matches several {kind}s: {shown}")
        self.kind = kind
        self.key = key
        self.matches = matches


class ConfigError(PlannerError):
    """The configuration file cannot be used; the message names the file and line or key."""


class DataError(PlannerError):
    """A data file is corrupt, from a newer schema, or the data folder cannot be written.

    Raised by the persistence layer; ``path`` names the file and ``advice`` says what to do.
    """

    def __init__(self, path: str, problem: str, advice: str = "") -> None:
        text = f"{path}: {problem}"
        if advice:
            text += f". {advice}"
        super().__init__(text)
        self.path = path
        self.problem = problem
        self.advice = advice
