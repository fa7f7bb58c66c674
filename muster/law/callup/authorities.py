"""Who decides and signs in the call-up, by date and by service, as dated rules. Pure.

The authority is the one in force on the day the decision is signed: a call-up decision signed
on 30/06/2025 is the district commander's (the district police chief's for the police), one
signed on 01/07/2025 the commune chairman's (Law 78/2015 Art 34(6) as rewritten by Law
98/2025). The same goes for the call to the examination (Art 40(3)), the commune quotas and
the list of citizens called (Art 34(3)) and the health council (Art 40(2)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import (
    LAW_78,
    LAW_78_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_105,
)

_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)
_rule = make_rule


def law_78(article: str, clause: str | None = None, text: str = "") -> Citation:
    """A citation of Law 78/2015 (Military Service)."""
    return Citation(LAW_78, article, clause, None, text)


def law_98(text: str) -> Citation:
    """A citation of Law 98/2025 Art 4, which rewrote the Law on Military Service."""
    return Citation(LAW_98, "4", None, None, text)


def param_str(item: Rule, name: str) -> str:
    return str(item.param(name))


def citation_text(item: Rule) -> str:
    """The citations of ``item`` in English (``Law 78/2015/QH13 (Military Service), Art 34(6)``)."""
    return "; ".join(c.label for c in item.citations)


def citation_text_vi(item: Rule) -> str:
    """The citations of ``item`` the Vietnamese way (``khoản 6 Điều 34 Luật Nghĩa vụ quân sự
    78/2015/QH13``)."""
    return "; ".join(c.label_vi for c in item.citations)


RULES: tuple[Rule, ...] = (
    # --------------------------------------------------------------- who signs what
    _rule(
        "campaign.authority.callup",
        "authority",
        "Call-up order signed by the district military commander",
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp huyện ký lệnh gọi nhập ngũ",
        (law_78("34", "6", "Original text: the district commander calls each citizen."),),
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
        (law_78("34", "6"), law_98("Art 4(11)(c): the commune chairman decides each call-up.")),
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
            law_78(
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
        (law_78("34", "6"), law_98("Art 4(11)(c): the commune chairman decides, army and CAND.")),
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
        (law_78("34", "3", "Original text."),),
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
        (law_78("34", "3"), law_98("Art 4(11): on the proposal of the provincial NVQS council.")),
        LAW_98_FROM,
        authority="provincial_chairman",
        title_vi_short="Chủ tịch UBND tỉnh",
    ),
    _rule(
        "campaign.authority.callup_list",
        "authority",
        "List of citizens called decided by the district People's Committee chairman",
        "Chủ tịch UBND cấp huyện quyết định danh sách công dân gọi nhập ngũ",
        (law_78("34", "3", "Original text."),),
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
        (law_78("34", "3"), law_98("Art 4(11): on the proposal of the provincial NVQS council.")),
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
        (law_78("40", "3", "Original text: the district commander calls citizens to the exam."),),
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
        (law_78("40", "3"), law_98("Art 4(16): rewrites Art 40; the commune chairman calls.")),
        LAW_98_FROM,
        authority="commune_chairman",
        title_vi_short="Chủ tịch UBND xã",
    ),
    _rule(
        "campaign.authority.health_call.police",
        "authority",
        "Calls of CAND candidates to the health examination ordered by the district police chief",
        "Trưởng Công an cấp huyện ra lệnh gọi khám sức khỏe công dân tham gia CAND",
        (law_78("40", "3", "Original text: the district police chief calls CAND candidates."),),
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
        (law_78("40", "3"), law_98("Art 4(16): rewrites Art 40; the commune chairman calls.")),
        LAW_98_FROM,
        authority="commune_chairman",
        title_vi_short="Chủ tịch UBND xã",
    ),
    _rule(
        "campaign.authority.health_council",
        "authority",
        "District health examination council, set up by the district chairman",
        "Hội đồng khám sức khỏe cấp huyện do Chủ tịch UBND cấp huyện thành lập",
        (law_78("40", "2", "Original text."), Citation(TT_105, "8", "1", None, "Original text.")),
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
            law_78("40", "2"),
            law_98("Art 4(16): the provincial chairman sets up regional councils."),
            Citation(TT_105, "8", "1", None, "As amended by TT 106/2025/TT-BQP."),
        ),
        LAW_98_FROM,
        authority="regional_council",
        title_vi_short="Hội đồng khám sức khỏe khu vực",
    ),
)


BOOK = RuleBook(RULES)
#: The version of a code in force on a day; ``NoRuleInForce`` when none is.
rule = BOOK.rule


@dataclass(frozen=True)
class Authority:
    code: str  # "district_commander", "commune_chairman", ...
    signer_vi: str
    issuer_vi: str
    document_vi: str
    symbol: str
    citation: str
    citation_vi: str


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
        code=param_str(item, "authority"),
        signer_vi=param_str(item, "signer_vi"),
        issuer_vi=param_str(item, "issuer_vi"),
        document_vi=param_str(item, "document_vi"),
        symbol=param_str(item, "symbol"),
        citation=citation_text(item),
        citation_vi=citation_text_vi(item),
    )


def quota_authority(day: dt.date) -> tuple[str, str, str]:
    """``(code, Vietnamese title, citation)`` of who assigns commune quotas on ``day``."""
    item = rule("campaign.authority.quota", day)
    return param_str(item, "authority"), param_str(item, "title_vi_short"), citation_text(item)


def callup_list_authority(day: dt.date) -> tuple[str, str, str, bool]:
    """``(code, Vietnamese title, citation, needs the provincial council's proposal)`` of who
    decides the list of citizens called on ``day`` (Art 34(3))."""
    item = rule("campaign.authority.callup_list", day)
    return (
        param_str(item, "authority"),
        param_str(item, "title_vi_short"),
        citation_text(item),
        bool(item.param("needs_council_proposal")),
    )


def health_call_authority(day: dt.date, service: str = "army") -> tuple[str, str, str]:
    """``(code, Vietnamese title, citation)`` of who calls citizens to the exam on ``day`` for
    ``service`` (the district police chief called CAND candidates before 1 Jul 2025)."""
    item = rule(_for_service("campaign.authority.health_call", service), day)
    return param_str(item, "authority"), param_str(item, "title_vi_short"), citation_text(item)


def health_council(day: dt.date) -> tuple[str, str, str]:
    """``(code, Vietnamese title, citation)`` of the health council that examines on ``day``:
    the district council before 1 Jul 2025, a regional council from then (Art 40(2))."""
    item = rule("campaign.authority.health_council", day)
    return param_str(item, "authority"), param_str(item, "title_vi_short"), citation_text(item)
