"""The timer (issue 16): starting and stopping it, the header's running timer, what was
spent against the estimate in ``info`` and the review, and the day's-end stop.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "action.timer_start": ("start the timer", "开始计时"),
    "action.timer_stop": ("stop the timer", "停止计时"),
    "action.timer_close": ("stop the timer at the day's end", "日终停止计时"),
    "key.timer": ("Start or stop the timer", "开始或停止计时"),
    "field.intervals": ("time tracked", "计时记录"),
    "field.spent": ("spent", "实际用时"),
    "timer.header": ("⏱ {title} {minutes} min", "⏱ {title} {minutes} 分钟"),
    "timer.header_short": ("⏱ {minutes} min", "⏱ {minutes} 分钟"),
    "timer.started": ("Timer started: {title}", "开始计时：{title}"),
    "timer.switched": (
        "Timer started: {title} (stopped: {other}, {duration})",
        "开始计时：{title}（已停止：{other}，{duration}）",
    ),
    "timer.stopped": ("Timer stopped: {title}, {duration}", "停止计时：{title}，{duration}"),
    "timer.none_running": ("No timer is running.", "没有正在进行的计时。"),
    "timer.closed": (
        "The timer of {title} was still running when its day ended: stopped at {at} ({duration}).",
        "“{title}”的计时在当天结束时仍在进行：已在 {at} 停止（{duration}）。",
    ),
    "timer.running_since": ("running since {at}", "{at} 起计时中"),
    "timer.against": (
        "{spent} of {estimate} estimated ({percent}%)",
        "{spent}，预计 {estimate}（{percent}%）",
    ),
    "timer.help_start": (
        "start the timer of a task (a running one stops: one timer at a time)",
        "开始任务计时（正在进行的计时随之停止：同一时间只计一项）",
    ),
    "timer.help_stop": ("stop the running timer", "停止正在进行的计时"),
    "timer.under_a_minute": ("under a minute", "不到一分钟"),
    "review.accuracy": (
        "Time spent: {percent}% of estimates on {count} estimated tasks "
        "({over} over, {within} within)",
        "实际用时：{count} 项已估时任务为预计的 {percent}%（{over} 项超出，{within} 项未超）",
    ),
}
