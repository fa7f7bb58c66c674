"""The call-up year as a commune lives it: every dated step of one calendar year, from the law
and the dates of the province's plan (entered once on the campaign). Pure: no Django.

A calendar year ``Y`` holds the end of one campaign and the start of the next: the January list
and the April registration of ``Y``; the handover of campaign ``Y`` (February or March), the
call-up decisions before it and the 10-day re-examination after it; the pool review, screening
and examinations (1 November – 31 December) of campaign ``Y + 1``; and the commune police's four
quarterly reports. ``year_steps`` lists them from the builders registered in ``BUILDERS``; a
later part of the year (registration calls, review rounds, reports between agencies) adds a
builder there and appears on every calendar without touching the pages.

Positions taken (each tested on its boundary):

* A step is *due* from its window's first day (or, for a single day, from ``WARN_DAYS``
  before it) through its last day inclusive, *late* from the next day while not done, *done*
  once the live data shows it done (``done_late`` when done after its last day).
* The police report's window is the 25th–30th of the quarter's last month (Decree 13/2016
  Art 4(8)(b) as amended by Decree 220/2025); when the 30th is a day off the last day runs to
  the end of the next working day (Civil Code 2015 Art 148(5)). Unconfirmed: the decree
  fixes days of the month, not a period, and the roll-forward is Muster's reading.
* "At least 15 days before" (decisions before handover) ends on ``handover − 15`` days, as in
  ``campaign.latest_notice_day``; "within 10 days of handover" ends on ``handover + 10``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from enum import StrEnum

from muster.law.calendar import is_working_day
from muster.law.callup import campaign
from muster.law.rulebook import Citation
from muster.law.sources import LAW_78, LAW_98, LAW_98_FROM, TT_148
from muster.law.text import Text

#: How many days before a single-day step (or a window's first day) it is shown as coming.
WARN_DAYS = 7

DECREE_13 = "Decree 13/2016/NĐ-CP (military-service registration)"
DECREE_220 = "Decree 220/2025/NĐ-CP (amending Decree 13/2016)"
DECREE_220_FROM = dt.date(2025, 8, 7)


class Status(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    LATE = "late"
    DONE = "done"
    DONE_LATE = "done_late"
    #: Over, and no live data tells whether it was done (an event held on the plan's dates).
    PASSED = "passed"


@dataclass(frozen=True)
class Step:
    """One dated step of the year for every commune (``per_commune``) or for the level above.

    ``code`` is unique within a year ("police_report.2026Q1"); ``kind`` groups the steps of
    one sort ("police_report") for the reminders and the live status readers."""

    code: str
    kind: str
    title: Text
    due: dt.date
    citations: tuple[Citation, ...]
    #: The window's first day; ``None`` for a single-day step.
    start: dt.date | None = None
    per_commune: bool = True
    confirmed: bool = True
    #: The campaign (enlistment year) the step belongs to; ``None`` for registration steps.
    campaign_year: int | None = None
    #: "by": the act must be done by ``due``; "on": an event held on/over the dates.
    sense: str = "by"
    note: str = ""

    @property
    def first_day(self) -> dt.date:
        return self.start or self.due


@dataclass(frozen=True)
class YearInput:
    """What the calendar of one year is built from: the year, the plans (campaign calendars)
    of the campaigns that touch it, keyed by enlistment year, and the days off."""

    year: int
    plans: dict[int, campaign.Calendar] = field(default_factory=dict)
    holidays: Collection[dt.date] = frozenset()


Builder = Callable[[YearInput], list[Step]]


def roll_forward(day: dt.date, holidays: Collection[dt.date]) -> dt.date:
    """``day``, or the next working day when it is a day off (Civil Code 2015 Art 148(5))."""
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def status(step: Step, *, done_on: dt.date | None, today: dt.date, tracked: bool = True) -> Status:
    """The step's status on ``today`` for one unit: done when ``done_on`` is known; a step no
    live data tracks (``tracked=False``) is never late, only passed."""
    if done_on is not None:
        return Status.DONE if done_on <= step.due else Status.DONE_LATE
    if today > step.due:
        return Status.LATE if tracked else Status.PASSED
    if today >= step.first_day - dt.timedelta(days=0 if step.start else WARN_DAYS):
        return Status.DUE
    return Status.UPCOMING


# ------------------------------------------------------------------- registration steps


def _law78(article: str, clause: str | None = None, text: str = "") -> Citation:
    return Citation(LAW_78, article, clause, None, text)


JANUARY_LIST = Text(
    "Lập danh sách công dân nam đủ 17 tuổi và công dân chưa đăng ký",
    "January list of men reaching 17 and of men not yet registered",
)
APRIL_REGISTRATION = Text(
    "Đăng ký nghĩa vụ quân sự lần đầu (tháng Tư)", "First military-service registration (April)"
)
POLICE_REPORT = Text(
    "Công an xã thông báo người bị bắt, tạm giữ, tha, thay đổi nơi cư trú (quý %(q)s)",
    "Commune police report on detentions, releases and residence changes (quarter %(q)s)",
)


def january_list(data: YearInput) -> list[Step]:
    year = data.year
    citations = [_law78("16", "1", "In January each year.")]
    if dt.date(year, 1, 1) >= LAW_98_FROM:
        citations.append(Citation(LAW_98, "4", None, None, "Reported to the commune chairman."))
    return [
        Step(
            f"january_list.{year}",
            "january_list",
            JANUARY_LIST,
            dt.date(year, 1, 31),
            tuple(citations),
            start=dt.date(year, 1, 1),
        )
    ]


def april_registration(data: YearInput) -> list[Step]:
    year = data.year
    return [
        Step(
            f"april_registration.{year}",
            "april_registration",
            APRIL_REGISTRATION,
            dt.date(year, 4, 30),
            (_law78("16", "2", "First registration in April each year."),),
            start=dt.date(year, 4, 1),
        )
    ]


def quarter_window(
    year: int, quarter: int, holidays: Collection[dt.date]
) -> tuple[dt.date, dt.date]:
    """The police report's window of a quarter: the 25th to the 30th of its last month, the
    30th rolled forward past days off."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1 to 4")
    month = quarter * 3
    return dt.date(year, month, 25), roll_forward(dt.date(year, month, 30), holidays)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def police_reports(data: YearInput) -> list[Step]:
    steps: list[Step] = []
    for quarter in (1, 2, 3, 4):
        start, due = quarter_window(data.year, quarter, data.holidays)
        if start < DECREE_220_FROM:
            continue
        steps.append(
            Step(
                f"police_report.{data.year}Q{quarter}",
                "police_report",
                Text(POLICE_REPORT.vi % {"q": quarter}, POLICE_REPORT.en % {"q": quarter}),
                due,
                (
                    Citation(DECREE_13, "4", "8", "b"),
                    Citation(
                        DECREE_220, None, None, None, "The 25th–30th of the quarter's last month."
                    ),
                ),
                start=start,
                confirmed=False,
                note="The last day rolls past days off (Civil Code 2015 Art 148(5)).",
            )
        )
    return steps


# ------------------------------------------------------------------- campaign steps

POOL_REVIEW = Text("Phúc tra nắm nguồn", "Review of the recruitment pool")
SCREENING = Text("Sơ tuyển sức khỏe tại trạm y tế xã", "Preliminary health screening")
EXAMINATION = Text("Khám sức khỏe nghĩa vụ quân sự", "Health examination")
NOMINATION = Text(
    "Bình cử ở thôn, xét duyệt của Hội đồng NVQS", "Village nomination and council review"
)
DECISIONS = Text("Phát hành quyết định gọi nhập ngũ", "Call-up decisions issued")
HANDOVER = Text("Giao nhận quân", "Handover of recruits")
#: Steps whose date no law fixes: the province's plan sets them (legal-reference.md §2.6).
_PLAN = Citation(TT_148, None, None, None, "Dates set by the province's plan.")


def _campaign_steps(plan: campaign.Calendar) -> list[Step]:
    year = plan.year
    steps: list[Step] = []

    def add(
        code: str,
        title: Text,
        due: dt.date,
        cites: tuple[Citation, ...],
        *,
        start: dt.date | None = None,
        sense: str = "by",
        per_commune: bool = True,
        confirmed: bool = True,
    ) -> None:
        steps.append(
            Step(
                f"{code}.{year}",
                code,
                title,
                due,
                cites,
                start=start,
                per_commune=per_commune,
                confirmed=confirmed,
                campaign_year=year,
                sense=sense,
            )
        )

    if plan.pool_review_by is not None:
        add("pool_review", POOL_REVIEW, plan.pool_review_by, (_PLAN,), confirmed=False)
    if plan.screening_end is not None:
        add(
            "screening",
            SCREENING,
            plan.screening_end,
            (_law78("40", "3"),),
            start=plan.screening_start,
            sense="on",
        )
    if plan.exam_end is not None:
        add(
            "examination",
            EXAMINATION,
            plan.exam_end,
            (_law78("40", "5"),),
            start=plan.exam_start,
            sense="on",
        )
    if plan.nomination_by is not None:
        add("nomination", NOMINATION, plan.nomination_by, (_PLAN,), confirmed=False)
    # Decisions reach the citizen at least N days before handover.
    latest = campaign.latest_notice_day("campaign.notice.callup", plan.handover)
    due = min(latest, plan.decisions_by) if plan.decisions_by is not None else latest
    add("callup_decisions", DECISIONS, due, (_law78("34", "6"),))
    add("handover", HANDOVER, plan.handover, (_law78("33", "1"),), sense="on", per_commune=False)
    for item in campaign.deadlines(plan):
        if item.code in ("campaign.reexam", "campaign.replacement"):
            rule = campaign.rule(item.code, plan.handover)
            add(
                item.code.removeprefix("campaign."),
                Text(item.title_vi, item.title),
                item.due,
                rule.citations,
                start=plan.handover,
                per_commune=False,
                confirmed=item.confirmed,
            )
    return steps


def campaign_steps(data: YearInput) -> list[Step]:
    """The steps of every plan given, kept when they touch ``data.year``."""
    found: list[Step] = []
    for plan in data.plans.values():
        for step in _campaign_steps(plan):
            if step.first_day.year <= data.year <= step.due.year:
                found.append(step)
    return found


#: The builders of the year's steps, by name, in order; other parts of the year add theirs.
BUILDERS: dict[str, Builder] = {
    "january_list": january_list,
    "april_registration": april_registration,
    "police_reports": police_reports,
    "campaign": campaign_steps,
}


def register_builder(name: str, builder: Builder) -> None:
    known = BUILDERS.get(name)
    if known is not None and known is not builder:
        raise ValueError(f"{name!r} is registered twice")
    BUILDERS[name] = builder


def year_steps(data: YearInput) -> list[Step]:
    """Every step of the year, by first day then last day."""
    steps = [step for builder in BUILDERS.values() for step in builder(data)]
    return sorted(steps, key=lambda s: (s.first_day, s.due, s.code))
