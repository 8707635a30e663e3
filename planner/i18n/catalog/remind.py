"""Reminders (issue 16): ``planner remind``, its desktop notifications and the open app's.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "remind.help": (
        "say what is due, to be reported or overdue (for cron or a systemd timer)",
        "提示即将到期、待反馈或已逾期的事项（供 cron 或 systemd 定时器调用）",
    ),
    "remind.help_within": (
        "the window ahead in minutes (15, 90m, 1.5h, 2小时; default 15)",
        "向前看的时间窗，单位分钟（15、90m、1.5h、2小时；默认 15）",
    ),
    "remind.help_notify": (
        "also send each through notify-send (the desktop's notifications)",
        "同时通过 notify-send 发送桌面通知",
    ),
    "remind.help_all": (
        "list everything in the window, said before or not (and remember nothing)",
        "列出时间窗内的全部提醒，不论此前是否提示过（也不记录）",
    ),
    "reason.bad_within": (
        "not a number of minutes; use 15, 90m, 1.5h or 2小时 (0 to a week)",
        "不是分钟数；可用 15、90m、1.5h 或 2小时（0 到一周）",
    ),
    "remind.due_at": ("Due at {at}: {title} ({id})", "{at} 到期：{title}（{id}）"),
    "remind.due_today": ("Due today: {title} ({id})", "今天到期：{title}（{id}）"),
    "remind.report": (
        "Report back by {at}: {title} ({id})",
        "须于 {at} 前反馈：{title}（{id}）",
    ),
    "remind.overdue": ("Overdue since {at}: {title} ({id})", "已逾期（{at}）：{title}（{id}）"),
    "remind.overdue_report": (
        "Report back overdue since {at}: {title} ({id})",
        "反馈已逾期（{at}）：{title}（{id}）",
    ),
    "remind.confidential": ("a confidential item", "一项保密事项"),
    "remind.kind_due": ("Due", "到期"),
    "remind.kind_report": ("Report back", "待反馈"),
    "remind.kind_overdue": ("Overdue", "已逾期"),
    "remind.count_report": ("{count} to report back", "{count} 项待反馈"),
    "remind.count_overdue": ("{count} overdue", "{count} 项逾期"),
    "remind.separator": (", ", "，"),
    "remind.items_due_one": ("1 item due", "1 项到期"),
    "remind.items_due": ("{count} items due", "{count} 项到期"),
    "remind.locked_counts": (
        "{counts}; unlock to see them (planner unlock)",
        "{counts}；解锁后可查看（planner unlock）",
    ),
    "remind.locked_unknown": (
        "The data is encrypted and locked, and no earlier run with the key left the times: "
        "unlock it (planner unlock) to see reminders.",
        "数据已加密且处于锁定状态，也没有此前解锁运行留下的时间：解锁（planner unlock）后可查看提醒。",
    ),
    "remind.notify_missing": (
        "notify-send was not found: the reminders are only printed.",
        "未找到 notify-send：提醒仅打印在终端。",
    ),
    "remind.notify_failed": (
        "notify-send did not send a reminder: {problem}",
        "notify-send 未能发送提醒：{problem}",
    ),
    "remind.app_title": ("Reminder", "提醒"),
    "error.config_remind_table": ("{where}: [remind] must be a table", "{where}：[remind] 须是表"),
    "error.config_remind_unknown": (
        "{where}: unknown setting {name!r} in [remind] (known: show_confidential_titles)",
        "{where}：[remind] 中的未知设置 {name!r}（可用：show_confidential_titles）",
    ),
    "error.config_remind_bool": (
        "{where}: {name} must be true or false, got {value!r}",
        "{where}：{name} 须是 true 或 false，现为 {value!r}",
    ),
}
