"""Instructions as a supervision desk follows them (督办): their states, the board's flags,
``planner extend`` and the board's extension dialog.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the states, by planner.domain.instructions.INSTRUCTION_STATES
    "instruction.state.in_progress": ("in progress", "办理中"),
    "instruction.state.due_soon": ("due soon", "临期"),
    "instruction.state.overdue": ("overdue", "逾期"),
    "instruction.state.extension_requested": ("extension requested", "申请延期"),
    "instruction.state.reported": ("reported", "已反馈"),
    "instruction.state.closed": ("closed", "办结"),
    # the board's row flags (in progress has none: the > mark says "instruction")
    "instruction.flag.due_soon": ("[due soon]", "[临期]"),
    "instruction.flag.overdue": ("[overdue]", "[逾期]"),
    "instruction.flag.extension_requested": ("[ext. asked]", "[申请延期]"),
    "instruction.flag.reported": ("[reported]", "[已反馈]"),
    "instruction.flag.closed": ("[closed]", "[办结]"),
    # info and the reports
    "instruction.asked": (
        "{date} ({reason}); {current} still in force",
        "{date}（{reason}）；仍以 {current} 为准",
    ),
    "instruction.extended": (
        "{date}, extended from {original} ({reason})",
        "{date}，由 {original} 延期（{reason}）",
    ),
    "instruction.extended_short": ("extended from {original}", "原定 {original}"),
    # planner extend
    "extend.help": (
        "ask to report back on an instruction later, or approve the extension asked for",
        "为交办事项申请延期反馈，或批准已申请的延期",
    ),
    "extend.help_date": ("the report-back date asked for", "申请的新反馈期限"),
    "extend.help_reason": ("why the extension is needed", "延期理由"),
    "extend.help_approved": (
        "approve the extension asked for: the new date comes into force",
        "批准已申请的延期：新期限生效",
    ),
    "extend.usage_request": (
        "give the new date and a reason: planner extend ID DATE REASON",
        "请给出新期限和理由：planner extend ID DATE REASON",
    ),
    "extend.usage_approved": (
        "--approved takes no date or reason: planner extend ID --approved",
        "--approved 不带期限或理由：planner extend ID --approved",
    ),
    "extend.requested": (
        "Extension asked for {id} {title}: report back by {date} once approved.",
        "已为 {id} {title} 申请延期：批准后以 {date} 为反馈期限。",
    ),
    "extend.approved": (
        "Extension approved for {id} {title}: report back by {date} (was {original}).",
        "已批准 {id} {title} 延期：反馈期限 {date}（原定 {original}）。",
    ),
    # the board's key and dialog
    "extend.title": ("Ask for an extension", "申请延期"),
    "extend.date_label": ("New report-back date", "新反馈期限"),
    "extend.reason_label": ("Reason", "理由"),
    "extend.hint": (
        "enter: ask · esc: cancel · the date as in quick add (fri, +3wd, 12-20)",
        "回车：申请 · esc：取消 · 日期写法同快速添加（周五、+3工作日、12-20）",
    ),
    "extend.confirm_approve": (
        "Approve the extension of {title}: report back by {date} instead of {current}?",
        "批准 {title} 延期：反馈期限由 {current} 改为 {date}？",
    ),
    "extend.confirm_keys": (
        "y: approve (u undoes it)   n: not now",
        "y：批准（按 u 可撤销）   n：暂不",
    ),
    "extend.not_after": (
        "The new date must be after the one in force, {date}",
        "新期限须晚于现行期限 {date}",
    ),
    "extend.reason_empty": ("Give the reason for the extension", "请填写延期理由"),
    "extend.not_instruction": (
        "Only an instruction (a task with from:) can be extended",
        "只有交办事项（带 from: 的任务）可以延期",
    ),
    "extend.no_report_by": (
        "This instruction has no report-back date to extend (set one with report:)",
        "此交办事项没有反馈期限可延（用 report: 设定）",
    ),
    "extend.asked_notice": ("Extension asked: {date}", "已申请延期：{date}"),
    "extend.approved_notice": ("Extension approved: report back by {date}", "已批准延期：{date}"),
}
