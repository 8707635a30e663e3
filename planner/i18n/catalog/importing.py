"""``planner import todotxt|taskwarrior|jrnl PATH``: its help, progress, summary and the
reason of each skipped line (``import.reason.<key>``, by ``Issue.key``).

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # import (planner import todotxt|taskwarrior|jrnl PATH)
    "import.help": (
        "import tasks from todo.txt or Taskwarrior, or journal entries from jrnl; importing the same file again changes nothing",
        "从 todo.txt 或 Taskwarrior 导入任务，或从 jrnl 导入日志；同一文件重复导入不会重复添加",
    ),
    "import.help_kind": ("the format of the file", "文件格式"),
    "import.help_path": (
        "the file: todo.txt, the JSON of `task export`, or the JSON of `jrnl --format json`",
        "文件：todo.txt、`task export` 输出的 JSON，或 `jrnl --format json` 输出的 JSON",
    ),
    "import.progress": ("Importing {format}", "正在导入 {format}"),
    "import.unreadable": ("cannot read {path}: {reason}", "无法读取 {path}：{reason}"),
    "import.error_line": ("{path}:{line}: {reason}", "{path}:{line}: {reason}"),
    "import.warning_line": ("{path}:{line}: note: {reason}", "{path}:{line}: 提示：{reason}"),
    "import.summary_tasks": (
        "{format}: {imported} imported, {updated} updated, {unchanged} unchanged, {skipped} skipped.",
        "{format}：导入 {imported} 项，更新 {updated} 项，未变 {unchanged} 项，跳过 {skipped} 项。",
    ),
    "import.summary_entries": (
        "{format}: {imported} entries imported, {updated} added to days you already had, {unchanged} unchanged, {skipped} skipped.",
        "{format}：导入 {imported} 篇，并入已有日志 {updated} 篇，未变 {unchanged} 篇，跳过 {skipped} 篇。",
    ),
    "import.archived": (
        "Finished tasks moved to the archive: {count}.",
        "{count} 项已结束的任务已归档。",
    ),
    "import.conflicts": (
        "Changed both here and in {format} since the last import, kept as in planner: {count}.",
        "上次导入后在 planner 和 {format} 中都改过、保留 planner 中的值：{count} 处。",
    ),
    "import.conflict": (
        "  {id} {title}: {field}: planner {planner}, {format} {source}",
        "  {id} {title}：{field}：planner {planner}，{format} {source}",
    ),
    "import.reason.not_utf8": ("not UTF-8 text", "不是 UTF-8 文本"),
    "import.too_large": (
        "{path}: larger than {size}; split it and import each part",
        "{path}：超过 {size}；请拆分后分别导入",
    ),
    "import.reason.not_text": ('"{field}" is not text', "“{field}”不是文本"),
    "import.reason.not_texts": ('"{field}" is not a list of texts', "“{field}”不是文本列表"),
    "import.reason.not_text_or_texts": (
        '"{field}" is neither text nor a list of texts',
        "“{field}”既不是文本也不是文本列表",
    ),
    "import.reason.not_bool": ('"{field}" is not true or false', "“{field}”不是 true 或 false"),
    "import.reason.not_annotations": (
        '"{field}" is not a list of objects with a text "description" and "entry"',
        "“{field}”不是由含文本 “description” 和 “entry” 的对象组成的列表",
    ),
    "import.reason.too_deep": (
        "JSON nested more than {limit} levels deep; nothing was imported",
        "JSON 嵌套超过 {limit} 层；未导入任何内容",
    ),
    "import.reason.line_too_long": (
        "a line longer than {limit} characters",
        "该行超过 {limit} 个字符",
    ),
    "import.reason.too_many_records": (
        "more than {limit} records: nothing was imported; split the file and import each part",
        "记录超过 {limit} 条：未导入任何内容；请拆分文件后分别导入",
    ),
    "import.reason.too_many_skipped": (
        "more than {limit} records could not be read: nothing was imported; is it the right format?",
        "超过 {limit} 条记录无法读取：未导入任何内容；文件格式是否选对了？",
    ),
    "import.reason.bad_completion_date": (
        'unreadable completion date "{value}"',
        "无法识别的完成日期“{value}”",
    ),
    "import.reason.bad_creation_date": (
        'unreadable creation date "{value}"',
        "无法识别的创建日期“{value}”",
    ),
    "import.reason.bad_due_date": ('unreadable due date "{value}"', "无法识别的截止日期“{value}”"),
    "import.reason.bad_threshold_date": (
        'unreadable threshold date "{value}"',
        "无法识别的起始日期“{value}”",
    ),
    "import.reason.no_text": ("a task without text", "任务没有内容"),
    "import.reason.invalid": ("{field}: {reason}", "{field}：{reason}"),
    "import.reason.due_not_date": (
        "due:{value} is not a YYYY-MM-DD date, so it is kept in the notes only",
        "due:{value} 不是 YYYY-MM-DD 格式的日期，只保留在备注中",
    ),
    "import.reason.json": ("not valid JSON ({detail})", "不是有效的 JSON（{detail}）"),
    "import.reason.not_object": ("not a JSON object", "不是 JSON 对象"),
    "import.reason.no_uuid": ("a task without a uuid", "任务缺少 uuid"),
    "import.reason.duplicate_uuid": (
        "the same uuid as the task on line {first}",
        "与第 {first} 行的任务 uuid 相同",
    ),
    "import.reason.no_description": ("a task without a description", "任务缺少描述"),
    "import.reason.bad_status": ('unknown status "{value}"', "未知状态“{value}”"),
    "import.reason.bad_date": (
        'unreadable date in {field}: "{value}"',
        "{field} 中的日期无法识别：“{value}”",
    ),
    "import.reason.unknown_recur": (
        'no repeat rule matches recur "{value}": imported as a one-off task, the value kept in the notes',
        "recur“{value}”没有对应的重复规则：按单次任务导入，原值保留在备注中",
    ),
    "import.reason.folded": (
        "pending occurrences folded into this recurring task: {count}",
        "并入这项重复任务的未完成实例：{count} 个",
    ),
    "import.reason.unruled_series": (
        'no repeat rule matches recur "{value}": its {count} pending occurrences are imported as tasks of their own',
        "recur“{value}”没有对应的重复规则：其 {count} 个未完成实例各自作为单独任务导入",
    ),
    "import.reason.no_entries": (
        "no entries found: expected the JSON that jrnl --format json writes",
        "没有找到日志条目：应为 jrnl --format json 输出的 JSON",
    ),
    "import.reason.bad_entry_date": (
        'unreadable entry date "{value}"',
        "无法识别的日志日期“{value}”",
    ),
    "import.reason.bad_entry_field": ("{field} is not text", "{field} 不是文本"),
    "import.reason.entry_edited_both": (
        'the entry "{heading}" changed in jrnl and its text was edited in planner since the last import: both versions are kept, the new one last',
        "条目“{heading}”在 jrnl 中改过，其正文上次导入后也在 planner 中改过：两个版本都保留，新版本在后",
    ),
    "import.reason.empty_entry": (
        "an entry with neither title nor body",
        "条目既没有标题也没有正文",
    ),
}
