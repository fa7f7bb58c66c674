"""The call-up campaign's calendar and legal deadlines, as dated rules (who decides and signs
is in ``authorities``).

Pure: no Django. Every rule carries its citation and validity interval (``law.Rule``); the
campaign's deadlines are computed from its calendar and the rules in force on the day each
deadline concerns, so a 2025 campaign is judged by 2025 law (legal-reference.md §1.3, §2.6).

Positions taken (each tested on its boundary):

* "At least N days before" counts calendar days from the day a decision reaches the citizen
  to the day of the event: handed on 29/01 for a handover on 13/02 is 15 days, on time; on
  30/01 it is 14 days, late. The latest day to deliver is therefore ``event − N days``.
* "Within N days of handover" ends on ``handover + N days`` inclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law import book
from muster.law.callup.authorities import citation_text, citation_text_vi, law_78, law_98
from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import (
    LAW_78_FROM,
    LAW_98_FROM,
    TT_105,
    TT_105_FROM,
    TT_140,
    TT_148,
    TT_148_FROM,
    TTLT_16,
    TTLT_16_FROM,
)
from muster.law.text import Text

_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)
_BEFORE_105 = TT_105_FROM - dt.timedelta(days=1)


_rule = make_rule


RULES: tuple[Rule, ...] = (
    # --------------------------------------------------------------- notices (15 days)
    _rule(
        "campaign.notice.screening",
        "deadline",
        "Screening decision handed to the citizen at least 15 days before screening",
        "Quyết định gọi sơ tuyển giao cho công dân trước 15 ngày",
        (law_78("40", "3"), law_98("Art 4(16): rewrites Art 40, adds preliminary screening.")),
        LAW_98_FROM,
        days=15,
    ),
    _rule(
        "campaign.notice.screening",
        "deadline",
        "Screening call handed at least 15 days before (local practice before Law 98/2025)",
        "Giấy gọi sơ tuyển giao trước 15 ngày (thực tiễn trước Luật 98/2025)",
        (Citation(TT_148, "4", None, None, "Screening by the commune health station."),),
        LAW_78_FROM,
        _BEFORE_98,
        confirmed=False,
        note="The original law set no notice for screening; the 15 days of Art 40(3) are "
        "applied by analogy.",
        days=15,
    ),
    _rule(
        "campaign.notice.exam",
        "deadline",
        "Health-examination call handed at least 15 days before the examination",
        "Lệnh/Quyết định gọi khám sức khỏe giao trước 15 ngày",
        (law_78("40", "3"),),
        LAW_78_FROM,
        days=15,
    ),
    _rule(
        "campaign.notice.callup",
        "deadline",
        "Call-up order or decision handed at least 15 days before enlistment",
        "Lệnh/Quyết định gọi nhập ngũ giao cho công dân trước 15 ngày",
        (law_78("34", "6"),),
        LAW_78_FROM,
        days=15,
    ),
    # --------------------------------------------------------------- windows and postings
    _rule(
        "campaign.window.exam",
        "deadline",
        "Health examinations from 1 November to 31 December",
        "Khám sức khỏe từ 01/11 đến hết 31/12",
        (law_78("40", "5"),),
        LAW_78_FROM,
        first_month=11,
        first_day=1,
        last_month=12,
        last_day=31,
    ),
    _rule(
        "campaign.posting.results",
        "deadline",
        "Screening and examination results posted at the commune for 20 days",
        "Niêm yết công khai kết quả sơ tuyển, khám sức khỏe 20 ngày",
        (law_78("40", "6"), law_98("Art 4(16).")),
        LAW_98_FROM,
        days=20,
    ),
    _rule(
        "campaign.posting.results",
        "deadline",
        "Lists posted at the commune People's Committee for 20 days",
        "Niêm yết công khai danh sách tại UBND xã 20 ngày",
        (law_78("41", "4", "Posting of the deferral and exemption lists."),),
        LAW_78_FROM,
        _BEFORE_98,
        confirmed=False,
        note="Before Law 98/2025 the 20-day posting is written for the deferral/exemption "
        "lists; applied to results by analogy.",
        days=20,
    ),
    _rule(
        "campaign.handover_window",
        "deadline",
        "Call-up once a year, in February or March",
        "Gọi công dân nhập ngũ mỗi năm một lần vào tháng Hai hoặc tháng Ba",
        (
            law_78(
                "33",
                "1",
                "Once a year in February or March; a second call for defence or security needs.",
            ),
        ),
        LAW_78_FROM,
        first_month=2,
        last_month=3,
    ),
    # --------------------------------------------------------------- after handover
    _rule(
        "campaign.reexam",
        "deadline",
        "Receiving unit re-examines new recruits within 10 days of handover",
        "Đơn vị nhận quân khám phúc tra sức khỏe trong 10 ngày",
        (Citation(TT_105, "11", "7"),),
        TT_105_FROM,
        days=10,
    ),
    _rule(
        "campaign.reexam",
        "deadline",
        "Receiving unit re-examines new recruits within 10 days of handover",
        "Đơn vị nhận quân khám phúc tra sức khỏe trong 10 ngày",
        (Citation(TTLT_16, "6", None, None, "Re-examination by the receiving unit."),),
        TTLT_16_FROM,
        _BEFORE_105,
        confirmed=False,
        days=10,
    ),
    _rule(
        "campaign.replacement",
        "deadline",
        "Replacements within 15 days of handover and at most 2% of the quota",
        "Bù đổi hoàn thành trong 15 ngày kể từ ngày giao nhận quân, không quá 2% chỉ tiêu",
        (Citation(TT_148, "7", "3"),),
        TT_148_FROM,
        days=15,
        cap_percent=2,
        note="Whether TT 68/2025 changed the cap is unconfirmed (legal-reference.md §2.6).",
    ),
    # --------------------------------------------------------------- exam ratio and standby
    _rule(
        "campaign.ratio.exam_per_quota",
        "threshold",
        "At most 4 citizens called to the health examination per 1 enlistment quota",
        "Gọi khám sức khỏe không quá 4 công dân cho 1 chỉ tiêu nhập ngũ (4 lấy 1)",
        (Citation(TT_140, "6", "3", "d", "At most 4 called to the exam per quota."),),
        LAW_78_FROM,
        confirmed=False,
        note="Written in TT 140/2015, which TT 148/2018 replaced; whether TT 148 or TT 68/2025 "
        "keeps it is unverified (legal-reference.md §2.6). Local 2026 plans still say '4 lấy 1'.",
        per_quota=4,
    ),
    _rule(
        "campaign.standby.cap",
        "threshold",
        "Standby call-up (dự phòng) at most 5% of the quota",
        "Gọi dự phòng không quá 5% chỉ tiêu",
        (Citation(TT_140, "6", "3", "d", "Backup call-up orders at most 5% of the quota."),),
        LAW_78_FROM,
        confirmed=False,
        note="Written in TT 140/2015; unverified under TT 148/2018 and TT 68/2025 "
        "(legal-reference.md §2.6). Per commune the cap is rounded up, as the default standby "
        "list (selection.standby), so a commune with a quota may keep one standby citizen.",
        cap_percent=5,
    ),
)


BOOK = RuleBook(RULES)
#: The version of a code in force on a day; ``NoRuleInForce`` when none is.
rule = BOOK.rule


# ------------------------------------------------------------------- the calendar


@dataclass(frozen=True)
class Calendar:
    """The dates of one campaign (any may be unknown yet, except the handover)."""

    year: int
    handover: dt.date
    pool_review_by: dt.date | None = None
    screening_start: dt.date | None = None
    screening_end: dt.date | None = None
    exam_start: dt.date | None = None
    exam_end: dt.date | None = None
    nomination_by: dt.date | None = None
    council_review_by: dt.date | None = None
    decisions_by: dt.date | None = None
    #: The province's plan for the approval rounds (xét duyệt lần 1 and lần 2).
    first_approval_by: dt.date | None = None
    second_approval_by: dt.date | None = None


def default_exam_window(year: int) -> tuple[dt.date, dt.date]:
    """1 Nov – 31 Dec of the year before the campaign's enlistment year (Art 40(5))."""
    day = dt.date(year - 1, 11, 1)
    item = rule("campaign.window.exam", day)
    return (
        dt.date(year - 1, item.int_param("first_month"), item.int_param("first_day")),
        dt.date(year - 1, item.int_param("last_month"), item.int_param("last_day")),
    )


@dataclass(frozen=True)
class Deadline:
    """One legal deadline of a campaign, named and cited in both languages (``title``,
    ``citation``: English; ``title_vi``, ``citation_vi``: Vietnamese)."""

    code: str
    title_vi: str
    due: dt.date
    #: "by": the act must happen on or before ``due``; "until": a period that ends on ``due``.
    sense: str
    citation: str
    confirmed: bool
    title: str = ""
    citation_vi: str = ""


#: The names of the campaign's deadlines.
NOTICE_SCREENING = Text("Giao quyết định gọi sơ tuyển", "Deliver the screening call-up orders")
NOTICE_EXAM = Text("Giao quyết định gọi khám sức khỏe", "Deliver the health-exam call-up orders")
POST_SCREENING = Text(
    "Niêm yết kết quả sơ tuyển đến hết ngày", "Screening results posted until the end of"
)
POST_EXAM = Text(
    "Niêm yết kết quả khám sức khỏe đến hết ngày", "Health-exam results posted until the end of"
)
NOTICE_CALLUP = Text("Giao quyết định gọi nhập ngũ", "Deliver the call-up orders")
REEXAM = Text("Đơn vị khám phúc tra xong", "Receiving units finish the re-examination")
REPLACEMENT = Text("Hoàn thành bù đổi", "Replacements completed")


def notice_days(code: str, event_day: dt.date) -> int:
    return rule(code, event_day).int_param("days")


def latest_notice_day(code: str, event_day: dt.date) -> dt.date:
    """The last day a decision may reach the citizen for an event on ``event_day``."""
    return event_day - dt.timedelta(days=notice_days(code, event_day))


def notice_is_late(code: str, delivered_on: dt.date, event_day: dt.date) -> bool:
    """Fewer than the required days between delivery and the event (14 late, 15 on time)."""
    return (event_day - delivered_on).days < notice_days(code, event_day)


def deadlines(calendar: Calendar) -> list[Deadline]:
    """Every legal deadline of the calendar, each from the rule in force on its event day."""
    found: list[Deadline] = []

    def make(code: str, title: Text, due: dt.date, sense: str, item: Rule) -> Deadline:
        return Deadline(
            code,
            title.vi,
            due,
            sense,
            citation_text(item),
            item.confirmed,
            title=title.en,
            citation_vi=citation_text_vi(item),
        )

    def notice(code: str, event: dt.date | None, title: Text) -> None:
        if event is None:
            return
        item = rule(code, event)
        found.append(
            make(code, title, event - dt.timedelta(days=item.int_param("days")), "by", item)
        )

    notice("campaign.notice.screening", calendar.screening_start, NOTICE_SCREENING)
    notice("campaign.notice.exam", calendar.exam_start, NOTICE_EXAM)
    for start, title in ((calendar.screening_end, POST_SCREENING), (calendar.exam_end, POST_EXAM)):
        if start is not None:
            item = rule("campaign.posting.results", start)
            due = start + dt.timedelta(days=item.int_param("days"))
            found.append(make("campaign.posting.results", title, due, "until", item))
    notice("campaign.notice.callup", calendar.handover, NOTICE_CALLUP)
    for code, title in (("campaign.reexam", REEXAM), ("campaign.replacement", REPLACEMENT)):
        item = rule(code, calendar.handover)
        due = calendar.handover + dt.timedelta(days=item.int_param("days"))
        found.append(make(code, title, due, "by", item))
    return sorted(found, key=lambda d: d.due)


@dataclass(frozen=True)
class CalendarWarning:
    """A date of the campaign outside the window the law sets (a warning: the Ministry may
    adjust the exam window, and a second call or a disaster area may move the handover)."""

    key: str  # "exam_outside_window", "handover_outside_window"
    day: dt.date
    rule: Rule


def _in_months(day: dt.date, item: Rule) -> bool:
    return item.int_param("first_month") <= day.month <= item.int_param("last_month")


def exam_day_outside_window(day: dt.date) -> Rule | None:
    """The exam-window rule an examination held on ``day`` falls outside, if any."""
    window = book.rule_or_none("deadline.health_exam_window", day)
    return window if window is not None and not _in_months(day, window) else None


def calendar_warnings(calendar: Calendar, *, second_call: bool = False) -> list[CalendarWarning]:
    """The campaign's dates outside the windows of the day: examinations from 1 November to
    31 December of the year before the handover (Art 40(5) as rewritten by Law 98/2025; no
    window is encoded before 1 Jul 2025), the handover in February or March (Art 33(1); a
    second call is not held to it)."""
    found: list[CalendarWarning] = []
    for day in (calendar.exam_start, calendar.exam_end):
        if day is None:
            continue
        window = book.rule_or_none("deadline.health_exam_window", day)
        if window is not None and (
            not _in_months(day, window) or day.year != calendar.handover.year - 1
        ):
            found.append(CalendarWarning("exam_outside_window", day, window))
    handover = BOOK.rule_or_none("campaign.handover_window", calendar.handover)
    if handover is not None and not second_call and not _in_months(calendar.handover, handover):
        found.append(CalendarWarning("handover_outside_window", calendar.handover, handover))
    return found


def calendar_problems(calendar: Calendar) -> list[str]:
    """Order problems in the calendar (English keys; the form translates its own messages)."""
    problems: list[str] = []
    pairs = (
        (calendar.screening_start, calendar.screening_end, "screening"),
        (calendar.exam_start, calendar.exam_end, "exam"),
        (calendar.screening_end, calendar.exam_start, "screening_before_exam"),
        (calendar.exam_end, calendar.handover, "exam_before_handover"),
        (calendar.decisions_by, calendar.handover, "decisions_before_handover"),
        (calendar.first_approval_by, calendar.second_approval_by, "approval_order"),
        (calendar.second_approval_by, calendar.handover, "approval_before_handover"),
        (calendar.first_approval_by, calendar.handover, "approval_before_handover"),
    )
    for first, second, key in pairs:
        if first is not None and second is not None and first > second:
            problems.append(key)
    return problems


def replacement_cap(quota: int, handover: dt.date) -> int:
    """Most replacements allowed for a quota: 2% of it, rounded down (TT 148 Art 7(3))."""
    percent = rule("campaign.replacement", handover).int_param("cap_percent")
    return quota * percent // 100


# ------------------------------------------------------------------- plan steps and ratios


def plan_step_late(held_on: dt.date, due: dt.date | None) -> bool:
    """A step of the province's plan (pool review, approval round) held after its planned
    day: the planned day itself is on time."""
    return due is not None and held_on > due


@dataclass(frozen=True)
class RatioCheck:
    """A commune's examined and standby figures against its quota (``campaign.ratio.*``,
    ``campaign.standby.cap``: both from TT 140/2015, unverified since)."""

    quota: int
    exam_called: int
    standby: int
    exam_cap: int
    standby_cap: int
    exam_rule: Rule
    standby_rule: Rule

    @property
    def exam_over(self) -> bool:
        return self.exam_called > self.exam_cap

    @property
    def standby_over(self) -> bool:
        return self.standby > self.standby_cap

    @property
    def ratio(self) -> float | None:
        """Citizens called to the examination per quota place (None without a quota)."""
        return self.exam_called / self.quota if self.quota else None

    @property
    def off(self) -> bool:
        return self.exam_over or self.standby_over


def ratio_check(
    *, quotas: tuple[int, ...], exam_called: int, standby: int, on: dt.date
) -> RatioCheck:
    """At most ``per_quota`` (4) called to the examination per quota place, and a standby
    list of at most ``cap_percent`` (5 %) of the quota, rounded up like the default standby
    list (``selection.default_standby``: 5 % of 30 is 2), so the default is never over.

    ``quotas``: one figure per service (army, police); the standby cap is summed over them,
    as each service's list has its own default standby."""
    quota = sum(quotas)
    exam_rule = rule("campaign.ratio.exam_per_quota", on)
    standby_rule = rule("campaign.standby.cap", on)
    return RatioCheck(
        quota=quota,
        exam_called=exam_called,
        standby=standby,
        exam_cap=quota * exam_rule.int_param("per_quota"),
        standby_cap=sum(-(-q * standby_rule.int_param("cap_percent") // 100) for q in quotas),
        exam_rule=exam_rule,
        standby_rule=standby_rule,
    )
