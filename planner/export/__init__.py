"""Markdown export of the journal, setbacks, tasks and the weekly/daily report (DESIGN 6).

Kept light: the command line imports this package to list the kinds; the work lives in
its modules, imported only when an export runs.
"""

from __future__ import annotations

from typing import Literal

ExportKind = Literal["journal", "setbacks", "tasks", "report"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("journal", "setbacks", "tasks", "report")
