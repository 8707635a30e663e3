"""The command line: results of commands, ``planner setbacks``, and the help of every
command and option (``help.*``, except the help screen's own words in ``common``).

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # setback analyses: states, kinds, dimensions, and `planner setbacks`
    "cli.no_setbacks": ("No setback analyses yet.", "还没有挫折分析。"),
    "cli.setback_kind": ("kind", "类型"),
    "cli.setback_cause": ("principal cause", "主要原因"),
    "cli.setback_measures": ("measures done {done}/{total}", "补救措施已完成 {done}/{total}"),
    "cli.setback_review_on": ("review on {date}", "复盘日期 {date}"),
    "cli.setback_separator": ("; ", "；"),
    "cli.setback_fact": ("{label}: {value}", "{label}：{value}"),
    # command results
    "cli.added": ("Added {id}: {title}", "已添加 {id}：{title}"),
    "cli.added_main": (
        "It is now the main contradiction of {date}.",
        "已设为 {date} 的主要矛盾。",
    ),
    "cli.done": ("Done {id}: {title}", "已完成 {id}：{title}"),
    "cli.dropped": ("Dropped {id}: {title}", "已放弃 {id}：{title}"),
    "cli.awaits_feedback": (
        'It stays under Awaiting feedback until you record feedback: planner feedback {id} "..."',
        '在记录反馈之前，它会留在“待反馈”栏：planner feedback {id} "……"',
    ),
    "cli.next_occurrence": (
        "Next occurrence {id} is due {due}.",
        "下一次 {id} 的截止日期为 {due}。",
    ),
    "cli.main_set": (
        "Main contradiction of {date}: {id} {title}",
        "{date} 的主要矛盾：{id} {title}",
    ),
    "cli.feedback_recorded": (
        "Feedback recorded on {id}: {title}",
        "已记录反馈 {id}：{title}",
    ),
    "cli.journal_appended": (
        "Appended to the journal of {date}.",
        "已追加到 {date} 的日志。",
    ),
    "cli.far_date": (
        "{given} → {date} (more than six months away)",
        "{given} → {date}（相隔半年以上）",
    ),
    "cli.setback_recorded": (
        "Recorded setback {id} of {date}: {title} (a draft: analyse it in the app, 3 then e)",
        "已记录 {date} 的挫折 {id}：{title}（草稿：在应用中按 3 再按 e 继续分析）",
    ),
    "cli.journal_empty": ("No journal entry on {date}.", "{date} 没有日志。"),
    # planner edit
    "cli.edited": ("Edited {id} ({fields}): {title}", "已修改 {id}（{fields}）：{title}"),
    "cli.edit_separator": (", ", "、"),
    "cli.edit_unchanged": (
        "Nothing to change on {id}: {title}",
        "{id} 无需修改：{title}",
    ),
    "cli.edit_nothing_given": (
        "nothing to change: give tokens (due:fri #tag -@person pri:none...), --title or --notes",
        "没有要修改的内容：请给出标记（due:周五 #标签 -@人名 pri:none……）、--title 或 --notes",
    ),
    # planner delete
    "cli.delete_task_question": (
        "Delete task {id} for good? {title}",
        "永久删除任务 {id}？{title}",
    ),
    "cli.delete_entry_question": (
        "Delete the journal entry of {date} for good?",
        "永久删除 {date} 的日志？",
    ),
    "cli.delete_setback_question": (
        "Delete setback analysis {id} for good? {title}",
        "永久删除挫折分析 {id}？{title}",
    ),
    "cli.delete_setback_measures": (
        "{question} (its {count} remedial measure(s) stay, as ordinary tasks)",
        "{question}（其 {count} 项补救措施保留为普通任务）",
    ),
    "cli.delete_prompt": ("[y/N] ", "[y/N] "),
    "cli.delete_kept": ("Nothing deleted.", "未删除任何内容。"),
    "cli.delete_needs_yes": (
        "not deleted: there is no terminal to ask on; add --yes to delete for good",
        "未删除：没有可以确认的终端；如确要永久删除，请加 --yes",
    ),
    "cli.deleted_task": ("Deleted task {id}: {title}", "已删除任务 {id}：{title}"),
    "cli.deleted_main_days": (
        "It was the main contradiction of {dates}; those days now have none.",
        "它曾是 {dates} 的主要矛盾；这些日子现在没有主要矛盾。",
    ),
    "cli.deleted_entry": ("Deleted the journal entry of {date}.", "已删除 {date} 的日志。"),
    "cli.deleted_setback": (
        "Deleted setback analysis {id}: {title}",
        "已删除挫折分析 {id}：{title}",
    ),
    "cli.deleted_measures_kept": (
        "Its {count} remedial measure(s) stay, as ordinary tasks.",
        "其 {count} 项补救措施保留为普通任务。",
    ),
    # planner journal --edit
    "cli.no_editor": (
        "no editor: set $VISUAL or $EDITOR (for example export EDITOR=nano)",
        "没有设置编辑器：请设置 $VISUAL 或 $EDITOR（例如 export EDITOR=nano）",
    ),
    "cli.editor_unreadable": ("${name}: cannot read {reason}", "${name}：无法识别（{reason}）"),
    "cli.editor_failed": (
        "cannot start the editor {editor}: {reason}",
        "无法启动编辑器 {editor}：{reason}",
    ),
    "cli.editor_exit": (
        "the editor {editor} exited with status {code}; the entry is unchanged",
        "编辑器 {editor} 退出状态为 {code}；日志未改动",
    ),
    "cli.editor_unreadable_file": (
        "cannot read the edited text back from {path}: {reason}; the entry is unchanged",
        "无法读回 {path} 中编辑后的内容：{reason}；日志未改动",
    ),
    "cli.editor_not_utf8": (
        "{path}, line {line}, is not UTF-8 text; the entry is unchanged",
        "{path} 第 {line} 行不是 UTF-8 文本；日志未改动",
    ),
    "cli.journal_edit_text": (
        "journal --edit takes no text: the editor opens on the day's entry",
        "journal --edit 不接受文字参数：编辑器会打开当天的日志",
    ),
    # planner journal --search
    "cli.journal_search_mix": (
        "journal --search only reads: it takes no TEXT, --edit nor --date (use --from/--to)",
        "journal --search 只读取：不接受文字参数、--edit 或 --date（请用 --from/--to）",
    ),
    "cli.journal_search_only": (
        "--from, --to and --tag of journal go with --search",
        "journal 的 --from、--to 和 --tag 须与 --search 一起使用",
    ),
    "cli.journal_search_empty": ("--search needs a word to look for", "--search 需要要查找的词"),
    "cli.journal_search_none": ("No journal entry matches.", "没有匹配的日志。"),
    "cli.journal_unchanged": ("The journal of {date} is unchanged.", "{date} 的日志没有改动。"),
    "cli.journal_saved": ("Saved the journal of {date}.", "已保存 {date} 的日志。"),
    "cli.journal_changed_meanwhile": (
        "the journal of {date} was changed elsewhere while you edited it, so it was not "
        "overwritten; your text is kept in {path}",
        "编辑期间 {date} 的日志已在别处改动，因此没有覆盖；你的文字保存在 {path}",
    ),
    "cli.no_matches": ("No tasks match.", "没有符合条件的任务。"),
    "cli.backup_made": ("Snapshot written to {path}", "快照已写入 {path}"),
    "cli.restored": (
        "Restored the snapshot of {date}; the data as it was is kept in {path}.",
        "已恢复 {date} 的快照；恢复前的数据保存在 {path}。",
    ),
    "cli.no_snapshot": (
        "There is no snapshot of {date}. Snapshots: {available}",
        "没有 {date} 的快照。现有快照：{available}",
    ),
    "cli.no_snapshots": ("none yet", "暂无"),
    "cli.doctor_ok": ("ok", "正常"),
    "cli.doctor_bad": ("BAD", "损坏"),
    "cli.doctor_newer": ("NEWER", "较新"),
    "cli.doctor_some_newer": (
        "{count} file(s) were written by a newer planner: update planner to open them. "
        "They are not damaged, and `planner doctor --repair` leaves them as they are.",
        "{count} 个文件由更新版本的 planner 写入：请更新 planner 后再打开。"
        "它们没有损坏，`planner doctor --repair` 不会改动它们。",
    ),
    "cli.doctor_all_ok": ("All {count} files are sound.", "全部 {count} 个文件完好。"),
    "cli.doctor_some_bad": (
        "{count} file(s) are damaged. Run `planner doctor --repair` to move them aside "
        "and restore the newest good backup.",
        "{count} 个文件已损坏。运行 `planner doctor --repair` 把它们移到一旁，"
        "并从最新的完好备份恢复。",
    ),
    "cli.repaired": (
        "{file}: moved aside to {aside}; restored from the snapshot of {date} ({age}).",
        "{file}：已移到 {aside}；已从 {date} 的快照恢复（{age}）。",
    ),
    "cli.repaired_holds": (
        "  The restored copy holds {count} record(s).",
        "  恢复的副本含 {count} 条记录。",
    ),
    "cli.repaired_lost": (
        "  Warning: the file held at least {held} record(s) (by its newest snapshot or the "
        "ids still legible in it); the restored copy holds {records}: {lost} are not back. "
        "The damaged file is kept in {aside}.",
        "  警告：该文件至少有 {held} 条记录（据其最新快照或其中仍可辨认的编号），"
        "恢复的副本只有 {records} 条：{lost} 条没有找回。损坏的文件保留在 {aside}。",
    ),
    "cli.repair_left_newer": (
        "{file}: left as it is: a newer planner wrote it; update planner to open it.",
        "{file}：保持原样：它由更新版本的 planner 写入；请更新 planner 后再打开。",
    ),
    "cli.repaired_empty": (
        "{file}: moved aside to {aside}; no good backup exists, so it starts empty.",
        "{file}：已移到 {aside}；没有完好的备份，该文件将从空白开始。",
    ),
    "cli.repaired_empty_lost": (
        "  Warning: it held at least {held} record(s); they are only in {aside} now.",
        "  警告：该文件至少有 {held} 条记录；它们现在只在 {aside} 中。",
    ),
    "cli.backup_unverified": (
        "  {file} {problem}: the snapshot keeps it as it is; run `planner doctor`.",
        "  {file}：{problem}；快照按原样保存了它；请运行 `planner doctor`。",
    ),
    "cli.snapshot_age_today": ("taken today", "今天所做"),
    "cli.snapshot_age_days": ("{days} day(s) old", "{days} 天前"),
    "cli.migrated": (
        "Migrated the old data file: {count} record(s) converted; the original is kept as {path}.",
        "已迁移旧数据文件：转换了 {count} 条记录；原文件保留为 {path}。",
    ),
    "cli.migrate_problem": ("Could not convert: {problem}", "无法转换：{problem}"),
    "cli.compacted": ("Archived {count} finished task(s).", "已归档 {count} 个已结束的任务。"),
    # command-line help
    "help.description": (
        "A keyboard-driven daily planner and reflection journal. Without a command it opens "
        "the board.",
        "键盘驱动的每日计划与反思日志。不带子命令时打开工作台。",
    ),
    "help.epilog": (
        "Quote quick-add text in a shell: # and ! mean something to shells.",
        "在命令行中请给快速添加的文字加引号：# 和 ! 对 shell 有特殊含义。",
    ),
    "help.data_dir": (
        "data folder (env PLANNER_DATA_DIR)",
        "数据目录（环境变量 PLANNER_DATA_DIR）",
    ),
    "help.config": ("config file (env PLANNER_CONFIG)", "配置文件（环境变量 PLANNER_CONFIG）"),
    "help.lang": ("language of the interface", "界面语言"),
    "help.json": ("print JSON", "输出 JSON"),
    "help.privacy": (
        "privacy mode for this command: confidential titles, people and sources masked in "
        "text (JSON stays complete)",
        "本次命令使用隐私模式：文本输出中保密任务的标题、人名和交办人以遮盖显示（JSON 仍完整）",
    ),
    "help.demo": (
        "open a fresh sample in a temporary folder",
        "在临时目录中打开一份示例数据",
    ),
    "help.add": ("quick-add a task", "快速添加任务"),
    "help.add_text": ("the quick-add text", "快速添加的文字"),
    "help.today": ("show today's board", "显示今天的工作台"),
    "help.list": ("list tasks matching a filter", "列出符合条件的任务"),
    "help.filter": (
        "filter: tokens such as #tag @person status:open, and words",
        "筛选条件：如 #标签 @人名 status:open 及文字",
    ),
    "help.all": ("include done and dropped work", "包括已完成和已放弃的任务"),
    "help.info": ("show a task and why it ranks where it does", "显示任务及其排序依据"),
    "help.id": ("task id or a unique prefix", "任务编号或其唯一前缀"),
    "help.done": ("mark a task done", "将任务标记为完成"),
    "help.drop": ("drop a task", "放弃任务"),
    "help.edit": (
        "change a task's fields with quick-add tokens",
        "用快速添加的标记修改任务的字段",
    ),
    "help.edit_tokens": (
        "due:fri sched:+1w report: from: every: pri: est:1.5h !central !secret set; #tag "
        "@person add; -#tag -@person -!central -!secret take away; due:none (sched:, report:, "
        "from:, every:, pri:, est:) clears",
        "due:周五 sched:+1w report: from: every: pri: est:1.5h !central !secret 设置；#标签 @人名 "
        "添加；-#标签 -@人名 -!central -!secret 去掉；due:none（sched:、report:、from:、every:、"
        "pri:、est: 同）清除",
    ),
    "help.edit_title": ("the new title", "新标题"),
    "help.edit_notes": ('the new notes ("" clears them)', '新备注（"" 清空）'),
    "help.delete": (
        "delete a task (or a journal entry, a setback analysis) for good; asks first",
        "永久删除任务（或日志、挫折分析）；会先确认",
    ),
    "help.delete_target": (
        "task id or prefix; with --journal a date, with --setback an analysis id",
        "任务编号或前缀；配合 --journal 为日期，配合 --setback 为分析编号",
    ),
    "help.delete_journal": (
        "delete the journal entry of that date (yesterday, 12-01: the most recent one)",
        "删除该日期的日志（昨天、12-01：最近已过的那天）",
    ),
    "help.delete_setback": (
        "delete that setback analysis (its measures stay as tasks)",
        "删除该挫折分析（其补救措施保留为任务）",
    ),
    "help.delete_yes": ("do not ask (for scripts)", "不再询问（供脚本使用）"),
    "help.journal_edit": (
        "open the day's entry in $VISUAL or $EDITOR and save it when the editor exits",
        "用 $VISUAL 或 $EDITOR 打开当天的日志，编辑器退出后保存",
    ),
    "help.main": ("make a task the main contradiction of a day", "把任务设为某天的主要矛盾"),
    "help.main_date": (
        "the day (default today; 12-01, fri: the next one)",
        "日期（默认今天；12-01、周五：下一个这样的日子）",
    ),
    "help.journal_search": (
        "list the entries holding every WORD (case- and width-insensitive): date and a snippet",
        "列出包含所有词的日志（不区分大小写和全半角）：日期与摘录",
    ),
    "help.journal_from": (
        "with --search: from this day (yesterday, -1m, 2025-01-01)",
        "配合 --search：从这天起（昨天、-1m、2025-01-01）",
    ),
    "help.journal_to": (
        "with --search: up to this day (included)",
        "配合 --search：到这天为止（含）",
    ),
    "help.journal_tag": (
        "with --search: only entries with this tag (repeatable)",
        "配合 --search：只看带此标签的日志（可重复）",
    ),
    "help.journal_date": (
        "the day (default today; yesterday, -1d, 12-01, fri: the most recent one)",
        "日期（默认今天；昨天、-1d、12-01、周五：最近已过的那天）",
    ),
    "help.feedback": ("record feedback on an instruction", "记录对交办事项的反馈"),
    "help.feedback_text": ("what was reported back", "反馈内容"),
    "help.journal": (
        "append to a day's journal entry (text or stdin); without text, print it",
        "向某天的日志追加内容（参数或标准输入）；不带内容时显示日志",
    ),
    "help.journal_text": ("text to append", "要追加的内容"),
    "help.setback": (
        "record a setback (what happened, on which day) as a draft analysis",
        "记录一次挫折（发生了什么、哪一天），存为待分析的草稿",
    ),
    "help.setback_title": ("what happened", "发生了什么"),
    "help.setback_date": (
        "the day it happened (default today; yesterday, 12-01, fri: the most recent one)",
        "发生的日期（默认今天；昨天、12-01、周五：最近已过的那天）",
    ),
    "help.setback_kind": ("the kind of setback", "挫折类型"),
    "help.setbacks": (
        "list setback analyses with their state and remedial measures",
        "列出挫折分析及其状态和补救措施",
    ),
    "help.doctor": ("check every data file", "检查所有数据文件"),
    "help.repair": (
        "move damaged files aside and restore their newest good backup",
        "把损坏的文件移到一旁，并从最新的完好备份恢复",
    ),
    "help.backup": ("snapshot the data now", "立即为数据做快照"),
    "help.backup_out": ("copy the snapshot into this folder", "把快照复制到此目录"),
    "help.restore": (
        "bring back a day's snapshot (the present is snapshotted first)",
        "恢复某天的快照（会先为当前数据做快照）",
    ),
    "help.restore_date": (
        "the snapshot's date (2026-11-20, yesterday, 11-20: the most recent one)",
        "快照日期（2026-11-20、昨天、11-20：最近已过的那天）",
    ),
    # export (DESIGN section 6)
    "help.export": (
        "export the journal, setbacks, tasks or the weekly/daily report as Markdown",
        "将日志、挫折分析、任务或周报/日报导出为 Markdown",
    ),
    "help.export_kind": ("what to export", "导出内容"),
    "help.export_from": ("first day (any date expression)", "起始日期（任意日期写法）"),
    "help.export_to": ("last day", "结束日期"),
    "help.export_day": (
        "one day (default today); for report: the daily report",
        "某一天（默认今天）；用于 report 时为日报",
    ),
    "help.export_week": (
        "the week (Mon–Sun) holding D, default this week; D may be last-week, 上周五, 11-23 "
        "(a date without its year is the most recent one)",
        "包含 D 的一周（周一至周日），默认本周；D 可以是 上周、上周五、11-23（不带年份的日期取最近已过的那天）",
    ),
    "help.export_month": ("the month holding D, default this month", "包含 D 的月份，默认本月"),
    "help.export_out": (
        "write to PATH (a folder with --split daily) instead of standard output",
        "写入 PATH（配合 --split daily 时为文件夹），而不是标准输出",
    ),
    "help.export_split": (
        "one YYYY-MM-DD.md per day into the -o folder, all or none",
        "每天一个 YYYY-MM-DD.md 写入 -o 文件夹，要么全部写入，要么都不写",
    ),
    "help.export_front": (
        "YAML front matter (title, date, tags, kind)",
        "加 YAML 前置信息（title、date、tags、kind）",
    ),
    "help.export_confidential": (
        "include confidential records (left out by default)",
        "包含保密记录（默认不导出）",
    ),
    "help.export_force": ("replace files that already exist", "覆盖已存在的文件"),
}
