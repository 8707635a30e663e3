"""The people screen.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # people
    "people.empty": (
        "No key people on open work yet. Name them in quick add with @name, or from:name for an instruction.",
        "未完成的工作中还没有关键人物。快速添加时用 @人名，交办事项用 from:人名。",
    ),
    "people.person": ("person", "人员"),
    "people.count": ("open", "未完成"),
    "people.nearest": ("nearest", "最近日期"),
}
