"""Setback analyses: their states and kinds, the setbacks list and the wizard.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # setback analyses: states, kinds, dimensions, and `planner setbacks`
    "setback.state.draft": ("draft", "草稿"),
    "setback.state.open": ("open", "进行中"),
    "setback.state.review_due": ("review due", "待复盘"),
    "setback.state.resolved": ("resolved", "已解决"),
    "setback.kind.communication": (
        "poor communication with a superior",
        "与上级沟通不畅",
    ),
    "setback.kind.beyond_ability": ("a task beyond my ability", "任务超出能力"),
    "setback.kind.tedium": ("weary of trivial, repetitive work", "厌倦琐碎重复工作"),
    "setback.kind.dispute": ("a disagreement with a superior", "与上级意见分歧"),
    "setback.kind.other": ("other", "其他"),
    # setbacks list and wizard
    "setbacks.empty": (
        "No setback analyses yet. When something goes wrong, press n to think it through step by step.",
        "还没有挫折分析。工作受挫时，按 n 一步步分析原因、定出补救措施。",
    ),
    "setbacks.date": ("date", "日期"),
    "setbacks.title": ("what happened", "事由"),
    "setbacks.kind": ("source", "类型"),
    "setbacks.cause": ("cause", "主因"),
    "setbacks.measures": ("measures", "措施"),
    "setbacks.state": ("state", "状态"),
    "setbacks.lesson": ("Lesson", "体会"),
    "setbacks.review_on": ("Review on", "复盘日期"),
    "setbacks.reviewed": ("(reviewed)", "（已复盘）"),
    "setbacks.masked": ("Confidential: hidden in privacy mode.", "保密内容：隐私模式下不显示。"),
    "setbacks.loading": ("Reading the analyses...", "正在读取挫折分析..."),
    "wizard.step": ("Step {number} of {total}: {title}", "第 {number}/{total} 步：{title}"),
    "wizard.what": ("What happened", "发生了什么"),
    "wizard.what_prompts": (
        "Name the setback in a line, the day it happened, and where it came from.",
        "用一句话写下受挫的事、发生的日期，并选出它的来源。",
    ),
    "wizard.objective": ("Objective causes (客观)", "客观原因"),
    "wizard.objective_prompts": (
        "- Which facts were outside your control?\n- What changed around the task that nobody planned for?",
        "- 哪些事实是自己无法左右的？\n- 事情周围发生了哪些没有预料到的变化？",
    ),
    "wizard.subjective": ("Subjective causes (主观)", "主观原因"),
    "wizard.subjective_prompts": (
        "- What was your own part: attitude, skill, preparation?\n- What would you do differently with the same information?\n- Where did you assume instead of asking?",
        "- 自己的责任在哪里：态度、能力，还是准备？\n- 掌握同样的情况，下次会怎么做？\n- 哪些地方是想当然，而没有去问清楚？",
    ),
    "wizard.goal": ("The goal (目标)", "目标"),
    "wizard.goal_prompts": (
        "- Was the aim right, and was it realistic in the time given?\n- Did you and the leader mean the same thing by it?",
        "- 目标本身对不对？在给定的时间里是否现实？\n- 自己和领导对目标的理解一致吗？",
    ),
    "wizard.environment": ("The environment (环境)", "环境"),
    "wizard.environment_prompts": (
        "- Which people or departments helped, and which held it back?\n- How did the way the organisation works shape the outcome?",
        "- 哪些人或部门起了帮助作用，哪些造成了阻碍？\n- 单位的运转方式对结果有什么影响？",
    ),
    "wizard.conditions": ("The conditions (条件)", "条件"),
    "wizard.conditions_prompts": (
        "- Were time, resources and information enough?\n- What was missing that you could have asked for earlier?",
        "- 时间、资源、信息是否充足？\n- 缺少的东西里，哪些本可以更早争取？",
    ),
    "wizard.cause": ("The principal cause", "主要原因"),
    "wizard.cause_prompts": (
        "Of the five, which one decided the outcome? Choose it: it is the main contradiction among the causes.",
        "五个方面中，哪一个起了决定作用？选出它：它是诸多原因中的主要矛盾。",
    ),
    "wizard.measures": ("Remedial measures", "补救措施"),
    "wizard.measures_prompts": (
        "Each measure becomes a task on the board, linked to this analysis. Type one and press Enter; an empty line moves on.",
        "每条措施都会成为工作台上的一项任务，并与本分析关联。输入一条后按回车；空行进入下一步。",
    ),
    "wizard.lesson": ("The lesson", "体会与收获"),
    "wizard.lesson_prompts": (
        "Framed forward: what does this make you better at next time?",
        "面向以后：这次经历让自己在哪方面变得更强？",
    ),
    "wizard.review": ("Review date", "复盘日期"),
    "wizard.review_prompts": (
        "When should you check whether the measures worked? It will appear on that day's board.",
        "什么时候检查措施是否见效？到那天会出现在工作台上。",
    ),
    "wizard.title_hint": ("e.g. The report was sent back for rework", "例如：报告被退回重写"),
    "wizard.date_field": ("Date", "日期"),
    "wizard.far_date": (
        "{field} {value} → {date} (more than six months away)",
        "{field} {value} → {date}（相隔半年以上）",
    ),
    "wizard.date_hint": ("when (empty: today)", "日期（留空：今天）"),
    "wizard.measure_hint": (
        "Confirm the brief with the director first due:fri @Wang",
        "先向处长确认要求 due:周五 @王处长",
    ),
    "wizard.review_hint": ("+2w, 12-15 (empty: no review)", "+2w、12-15（留空：不复盘）"),
    "wizard.keys": (
        "Ctrl+N next   Ctrl+B back   Ctrl+K skip   Ctrl+D save draft   Ctrl+S finish   Esc close",
        "Ctrl+N 下一步   Ctrl+B 上一步   Ctrl+K 跳过   Ctrl+D 存草稿   Ctrl+S 完成   Esc 关闭",
    ),
    "wizard.unanswered": ("(not answered)", "（未填写）"),
    "wizard.new": ("new", "新"),
    "wizard.no_measures": ("No measures yet.", "还没有措施。"),
    "wizard.title_required": ("Say in a line what happened first.", "请先用一句话写下发生了什么。"),
    "wizard.untitled": ("Untitled setback", "未命名的挫折"),
    "wizard.saved": ("Setback analysis saved.", "挫折分析已保存。"),
    "wizard.saved_measures": (
        "Setback analysis saved; its measures are on the board.",
        "挫折分析已保存；补救措施已列入工作台。",
    ),
    "wizard.saved_draft": ("Saved as a draft.", "已存为草稿。"),
    "wizard.saved_draft_measures": (
        "Saved as a draft; its measures are on the board.",
        "已存为草稿；补救措施已列入工作台。",
    ),
    "wizard.no_cause": (
        "Not finished: choose the principal cause (step {step}), then Ctrl+S.",
        "尚未完成：请选出主要原因（第 {step} 步），再按 Ctrl+S。",
    ),
    "wizard.kept_date": (
        "{field} '{value}' could not be read: {kept} for now. Open the analysis (e) to correct it: your text is in its field.",
        "{field}“{value}”无法识别：暂记为{kept}。按 e 打开分析即可改正，所填文字仍在原处。",
    ),
    "wizard.no_review": ("no review date", "不复盘"),
    "wizard.kept_measure": (
        "Measure '{value}' not added: {reason} Open the analysis (e) to correct it: your text is in its field.",
        "措施“{value}”未添加：{reason} 按 e 打开分析即可改正，所填文字仍在原处。",
    ),
    "wizard.nothing_to_save": ("Nothing typed, nothing saved.", "未填写内容，未保存。"),
}
