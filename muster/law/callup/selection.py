"""Dated rules of selection and handover: the standby share, who organises the handover, the
10-day re-examination and the 15-day / 2 % replacement windows.

Pure: no Django. The 10-day and 15-day / 2 % rules themselves are ``campaign.reexam`` and
``campaign.replacement`` of ``campaign_rules``; this module adds the rules selection needs and
the checks built on them, each judged by the rule in force on the day of the handover
(legal-reference.md §2.6 steps 12–14, §1.3).

Positions taken (each tested on its boundary):

* "Within 10 days of handover" ends on ``handover + 10 days`` inclusive: handed over on 13/02,
  a re-examination on 23/02 is on time, on 24/02 late (the same for the 15 days of a
  replacement: 28/02 on time, 01/03 late).
* "Not more than 2 % of the locality's quota with that unit": the cap is 2 % of the number the
  unit takes from the campaign's locality (the district before 1 Jul 2025, the province or the
  regional defence command after), rounded down; a replacement is over the cap when the
  replacements to that unit, this one included, exceed it. The directive's target is zero.
* The standby list (danh sách dự phòng) defaults to 5 % of the commune's official places,
  rounded up, so every commune with a quota has at least one standby citizen. The 5 % is the
  old limit on backup call-up orders (TT 140/2015 Art 6(3)(d)); whether TT 148/2018 keeps it is
  unconfirmed, so it is a default the officer may change, not a limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.callup import campaign as campaign_rules
from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import (
    LAW_78,
    LAW_78_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_140,
    TT_148,
    TT_148_FROM,
)

_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)


_rule = make_rule


RULES: tuple[Rule, ...] = (
    _rule(
        "selection.standby",
        "threshold",
        "Standby list: 5% of the official places, rounded up (a default)",
        "Danh sách dự phòng: 5% số chính thức, làm tròn lên (mặc định)",
        (
            Citation(TT_148, "2", None, None, "Fill the quota; replacements from the standby."),
            Citation(TT_140, "6", "3", "d", "Backup call-up orders at most 5% of the quota."),
        ),
        TT_148_FROM,
        confirmed=False,
        note="TT 148/2018 sets no standby share that the legal reference could confirm; the "
        "5% of the old TT 140 Art 6(3)(d) is a default the officer may change.",
        percent=5,
    ),
    _rule(
        "handover.organiser",
        "authority",
        "Handover organised by the district People's Committee",
        "Ủy ban nhân dân cấp huyện tổ chức giao nhận quân",
        (Citation(LAW_78, "35", "2", None, "Original text."),),
        LAW_78_FROM,
        _BEFORE_98,
        organiser_vi="Ủy ban nhân dân huyện",
        ceremony_vi="Ủy ban nhân dân huyện",
    ),
    _rule(
        "handover.organiser",
        "authority",
        "Handover organised by the provincial People's Committee; ceremony held by the "
        "regional defence command",
        "UBND cấp tỉnh tổ chức giao nhận quân; Ban CH PTKV tổ chức lễ giao nhận quân",
        (
            Citation(LAW_78, "35", "2"),
            Citation(LAW_98, "4", None, None, "Rewrites Art 35(2)."),
        ),
        LAW_98_FROM,
        organiser_vi="Ủy ban nhân dân tỉnh",
        ceremony_vi="Ban Chỉ huy phòng thủ khu vực",
    ),
)


BOOK = RuleBook(RULES)


def rule(code: str, day: dt.date) -> Rule:
    """The version of ``code`` in force on ``day`` (this module's rules, then the campaign's)."""
    if code in BOOK:
        return BOOK.rule(code, day)
    return campaign_rules.rule(code, day)


def citation_text(item: Rule) -> str:
    return "; ".join(c.label for c in item.citations)


# ----------------------------------------------------------------------------- standby


def default_standby(quota: int, day: dt.date) -> int:
    """The default number of standby places for ``quota`` official ones (5 %, rounded up)."""
    percent = rule("selection.standby", day).int_param("percent")
    return -(-quota * percent // 100) if quota > 0 else 0


# ----------------------------------------------------------------------------- handover


@dataclass(frozen=True)
class Organiser:
    organiser_vi: str
    ceremony_vi: str
    citation: str


def handover_organiser(day: dt.date) -> Organiser:
    """Who organises the handover on ``day`` and who holds the ceremony (Art 35(2), §1.3)."""
    item = rule("handover.organiser", day)
    return Organiser(
        organiser_vi=str(item.param("organiser_vi")),
        ceremony_vi=str(item.param("ceremony_vi")),
        citation=citation_text(item),
    )


def reexam_due(handed_on: dt.date) -> dt.date:
    """The last day of the receiving unit's re-examination (TT 105/2023 Art 11(7))."""
    return handed_on + dt.timedelta(days=rule("campaign.reexam", handed_on).int_param("days"))


def reexam_late(handed_on: dt.date, rechecked_on: dt.date) -> bool:
    return rechecked_on > reexam_due(handed_on)


def replacement_due(handed_on: dt.date) -> dt.date:
    """The last day to finish a replacement (TT 148/2018 Art 7(3))."""
    days = rule("campaign.replacement", handed_on).int_param("days")
    return handed_on + dt.timedelta(days=days)


def replacement_late(handed_on: dt.date, replaced_on: dt.date) -> bool:
    return replaced_on > replacement_due(handed_on)


def replacement_over_cap(replacements: int, locality_quota: int, handed_on: dt.date) -> bool:
    """``replacements`` to one unit (this one included) exceed 2 % of the locality's quota
    with that unit, rounded down (``campaign_rules.replacement_cap``)."""
    return replacements > campaign_rules.replacement_cap(locality_quota, handed_on)


def rule_citations(day: dt.date) -> dict[str, str]:
    """The citation of each handover rule in force on ``day``, for pages and printouts."""
    return {
        code: citation_text(rule(code, day))
        for code in ("campaign.reexam", "campaign.replacement", "handover.organiser")
    }
