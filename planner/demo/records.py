"""The sample data ``planner --demo`` shows: a believable working week of a leader's aide.

Everything is placed relative to the moment the demo starts, so it always looks current:
today's main contradiction, open work in every lane of the board, instructions (one done and
waiting to be reported on), a setback analysis with its remedial measures, the past working
week's main contradictions (all kept but one) and a few journal entries.

The module is data-driven: one table describes the records (when, which flags, who, which
tags) and one catalogue per language holds the words. It writes through the ``Store``
protocol only, so it belongs to the domain layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from planner.domain.clock import DEFAULT_DAY_START, planning_date
from planner.domain.models import (
    DIMENSIONS,
    AnyRecord,
    Day,
    Dimension,
    Feedback,
    JournalEntry,
    Priority,
    SetbackAnalysis,
    SetbackKind,
    Task,
    TaskStatus,
)
from planner.services.ports import Change, Store

LANGUAGES: tuple[str, ...] = ("en", "zh")

# --- the shape of the sample -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class When:
    """A date (``hour`` None) or a moment: ``days`` after the named anchor day.

    Anchors: ``today``; ``w1``..``w5`` the working days before today, latest first;
    ``setback`` the day of the setback; ``after_setback`` the working day after it;
    ``p1``..``p4`` the past working days other than the setback day, latest first;
    ``friday`` the coming Friday (today when it is one); ``next_monday``.
    """

    anchor: str
    days: int = 0
    hour: int | None = None
    minute: int = 0


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """One task of the sample; its title and notes are ``Catalogue.tasks[key]``."""

    key: str
    created: When
    status: TaskStatus = "open"
    due: When | None = None
    scheduled: When | None = None
    priority: Priority | None = None
    central: bool = False
    source: str | None = None
    """A person key: the task is an instruction from them."""
    received: When | None = None
    report_by: When | None = None
    feedback: When | None = None
    """When feedback was given; the text is ``Catalogue.feedback[key]``."""
    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    confidential: bool = False
    recur: str | None = None
    measure: bool = False
    """A remedial measure of the sample's setback analysis."""
    done: When | None = None
    main_of: str | None = None
    """The anchor of the day whose main contradiction this task is."""
    estimate: int | None = None
    """Minutes planned: today's work carries some, so the header's load has a day to weigh
    (two tasks of Today go without, as work often does)."""


@dataclass(frozen=True, slots=True)
class JournalSpec:
    key: str
    day: str
    written: When
    tags: tuple[str, ...] = ()
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class SetbackSpec:
    day: str
    created: When
    kind: SetbackKind
    principal_cause: Dimension
    review_after_days: int


TASKS: tuple[TaskSpec, ...] = (
    # today's main contradiction
    TaskSpec(
        "main",
        created=When("w1", hour=16, minute=10),
        due=When("today", hour=17),
        priority="high",
        central=True,
        people=("wang", "zhang"),
        tags=("review",),
        main_of="today",
        estimate=120,
    ),
    # the Today lane, each with a different reason to rank
    TaskSpec(
        "overdue",
        created=When("w5", hour=14, minute=30),
        due=When("today", -2),
        priority="medium",
        tags=("drafting",),
        estimate=60,
    ),
    TaskSpec(
        "speech",
        created=When("w2", hour=11),
        due=When("today", 2),
        priority="high",
        people=("wang",),
        tags=("drafting",),
        estimate=90,
    ),
    TaskSpec(
        "minutes",
        created=When("w2", hour=15, minute=20),
        scheduled=When("today"),
        priority="low",
        tags=("meetings",),
        estimate=30,
    ),
    TaskSpec(
        "inspection",
        created=When("w3", hour=10, minute=15),
        due=When("today", 3),
        central=True,
        people=("zhang", "li", "liu"),
        tags=("reception",),
        estimate=60,
    ),
    TaskSpec(
        "instruction_open",
        created=When("w1", hour=10, minute=5),
        priority="medium",
        source="wang",
        received=When("w1"),
        report_by=When("today", 2),
        people=("wang",),
        tags=("followup",),
    ),
    TaskSpec(
        "weekly",
        created=When("w4", hour=9),
        due=When("friday"),
        priority="medium",
        people=("zhang",),
        tags=("weekly",),
        recur="FREQ=WEEKLY;BYDAY=FR",
        estimate=30,
    ),
    TaskSpec(
        "appraisal",
        created=When("w2", hour=17, minute=30),
        due=When("today", 1),
        priority="high",
        people=("wang",),
        tags=("personnel",),
        confidential=True,
    ),
    TaskSpec(
        "measure_open",
        created=When("setback", hour=17, minute=5),
        due=When("today", 2),
        tags=("improvement",),
        measure=True,
        estimate=30,
    ),
    # awaiting feedback: an instruction done this morning, and work waiting on others
    TaskSpec(
        "instruction_done",
        created=When("w2", hour=9, minute=40),
        status="done",
        source="zhang",
        received=When("w2"),
        report_by=When("today"),
        people=("zhang",),
        tags=("followup",),
        done=When("today", hour=9, minute=20),
    ),
    TaskSpec(
        "budget",
        created=When("w3", hour=14),
        status="waiting",
        due=When("today", 3),
        people=("li",),
        tags=("budget",),
    ),
    # inbox: captured, not yet sorted
    TaskSpec("room", created=When("w1", hour=17, minute=40), status="inbox"),
    TaskSpec("printer", created=When("today", hour=8, minute=40), status="inbox"),
    TaskSpec("yearbook", created=When("today", hour=9, minute=10), status="inbox", people=("li",)),
    # later: scheduled for next week
    TaskSpec(
        "summary",
        created=When("w3", hour=16),
        scheduled=When("next_monday"),
        due=When("next_monday", 4),
        people=("wang",),
        tags=("drafting",),
    ),
    TaskSpec(
        "archive",
        created=When("w4", hour=11, minute=30),
        scheduled=When("next_monday", 2),
        tags=("admin",),
    ),
    # done work of the past days: the kept main contradictions ...
    TaskSpec(
        "past_notice",
        created=When("p1", hour=8, minute=30),
        status="done",
        people=("liu",),
        tags=("review", "meetings"),
        done=When("p1", hour=16, minute=40),
        main_of="p1",
    ),
    TaskSpec(
        "past_bulletin",
        created=When("p2", hour=8, minute=20),
        status="done",
        tags=("followup",),
        done=When("p2", hour=17, minute=10),
        main_of="p2",
    ),
    TaskSpec(
        "past_statistics",
        created=When("p3", hour=8, minute=35),
        status="done",
        tags=("admin",),
        done=When("p3", hour=18, minute=5),
        main_of="p3",
    ),
    TaskSpec(
        "past_briefing",
        created=When("p4", hour=8, minute=25),
        status="done",
        priority="high",
        people=("wang",),
        tags=("reception",),
        done=When("p4", hour=11, minute=45),
        main_of="p4",
    ),
    # ... the one that was not kept (done only the next working day, after the setback) ...
    TaskSpec(
        "past_report",
        created=When("setback", -2, hour=10),
        status="done",
        central=True,
        people=("wang",),
        tags=("drafting",),
        done=When("after_setback", hour=9, minute=40),
        main_of="setback",
    ),
    # ... the setback's first measure, and other work done on time
    TaskSpec(
        "measure_done",
        created=When("setback", hour=17, minute=5),
        status="done",
        people=("wang",),
        tags=("improvement",),
        measure=True,
        done=When("setback", hour=17, minute=50),
    ),
    TaskSpec(
        "past_instruction",
        created=When("p4", hour=9),
        status="done",
        source="wang",
        received=When("p4"),
        report_by=When("p3"),
        feedback=When("p3", hour=9, minute=10),
        people=("wang",),
        tags=("followup",),
        done=When("p4", hour=16, minute=20),
    ),
    TaskSpec(
        "past_schedule",
        created=When("p1", hour=8, minute=15),
        status="done",
        people=("liu",),
        tags=("admin",),
        done=When("p1", hour=9, minute=5),
    ),
)

DAY_RECORD_TIME = (8, 20)
"""When each day's plan (its Day record) was made."""

JOURNAL: tuple[JournalSpec, ...] = (
    JournalSpec(
        "setback", "setback", When("setback", hour=21, minute=30), ("setback", "reflection")
    ),
    JournalSpec("focus", "p1", When("p1", hour=21, minute=10), ("reflection",)),
    JournalSpec("discretion", "p2", When("p2", hour=20, minute=45), ("personnel",), True),
    JournalSpec("practice", "p3", When("p3", hour=22), ("reflection",)),
)

SETBACK = SetbackSpec(
    day="setback",
    created=When("setback", hour=17),
    kind="communication",
    principal_cause="subjective",
    review_after_days=7,
)

# --- the words ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every word of the sample in one language. ``{meeting_day}`` names the meeting's day."""

    weekdays: tuple[str, str, str, str, str, str, str]
    people: Mapping[str, str]
    tags: Mapping[str, str]
    tasks: Mapping[str, tuple[str, str]]
    """Title and notes per task key."""
    feedback: Mapping[str, str]
    journal: Mapping[str, str]
    setback: Mapping[str, str]
    """``title``, the five dimensions and ``lesson``."""


def _md(*paragraphs: str) -> str:
    """A Markdown body: paragraphs separated by blank lines, one line each, as typed."""
    return "\n\n".join(paragraphs) + "\n"


ENGLISH = Catalogue(
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    people={"wang": "DirectorWang", "zhang": "MsZhang", "li": "MrLi", "liu": "MsLiu"},
    tags={
        "review": "quarterly-review",
        "drafting": "drafting",
        "meetings": "meetings",
        "reception": "reception",
        "followup": "follow-up",
        "weekly": "weekly-report",
        "personnel": "personnel",
        "improvement": "improvement",
        "budget": "budget",
        "admin": "admin",
        "reflection": "reflection",
        "setback": "setback",
    },
    tasks={
        "main": (
            "Prepare the materials for {meeting_day}'s quarterly review meeting",
            "Director Wang chairs. The pack: agenda, progress table of the quarter's key "
            "tasks, summary of the issues raised by departments, and his opening remarks.\n"
            "Ms. Zhang wants to see the progress table by 15:00.",
        ),
        "overdue": (
            "Send comments on the draft records-management rules to the Legal Affairs Office",
            "Their deadline has passed: call them first and explain the delay.",
        ),
        "speech": (
            "Revise the outline of Director Wang's speech for the field visit",
            "Cut it down to three points and add the figures from the county survey.",
        ),
        "minutes": ("Proof-read the minutes of last week's office meeting", ""),
        "inspection": (
            "Coordinate the programme for the provincial inspection team's visit",
            "Confirm arrival time, meeting room, the departments they will visit and who "
            "accompanies them.",
        ),
        "instruction_open": (
            "Find out how many incoming documents are overdue and report the figures",
            "Director Wang wants the count by department and the reason for each delay.",
        ),
        "weekly": ("Send the weekly work summary to the general office", ""),
        "appraisal": (
            "Write up the interview notes for the deputy section chief appraisal",
            "Keep the notes in the locked cabinet; not to be discussed outside the "
            "appraisal group.",
        ),
        "measure_open": (
            "Draw up a one-page checklist for taking on assignments: purpose, scope, "
            "deadline, form",
            "",
        ),
        "instruction_done": (
            "Collect the departments' year-end self-inspection reports",
            "All nine departments have sent theirs; the summary table is in the shared folder.",
        ),
        "budget": (
            "Training budget figures: waiting for the Finance Department to confirm",
            "Mr. Li at Finance will reply once their director has signed off.",
        ),
        "room": ("Book a meeting room for the next theory study session", ""),
        "printer": ("Ask the IT office to repair the printer in the records room", ""),
        "yearbook": ("Mr. Li called: he needs last year's statistical yearbook", ""),
        "summary": ("Draft the outline of the annual work summary", ""),
        "archive": ("File this quarter's documents in the archive", ""),
        "past_notice": ("Send out the notice and agenda for the quarterly review meeting", ""),
        "past_bulletin": ("Finalise and circulate the monthly supervision bulletin", ""),
        "past_statistics": ("Check the figures in the quarterly statistics report", ""),
        "past_briefing": (
            "Prepare talking points for Director Wang's meeting with the county delegation",
            "",
        ),
        "past_report": (
            "Finish the first draft of the research report on cutting paperwork for "
            "grassroots units",
            "",
        ),
        "measure_done": (
            "Confirm the outline of the research report with Director Wang before rewriting",
            "",
        ),
        "past_instruction": (
            "Make sure every department has received the year-end inspection notice",
            "",
        ),
        "past_schedule": ("Update this week's schedule for the office leaders", ""),
    },
    feedback={
        "past_instruction": (
            "Reported in person: every department has signed for the notice; two have asked "
            "for more time."
        ),
    },
    journal={
        "setback": _md(
            "## The report that missed the point",
            "Director Wang read the first pages of my research report this afternoon and "
            "handed it back. He had wanted a short list of concrete ways to cut the paperwork "
            "we send down to grassroots units; I had written a long account of how the "
            "problem arose. Two days of work, aimed at the wrong target.",
            "Looking back, he did say *practical measures* when he gave me the task. I heard "
            "the topic and filled in the rest myself, sure that I knew what such reports "
            "usually look like, and I never read the assignment back to him.",
            "Tomorrow I take him a one-paragraph outline before writing anything else. Five "
            "minutes of his time now is better than two more days of mine.",
        ),
        "focus": _md(
            "The notice for the quarterly review went out today, and the next few days turn "
            "on one thing: getting the meeting materials right. Everything else on my list is "
            "real work, but it can wait a day or be fitted into the gaps.",
            "I noticed again how easy it is to feel busy. By eleven I had answered a dozen "
            "calls and moved nothing that matters. In the afternoon I closed the door for two "
            "hours and built the progress table instead. That was the best part of the day.",
            "For tomorrow:",
            "- ask Ms. Zhang which figures the director is likely to question;\n"
            "- make the table answer them before he asks.",
        ),
        "discretion": _md(
            "Sat in on the appraisal interviews for the deputy section chief post today and "
            "took the notes. Eleven colleagues, about twenty minutes each.",
            "What people say in that room is said in trust. I wrote down what was said and "
            "nothing of what I thought of it, and the notebook went straight into the locked "
            "cabinet. When a colleague asked me at lunch how it went, I said only that it "
            "went smoothly.",
            "Being the one who knows and says nothing is harder than it sounds. But if the "
            "people I work for cannot rely on my discretion, nothing else I do for them "
            "counts for much.",
        ),
        "practice": _md(
            "A whole day of checking the quarterly statistics report, line by line. It is the "
            "kind of work nobody notices unless it is wrong.",
            "I caught two totals that did not match what the departments had sent. Small "
            "things, but the report goes to the bureau under our office's name, and one wrong "
            "number there costs more trust than a week of good drafting earns back.",
            "Reading about method is easy; today was practice. I will keep a short list of "
            "the errors I find most often, so that next quarter I check those first.",
        ),
    },
    setback={
        "title": (
            "The research report on cutting grassroots paperwork missed what Director Wang wanted"
        ),
        "objective": (
            "The task was given in a corridor, in two sentences, with no written brief. The "
            "director was on his way to a meeting and there was no chance to ask questions."
        ),
        "subjective": (
            "I assumed I understood what he wanted from the topic alone. I did not read the "
            "task back to him and did not show an outline before writing. Wanting to look "
            "thorough pulled me towards analysis instead of measures."
        ),
        "goal": (
            "He needed a few practical measures the office could put to the bureau; my draft "
            "explained the causes of the problem instead, so it could not be used."
        ),
        "environment": (
            "The week was taken up by preparations for the quarterly review, so both of us "
            "were short of time, and quick spoken assignments are the habit in our office."
        ),
        "conditions": (
            "The survey data was complete and there was enough time to write. What was "
            "missing was a two-minute check of the scope, well within my reach."
        ),
        "lesson": (
            "When I take on an assignment, I repeat back its purpose, scope, deadline and "
            "form, and for anything longer than a page I show an outline before drafting."
        ),
    },
)

CHINESE = Catalogue(
    weekdays=("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    people={"wang": "王处长", "zhang": "张主任", "li": "李科长", "liu": "刘秘书"},
    tags={
        "review": "季度调度会",
        "drafting": "文稿",
        "meetings": "会务",
        "reception": "接待",
        "followup": "督办",
        "weekly": "周报",
        "personnel": "人事",
        "improvement": "整改",
        "budget": "经费",
        "admin": "日常事务",
        "reflection": "反思",
        "setback": "挫折",
    },
    tasks={
        "main": (
            "准备{meeting_day}季度工作调度会材料",
            "王处长主持。材料包括：会议议程、本季度重点工作进度表、"
            "各科室反映问题汇总、处长开场讲话稿。\n"
            "张主任要求下午三点前先看进度表。",
        ),
        "overdue": (
            "向法规处反馈档案管理办法修改意见",
            "对方要求的时间已过，先打电话说明情况。",
        ),
        "speech": (
            "修改王处长基层调研讲话提纲",
            "压缩为三个方面，补充县里调研的数据。",
        ),
        "minutes": ("校对上周处务会会议纪要", ""),
        "inspection": (
            "协调省检查组来访日程安排",
            "确认到达时间、会议室、走访科室名单和陪同人员。",
        ),
        "instruction_open": (
            "摸清逾期未办结来文情况并报告",
            "王处长要求按科室列出件数，并逐件说明延误原因。",
        ),
        "weekly": ("向办公室报送本周工作动态", ""),
        "appraisal": (
            "整理副科长考察谈话记录",
            "记录本锁柜保管，不在考察组以外谈论。",
        ),
        "measure_open": ("制定领受任务确认清单：目的、范围、时限、形式", ""),
        "instruction_done": (
            "汇总各科室年终自查报告",
            "九个科室已全部报送，汇总表放在共享文件夹。",
        ),
        "budget": (
            "培训经费数额待财务处核定",
            "财务处李科长说，等他们处长签字后即回复。",
        ),
        "room": ("预订下次理论学习的会议室", ""),
        "printer": ("联系信息中心维修档案室打印机", ""),
        "yearbook": ("李科长来电，要去年的统计年鉴", ""),
        "summary": ("起草年度工作总结提纲", ""),
        "archive": ("本季度文件整理归档", ""),
        "past_notice": ("印发季度工作调度会通知和议程", ""),
        "past_bulletin": ("汇编印发月度督查通报", ""),
        "past_statistics": ("核对季度统计报表数据", ""),
        "past_briefing": ("为王处长会见县里来访人员准备汇报要点", ""),
        "past_report": ("完成基层减负调研报告初稿", ""),
        "measure_done": ("重写前先与王处长确认调研报告提纲", ""),
        "past_instruction": ("落实年终检查通知各科室签收情况", ""),
        "past_schedule": ("更新本周处领导日程安排", ""),
    },
    feedback={
        "past_instruction": "已当面汇报：各科室均已签收，两个科室申请延期。",
    },
    journal={
        "setback": _md(
            "## 报告写偏了",
            "今天下午，王处长翻了几页调研报告初稿就退了回来。"
            "他要的是几条给基层减负的具体办法，我却写成了一篇分析问题由来的长文。"
            "两天的工夫，方向打偏了。",
            "回想起来，交代任务时他明明说过“要实打实的措施”。"
            "我只听进了题目，其余的按自己的理解补上，以为这类报告都是一个写法，"
            "也没有当场复述一遍请他确认。",
            "明天先拿一段提纲请他过目，再动笔。占用领导五分钟，好过自己再返工两天。",
        ),
        "focus": _md(
            "季度调度会的通知今天印发了，这几天的工作都围绕一件事：把会议材料搞扎实。"
            "清单上别的事情也要办，但可以往后放一放，或者穿插着做。",
            "今天又一次体会到，“忙”是很容易的。"
            "上午到十一点接了十几个电话，要紧的事一件没动。"
            "下午关上门，用两个小时把进度表做了出来，这是今天最有成效的一段时间。",
            "明天要做的：",
            "- 问问张主任，处长可能会追问哪些数字；\n- 让进度表在处长开口之前就把答案摆出来。",
        ),
        "discretion": _md(
            "今天参加副科长考察谈话，负责记录。一共谈了十一位同志，每人二十分钟左右。",
            "谈话室里说的话，是出于信任才说的。我只记原话，不加自己的看法，"
            "散会后记录本直接锁进柜子。午饭时有同事问起，我只说进展顺利。",
            "知情而不言，比想象中难。可如果领导不能放心我的口风，我做的其他事情也就无从谈起。",
        ),
        "practice": _md(
            "今天一整天逐行核对季度统计报表。这种活儿，做对了没人注意，做错了人人看得见。",
            "核出两处合计数与科室上报数对不上。事情不大，"
            "可报表是以我们处的名义报到局里的，一个数字出错，损失的信任，"
            "一周的好文稿也补不回来。",
            "方法看书就懂，功夫要在事上练。打算把常出错的地方列个小清单，下个季度先查这些。",
        ),
    },
    setback={
        "title": "基层减负调研报告写偏，与王处长意图不符",
        "objective": (
            "任务是在走廊里口头交代的，只有两句话，没有书面要求。处长当时赶着去开会，来不及细问。"
        ),
        "subjective": (
            "我只凭题目就以为明白了领导意图，既没有当场复述确认，动笔前也没有先报提纲。"
            "加上想把报告写得全面些，结果偏重分析问题，忽视了提出措施。"
        ),
        "goal": (
            "领导要的是几条可以向局里提出的务实举措，"
            "我的初稿却在解释问题成因，目标不一致，自然用不上。"
        ),
        "environment": (
            "这一周忙于筹备季度调度会，领导和我时间都很紧；"
            "处里口头布置任务已成习惯，缺少确认的环节。"
        ),
        "conditions": (
            "调研数据齐全，写作时间也够，缺的只是两分钟的范围确认，这完全在我力所能及之内。"
        ),
        "lesson": (
            "今后领受任务时，当面复述目的、范围、时限和形式；篇幅超过一页的材料，先报提纲再动笔。"
        ),
    },
)

CATALOGUES: Mapping[str, Catalogue] = {"en": ENGLISH, "zh": CHINESE}

# --- placing the sample in time -----------------------------------------------------------------

_LATEST_TODAY = time(9, 45)
"""No scripted moment of today is later than this; before it, today's moments are compressed."""


def _is_working_day(day: date) -> bool:
    return day.weekday() < 5


def _next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not _is_working_day(day):
        day += timedelta(days=1)
    return day


class _Timeline:
    """Resolves ``When`` values against the demo's ``now``."""

    def __init__(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("the demo needs an aware datetime")
        self.now = now.replace(microsecond=0)
        today = planning_date(self.now, DEFAULT_DAY_START)
        self.today = today
        worked: list[date] = []
        day = today
        while len(worked) < 5:
            day -= timedelta(days=1)
            if _is_working_day(day):
                worked.append(day)
        setback = today - timedelta(days=3)
        while not _is_working_day(setback):
            setback -= timedelta(days=1)
        others = [d for d in worked if d != setback]
        self.anchors: dict[str, date] = {
            "today": today,
            "setback": setback,
            "after_setback": _next_working_day(setback),
            "friday": today + timedelta(days=(4 - today.weekday()) % 7),
            "next_monday": today + timedelta(days=7 - today.weekday()),
        }
        self.anchors.update({f"w{n}": d for n, d in enumerate(worked, start=1)})
        self.anchors.update({f"p{n}": d for n, d in enumerate(others[:4], start=1)})
        self.meeting_day = _next_working_day(today)
        self._day_start = datetime.combine(today, DEFAULT_DAY_START, tzinfo=self.now.tzinfo)

    def day(self, when: When) -> date:
        return self.anchors[when.anchor] + timedelta(days=when.days)

    def due(self, when: When) -> date | datetime:
        """A due date, or a due moment when ``when`` has an hour (it may lie ahead)."""
        if when.hour is None:
            return self.day(when)
        return datetime.combine(
            self.day(when), time(when.hour, when.minute), tzinfo=self.now.tzinfo
        )

    def past(self, when: When) -> datetime:
        """A moment that has already happened: today's are squeezed in before ``now``."""
        moment = self.due(when if when.hour is not None else When(when.anchor, when.days, 9))
        assert isinstance(moment, datetime)
        latest = datetime.combine(self.today, _LATEST_TODAY, tzinfo=self.now.tzinfo)
        if moment >= self._day_start and self.now < latest:
            share = (moment - self._day_start) / (latest - self._day_start)
            moment = self._day_start + (self.now - self._day_start) * min(share, 1.0)
        return moment.replace(microsecond=0)


# --- building the records -----------------------------------------------------------------------


def _text(catalogue: Catalogue, timeline: _Timeline, text: str) -> str:
    weekday = catalogue.weekdays[timeline.meeting_day.weekday()]
    return text.replace("{meeting_day}", weekday)


def _task(spec: TaskSpec, catalogue: Catalogue, timeline: _Timeline, setback_id: str) -> Task:
    title, notes = catalogue.tasks[spec.key]
    created = timeline.past(spec.created)
    done_at = timeline.past(spec.done) if spec.done is not None else None
    feedback: tuple[Feedback, ...] = ()
    if spec.feedback is not None:
        feedback = (Feedback(at=timeline.past(spec.feedback), text=catalogue.feedback[spec.key]),)
    fields: dict[str, Any] = {
        "notes": _text(catalogue, timeline, notes),
        "status": spec.status,
        "due": timeline.due(spec.due) if spec.due is not None else None,
        "scheduled": timeline.day(spec.scheduled) if spec.scheduled is not None else None,
        "priority": spec.priority,
        "central": spec.central,
        "source": catalogue.people[spec.source] if spec.source is not None else None,
        "received": timeline.day(spec.received) if spec.received is not None else None,
        "report_by": timeline.day(spec.report_by) if spec.report_by is not None else None,
        "feedback": feedback,
        "people": tuple(catalogue.people[key] for key in spec.people),
        "tags": tuple(catalogue.tags[key] for key in spec.tags),
        "confidential": spec.confidential,
        "recur": spec.recur,
        "setback": setback_id if spec.measure else None,
        "done_at": done_at,
        "estimate": spec.estimate,
    }
    task = Task.create(_text(catalogue, timeline, title), created, **fields)
    changed = [created, *(item.at for item in feedback)]
    if done_at is not None:
        changed.append(done_at)
    return task.touched(max(changed))


def _records(catalogue: Catalogue, timeline: _Timeline) -> list[AnyRecord]:
    """Every record of the sample: the analysis, tasks with their Day records, the journal."""
    setback_day = timeline.anchors[SETBACK.day]
    analysis = SetbackAnalysis.create(
        setback_day,
        catalogue.setback["title"],
        timeline.past(SETBACK.created),
        kind=SETBACK.kind,
        principal_cause=SETBACK.principal_cause,
        review_on=setback_day + timedelta(days=SETBACK.review_after_days),
        lesson=catalogue.setback["lesson"],
        **{name: catalogue.setback[name] for name in DIMENSIONS},
    )
    records: list[AnyRecord] = [analysis]
    for spec in TASKS:
        task = _task(spec, catalogue, timeline, analysis.id)
        records.append(task)
        if spec.main_of is not None:
            hour, minute = DAY_RECORD_TIME
            planned = timeline.past(When(spec.main_of, hour=hour, minute=minute))
            day = timeline.anchors[spec.main_of]
            records.append(Day.create(day, max(planned, task.created), main=task.id))
    for entry in JOURNAL:
        records.append(
            JournalEntry.create(
                timeline.anchors[entry.day],
                timeline.past(entry.written),
                body=catalogue.journal[entry.key],
                tags=tuple(catalogue.tags[key] for key in entry.tags),
                confidential=entry.confidential,
            )
        )
    return records


def populate(store: Store, language: str, now: datetime) -> None:
    """Fill an empty store with a fresh, realistic sample for the demo, in ``language``.

    ``language`` is "en" or "zh".

    Every date is placed relative to ``now`` (an aware datetime; its planning day uses the
    default 04:00 day start), so the sample always looks current. Refuses a store that already
    holds open work, so real data never gets mixed with the sample.
    """
    catalogue = CATALOGUES.get(language)
    if catalogue is None:
        raise ValueError(f"no demo in language {language!r} (choose from {', '.join(LANGUAGES)})")
    timeline = _Timeline(now)
    records = _records(catalogue, timeline)
    with store.transaction():
        if store.open_tasks() or store.setbacks():
            raise ValueError("the demo fills an empty store only")
        store.apply([Change(None, record) for record in records])


__all__ = ["CATALOGUES", "LANGUAGES", "populate"]
