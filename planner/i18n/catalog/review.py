"""The review screen.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # review screen
    "review.period_week": ("Week {start} to {end}", "{start} 至 {end} 这一周"),
    "review.period_month": ("Month {start} to {end}", "{start} 至 {end} 这个月"),
    "review.main": ("Main contradiction kept", "主要矛盾落实情况"),
    "review.kept": ("{kept} of {total} days kept", "{total} 天中落实 {kept} 天"),
    "review.weekday_initials": ("Mo Tu We Th Fr Sa Su", "一 二 三 四 五 六 日"),
    "review.calendar_legend": ("x kept, - not, ~ today", "x 落实，- 未落实，~ 今天进行中"),
    "review.no_mains": (
        "No day in this period had a main contradiction.",
        "本期没有哪天确定过主要矛盾。",
    ),
    "review.instructions": ("Instructions reported back", "交办事项反馈"),
    "review.instruction_counts": (
        "on time {on_time}\nlate {late}\npending {pending} ({overdue} overdue)",
        "按时 {on_time}\n逾期反馈 {late}\n未反馈 {pending}（其中已超期 {overdue}）",
    ),
    "review.instruction_extended": (
        "extended {extended}: on time {on_time}, late {late}, pending {pending}",
        "经延期 {extended}：按时 {on_time}，逾期 {late}，未反馈 {pending}",
    ),
    "review.journal": ("Journal", "日志"),
    "review.journal_counts": (
        "{written} of {days} days written\ncurrent streak {current}\nlongest streak {longest}",
        "{days} 天中写了 {written} 天\n当前连续 {current} 天\n最长连续 {longest} 天",
    ),
    "review.done_per_day": ("Tasks done per day", "每日完成任务"),
    "review.done_total": (
        "{total} done in all; best day {best}",
        "共完成 {total} 项；单日最多 {best} 项",
    ),
    "review.go_week": ("Go to the week holding", "跳到包含此日的一周"),
    "review.go_month": ("Go to the month holding", "跳到包含此日的月份"),
    "review.go_field": ("Go to", "跳到"),
    "review.go_hint": (
        "last-week, 上周五, 11-20, fri, -1m: a date without its year or week is the most "
        "recent one; empty: this period",
        "上周、上周五、11-20、周五、-1m：不带年份或周次的日期取最近已过的那天；留空：本期",
    ),
    "review.loading": ("Reading the records...", "正在读取记录……"),
    "review.setbacks": ("Setbacks by principal cause", "挫折按主要原因分布"),
    "review.measures": (
        "Remedial measures: {done} done, {open} open, {dropped} dropped",
        "补救措施：完成 {done}，进行中 {open}，放弃 {dropped}",
    ),
}
