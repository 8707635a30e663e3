"""The working calendar: holiday names, ``planner workday``, the fallback notice and the
``[workdays]`` settings' errors.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the national holidays, by the ids of planner.domain.workdays.HOLIDAYS
    "holiday.new_years_day": ("New Year's Day", "元旦"),
    "holiday.spring_festival": ("Spring Festival", "春节"),
    "holiday.tomb_sweeping_day": ("Tomb-sweeping Day", "清明节"),
    "holiday.labour_day": ("Labour Day", "劳动节"),
    "holiday.dragon_boat_festival": ("Dragon Boat Festival", "端午节"),
    "holiday.national_day": ("National Day", "国庆节"),
    "holiday.mid_autumn_festival": ("Mid-autumn Festival", "中秋节"),
    "holiday.anti_fascist_70th_day": (
        "70th anniversary of the victory over fascism",
        "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
    ),
    # planner workday: one line per reason
    "workday.weekday": ("{date} ({weekday}) is a working day.", "{date}（{weekday}）是工作日。"),
    "workday.weekend": (
        "{date} ({weekday}) is a weekend day off.",
        "{date}（{weekday}）是周末休息日。",
    ),
    "workday.holiday": (
        "{date} ({weekday}) is a public holiday: {holiday}.",
        "{date}（{weekday}）是法定节假日：{holiday}。",
    ),
    "workday.makeup": (
        "{date} ({weekday}) is a make-up working day (调休) for {holiday}.",
        "{date}（{weekday}）是{holiday}调休上班日。",
    ),
    "workday.config_on": (
        "{date} ({weekday}) is a working day by the config ([workdays] extra).",
        "{date}（{weekday}）按配置（[workdays] extra）是工作日。",
    ),
    "workday.config_off": (
        "{date} ({weekday}) is a day off by the config ([workdays] off).",
        "{date}（{weekday}）按配置（[workdays] off）是休息日。",
    ),
    "workday.fallback": (
        "The holiday calendar does not know {year} yet: Monday to Friday are taken as working "
        "days (update chinesecalendar once the State Council publishes {year}'s holidays).",
        "节假日日历尚未包含 {year} 年：暂按周一至周五为工作日计算（国务院公布 {year} 年放假安排后"
        "请更新 chinesecalendar）。",
    ),
    "help.workday": (
        "whether a day is a working day on China's calendar, and why",
        "某天是否为工作日（按中国节假日与调休安排）及原因",
    ),
    "help.workday_date": ("the day (default today)", "日期（默认今天）"),
    # the [workdays] settings
    "error.config_workdays_table": (
        "{where}: [workdays] must be a table",
        "{where}：[workdays] 须是表",
    ),
    "error.config_workdays_unknown": (
        "{where}: unknown setting {name!r} in [workdays] (known: extra, off)",
        "{where}：[workdays] 中的未知设置 {name!r}（可用：extra、off）",
    ),
    "error.config_workdays_list": (
        "{where}: [workdays] {name} must be a list of dates, e.g. [2026-12-05, 2026-12-06]",
        "{where}：[workdays] {name} 须是日期列表，例如 [2026-12-05, 2026-12-06]",
    ),
    "error.config_workdays_date": (
        "{where}: [workdays] {name}: {value!r} is not a date (YYYY-MM-DD)",
        "{where}：[workdays] {name}：{value!r} 不是日期（YYYY-MM-DD）",
    ),
    "error.config_workdays_both": (
        "{where}: [workdays] extra and off both hold {days}",
        "{where}：[workdays] 的 extra 与 off 同时包含 {days}",
    ),
}
