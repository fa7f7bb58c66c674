"""The call-up campaign's calendar, legal deadlines and deciding authorities, as dated rules.

Pure: no Django. Every rule carries its citation and validity interval (``law.Rule``); the
campaign's deadlines are computed from its calendar and the rules in force on the day each
deadline concerns, so a 2025 campaign is judged by 2025 law (legal-reference.md §1.3, §2.6).

Positions taken (each tested on its boundary):

* "At least N days before" counts calendar days from the day a decision reaches the citizen
  to the day of the event: handed on 29/01 for a handover on 13/02 is 15 days, on time; on
  30/01 it is 14 days, late. The latest day to deliver is therefore ``event − N days``.
* "Within N days of handover" ends on ``handover + N days`` inclusive.
* The deciding authority is the one in force on the day the decision is signed: a call-up
  decision signed on 30/06/2025 is the district commander's, one signed on 01/07/2025 the
  commune chairman's (Law 78/2015 Art 34(6) as rewritten by Law 98/2025).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law import book
from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import (
    LAW_78,
    LAW_78_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_105,
    TT_105_FROM,
    TT_148,
    TT_148_FROM,
    TTLT_16,
    TTLT_16_FROM,
)

_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)
_BEFORE_105 = TT_105_FROM - dt.timedelta(days=1)


_rule = make_rule


def _law(article: str, clause: str | None = None, text: str = "") -> Citation:
    return Citation(LAW_78, article, clause, None, text)


def _l98(text: str) -> Citation:
    return Citation(LAW_98, "4", None, None, text)


RULES: tuple[Rule, ...] = (
    # --------------------------------------------------------------- who signs what
    _rule(
        "campaign.authority.callup",
        "authority",
        "Call-up order signed by the district military commander",
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp huyện ký lệnh gọi nhập ngũ",
        (_law("34", "6", "Original text: the district commander calls each citizen."),),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_commander",
        signer_vi="CHỈ HUY TRƯỞNG BAN CHỈ HUY QUÂN SỰ HUYỆN",
        issuer_vi="BAN CHỈ HUY QUÂN SỰ HUYỆN",
        document_vi="LỆNH GỌI CÔNG DÂN NHẬP NGŨ",
        symbol="LGNN",
    ),
    _rule(
        "campaign.authority.callup",
        "authority",
        "Call-up decision signed by the commune People's Committee chairman",
        "Chủ tịch UBND cấp xã quyết định gọi công dân nhập ngũ",
        (_law("34", "6"), _l98("Art 4(11)(c): the commune chairman decides each call-up.")),
        LAW_98_FROM,
        authority="commune_chairman",
        signer_vi="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
        issuer_vi="ỦY BAN NHÂN DÂN XÃ",
        document_vi="QUYẾT ĐỊNH GỌI CÔNG DÂN NHẬP NGŨ",
        symbol="QĐ-UBND",
    ),
    _rule(
        "campaign.authority.callup.police",
        "authority",
        "Call to serve in the People's Public Security signed by the district police chief",
        "Trưởng Công an cấp huyện ký lệnh gọi công dân thực hiện nghĩa vụ tham gia CAND",
        (
            _law(
                "34",
                "6",
                "Original text: the district police chief calls each citizen to CAND service.",
            ),
        ),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_police_chief",
        signer_vi="TRƯỞNG CÔNG AN HUYỆN",
        issuer_vi="CÔNG AN HUYỆN",
        document_vi="LỆNH GỌI CÔNG DÂN THỰC HIỆN NGHĨA VỤ THAM GIA CÔNG AN NHÂN DÂN",
        symbol="LGCAND",
    ),
    _rule(
        "campaign.authority.callup.police",
        "authority",
        "Call to CAND service decided by the commune People's Committee chairman",
        "Chủ tịch UBND cấp xã quyết định gọi công dân thực hiện nghĩa vụ tham gia CAND",
        (_law("34", "6"), _l98("Art 4(11)(c): the commune chairman decides, army and CAND.")),
        LAW_98_FROM,
        authority="commune_chairman",
        signer_vi="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
        issuer_vi="ỦY BAN NHÂN DÂN XÃ",
        document_vi="QUYẾT ĐỊNH GỌI CÔNG DÂN THỰC HIỆN NGHĨA VỤ THAM GIA CÔNG AN NHÂN DÂN",
        symbol="QĐ-UBND",
    ),
    _rule(
        "campaign.authority.quota",
        "authority",
        "Quota assigned to communes by the district People's Committee chairman",
        "Chủ tịch UBND cấp huyện giao chỉ tiêu gọi nhập ngũ cho cấp xã",
        (_law("34", "3", "Original text."),),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_chairman",
        title_vi_short="Chủ tịch UBND huyện",
    ),
    _rule(
        "campaign.authority.quota",
        "authority",
        "Quota assigned to communes by the provincial People's Committee chairman",
        "Chủ tịch UBND cấp tỉnh giao chỉ tiêu gọi nhập ngũ cho cấp xã",
        (_law("34", "3"), _l98("Art 4(11): on the proposal of the provincial NVQS council.")),
        LAW_98_FROM,
        authority="provincial_chairman",
        title_vi_short="Chủ tịch UBND tỉnh",
    ),
    _rule(
        "campaign.authority.callup_list",
        "authority",
        "List of citizens called decided by the district People's Committee chairman",
        "Chủ tịch UBND cấp huyện quyết định danh sách công dân gọi nhập ngũ",
        (_law("34", "3", "Original text."),),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_chairman",
        title_vi_short="Chủ tịch UBND huyện",
        needs_council_proposal=False,
    ),
    _rule(
        "campaign.authority.callup_list",
        "authority",
        "List of citizens called decided by the provincial chairman on the provincial NVQS "
        "council's proposal",
        "Chủ tịch UBND cấp tỉnh quyết định danh sách công dân gọi nhập ngũ theo đề nghị của "
        "Hội đồng nghĩa vụ quân sự cấp tỉnh",
        (_law("34", "3"), _l98("Art 4(11): on the proposal of the provincial NVQS council.")),
        LAW_98_FROM,
        authority="provincial_chairman",
        title_vi_short="Chủ tịch UBND tỉnh",
        needs_council_proposal=True,
    ),
    _rule(
        "campaign.authority.health_call",
        "authority",
        "Calls to the health examination ordered by the district military commander",
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp huyện ra lệnh gọi khám sức khỏe",
        (_law("40", "3", "Original text: the district commander calls citizens to the exam."),),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_commander",
        title_vi_short="Chỉ huy trưởng Ban CHQS huyện",
    ),
    _rule(
        "campaign.authority.health_call",
        "authority",
        "Calls to screening and to the examination decided by the commune chairman",
        "Chủ tịch UBND cấp xã quyết định gọi sơ tuyển, khám sức khỏe",
        (_law("40", "3"), _l98("Art 4(16): rewrites Art 40; the commune chairman calls.")),
        LAW_98_FROM,
        authority="commune_chairman",
        title_vi_short="Chủ tịch UBND xã",
    ),
    _rule(
        "campaign.authority.health_call.police",
        "authority",
        "Calls of CAND candidates to the health examination ordered by the district police chief",
        "Trưởng Công an cấp huyện ra lệnh gọi khám sức khỏe công dân tham gia CAND",
        (_law("40", "3", "Original text: the district police chief calls CAND candidates."),),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_police_chief",
        title_vi_short="Trưởng Công an huyện",
    ),
    _rule(
        "campaign.authority.health_call.police",
        "authority",
        "Calls of CAND candidates to screening and examination decided by the commune chairman",
        "Chủ tịch UBND cấp xã quyết định gọi sơ tuyển, khám sức khỏe công dân tham gia CAND",
        (_law("40", "3"), _l98("Art 4(16): rewrites Art 40; the commune chairman calls.")),
        LAW_98_FROM,
        authority="commune_chairman",
        title_vi_short="Chủ tịch UBND xã",
    ),
    _rule(
        "campaign.authority.health_council",
        "authority",
        "District health examination council, set up by the district chairman",
        "Hội đồng khám sức khỏe cấp huyện do Chủ tịch UBND cấp huyện thành lập",
        (_law("40", "2", "Original text."), Citation(TT_105, "8", "1", None, "Original text.")),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_council",
        title_vi_short="Hội đồng khám sức khỏe NVQS huyện",
    ),
    _rule(
        "campaign.authority.health_council",
        "authority",
        "Regional health examination council, set up by the provincial chairman",
        "Hội đồng khám sức khỏe khu vực do Chủ tịch UBND cấp tỉnh thành lập",
        (
            _law("40", "2"),
            _l98("Art 4(16): the provincial chairman sets up regional councils."),
            Citation(TT_105, "8", "1", None, "As amended by TT 106/2025/TT-BQP."),
        ),
        LAW_98_FROM,
        authority="regional_council",
        title_vi_short="Hội đồng khám sức khỏe khu vực",
    ),
    # --------------------------------------------------------------- notices (15 days)
    _rule(
        "campaign.notice.screening",
        "deadline",
        "Screening decision handed to the citizen at least 15 days before screening",
        "Quyết định gọi sơ tuyển giao cho công dân trước 15 ngày",
        (_law("40", "3"), _l98("Art 4(16): rewrites Art 40, adds preliminary screening.")),
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
        (_law("40", "3"),),
        LAW_78_FROM,
        days=15,
    ),
    _rule(
        "campaign.notice.callup",
        "deadline",
        "Call-up order or decision handed at least 15 days before enlistment",
        "Lệnh/Quyết định gọi nhập ngũ giao cho công dân trước 15 ngày",
        (_law("34", "6"),),
        LAW_78_FROM,
        days=15,
    ),
    # --------------------------------------------------------------- windows and postings
    _rule(
        "campaign.window.exam",
        "deadline",
        "Health examinations from 1 November to 31 December",
        "Khám sức khỏe từ 01/11 đến hết 31/12",
        (_law("40", "5"),),
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
        (_law("40", "6"), _l98("Art 4(16).")),
        LAW_98_FROM,
        days=20,
    ),
    _rule(
        "campaign.posting.results",
        "deadline",
        "Lists posted at the commune People's Committee for 20 days",
        "Niêm yết công khai danh sách tại UBND xã 20 ngày",
        (_law("41", "4", "Posting of the deferral and exemption lists."),),
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
            _law(
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
)


BOOK = RuleBook(RULES)
#: The version of a code in force on a day; ``NoRuleInForce`` when none is.
rule = BOOK.rule


def _str(item: Rule, name: str) -> str:
    return str(item.param(name))


def citation_text(item: Rule) -> str:
    return "; ".join(c.label for c in item.citations)


# ------------------------------------------------------------------- authorities


@dataclass(frozen=True)
class Authority:
    code: str  # "district_commander", "commune_chairman", ...
    signer_vi: str
    issuer_vi: str
    document_vi: str
    symbol: str
    citation: str


def _for_service(code: str, service: str) -> str:
    """The rule code of an authority for ``service``: the police have their own before the
    2025 reform (district police chief) and share the commune chairman after it."""
    return f"{code}.police" if service == "police" else code


def callup_authority(signed_on: dt.date, service: str = "army") -> Authority:
    """Who signs a citizen's call-up to ``service`` on ``signed_on`` (Art 34(6), §1.3): for
    the army the district military commander, for the police (CAND) the district police chief,
    until 30 Jun 2025; the commune chairman for both from 1 Jul 2025."""
    item = rule(_for_service("campaign.authority.callup", service), signed_on)
    return Authority(
        code=_str(item, "authority"),
        signer_vi=_str(item, "signer_vi"),
        issuer_vi=_str(item, "issuer_vi"),
        document_vi=_str(item, "document_vi"),
        symbol=_str(item, "symbol"),
        citation=citation_text(item),
    )


def quota_authority(day: dt.date) -> tuple[str, str, str]:
    """``(code, Vietnamese title, citation)`` of who assigns commune quotas on ``day``."""
    item = rule("campaign.authority.quota", day)
    return _str(item, "authority"), _str(item, "title_vi_short"), citation_text(item)


def callup_list_authority(day: dt.date) -> tuple[str, str, str, bool]:
    """``(code, Vietnamese title, citation, needs the provincial council's proposal)`` of who
    decides the list of citizens called on ``day`` (Art 34(3))."""
    item = rule("campaign.authority.callup_list", day)
    return (
        _str(item, "authority"),
        _str(item, "title_vi_short"),
        citation_text(item),
        bool(item.param("needs_council_proposal")),
    )


def health_call_authority(day: dt.date, service: str = "army") -> tuple[str, str, str]:
    """``(code, Vietnamese title, citation)`` of who calls citizens to the exam on ``day`` for
    ``service`` (the district police chief called CAND candidates before 1 Jul 2025)."""
    item = rule(_for_service("campaign.authority.health_call", service), day)
    return _str(item, "authority"), _str(item, "title_vi_short"), citation_text(item)


def health_council(day: dt.date) -> tuple[str, str, str]:
    """``(code, Vietnamese title, citation)`` of the health council that examines on ``day``:
    the district council before 1 Jul 2025, a regional council from then (Art 40(2))."""
    item = rule("campaign.authority.health_council", day)
    return _str(item, "authority"), _str(item, "title_vi_short"), citation_text(item)


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
    code: str
    title_vi: str
    due: dt.date
    #: "by": the act must happen on or before ``due``; "until": a period that ends on ``due``.
    sense: str
    citation: str
    confirmed: bool


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

    def notice(code: str, event: dt.date | None, title: str) -> None:
        if event is None:
            return
        item = rule(code, event)
        found.append(
            Deadline(
                code,
                title,
                event - dt.timedelta(days=item.int_param("days")),
                "by",
                citation_text(item),
                item.confirmed,
            )
        )

    notice("campaign.notice.screening", calendar.screening_start, "Giao quyết định gọi sơ tuyển")
    notice("campaign.notice.exam", calendar.exam_start, "Giao quyết định gọi khám sức khỏe")
    for start, title in (
        (calendar.screening_end, "Niêm yết kết quả sơ tuyển đến hết ngày"),
        (calendar.exam_end, "Niêm yết kết quả khám sức khỏe đến hết ngày"),
    ):
        if start is not None:
            item = rule("campaign.posting.results", start)
            found.append(
                Deadline(
                    "campaign.posting.results",
                    title,
                    start + dt.timedelta(days=item.int_param("days")),
                    "until",
                    citation_text(item),
                    item.confirmed,
                )
            )
    notice("campaign.notice.callup", calendar.handover, "Giao quyết định gọi nhập ngũ")
    for code, title in (
        ("campaign.reexam", "Đơn vị khám phúc tra xong"),
        ("campaign.replacement", "Hoàn thành bù đổi"),
    ):
        item = rule(code, calendar.handover)
        found.append(
            Deadline(
                code,
                title,
                calendar.handover + dt.timedelta(days=item.int_param("days")),
                "by",
                citation_text(item),
                item.confirmed,
            )
        )
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
    )
    for first, second, key in pairs:
        if first is not None and second is not None and first > second:
            problems.append(key)
    return problems


def replacement_cap(quota: int, handover: dt.date) -> int:
    """Most replacements allowed for a quota: 2% of it, rounded down (TT 148 Art 7(3))."""
    percent = rule("campaign.replacement", handover).int_param("cap_percent")
    return quota * percent // 100
