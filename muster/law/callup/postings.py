"""Public postings (niêm yết công khai) of the call-up campaign, as dated rules. Pure: no Django.

Four lists are posted at the commune: the deferral and exemption list (danh sách tạm hoãn, miễn
gọi nhập ngũ), the preliminary screening results (kết quả sơ tuyển), the health examination
results (kết quả khám sức khỏe) and the call-up list (danh sách gọi nhập ngũ). For each kind this
module says, from the rule in force on the day that matters, how long the posting stays up, where
it must be posted, what it cites, by when it is due, and what a public row may hold.

Positions taken (each tested on its boundary, docs/campaign.md "Public postings"):

* **Counting the 20 days.** The day of posting is not counted; the 20 days run from the next
  day and the posting stays up to the end of the 20th (the general rule for periods in days,
  Civil Code 2015 Arts 147(2)–(3) and 148(1); it is also the reading that never shortens a
  citizen's time to complain). Posted on 01/12, the window ends on 21/12 inclusive; a complaint
  received on 21/12 is in time, on 22/12 it is late. ``ends_on = posted_on + 20 days``.
* **Deferral and exemption list, due date.** From 1 Jul 2025 (TT 148 Art 5(4) as amended by
  TT 68/2025): within 20 days of the signature of the decision, counted the same way: signed on
  04/12, posted on 24/12 is on time, on 25/12 late. Before: the old TT 140 rule, posted at least
  20 days before the call-up orders are issued (orders of 20/01: posted on 31/12 is 20 days
  before, on time; on 01/01, 19 days, late). The version is the one in force on the day the
  (earliest) decision of the list was signed, the act that starts the duty.
* **Screening and examination results, due date.** Art 40(6) fixes the 20 days, not the day
  the posting starts. Muster's position: by 15 days after the session window ends, the time the
  health council has to hand the forms to the commune council (TT 105 Art 13(4)(a)); marked
  unconfirmed.
* **Call-up list.** No text found fixes its window or its due date; TT 148 Art 6(3)(đ) as
  amended by TT 68/2025 (per peers.md §3 item 9) lists it among what the commune publishes. The
  position: 20 days by analogy with Art 41(4), due by the last day the decisions may reach the
  citizens (handover − 15 days, Art 34(6)). Both versions are marked unconfirmed.
* **What is public.** Name, birth year, village or residential group, and the outcome: for
  the deferral list the kind, the ground's code and its short legal text; for results fit or
  unfit only; for the call-up list the service and the enlistment day. Never the ID number,
  the full date of birth, the health class, an illness, a phone (Decree 13/2023/NĐ-CP:
  minimisation, peers.md §3 items 9 and 14). ``public_row`` builds exactly these keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from muster.core.text import fold
from muster.law.book import rule_or_none
from muster.law.callup import campaign as campaign_rules
from muster.law.rulebook import Citation, NoRuleInForce, Rule, RuleBook, RuleKind, make_rule
from muster.law.sources import (
    LAW_78,
    LAW_78_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_68_FROM,
    TT_105,
    TT_105_FROM,
    TT_148,
    TT_148_FROM,
    TTLT_16,
    TTLT_16_FROM,
)

Kind = Literal["deferral_exemption", "screening_results", "exam_results", "callup_list"]
KINDS: tuple[Kind, ...] = ("deferral_exemption", "screening_results", "exam_results", "callup_list")

#: Where a list may be posted. The labels are what the notice prints.
PLACES: MappingProxyType[str, str] = MappingProxyType(
    {
        "hq": "Trụ sở Ủy ban nhân dân xã",
        "portal": "Cổng thông tin điện tử xã",
        "agencies": "Cơ quan, tổ chức nơi công dân làm việc, học tập",
        "villages": "Nơi sinh hoạt cộng đồng của thôn, tổ dân phố",
    }
)

_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)
_BEFORE_68 = TT_68_FROM - dt.timedelta(days=1)
_BEFORE_105 = TT_105_FROM - dt.timedelta(days=1)
TT_140 = "TT 140/2015/TT-BQP (selection and call-up, replaced by TT 148/2018)"


def _rule(
    code: str,
    title: str,
    title_vi: str,
    citations: tuple[Citation, ...],
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    *,
    kind: RuleKind = "deadline",
    **options: Any,
) -> Rule:
    """``law.make_rule`` with the kind last: most rules here are deadlines."""
    return make_rule(code, kind, title, title_vi, citations, valid_from, valid_to, **options)


_ART_41_4 = Citation(LAW_78, "41", "4", None, "The list is posted at the commune HQ for 20 days.")
_L98_35_3 = Citation(
    LAW_98, "4", "12", "b", "Amends Art 35(3): published on the commune portal and at the HQ."
)
_TT68_5_4 = Citation(
    TT_148,
    "5",
    "4",
    None,
    "As amended by TT 68/2025: commune portal, HQ, agencies and village meeting places, within "
    "20 days of the provincial chairman's signature.",
)

RULES: tuple[Rule, ...] = (
    # ----------------------------------------------------- deferral and exemption list (Art 41)
    _rule(
        "posting.deferral_exemption",
        "Deferral and exemption list posted at the commune People's Committee for 20 days",
        "Niêm yết danh sách tạm hoãn, miễn gọi nhập ngũ tại trụ sở UBND xã 20 ngày",
        (_ART_41_4,),
        LAW_78_FROM,
        _BEFORE_98,
        days=20,
        places="hq,agencies",
        citation_vi="Khoản 4 Điều 41 Luật Nghĩa vụ quân sự số 78/2015/QH13",
    ),
    _rule(
        "posting.deferral_exemption",
        "Deferral and exemption list on the commune portal and posted for 20 days",
        "Công khai danh sách tạm hoãn, miễn gọi nhập ngũ trên cổng thông tin điện tử và niêm "
        "yết tại trụ sở UBND xã, nơi sinh hoạt cộng đồng thôn 20 ngày",
        (_ART_41_4, _L98_35_3, _TT68_5_4),
        LAW_98_FROM,
        days=20,
        places="portal,hq,agencies,villages",
        citation_vi="Khoản 4 Điều 41 Luật Nghĩa vụ quân sự số 78/2015/QH13; khoản 3 Điều 35 "
        "(sửa đổi tại điểm b khoản 12 Điều 4 Luật số 98/2025/QH15); khoản 4 Điều 5 Thông tư số "
        "148/2018/TT-BQP (sửa đổi bởi Thông tư số 68/2025/TT-BQP)",
    ),
    _rule(
        "posting.deferral_exemption.due",
        "Deferral and exemption list posted at least 20 days before call-up orders (old rule)",
        "Niêm yết danh sách tạm hoãn, miễn trước khi phát lệnh gọi nhập ngũ ít nhất 20 ngày",
        (Citation(TT_140, None, None, None, "Posted at least 20 days before call-up orders."),),
        LAW_78_FROM,
        _BEFORE_68,
        confirmed=False,
        note="Bộ Pháp điển (S4) reflects TT 140/2015; whether TT 148/2018 before its 2025 "
        "amendment kept the rule is not confirmed (legal-reference.md §2.4).",
        sense="before_callup",
        days=20,
    ),
    _rule(
        "posting.deferral_exemption.due",
        "Deferral and exemption list published within 20 days of the chairman's signature",
        "Công khai danh sách tạm hoãn, miễn trong thời hạn 20 ngày kể từ ngày Chủ tịch UBND "
        "tỉnh ký quyết định",
        (_TT68_5_4,),
        TT_68_FROM,
        sense="after_decision",
        days=20,
    ),
    # ------------------------------------------------ screening and examination results (Art 40)
    _rule(
        "posting.results",
        "Results posted at the commune People's Committee for 20 days (by analogy)",
        "Niêm yết kết quả sơ tuyển, khám sức khỏe tại trụ sở UBND xã 20 ngày",
        (Citation(LAW_78, "41", "4", None, "Written for the deferral list; by analogy."),),
        LAW_78_FROM,
        _BEFORE_98,
        confirmed=False,
        note="Before Law 98/2025 the 20-day posting is written for the deferral/exemption "
        "lists; the window length is campaign_rules' campaign.posting.results.",
        places="hq",
        citation_vi="Khoản 4 Điều 41 Luật Nghĩa vụ quân sự số 78/2015/QH13 (áp dụng tương tự)",
    ),
    _rule(
        "posting.results",
        "Screening and classification results on the commune portal and posted for 20 days",
        "Công khai kết quả sơ tuyển, phân loại sức khỏe trên cổng thông tin điện tử và niêm "
        "yết tại trụ sở UBND xã 20 ngày",
        (Citation(LAW_78, "40", "6"), Citation(LAW_98, "4", "16", None, "Rewrites Art 40.")),
        LAW_98_FROM,
        places="portal,hq",
        citation_vi="Khoản 6 Điều 40 Luật Nghĩa vụ quân sự số 78/2015/QH13 (sửa đổi bởi khoản "
        "16 Điều 4 Luật số 98/2025/QH15)",
    ),
    _rule(
        "posting.results.due",
        "Results posted within 15 days after the session window ends (position)",
        "Niêm yết kết quả trong 15 ngày sau khi kết thúc đợt sơ tuyển, khám",
        (Citation(TTLT_16, None, None, None, "Health forms handed to the commune council."),),
        TTLT_16_FROM,
        _BEFORE_105,
        confirmed=False,
        note="No text fixes the day the results posting starts; Muster applies the 15 days the "
        "council has to hand the forms to the commune.",
        days_after_window=15,
    ),
    _rule(
        "posting.results.due",
        "Results posted within 15 days after the session window ends (position)",
        "Niêm yết kết quả trong 15 ngày sau khi kết thúc đợt sơ tuyển, khám",
        (
            Citation(
                TT_105,
                "13",
                "4",
                "a",
                "Health forms completed and handed to the commune NVQS council within 15 days "
                "after the examinations end.",
            ),
        ),
        TT_105_FROM,
        confirmed=False,
        note="No text fixes the day the results posting starts; Muster applies the 15 days the "
        "council has to hand the forms to the commune (applied to screening by analogy).",
        days_after_window=15,
    ),
    # ---------------------------------------------------------------------- call-up list
    _rule(
        "posting.callup_list",
        "Call-up list posted at the commune (public and transparent selection)",
        "Niêm yết danh sách công dân được gọi nhập ngũ tại trụ sở UBND xã",
        (Citation(TT_148, "2", None, None, "Selection is democratic, public and transparent."),),
        TT_148_FROM,
        _BEFORE_68,
        confirmed=False,
        note="No text found sets a window for the call-up list before TT 68/2025: 20 days by "
        "analogy with Art 41(4); due by the last day decisions may reach the citizens.",
        days=20,
        due_before_handover=15,
        places="hq",
        citation_vi="Điều 2 Thông tư số 148/2018/TT-BQP",
    ),
    _rule(
        "posting.callup_list",
        "Call-up list published by the commune at its HQ and on its portal",
        "Công khai danh sách công dân được gọi nhập ngũ tại trụ sở UBND xã và trên cổng thông "
        "tin điện tử",
        (
            Citation(
                TT_148,
                "6",
                "3",
                "đ",
                "As amended by TT 68/2025 (peers.md §3 item 9): the commune publishes the "
                "selected list.",
            ),
        ),
        TT_68_FROM,
        confirmed=False,
        note="Known from secondary notes only; the window (20 days) and the due date (handover "
        "− 15 days) are Muster's positions.",
        days=20,
        due_before_handover=15,
        places="portal,hq",
        citation_vi="Điểm đ khoản 3 Điều 6 Thông tư số 148/2018/TT-BQP (sửa đổi bởi Thông tư số "
        "68/2025/TT-BQP)",
    ),
)


BOOK = RuleBook(RULES)
#: The version of a code in force on a day; ``NoRuleInForce`` when none is.
rule = BOOK.rule
versions = BOOK.versions


def _window_code(kind: str) -> str:
    if kind == "deferral_exemption":
        return "posting.deferral_exemption"
    if kind in ("screening_results", "exam_results"):
        return "posting.results"
    if kind == "callup_list":
        return "posting.callup_list"
    raise ValueError(f"unknown posting kind {kind!r}")


# ----------------------------------------------------------------------------- the window


@dataclass(frozen=True)
class Window:
    """What the rule in force on the posting day says about one posting."""

    kind: str
    posted_on: dt.date
    days: int
    ends_on: dt.date
    places: tuple[str, ...]
    citation: str  # English labels, "; "-joined
    citation_vi: str
    confirmed: bool


def window_days(kind: str, posted_on: dt.date) -> int:
    """Length of the posting: results take it from ``campaign.posting.results`` (one source)."""
    if kind in ("screening_results", "exam_results"):
        return campaign_rules.rule("campaign.posting.results", posted_on).int_param("days")
    return rule(_window_code(kind), posted_on).int_param("days")


def window(kind: str, posted_on: dt.date) -> Window:
    """The window of a posting of ``kind`` made on ``posted_on`` (``NoRuleInForce`` if none)."""
    item = rule(_window_code(kind), posted_on)
    days = window_days(kind, posted_on)
    results = (
        campaign_rules.rule("campaign.posting.results", posted_on)
        if kind in ("screening_results", "exam_results")
        else None
    )
    citations = item.citations if results is None else results.citations
    return Window(
        kind=kind,
        posted_on=posted_on,
        days=days,
        ends_on=ends_on(posted_on, days),
        places=tuple(str(item.param("places")).split(",")),
        citation="; ".join(c.label for c in citations),
        citation_vi=str(item.param("citation_vi")),
        confirmed=item.confirmed and (results is None or results.confirmed),
    )


def ends_on(posted_on: dt.date, days: int) -> dt.date:
    """The last day of the posting: the posting day is not counted (01/12 + 20 → 21/12)."""
    return posted_on + dt.timedelta(days=days)


def in_window(posted_on: dt.date, last_day: dt.date, day: dt.date) -> bool:
    """``day`` falls in the posting window (both ends inclusive)."""
    return posted_on <= day <= last_day


def complaint_late(last_day: dt.date, received_on: dt.date) -> bool:
    """A complaint received after the last day of the window (21/12 in time, 22/12 late)."""
    return received_on > last_day


def missing_places(kind: str, posted_on: dt.date, places: Iterable[str]) -> tuple[str, ...]:
    """The places the rule in force requires that ``places`` leaves out (in rule order)."""
    given = set(places)
    return tuple(p for p in window(kind, posted_on).places if p not in given)


# ----------------------------------------------------------------------------- due dates


@dataclass(frozen=True)
class Due:
    """By when a posting of ``kind`` is due, and why."""

    kind: str
    due: dt.date | None  # None: cannot be known yet (e.g. no call-up order issued)
    reference: dt.date | None  # the day the duty counts from (decision signed, window end)
    sense: str  # "after_decision", "before_callup", "after_window", "before_handover"
    title_vi: str
    citation: str
    confirmed: bool


def due_for(
    kind: str,
    *,
    calendar: campaign_rules.Calendar,
    first_decision: dt.date | None = None,
    first_callup: dt.date | None = None,
) -> Due | None:
    """The due date of ``kind`` for a commune of a campaign with ``calendar``.

    ``first_decision``: the earliest signature of the deferral/exemption decisions on the list;
    ``first_callup``: the day the commune's first call-up decision (order) was issued (else the
    campaign's "decisions issued by" day is used). None when no rule is in force."""
    if kind == "deferral_exemption":
        if first_decision is None:
            return None
        item = _rule_or_none("posting.deferral_exemption.due", first_decision)
        if item is None:
            return None
        days = item.int_param("days")
        sense = str(item.param("sense"))
        if sense == "after_decision":
            due: dt.date | None = first_decision + dt.timedelta(days=days)
        else:
            callup = first_callup or calendar.decisions_by
            due = None if callup is None else callup - dt.timedelta(days=days)
        return Due(kind, due, first_decision, sense, item.title_vi, _cite(item), item.confirmed)
    if kind in ("screening_results", "exam_results"):
        end = calendar.screening_end if kind == "screening_results" else calendar.exam_end
        if end is None:
            return None
        item = _rule_or_none("posting.results.due", end)
        if item is None:
            return None
        due = end + dt.timedelta(days=item.int_param("days_after_window"))
        return Due(kind, due, end, "after_window", item.title_vi, _cite(item), item.confirmed)
    if kind == "callup_list":
        item = _rule_or_none("posting.callup_list", calendar.handover)
        if item is None:
            return None
        due = calendar.handover - dt.timedelta(days=item.int_param("due_before_handover"))
        return Due(
            kind,
            due,
            calendar.handover,
            "before_handover",
            item.title_vi,
            _cite(item),
            item.confirmed,
        )
    raise ValueError(f"unknown posting kind {kind!r}")


def _rule_or_none(code: str, day: dt.date) -> Rule | None:
    try:
        return rule(code, day)
    except NoRuleInForce:
        return None


def _cite(item: Rule) -> str:
    return "; ".join(c.label for c in item.citations)


# ----------------------------------------------------------------------------- status

State = Literal["not_required", "pending", "overdue", "on_time", "late"]
WindowState = Literal["none", "open", "ended", "withdrawn"]


@dataclass(frozen=True)
class Version:
    """One posting of a commune's list (the original or a correction)."""

    posted_on: dt.date
    ends_on: dt.date
    withdrawn_on: dt.date | None = None


@dataclass(frozen=True)
class Status:
    state: State
    window: WindowState
    due: dt.date | None
    first_posted: dt.date | None
    #: Days the current posting still runs after ``today`` (0: today is its last day).
    days_left: int | None
    #: Days from ``today`` to the due date (negative: overdue by that many days).
    days_to_due: int | None

    @property
    def missed(self) -> bool:
        return self.state in ("overdue", "late")


def status(
    *, required: bool, due: dt.date | None, versions: Sequence[Version], today: dt.date
) -> Status:
    """Whether a required posting happened, and in time; the state of its window.

    Timeliness is judged on the **first** posting of the list: a correction restarts the
    window (a new 20 days) but does not make a late list timely nor a timely one late."""
    first = min((v.posted_on for v in versions), default=None)
    current = next((v for v in versions if v.withdrawn_on is None), None)
    days_to_due = None if due is None else (due - today).days
    state: State
    if first is None:
        if not required:
            state = "not_required"
        elif due is not None and today > due:
            state = "overdue"
        else:
            state = "pending"
    else:
        state = "on_time" if due is None or first <= due else "late"
    win: WindowState = "none"
    days_left = None
    if current is not None:
        if today > current.ends_on:
            win = "ended"
        else:
            win = "open"
            days_left = (current.ends_on - max(today, current.posted_on)).days
    elif versions:
        win = "withdrawn"
    return Status(state, win, due, first, days_left, days_to_due)


# ----------------------------------------------------------------------------- public rows

#: The keys a public row holds, per kind: nothing else is ever posted.
COMMON_KEYS = ("no", "name", "birth_year", "village")
PUBLIC_KEYS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "deferral_exemption": (*COMMON_KEYS, "decision", "ground", "ground_text"),
        "screening_results": (*COMMON_KEYS, "result"),
        "exam_results": (*COMMON_KEYS, "result"),
        "callup_list": (*COMMON_KEYS, "service", "enlist_on"),
    }
)

#: The column headings of the notice and the public page, per kind.
COLUMNS_VI: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "deferral_exemption": (
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Thôn, tổ dân phố",
            "Diện",
            "Lý do (căn cứ)",
        ),
        "screening_results": ("STT", "Họ và tên", "Năm sinh", "Thôn, tổ dân phố", "Kết quả"),
        "exam_results": ("STT", "Họ và tên", "Năm sinh", "Thôn, tổ dân phố", "Kết quả"),
        "callup_list": (
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Thôn, tổ dân phố",
            "Nhập ngũ vào",
            "Ngày nhập ngũ",
        ),
    }
)

SERVICE_VI = MappingProxyType({"army": "Quân đội nhân dân", "police": "Công an nhân dân"})
DECISION_VI = MappingProxyType({"deferral": "Tạm hoãn", "exemption": "Miễn"})
RESULT_VI = MappingProxyType(
    {
        ("screening_results", True): "Đạt sơ tuyển",
        ("screening_results", False): "Không đạt sơ tuyển",
        ("exam_results", True): "Đủ điều kiện sức khỏe",
        ("exam_results", False): "Không đủ điều kiện sức khỏe",
    }
)
TITLES_VI = MappingProxyType(
    {
        "deferral_exemption": "Danh sách công dân được tạm hoãn gọi nhập ngũ, miễn gọi nhập ngũ "
        "năm {year}",
        "screening_results": "Kết quả sơ tuyển sức khỏe nghĩa vụ quân sự năm {year}",
        "exam_results": "Kết quả khám sức khỏe nghĩa vụ quân sự năm {year}",
        "callup_list": "Danh sách công dân được gọi nhập ngũ năm {year}",
    }
)
#: Vietnamese names of the deciding authorities stored on dossiers.
AUTHORITY_VI = MappingProxyType(
    {"district_chairman": "Chủ tịch UBND huyện", "provincial_chairman": "Chủ tịch UBND tỉnh"}
)
#: Fallback when no ``std.health_class`` rule is in force (TT 105/2023 Art 4: classes 1–3).
FIT_MAX_CLASS = 3


def default_title(kind: str, year: int) -> str:
    return TITLES_VI[kind].format(year=year)


@dataclass(frozen=True)
class SourceRecord:
    """Everything a list may be built from, including what must not be posted.

    ``public_row`` keeps only the public part, so the reduction is one pure, tested place."""

    name: str
    born: dt.date
    village: str = ""
    national_id: str = ""
    phone: str = ""
    # deferral / exemption
    decision: str = ""  # "deferral" | "exemption"
    ground: str = ""  # "41.1.g"
    ground_text: str = ""  # short legal text of the ground (law.py title_vi)
    # screening / examination
    health_class: int | None = None
    exempt_illness: str = ""  # ICD code of a registration-exempt illness
    concluded_on: dt.date | None = None
    # call-up
    service: str = ""
    enlist_on: dt.date | None = None


def is_fit(health_class: int | None, exempt_illness: str, concluded_on: dt.date | None) -> bool:
    """Fit for service: class at most the ``std.health_class`` maximum in force on the
    conclusion day (1–3) and no registration-exempt illness."""
    if health_class is None or exempt_illness:
        return False
    found = None if concluded_on is None else rule_or_none("std.health_class", concluded_on)
    limit = found.int_param("max_class") if found is not None else FIT_MAX_CLASS
    return health_class <= limit


_POINT = {"a", "b", "c", "d", "đ", "e", "g", "h"}


def ground_label(code: str) -> str:
    """``41.1.g`` → ``điểm g khoản 1 Điều 41`` (the way a Vietnamese notice cites a ground)."""
    parts = code.split(".")
    if len(parts) == 3 and parts[2] in _POINT:
        return f"điểm {parts[2]} khoản {parts[1]} Điều {parts[0]}"
    return code


def public_row(kind: str, record: SourceRecord, no: int) -> dict[str, object]:
    """The public part of ``record`` for a list of ``kind``: exactly ``PUBLIC_KEYS[kind]``."""
    row: dict[str, object] = {
        "no": no,
        "name": record.name,
        "birth_year": record.born.year,
        "village": record.village,
    }
    if kind == "deferral_exemption":
        row["decision"] = DECISION_VI.get(record.decision, record.decision)
        row["ground"] = record.ground
        text = record.ground_text
        row["ground_text"] = f"{text} ({ground_label(record.ground)})" if text else ""
    elif kind in ("screening_results", "exam_results"):
        fit = is_fit(record.health_class, record.exempt_illness, record.concluded_on)
        row["result"] = RESULT_VI[(kind, fit)]
    elif kind == "callup_list":
        row["service"] = SERVICE_VI.get(record.service, record.service)
        row["enlist_on"] = record.enlist_on.isoformat() if record.enlist_on else ""
    else:
        raise ValueError(f"unknown posting kind {kind!r}")
    assert tuple(row) == PUBLIC_KEYS[kind]
    return row


def sort_key(record: SourceRecord) -> tuple[str, str, int]:
    """Village, then name without diacritics, then birth year: the order of the posted list."""
    return fold(record.village), fold(record.name), record.born.year


def snapshot(kind: str, records: Iterable[SourceRecord]) -> list[dict[str, object]]:
    """The rows as posted: public rows in list order, numbered from 1."""
    ordered = sorted(records, key=sort_key)
    return [public_row(kind, r, i) for i, r in enumerate(ordered, start=1)]


def row_cells(kind: str, row: dict[str, object]) -> tuple[str, ...]:
    """A stored row as the text of its columns (dates dd/mm/yyyy), for the notice and the page.

    Reads only the public keys, so even a row stored with an extra key would not print it."""
    base: tuple[str, ...] = tuple(
        str(row.get(key, "")) for key in ("no", "name", "birth_year", "village")
    )
    if kind == "deferral_exemption":
        return (*base, str(row.get("decision", "")), str(row.get("ground_text", "")))
    if kind in ("screening_results", "exam_results"):
        return (*base, str(row.get("result", "")))
    if kind == "callup_list":
        raw = str(row.get("enlist_on", ""))
        try:
            day = dt.date.fromisoformat(raw).strftime("%d/%m/%Y") if raw else ""
        except ValueError:
            day = ""
        return (*base, str(row.get("service", "")), day)
    raise ValueError(f"unknown posting kind {kind!r}")
