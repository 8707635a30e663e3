"""Every user-visible string: key -> (English, Simplified Chinese). Read through ``planner.i18n``."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # lanes
    "lane.main": ("Main contradiction", "主要矛盾"),
    "lane.awaiting": ("Awaiting feedback", "待反馈"),
    "lane.inbox": ("Inbox", "收件箱"),
    "lane.later": ("Later", "以后"),
    "lane.today": ("Today", "今天"),
    # statuses
    "status.inbox": ("inbox", "收件箱"),
    "status.open": ("open", "进行中"),
    "status.waiting": ("waiting", "等待中"),
    "status.done": ("done", "已完成"),
    "status.dropped": ("dropped", "已放弃"),
    # score terms
    "term.due": ("due date", "截止日期"),
    "term.report": ("report-back date", "反馈期限"),
    "term.central": ("central work", "中心工作"),
    "term.priority": ("priority", "优先级"),
    "term.instruction": ("instruction", "领导交办"),
    "term.setback": ("from a setback", "挫折补救措施"),
    "term.scheduled": ("scheduled", "已排期"),
    "term.people": ("key people", "关键人物"),
    "term.age": ("age", "已搁置时长"),
    # priorities
    "priority.high": ("high", "高"),
    "priority.medium": ("medium", "中"),
    "priority.low": ("low", "低"),
    # action labels (undo/redo notices)
    "action.add": ("add", "新增"),
    "action.edit": ("edit", "编辑"),
    "action.accept": ("accept into today", "接收到今天"),
    "action.schedule": ("schedule", "排期"),
    "action.due": ("set due date", "设置截止日期"),
    "action.wait": ("waiting", "等待"),
    "action.central": ("central work", "中心工作"),
    "action.confidential": ("confidential", "保密"),
    "action.feedback": ("record feedback", "记录反馈"),
    "action.reopen": ("reopen", "重新打开"),
    "action.done": ("done", "完成"),
    "action.drop": ("drop", "放弃"),
    "action.main": ("main contradiction", "主要矛盾"),
    "action.carry": ("carry over", "顺延"),
    "action.journal": ("journal", "日志"),
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
    "board.masked": ("[confidential]", "[保密]"),
    # task details
    "field.id": ("id", "编号"),
    "field.title": ("title", "标题"),
    "field.status": ("status", "状态"),
    "field.due": ("due", "截止"),
    "field.scheduled": ("scheduled", "排期"),
    "field.priority": ("priority", "优先级"),
    "field.central": ("central work", "中心工作"),
    "field.source": ("instruction from", "交办人"),
    "field.received": ("received", "交办日期"),
    "field.report_by": ("report back by", "反馈期限"),
    "field.feedback": ("feedback", "反馈"),
    "field.people": ("key people", "关键人物"),
    "field.tags": ("tags", "标签"),
    "field.confidential": ("confidential", "保密"),
    "field.recur": ("repeats", "重复"),
    "field.setback": ("measure of setback", "挫折补救措施"),
    "field.done_at": ("closed at", "完成时间"),
    "field.notes": ("notes", "备注"),
    "field.created": ("created", "创建时间"),
    "field.lane": ("lane", "分栏"),
    "explain.header": ("Why it ranks here", "排序依据"),
    "explain.term": ("term", "因素"),
    "explain.value": ("value", "取值"),
    "explain.weight": ("weight", "系数"),
    "explain.points": ("points", "得分"),
    "explain.total": ("total", "合计"),
    "explain.pinned": (
        "The main contradiction is pinned above the ranking.",
        "主要矛盾固定在最上方，不参与排序。",
    ),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
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
    "cli.journal_empty": ("No journal entry on {date}.", "{date} 没有日志。"),
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
    "cli.doctor_all_ok": ("All {count} files are sound.", "全部 {count} 个文件完好。"),
    "cli.doctor_some_bad": (
        "{count} file(s) are damaged. Run `planner doctor --repair` to move them aside "
        "and restore the newest good backup.",
        "{count} 个文件已损坏。运行 `planner doctor --repair` 把它们移到一旁，"
        "并从最新的完好备份恢复。",
    ),
    "cli.repaired": (
        "{file}: moved aside to {aside}; restored from the backup of {date}.",
        "{file}：已移到 {aside}；已从 {date} 的备份恢复。",
    ),
    "cli.repaired_empty": (
        "{file}: moved aside to {aside}; no good backup exists, so it starts empty.",
        "{file}：已移到 {aside}；没有完好的备份，该文件将从空白开始。",
    ),
    "cli.migrated": (
        "Migrated the old data file: {count} record(s) converted; the original is kept as {path}.",
        "已迁移旧数据文件：转换了 {count} 条记录；原文件保留为 {path}。",
    ),
    "cli.migrate_problem": ("Could not convert: {problem}", "无法转换：{problem}"),
    "cli.compacted": ("Archived {count} finished task(s).", "已归档 {count} 个已结束的任务。"),
    # errors
    "error.prefix": ("planner: {message}", "planner：{message}"),
    "error.bad_input": ("{message}", "{message}"),
    "error.quick_add": (
        "cannot read {part!r} at column {column}: {reason}",
        "无法识别第 {column} 列的 {part!r}：{reason}",
    ),
    "error.not_found": ("no task with id {key!r}", "没有编号为 {key!r} 的任务"),
    "error.ambiguous": (
        "id {key!r} matches several tasks: {matches}; type more characters",
        "编号 {key!r} 对应多个任务：{matches}；请多输入几位",
    ),
    "error.domain": ("{field}: {message}", "{field}：{message}"),
    "error.data": ("{message}", "{message}"),
    "error.config": ("{message}", "配置有误：{message}"),
    "error.unwritable": (
        "cannot write to the data folder {path} ({reason}). Check that it exists and that "
        "you may write to it, or choose another with --data-dir.",
        "无法写入数据目录 {path}（{reason}）。请确认目录存在且可写，或用 --data-dir 另选目录。",
    ),
    "error.no_text": ("there is no text to add", "没有可添加的内容"),
    "error.bad_date_option": (
        "--date: cannot read {value!r} ({reason})",
        "--date：无法识别 {value!r}（{reason}）",
    ),
    # parse reasons (by reason_key)
    "reason.bad_date": (
        "not a date; use today, tomorrow, fri, +3d, +2w, +1m, eow, eom, 2026-12-01 or 12-01",
        "不是日期；可用 今天、明天、后天、周五、+3d、+2w、+1m、eow、eom、2026-12-01 或 12-01",
    ),
    "reason.bad_time": ("not a time; use HH:MM, e.g. 14:00", "不是时间；请用 HH:MM，例如 14:00"),
    "reason.time_not_allowed": (
        "a time is only allowed on due:",
        "只有 due: 可以带时间",
    ),
    "reason.bad_calendar_date": ("that day does not exist", "日历上没有这一天"),
    "reason.bad_rule": (
        "not a repeat rule; use day, weekday, fri, month or an RRULE such as FREQ=WEEKLY;BYDAY=MO",
        "不是重复规则；可用 day、weekday、fri、month 或 RRULE，如 FREQ=WEEKLY;BYDAY=MO",
    ),
    "reason.duplicate": ("given twice", "重复给出"),
    "reason.no_title": ("the task needs a title besides its tokens", "任务除了标记之外还需要标题"),
    "reason.unknown_flag": (
        "unknown flag; use !main, !central or !secret",
        "未知标记；可用 !main、!central 或 !secret",
    ),
    "reason.empty_value": ("the value is missing", "缺少取值"),
    "reason.bad_priority": ("priority is h, m or l", "优先级只能是 h、m 或 l"),
    "reason.bad_status": (
        "status is inbox, open, waiting, done or dropped",
        "状态只能是 inbox、open、waiting、done 或 dropped",
    ),
    # weekdays
    "weekday.0": ("Mon", "周一"),
    "weekday.1": ("Tue", "周二"),
    "weekday.2": ("Wed", "周三"),
    "weekday.3": ("Thu", "周四"),
    "weekday.4": ("Fri", "周五"),
    "weekday.5": ("Sat", "周六"),
    "weekday.6": ("Sun", "周日"),
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
    "help.main": ("make a task the main contradiction of a day", "把任务设为某天的主要矛盾"),
    "help.date": ("the day (default today)", "日期（默认今天）"),
    "help.feedback": ("record feedback on an instruction", "记录对交办事项的反馈"),
    "help.feedback_text": ("what was reported back", "反馈内容"),
    "help.journal": (
        "append to a day's journal entry (text or stdin); without text, print it",
        "向某天的日志追加内容（参数或标准输入）；不带内容时显示日志",
    ),
    "help.journal_text": ("text to append", "要追加的内容"),
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
    "help.restore_date": ("snapshot date, YYYY-MM-DD", "快照日期，YYYY-MM-DD"),
}
