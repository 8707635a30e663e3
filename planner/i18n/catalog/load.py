"""Today's load against the day's capacity: the board's header, ``planner today``'s line and
the ``[capacity]`` settings' errors.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "load.hours": ("{hours} h", "{hours} 小时"),
    "load.against": ("{planned} / {capacity}", "{planned} / {capacity}"),
    "load.unestimated": ("{count} without estimate", "{count} 项未估时"),
    "load.makeup": ("make-up workday", "调休上班"),
    "load.day_off": ("day off", "休息日"),
    "load.extra_day": ("working day", "工作日"),
    "load.timed": ("{hours} at set times", "其中定时 {hours}"),
    "load.line": ("Load: {load}", "今日负荷：{load}"),
    "load.notes": ("{load} ({notes})", "{load}（{notes}）"),
    "load.notes_joiner": ("; ", "；"),
    # the [capacity] settings
    "error.config_capacity_table": (
        '{where}: [capacity] must be a table, e.g. monday = "6h"',
        '{where}：[capacity] 须是表，例如 monday = "6h"',
    ),
    "error.config_capacity_unknown": (
        "{where}: unknown setting {name!r} in [capacity] (known: {known})",
        "{where}：[capacity] 中的未知设置 {name!r}（可用：{known}）",
    ),
    "error.config_capacity_type": (
        '{where}: [capacity] {name} must be text with a unit, e.g. "6h", "7.5h", '
        '"360m" or "6小时" (0 for none), got {value!r}',
        '{where}：[capacity] {name} 须是带单位的文字，例如 "6h"、"7.5h"、"360m" 或 '
        '"6小时"（不安排写 0），实际为 {value!r}',
    ),
    "error.config_capacity_value": (
        "{where}: [capacity] {name}: {value!r} is not a day's capacity: {reason}",
        "{where}：[capacity] {name}：{value!r} 不是一天的可用时间：{reason}",
    ),
    "reason.capacity_bounds": ("at most 24 hours a day", "一天最多 24 小时"),
    "reason.capacity_range": ("one length, not a range: 6h", "须是一个时长而非范围，例如 6h"),
}
