"""The morning plan (issue 16): its offer on the board, its five steps and their keys.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "key.morning_plan": ("Plan the morning", "晨间计划"),
    "key.plan_carry": ("Carry to today", "顺延到今天"),
    "key.plan_later": ("Let go to Later", "移到以后"),
    "key.plan_drop": ("Drop", "放弃"),
    "key.plan_accept": ("Accept into today", "接收到今天"),
    "key.plan_next": ("Leave it, next task", "保持，下一项"),
    "key.plan_skip": ("Skip to the next step", "跳到下一步"),
    "key.plan_choose": ("Make it the main contradiction", "设为主要矛盾"),
    "key.plan_leave": ("Leave the plan", "离开计划"),
    "morning.offer": (
        "Plan the morning? {key} opens the plan",
        "规划今天？按 {key} 打开晨间计划",
    ),
    "morning.title": ("Morning plan · {date}", "晨间计划 · {date}"),
    "morning.step": ("Step {number}/5 · {name}", "第 {number}/5 步 · {name}"),
    "morning.step.leftovers": ("Unfinished since {date}", "{date} 以来未完成的工作"),
    "morning.step.inbox": ("Inbox to accept", "收件箱待接收"),
    "morning.step.main": ("The main contradiction", "主要矛盾"),
    "morning.step.estimates": ("Estimates for what lacks one", "为未估时的工作估时"),
    "morning.step.load": ("Today's load against capacity", "今日负荷与容量"),
    "morning.count": ("{index} of {total}", "第 {index} 项，共 {total} 项"),
    "morning.keys.leftovers": (
        "c carry to today · l Later · x drop · n leave",
        "c 顺延到今天 · l 移到以后 · x 放弃 · n 保持",
    ),
    "morning.keys.inbox": (
        "t accept · l Later · x drop · n leave",
        "t 接收 · l 移到以后 · x 放弃 · n 保持",
    ),
    "morning.keys.main": (
        "↑↓ move · enter make it the main contradiction",
        "↑↓ 移动 · enter 设为主要矛盾",
    ),
    "morning.keys.estimates": (
        "type 30m, 1h, 1-2h · enter saves (empty: skip)",
        "输入 30m、1h、1-2h · enter 保存（留空跳过）",
    ),
    "morning.keys.load": ("l Later · n keep", "l 移到以后 · n 保留"),
    "morning.keys.common": ("tab next step · esc leave", "tab 下一步 · esc 离开"),
    "morning.nothing": ("Nothing to do in this step.", "这一步没有要处理的。"),
    "morning.main_now": ("Now: {title}", "当前：{title}"),
    "morning.main_none": ("None chosen yet.", "尚未选定。"),
    "morning.load": ("Load: {load}", "负荷：{load}"),
    "morning.fits": ("The day fits.", "今天排得下。"),
    "morning.over": (
        "Over by {over}: move work to Later until it fits.",
        "超出 {over}：把工作移到以后，直到排得下。",
    ),
    "morning.estimate": ("estimate: {estimate}", "估时：{estimate}"),
    "morning.no_estimate": ("no estimate", "未估时"),
    "morning.was_main": ("main contradiction of {date}", "{date} 的主要矛盾"),
    "morning.due_stays": (
        "Due by today: it stays in Today (change its due date with d on the board).",
        "今天到期：仍留在今天（在看板上按 d 修改截止日期）。",
    ),
    "morning.done": (
        "The plan is done. esc returns to the board.",
        "计划已完成。按 esc 返回看板。",
    ),
}
