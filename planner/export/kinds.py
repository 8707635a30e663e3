"""The kinds of export, named by the command line and the app without importing the
export itself."""

from __future__ import annotations

from typing import Literal

ExportKind = Literal["journal", "setbacks", "tasks", "report"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("journal", "setbacks", "tasks", "report")
