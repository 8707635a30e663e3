"""The journal screen.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # journal screen
    "journal.placeholder": (
        "Write about the day. It saves as you type; Esc goes back to the dates.",
        "记下这一天的所思所得。输入时自动保存；按 Esc 返回日期列表。",
    ),
    "journal.masked": (
        "This entry is confidential and privacy mode is on. Press z to turn privacy mode off and read it.",
        "这篇日志已设为保密，且隐私模式已开启。按 z 关闭隐私模式后即可查看。",
    ),
    "journal.confidential": ("confidential", "保密"),
    "journal.controls": (
        "control characters kept, not shown: {count}",
        "含控制字符 {count} 个（保留，不显示）",
    ),
    "journal.search_placeholder": (
        "Search every entry (Enter opens the day, Esc leaves)",
        "搜索全部日志（回车打开该日，Esc 退出）",
    ),
    "journal.search_hint": ("Type words to look for.", "输入要查找的文字。"),
    "journal.search_none": ("No entry matches.", "没有匹配的日志。"),
    "journal.search_count": ("Matching entries: {count}", "匹配的日志：{count} 篇"),
    "journal.search_more": (
        "Matching entries: {count}; the newest {shown} are shown",
        "匹配的日志：{count} 篇，显示最近的 {shown} 篇",
    ),
    "journal.search_partial": (
        "Searched the entries since {since}; older ones are still loading...",
        "已搜索 {since} 以来的日志，更早的仍在读取……",
    ),
    "journal.search_unread": (
        "Searched the entries since {since}; older ones could not be read",
        "已搜索 {since} 以来的日志；更早的无法读取",
    ),
    "journal.tags_prompt": ("Tags for this day's entry", "本日日志的标签"),
    "journal.tags_hint": (
        "Words separated by spaces, e.g. meeting review; empty removes every tag.",
        "用空格分隔，例如：会议 复盘；留空则清除全部标签。",
    ),
}
