"""Errors shown to people, and the reasons a quick-add or filter text cannot be read
(``reason.<key>``, by ``ParseError.reason_key``).

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "error.prefix": ("planner: {message}", "planner：{message}"),
    "error.bad_input": ("{message}", "{message}"),
    "error.quick_add": (
        "cannot read {part!r} at column {column}: {reason}",
        "无法识别第 {column} 列的 {part!r}：{reason}",
    ),
    "error.not_found": ("no task with id {key!r}", "没有编号为 {key!r} 的任务"),
    "error.not_found_setback": (
        "no setback analysis with id {key!r}",
        "没有编号为 {key!r} 的挫折分析",
    ),
    "error.not_found_entry": ("no journal entry on {key}", "{key} 没有日志"),
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
    "error.argument_not_utf8": (
        "argument {number} is not UTF-8 text: {shown}",
        "第 {number} 个参数不是 UTF-8 文本：{shown}",
    ),
    "error.stdin_not_utf8": (
        "standard input, line {line}, is not UTF-8 text",
        "标准输入第 {line} 行不是 UTF-8 文本",
    ),
    "error.stdin_too_long": (
        "standard input is longer than {size}",
        "标准输入超过 {size}",
    ),
    "error.config_day_start": (
        '{where}: day_starts_at must be a time like "04:00", got {value!r}',
        "{where}：day_starts_at 须是时间，如 \"04:00\"，现为 {value!r}",
    ),
    "error.config_language": (
        '{where}: language must be "en" or "zh", got {value!r}',
        '{where}：language 须是 "en" 或 "zh"，现为 {value!r}',
    ),
    "error.config_keys_table": (
        '{where}: [keys] must be a table of binding id = "keys"',
        '{where}：[keys] 须是“绑定编号 = "按键"”的表',
    ),
    "error.config_key_unknown": (
        "{where}: [keys] {id!r} is not a binding id (the help screen, ? or F1, shows each key's id; README lists them)",
        "{where}：[keys] {id!r} 不是绑定编号（帮助界面 ? 或 F1 显示每个按键的编号；README 中有列表）",
    ),
    "error.config_key_type": (
        "{where}: [keys] {id!r} must be a string of keys, got {value!r}",
        "{where}：[keys] {id!r} 须是按键字符串，现为 {value!r}",
    ),
    "error.config_key_bad": ("{where}: [keys] {id!r}: {reason}", "{where}：[keys] {id!r}：{reason}"),
    "error.config_toml": ("{path}: not valid TOML ({reason})", "{path}：不是有效的 TOML（{reason}）"),
    "error.config_unknown": (
        "{where}: unknown setting {key!r} (known: {known})",
        "{where}：未知设置 {key!r}（可用：{known}）",
    ),
    "error.config_data_dir": (
        "{where}: data_dir must be a folder path, got {value!r}",
        "{where}：data_dir 须是文件夹路径，现为 {value!r}",
    ),
    "error.config_privacy": (
        "{where}: privacy_at_start must be true or false, got {value!r}",
        "{where}：privacy_at_start 须是 true 或 false，现为 {value!r}",
    ),
    "error.config_coefficients_table": (
        "{where}: [coefficients] must be a table",
        "{where}：[coefficients] 须是表",
    ),
    "error.config_coefficient_unknown": (
        "{where}: unknown coefficient {name!r} (known: {known})",
        "{where}：未知系数 {name!r}（可用：{known}）",
    ),
    "error.config_coefficient_type": (
        "{where}: coefficient {name!r} must be a number, got {value!r}",
        "{where}：系数 {name!r} 须是数字，现为 {value!r}",
    ),
    "error.config_theme": (
        "{where}: theme must be one of Textual's themes ({themes}), got {value!r}",
        "{where}：theme 须是 Textual 的主题之一（{themes}），现为 {value!r}",
    ),
    "error.config_sync_table": ("{where}: [sync] must be a table", "{where}：[sync] 须是表"),
    "error.config_instructions_table": (
        "{where}: [instructions] must be a table",
        "{where}：[instructions] 须是表",
    ),
    "error.config_instructions_unknown": (
        "{where}: unknown setting {name!r} in [instructions] (known: warning_days)",
        "{where}：[instructions] 中的未知设置 {name!r}（可用：warning_days）",
    ),
    "error.config_warning_days": (
        "{where}: warning_days must be a whole number of working days from 0 to {limit}, "
        "got {value!r}",
        "{where}：warning_days 须是 0 到 {limit} 之间的整数工作日，现为 {value!r}",
    ),
    "error.config_sync_unknown": (
        "{where}: unknown setting {name!r} in [sync] (known: every_minutes)",
        "{where}：[sync] 中的未知设置 {name!r}（可用：every_minutes）",
    ),
    "error.config_sync_minutes": (
        "{where}: every_minutes must be a whole number of minutes from 0 (off) to {limit}, "
        "got {value!r}",
        "{where}：every_minutes 须是 0（关闭）到 {limit} 之间的整数分钟，现为 {value!r}",
    ),
    "error.config_encryption_table": (
        "{where}: [encryption] must be a table",
        "{where}：[encryption] 须是表",
    ),
    "error.config_encryption_unknown": (
        "{where}: unknown setting {name!r} in [encryption] (known: {known})",
        "{where}：[encryption] 中的未知设置 {name!r}（可用：{known}）",
    ),
    "error.config_encryption_minutes": (
        "{where}: {name} must be a whole number of minutes from {least} to {limit}, "
        "got {value!r}",
        "{where}：{name} 须是 {least} 到 {limit} 之间的整数分钟，现为 {value!r}",
    ),
    "error.config_not_found": ("{path}: config file not found", "{path}：找不到配置文件"),
    "error.config_unreadable": (
        "{path}: cannot read the config file ({reason})",
        "{path}：无法读取配置文件（{reason}）",
    ),
    "error.config_coefficient": (
        "{where}: coefficient {name!r} must be a finite number between -{limit} and {limit}, got {value}",
        "{where}：系数 {name!r} 须是 -{limit} 到 {limit} 之间的有限数，现为 {value}",
    ),
    "error.config_not_utf8": ("{where}: not UTF-8 text", "{where}：不是 UTF-8 文本"),
    "error.config_too_long": (
        "{path}: longer than {size}; is it the config file?",
        "{path}：超过 {size}，这是配置文件吗？",
    ),
    "error.config_too_deep": (
        "{path}: arrays or tables nested too deeply",
        "{path}：数组或表嵌套过深",
    ),
    "error.internal": (
        "internal error ({kind}): this is a bug in planner; please report it with the command "
        "you ran (PLANNER_DEBUG=1 shows the details)",
        "内部错误（{kind}）：这是 planner 的缺陷；请连同所执行的命令一起报告"
        "（设置 PLANNER_DEBUG=1 可显示详情）",
    ),
    "error.bad_date_value": (
        "{name}: cannot read {value!r}: {reason}",
        "{name}：无法识别 {value!r}：{reason}",
    ),
    # parse reasons (by reason_key)
    "reason.bad_date": (
        "not a date; use today, tomorrow, yesterday, fri, last-fri, next-mon, +3d, -1d, +2w, "
        "+3wd (working days), eow, 2026-12-01 or 12-01",
        "不是日期；可用 今天、明天、昨天、周五、上周五、下周一、+3d、-1d、+2w、+3工作日、eow、"
        "2026-12-01、12-01 或 12月1日",
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
    "reason.bad_estimate": (
        "not an estimate; use 30m, 1.5h, 1h30m, 90分钟, 2小时 or a range 1-2h",
        "不是预计用时；可用 30m、1.5h、1h30m、90分钟、2小时 或范围 1-2h",
    ),
    "reason.estimate_unit": (
        "give a unit: 30m, 1.5h, 90分钟 or 2小时",
        "请写明单位：30m、1.5h、90分钟 或 2小时",
    ),
    "reason.estimate_not_whole": ("not a whole number of minutes", "不是整数分钟"),
    "reason.estimate_bounds": (
        "an estimate is more than 0 and at most 999 hours",
        "预计用时须大于 0 且不超过 999 小时",
    ),
    "reason.estimate_range": (
        "a range goes from the smaller to the larger, e.g. 1-2h",
        "范围须从小到大，例如 1-2h",
    ),
    "reason.free_word": (
        "not a token; to change the title use --title (the notes: --notes)",
        "不是标记；修改标题请用 --title（备注用 --notes）",
    ),
    "reason.edit_main": (
        "the main contradiction belongs to a day: use planner main ID",
        "主要矛盾属于某一天：请用 planner main 编号",
    ),
    "reason.contradictory": ("both added and taken away", "既添加又去掉"),
    "reason.bad_status": (
        "status is inbox, open, waiting, done or dropped",
        "状态只能是 inbox、open、waiting、done 或 dropped",
    ),
}
