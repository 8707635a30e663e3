"""Undo and redo over the shared history: what a step did, kept or refused, the fields it
names, ``planner undo --list``, and the help of ``planner undo`` and ``planner redo``
(``history.help_*``: kept here with the rest of this area).

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # a step that was made
    "history.undone": ("Undone: {action} — {record}", "已撤销：{action}——{record}"),
    "history.redone": ("Redone: {action} — {record}", "已重做：{action}——{record}"),
    "history.kept": (
        "Kept as another process changed it since: {items}.",
        "保留其他进程此后所做的修改：{items}。",
    ),
    "history.skipped": (
        "Skipped, changed since by another process: {items}.",
        "已跳过（其他进程此后修改过）：{items}。",
    ),
    # a step that was refused
    "history.refused_undo": (
        "Not undone: {action} — {record}: {why}.",
        "未撤销：{action}——{record}：{why}。",
    ),
    "history.refused_redo": (
        "Not redone: {action} — {record}: {why}.",
        "未重做：{action}——{record}：{why}。",
    ),
    "history.also_blocked": (
        "{count} older ones cannot be reversed either.",
        "另有 {count} 项较早的操作也无法撤回。",
    ),
    # what stood in the way
    "history.conflict_field": ("{field} of “{record}”", "“{record}”的{field}"),
    "history.conflict_changed": (
        "“{record}” (another process changed it since)",
        "“{record}”（其他进程此后修改了它）",
    ),
    "history.conflict_deleted": (
        "“{record}” (another process deleted it since)",
        "“{record}”（其他进程此后删除了它）",
    ),
    "history.conflict_exists": (
        "“{record}” (another process made it again since)",
        "“{record}”（其他进程此后重新创建了它）",
    ),
    "history.conflict_invalid": (
        "“{record}” (its other fields changed so that the rest cannot be put back)",
        "“{record}”（其他字段已被修改，其余部分无法恢复）",
    ),
    "history.why": ("another process changed {items} since", "其他进程此后修改了{items}"),
    "history.list_separator": ("; ", "；"),
    # records without a title
    "history.record_day": ("the plan of {date}", "{date}的计划"),
    "history.record_journal": ("the journal of {date}", "{date}的日志"),
    # fields that are not a task's
    "history.field.external_ref": ("import reference", "导入来源"),
    "history.field.date": ("date", "日期"),
    "history.field.main": ("main contradiction", "主要矛盾"),
    "history.field.carried_from": ("carried from", "顺延自"),
    "history.field.carry_answered": ("carry-over answered", "已回答顺延"),
    "history.field.body": ("text", "正文"),
    "history.field.kind": ("kind", "类型"),
    "history.field.principal_cause": ("principal cause", "主要原因"),
    "history.field.lesson": ("lesson", "体会"),
    "history.field.review_on": ("review date", "复盘日期"),
    "history.field.reviewed_at": ("reviewed at", "复盘时间"),
    "history.field.draft": ("draft", "草稿"),
    # the edit form, when another process changed a field it edits meanwhile
    "history.edit_refused": (
        "not saved: another process changed {fields} meanwhile; open the form again to see it",
        "未保存：其他进程在此期间修改了{fields}；请重新打开表单查看",
    ),
    "history.edit_question": (
        "Another process changed this task while the form was open.",
        "表单打开期间，其他进程修改了这项任务。",
    ),
    "history.edit_clash": (
        "{field}: now “{theirs}”, yours “{yours}”",
        "{field}：现在为“{theirs}”，你填写的是“{yours}”",
    ),
    "history.edit_keys": (
        "y: save yours   n: keep theirs, save the rest",
        "y：保存你的   n：保留对方的，保存其余",
    ),
    "history.edit_kept": (
        "Kept what another process wrote: {fields}.",
        "已保留其他进程写入的内容：{fields}。",
    ),
    "history.on": ("on", "是"),
    "history.off": ("off", "否"),
    # the journal editor's text merged with what another process wrote meanwhile
    "history.journal_kept": (
        "[written meanwhile by another process]",
        "[其他进程在此期间写入的内容]",
    ),
    "history.unrecorded": (
        "The change is saved, but it cannot be undone: {problem}",
        "修改已保存，但无法撤销：{problem}",
    ),
    # planner undo / redo
    "history.nothing_to_undo": ("Nothing to undo.", "没有可撤销的操作。"),
    "history.nothing_to_redo": ("Nothing to redo.", "没有可重做的操作。"),
    "history.empty": ("No actions kept yet.", "还没有记录任何操作。"),
    "history.state_undone": ("undone", "已撤销"),
    "history.by_app": ("app", "应用"),
    "history.by_cli": ("command", "命令行"),
    "history.help_undo": (
        "undo the newest action (of any process) whose records are still as it left them",
        "撤销最近一次（任何进程的）记录仍保持原样的操作",
    ),
    "history.help_redo": ("redo the most recently undone action", "重做最近撤销的操作"),
    "history.help_list": (
        "list the kept history (the last 100 actions), newest first",
        "列出保存的历史（最近 100 项操作），最新的在前",
    ),
}
