"""The province's part of the call-up after the 1 July 2025 reform, as dated rules. Pure.

Since Law 98/2025 (in force 01/07/2025) there is no district level: the provincial military
service council (Hội đồng NVQS tỉnh) proposes and the chairman of the provincial People's
Committee decides the communes' quotas, the list of citizens called and the deferrals and
exemptions (Law 78/2015 Arts 34(3), 36, 37, 42 as amended; the district council of Art 38 is
repealed). The regional defence commands (Ban CH PTKV, Decision 2786/QĐ-BQP) are military units
that coordinate groups of communes, not an administrative level (legal-reference §1.1, §1.3).

Who decides a kind of decision on a day is read from the rules that already say so
(``campaign.authority.quota``, ``campaign.authority.callup_list`` in ``authorities`` and
``authority.deferral_exemption`` in ``rules``); this module adds the province's own rules and
one question, :func:`decider`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.callup import authorities
from muster.law.callup.rules import CALLUP_RULES
from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import BEFORE_98, LAW_78, LAW_78_FROM, LAW_98, LAW_98_FROM, QD_2786

#: The kinds of decision the provincial chairman takes in the call-up (legal-reference §10).
KINDS = ("quota", "callup_list", "deferral")

_KIND_RULE = {
    "quota": "campaign.authority.quota",
    "callup_list": "campaign.authority.callup_list",
    "deferral": "authority.deferral_exemption",
}

PROVINCE_RULES: tuple[Rule, ...] = (
    make_rule(
        "province.council",
        "authority",
        "Military service councils at province, district and commune level",
        "Hội đồng nghĩa vụ quân sự cấp tỉnh, cấp huyện và cấp xã",
        (
            Citation(LAW_78, "36", None, None, "Original text."),
            Citation(LAW_78, "38", None, None, "The district council (original text)."),
        ),
        LAW_78_FROM,
        BEFORE_98,
        levels="province,district,commune",
        proposes_to="district_chairman",
    ),
    make_rule(
        "province.council",
        "authority",
        "Military service councils at province and commune level only; the provincial council "
        "proposes to the provincial People's Committee",
        "Hội đồng nghĩa vụ quân sự cấp tỉnh và cấp xã; Hội đồng NVQS tỉnh tham mưu, đề nghị "
        "UBND tỉnh quyết định",
        (
            Citation(LAW_78, "36", None, None, "As amended: councils of province and commune."),
            Citation(LAW_78, "37", None, None, "As amended: duties of the provincial council."),
            Citation(LAW_98, "4", "13", None, "Amends Arts 36–37."),
            Citation(LAW_98, "4", "21", None, "Repeals Art 38 (the district council)."),
        ),
        LAW_98_FROM,
        levels="province,commune",
        proposes_to="provincial_chairman",
    ),
    make_rule(
        "province.quota_received",
        "authority",
        "The province receives its army quota through the Military Region and its police quota "
        "from the Ministry of Public Security",
        "Tỉnh nhận chỉ tiêu gọi nhập ngũ của Quân đội qua Bộ Tư lệnh Quân khu và chỉ tiêu "
        "thực hiện nghĩa vụ tham gia CAND từ Bộ Công an",
        (
            Citation(
                LAW_78,
                "34",
                None,
                None,
                "The Prime Minister fixes the provinces' totals for the army and the police; "
                "the Ministers of Defence and of Public Security allocate them.",
            ),
        ),
        LAW_98_FROM,
        confirmed=False,
        note="legal-reference §2.8 gives the split from Art 34; the Military Region as the "
        "issuer of the army figure to the provincial command is practice, not read in a text.",
        army_issuer_vi="Bộ Tư lệnh Quân khu",
        police_issuer_vi="Bộ Công an",
    ),
    make_rule(
        "province.regional_command",
        "authority",
        "Regional defence commands (Ban CH PTKV) coordinate groups of communes under the "
        "provincial military command; they are not an administrative level",
        "Ban Chỉ huy phòng thủ khu vực trực thuộc Bộ CHQS tỉnh phối hợp một nhóm xã; "
        "không phải một cấp hành chính",
        (
            Citation(QD_2786, None, None, None, "14/6/2025: district commands dissolved."),
            Citation(LAW_78, "35", "2", None, "As amended: the PTKV holds the handover."),
        ),
        LAW_98_FROM,
        confirmed=False,
        note="legal-reference §1.1: their exact share of the call-up's coordination is U.",
    ),
)

BOOK = RuleBook(PROVINCE_RULES + authorities.RULES + CALLUP_RULES)


@dataclass(frozen=True)
class Decider:
    """Who decides a kind of province decision on a day, with the legal basis."""

    kind: str
    authority: str  # "provincial_chairman", "district_chairman"
    title: str
    title_vi: str
    citation: str
    citation_vi: str
    #: The provincial military service council must propose first.
    needs_council_proposal: bool

    @property
    def is_province(self) -> bool:
        return self.authority == "provincial_chairman"


def decider(kind: str, day: dt.date) -> Decider:
    """Who decides ``kind`` (``quota``, ``callup_list``, ``deferral``) on ``day``: the district
    chairman until 30/06/2025, the provincial chairman from 01/07/2025, on the provincial
    council's proposal (Art 34(3), Art 37 and Art 42 as amended by Law 98/2025)."""
    if kind not in _KIND_RULE:
        raise ValueError(f"unknown kind of province decision: {kind}")
    item = BOOK.rule(_KIND_RULE[kind], day)
    council = BOOK.rule("province.council", day)
    authority = str(item.param("authority"))
    proposal = tuple(c for c in council.citations if c.article == "37")
    cites = item.citations + (proposal if authority == "provincial_chairman" else ())
    return Decider(
        kind=kind,
        authority=authority,
        title=item.title,
        title_vi=item.title_vi,
        citation="; ".join(c.label for c in cites),
        citation_vi="; ".join(c.label_vi for c in cites),
        needs_council_proposal=authority == "provincial_chairman",
    )


def council_levels(day: dt.date) -> tuple[str, ...]:
    """The levels that have a military service council on ``day``."""
    return tuple(str(BOOK.rule("province.council", day).param("levels")).split(","))
