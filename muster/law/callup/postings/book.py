"""The postings' rules as data: the kinds, the places and the dated rules of each window.
Pure."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any, Literal

from muster.law.rulebook import Citation, Rule, RuleBook, RuleKind, make_rule
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
