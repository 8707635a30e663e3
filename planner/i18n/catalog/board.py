"""The board: its text on the command line and on screen, its columns, quick add, the
prompts it asks, the edit form and the carry-over question.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # board text
    "board.title": ("Board for {weekday} {date}", "{date} {weekday} 工作台"),
    "board.empty_main": (
        "No main contradiction yet: choose one with `planner main ID`.",
        "尚未确定主要矛盾：用 `planner main 编号` 选定。",
    ),
    "board.empty": (
        'Nothing on the board. Capture work with `planner add "..."`.',
        '工作台是空的。用 `planner add "……"` 记下工作。',
    ),
    "board.lane_empty": ("(none)", "（无）"),
    "board.score": ("score", "得分"),
    # board screen
    "board.report_short": ("report {date}", "反馈 {date}"),
    "board.no_main": (
        "No main contradiction chosen for today. Select the task the rest of the day serves and press m.",
        "今天还没有确定主要矛盾。选中统领全天工作的那项任务，按 m。",
    ),
    "board.kept": ("done today", "今日已完成"),
    "board.empty_hint": (
        "Nothing on the board yet. Press a to capture work (e.g. Draft the report @Wang due:fri), "
        "then select the most important task and press m to make it the main contradiction.",
        "工作台还是空的。按 a 记下工作（例如：起草报告 @王处长 due:周五），"
        "再选中最重要的一项，按 m 设为主要矛盾。",
    ),
    "board.filter_empty": (
        "Nothing matches the filter. Press / to change it.",
        "没有符合筛选条件的任务。按 / 修改条件。",
    ),
    "board.filter_placeholder": (
        "Filter: #tag @name due:fri status:done or words; Enter keeps, Esc leaves",
        "筛选：#标签 @人名 due:周五 status:done 或文字；回车保留，Esc 返回",
    ),
    "board.nothing_selected": ("Select a task first.", "请先选中一项任务。"),
    "board.main_replaced": (
        "Main contradiction was: {title} (u undoes).",
        "已替换原主要矛盾：{title}（按 u 撤销）。",
    ),
    "board.edit_masked": (
        "Privacy mode hides this task: press z to show it, then edit.",
        "隐私模式下此任务已隐藏：按 z 显示后再编辑。",
    ),
    "board.delete_question": ("Delete this task for good?", "永久删除这项任务？"),
    "board.delete_keys": (
        "y: delete (u undoes it)   n: keep it",
        "y：删除（按 u 可撤销）   n：保留",
    ),
    "board.not_inbox": (
        "Only inbox tasks can be accepted; this one is already planned.",
        "只有收件箱中的任务可以接收；这项已经安排好了。",
    ),
    "column.id": ("id", "编号"),
    "column.title": ("title", "标题"),
    "column.flags": ("flags", "标记"),
    "column.due": ("due", "截止"),
    "column.report": ("report", "反馈"),
    "column.people": ("people", "人员"),
    "column.score": ("score", "得分"),
    # quick add
    "quick_add.title": ("Quick add", "快速添加"),
    "quick_add.draft": (
        "Your draft from last time (ctrl+u clears it).",
        "上次未添加的草稿（ctrl+u 清空）。",
    ),
    "quick_add.placeholder": (
        "Draft the minutes #meeting @Director_Wang due:fri@14:00 from:Zhang report:+2d !main",
        "起草会议纪要 #会务 @王处长 due:周五@14:00 from:张主任 report:+2d !main",
    ),
    "quick_add.help": (
        "#tag  @person  due:/sched:/report: today fri +3d 12-01  from:who  every:fri  pri:h  "
        "est:30m est:1-2h  !main !central !secret   Enter adds, Esc cancels",
        "#标签  @人名  due:/sched:/report: 今天 周五 +3d 12-01  from:交办人  every:fri  pri:h  "
        "est:30分钟 est:1-2小时  !main !central !secret   回车添加，Esc 取消",
    ),
    # prompts
    "prompt.feedback": ("Record feedback", "记录反馈"),
    "prompt.feedback_now": (
        "Done. Record the feedback you gave now? (Esc: later, it waits under Awaiting feedback)",
        "已完成。现在记录反馈吗？（Esc：稍后，任务会留在“待反馈”栏）",
    ),
    "prompt.feedback_again": (
        "Record feedback: your last feedback is shown. Enter keeps it; a changed text is recorded as new feedback, and the last stays in the history.",
        "记录反馈：下面是上次的反馈。回车保留；改过的文字记为一条新反馈，上次的仍留在记录里。",
    ),
    "prompt.feedback_hint": ("What did you report back, and to whom?", "向谁反馈了什么？"),
    "prompt.feedback_empty": ("Type the feedback, or press Esc.", "请输入反馈内容，或按 Esc。"),
    "prompt.schedule": (
        "Schedule for: Enter keeps the day shown; an empty field unschedules the task.",
        "排期：回车保留所示日期；留空则取消排期。",
    ),
    "prompt.due": (
        "Due: Enter keeps the date shown; an empty field clears the due date.",
        "截止日期：回车保留所示日期；留空则取消截止日期。",
    ),
    "prompt.changed_meanwhile": (
        "Another process changed it to {value} meanwhile. Enter again to replace that with "
        "what you typed, Esc to keep it.",
        "另一个进程刚把它改成了 {value}。再按回车以输入的值替换，按 Esc 保留。",
    ),
    "prompt.none": ("none", "无"),
    "prompt.date_hint": (
        "Typing replaces the value, Backspace empties the field. today, tomorrow, fri, +3d, +2w, eow, eom, 2026-12-01, 12-01",
        "输入即替换原值，退格键清空。今天、明天、后天、周五、+3d、+2w、eow、eom、2026-12-01、12-01",
    ),
    "prompt.due_hint": (
        "Typing replaces the value, Backspace empties the field. today, fri, +3d, +2w, eom, 2026-12-01, 12-01; a time: fri@14:00 or 2026-12-01 14:00",
        "输入即替换原值，退格键清空。今天、明天、周五、+3d、+2w、eom、2026-12-01、12-01；时间：周五@14:00 或 2026-12-01 14:00",
    ),
    # edit form
    "edit.heading": ("Edit task", "编辑任务"),
    "edit.controls": (
        "control characters kept, not shown: {count}",
        "含控制字符 {count} 个（保留，不显示）",
    ),
    "edit.title": ("Title", "标题"),
    "edit.due": ("Due", "截止日期"),
    "edit.scheduled": ("Scheduled", "排期"),
    "edit.priority": ("Priority", "优先级"),
    "edit.estimate": ("Estimate", "预计用时"),
    "edit.source": ("Instruction from", "交办人"),
    "edit.received": ("Received", "交办日期"),
    "edit.report_by": ("Report back by", "反馈期限"),
    "edit.people": ("Key people", "关键人物"),
    "edit.tags": ("Tags", "标签"),
    "edit.recur": ("Repeats", "重复"),
    "edit.title_hint": ("what needs doing", "要做的事"),
    "edit.due_hint": ("fri, +3d, 2026-12-01, fri@14:00", "周五、+3d、2026-12-01、周五@14:00"),
    "edit.scheduled_hint": ("the day it comes onto Today", "列入“今天”的日期"),
    "edit.priority_hint": ("h, m or l", "h、m 或 l"),
    "edit.estimate_hint": ("30m, 1.5h, 1h30m or 1-2h", "30分钟、1.5小时、1h30m 或 1-2小时"),
    "edit.source_hint": ("who gave the instruction", "谁交办的"),
    "edit.received_hint": ("when it was given", "交办日期"),
    "edit.report_by_hint": ("when to report back", "何时反馈"),
    "edit.people_hint": ("names separated by spaces", "人名，用空格分隔"),
    "edit.tags_hint": ("tags separated by spaces", "标签，用空格分隔"),
    "edit.recur_hint": (
        "day, weekday, fri, month or an RRULE; empty ends the series",
        "day、weekday、fri、month 或 RRULE；留空则结束重复",
    ),
    "edit.flags": ("Flags", "标记"),
    "edit.notes": ("Notes", "备注"),
    "edit.help": (
        "Ctrl+S or Enter saves, Esc cancels, Tab moves between fields",
        "Ctrl+S 或回车保存，Esc 取消，Tab 切换字段",
    ),
    "edit.title_required": ("The title cannot be empty.", "标题不能为空。"),
    # carry-over
    "carry.question": (
        "The main contradiction of {date} was left undone. Carry it to today?",
        "{date} 的主要矛盾尚未完成。顺延到今天吗？",
    ),
    "carry.keys": ("y: carry it over   n: choose afresh", "y：顺延   n：重新选择"),
    # setbacks list and wizard
    "board.reviews_due": (
        "Review due: {titles}. Did the measures work? Press 3, then r once reviewed.",
        "待复盘：{titles}。措施见效了吗？按 3 查看，复盘后按 r。",
    ),
    "board.not_a_measure": (
        "This task is not a remedial measure of a setback.",
        "这项任务不是挫折分析的补救措施。",
    ),
    # the done lane, row flags, the filtered main contradiction (issue #11)
    "lane.done_today": ("Done today", "今日已完成"),
    "lane.done_found": ("Done and dropped", "已完成和已放弃"),
    "board.done_hint_show": ("(v shows)", "（按 v 展开）"),
    "board.done_hint_hide": ("(v hides)", "（按 v 收起）"),
    "key.toggle_done": ("Show or hide done today", "展开或收起今日已完成"),
    "board.flag_waiting": ("[waiting]", "[等待中]"),
    "board.flag_feedback": ("[feedback due]", "[待反馈]"),
    "board.flag_report_first": ("[report first]", "[先反馈]"),
    "board.flag_dropped": ("[dropped]", "[已放弃]"),
    "board.main_filtered": (
        "The filter hides today's main contradiction: press / and clear the filter to see it.",
        "筛选条件隐藏了今天的主要矛盾：按 / 清空筛选条件即可看到。",
    ),
    "column.back": ("back on", "回到今天"),
}
