"""The militia's organisation rules that ``authorities.py`` does not hold: who established units
and appointed commanders BEFORE 1 Jul 2025 (the original Arts 22–23 of Law 48/2019, when the
district military commander had a role), the standard structure of a commune's force (Art 15),
the unit sizes used as defaults, and the requirement of the grassroots military science
degree (quân sự cơ sở) for commune commanders. Pure: no Django.

From 1 Jul 2025 the deciders are those of ``authorities.establishing_authority`` and
``authorities.appointing_authority`` (Law 98/2025 Art 10(10),(11)); this module answers the
same questions for any day by asking them first. Its rules sit in their own small book
(``ORGANISATION_BOOK``): the codes start with ``militia.organisation.`` and
``militia.cadre.``.

Sources: legal-reference §3 ("Organisation", "Establishing units and appointing commanders",
"Commune military command") and §1 (the district level abolished on 1 Jul 2025). The original
Art 22(1) table is paraphrased from a secondary source, not the legal reference; the original
Art 23 table is not quoted anywhere we hold: both are ``confirmed=False``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from muster.law.militia.authorities import appointing_authority, establishing_authority
from muster.law.militia.enums import Component, Force, Level, Post
from muster.law.militia.facts import MilitiaReason
from muster.law.militia.rules import AUTHORITY_LABELS
from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import BEFORE_98, LAW_48, LAW_48_FROM, LAW_98, LAW_98_FROM
from muster.law.text import Text

#: Deciders the post-reform labels do not name (the wording of the original text).
EXTRA_AUTHORITY_LABELS: dict[str, Text] = {
    "commune_commander_reporting": Text(
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp xã (sau khi báo cáo Ban Chỉ huy quân sự cấp "
        "huyện và Ủy ban nhân dân cấp xã)",
        "Commune military commander (after reporting to the district military command and "
        "the commune People's Committee)",
    ),
}


def authority_label(code: str) -> Text | None:
    """The decider's name in both languages, or None for an unknown code."""
    return AUTHORITY_LABELS.get(code) or EXTRA_AUTHORITY_LABELS.get(code)


_OLD_22 = Citation(LAW_48, "22", "1", None, "Original text, before Law 98/2025.")
_OLD_23 = Citation(LAW_48, "23", None, None, "Original text, before Law 98/2025.")
_OLD_22_NOTE = (
    "Unverified: the original Art 22(1) table as a secondary source quotes it; the legal "
    "reference gives the amended table only."
)
_OLD_23_NOTE = (
    "Unverified: the legal reference gives the amended Art 23 only; before 1 Jul 2025 this "
    "default names the district-level deciders the reform abolished."
)


def _old(code: str, en: str, vi: str, cite: Citation, note: str, who: str) -> Rule:
    return make_rule(
        code,
        "authority",
        en,
        vi,
        cite,
        LAW_48_FROM,
        BEFORE_98,
        confirmed=False,
        note=note,
        authority=who,
    )


ORGANISATION_RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------ establishment, before 2025
    _old(
        "militia.organisation.establish_old.province",
        "Before 1 Jul 2025 the provincial commander established self-defence companies, mobile "
        "militia companies, air defence and artillery platoons, maritime platoons and standing "
        "militia squads and platoons",
        "Trước ngày 01/07/2025 Chỉ huy trưởng Bộ Chỉ huy quân sự cấp tỉnh quyết định thành lập "
        "đại đội tự vệ, đại đội dân quân cơ động, trung đội phòng không, pháo binh, trung đội "
        "dân quân tự vệ biển, tiểu đội, trung đội dân quân thường trực",
        _OLD_22,
        _OLD_22_NOTE,
        "provincial_commander",
    ),
    _old(
        "militia.organisation.establish_old.district",
        "Before 1 Jul 2025 the district commander established mobile platoons, on-site squads "
        "and platoons, gun crews, specialist teams and squads and maritime squads",
        "Trước ngày 01/07/2025 Chỉ huy trưởng Ban Chỉ huy quân sự cấp huyện quyết định thành "
        "lập trung đội cơ động, tiểu đội, trung đội tại chỗ, khẩu đội, tổ, tiểu đội chuyên môn, "
        "tiểu đội dân quân tự vệ biển",
        _OLD_22,
        _OLD_22_NOTE,
        "district_commander",
    ),
    _old(
        "militia.organisation.establish_old.commune",
        "Before 1 Jul 2025 the commune commander established on-site teams, after reporting "
        "to the district command and the commune People's Committee",
        "Trước ngày 01/07/2025 Chỉ huy trưởng Ban Chỉ huy quân sự cấp xã quyết định thành lập "
        "tổ dân quân tại chỗ sau khi báo cáo Ban Chỉ huy quân sự cấp huyện và Ủy ban nhân dân "
        "cấp xã",
        _OLD_22,
        _OLD_22_NOTE,
        "commune_commander_reporting",
    ),
    # ------------------------------------------------------------ appointment, before 2025
    _old(
        "militia.organisation.appoint_old.province",
        "Before 1 Jul 2025 the provincial commander appointed company commanders and deputies",
        "Trước ngày 01/07/2025 Chỉ huy trưởng Bộ Chỉ huy quân sự cấp tỉnh bổ nhiệm đại đội "
        "trưởng, đại đội phó",
        _OLD_23,
        _OLD_23_NOTE,
        "provincial_commander",
    ),
    _old(
        "militia.organisation.appoint_old.command",
        "Before 1 Jul 2025 the district chairman appointed the commander and deputy commander "
        "of the commune military command",
        "Trước ngày 01/07/2025 Chủ tịch Ủy ban nhân dân cấp huyện bổ nhiệm Chỉ huy trưởng, Chỉ "
        "huy phó Ban Chỉ huy quân sự cấp xã",
        _OLD_23,
        _OLD_23_NOTE,
        "district_chairman",
    ),
    _old(
        "militia.organisation.appoint_old.district",
        "Before 1 Jul 2025 the district commander appointed platoon leaders, standing squad "
        "leaders and village militia leaders",
        "Trước ngày 01/07/2025 Chỉ huy trưởng Ban Chỉ huy quân sự cấp huyện bổ nhiệm trung đội "
        "trưởng, tiểu đội trưởng dân quân thường trực, thôn đội trưởng",
        _OLD_23,
        _OLD_23_NOTE,
        "district_commander",
    ),
    _old(
        "militia.organisation.appoint_old.commune",
        "Before 1 Jul 2025 the commune commander appointed squad leaders, boat captains and "
        "gun-crew leaders",
        "Trước ngày 01/07/2025 Chỉ huy trưởng Ban Chỉ huy quân sự cấp xã bổ nhiệm tiểu đội "
        "trưởng, thuyền trưởng, khẩu đội trưởng",
        _OLD_23,
        _OLD_23_NOTE,
        "commune_commander_reporting",
    ),
    # ------------------------------------------------------------ structure (Art 15)
    make_rule(
        "militia.organisation.standard",
        "standard",
        "Each village has an on-site team, squad or platoon; each commune a mobile platoon",
        "Thôn tổ chức tổ, tiểu đội hoặc trung đội dân quân tại chỗ; cấp xã tổ chức trung đội "
        "dân quân cơ động",
        (
            Citation(LAW_48, "15", "1", None, "On-site unit in each village."),
            Citation(LAW_48, "15", "2", None, "Mobile platoon in each commune."),
            Citation(LAW_98, "10", "7", None, "Rewrites Art 15; the same base structure."),
        ),
        LAW_48_FROM,
    ),
    make_rule(
        "militia.organisation.sizes",
        "standard",
        "Default established strengths: a squad of 10, a platoon of 31",
        "Biên chế mặc định: tiểu đội 10 người, trung đội 31 người",
        Citation(LAW_48, "15", "5", None, "The Minister of Defence fixes unit sizes."),
        LAW_48_FROM,
        confirmed=False,
        note="The circular on unit strengths was not found; typical sizes (legal-reference §3).",
        team=4,
        squad=10,
        platoon=31,
        company=100,
    ),
    # ------------------------------------------------------------ cadres
    make_rule(
        "militia.cadre.grassroots_degree",
        "standard",
        "The commander and deputy commander of the commune military command hold a college or "
        "university degree in grassroots military science",
        "Chỉ huy trưởng, Chỉ huy phó Ban Chỉ huy quân sự cấp xã có trình độ cao đẳng, đại học "
        "ngành quân sự cơ sở",
        Citation(LAW_98, "10", "13", None, "Degree in grassroots military science."),
        LAW_98_FROM,
    ),
)

ORGANISATION_BOOK = RuleBook(ORGANISATION_RULES)


def _reason(item: Rule) -> MilitiaReason:
    who = str(item.param("authority"))
    label = authority_label(who)
    assert label is not None, who
    return MilitiaReason(
        who, Text(f"Thẩm quyền quyết định: {label.vi}.", f"Decided by: {label.en}."), (item,)
    )


_SPECIALIST = frozenset(
    {
        Component.RECONNAISSANCE,
        Component.COMMUNICATIONS,
        Component.ENGINEERING,
        Component.CHEMICAL,
        Component.MEDICAL,
    }
)


def _old_establishing_code(force: Force, component: Component, level: Level) -> str | None:
    small = level in (Level.TEAM, Level.SQUAD)
    if (
        (force == Force.SELF_DEFENCE and level == Level.COMPANY)
        or (component == Component.MOBILE and level == Level.COMPANY)
        or (component in (Component.AIR_DEFENCE, Component.ARTILLERY) and level == Level.PLATOON)
        or (component == Component.MARITIME and level == Level.PLATOON)
        or (component == Component.STANDING and level in (Level.SQUAD, Level.PLATOON))
    ):
        return "province"
    if component == Component.ON_SITE and level == Level.TEAM and force == Force.MILITIA:
        return "commune"
    if (
        (component == Component.MOBILE and level == Level.PLATOON)
        or (component == Component.ON_SITE and level in (Level.SQUAD, Level.PLATOON))
        or level == Level.GUN_CREW
        or (component in _SPECIALIST and small)
        or (component == Component.MARITIME and level == Level.SQUAD)
    ):
        return "district"
    return None


def unit_authority(
    force: Force, component: Component, level: Level, on: dt.date
) -> MilitiaReason | None:
    """Who establishes (and dissolves) such a unit on ``on``: from 1 Jul 2025 the amended
    Art 22; before, the original table; None when the encoded tables name nobody (battalions,
    flotillas, anti-aircraft companies: decided above the province)."""
    if on >= LAW_98_FROM:
        return establishing_authority(force, component, level, on)
    which = _old_establishing_code(force, component, level)
    if which is None:
        return None
    item = ORGANISATION_BOOK.rule_or_none(f"militia.organisation.establish_old.{which}", on)
    return None if item is None else _reason(item)


_OLD_APPOINTERS: dict[Post, str] = {
    Post.COMPANY_COMMANDER: "province",
    Post.DEPUTY_COMPANY_COMMANDER: "province",
    Post.COMMANDER: "command",
    Post.DEPUTY_COMMANDER: "command",
    Post.MOBILE_PLATOON_LEADER: "district",
    Post.PLATOON_LEADER: "district",
    Post.STANDING_SQUAD_LEADER: "district",
    Post.VILLAGE_LEADER: "district",
    Post.SQUAD_LEADER: "commune",
}


def post_authority(post: Post, on: dt.date) -> MilitiaReason | None:
    """Who appoints (and dismisses) ``post`` on ``on``: from 1 Jul 2025 the amended Art 23
    (the provincial chairman for the commune military command's posts); before, the original
    deciders (unverified); None where the encoded text names nobody."""
    if on >= LAW_98_FROM:
        return appointing_authority(post, on)
    which = _OLD_APPOINTERS.get(post)
    if which is None:
        return None
    item = ORGANISATION_BOOK.rule_or_none(f"militia.organisation.appoint_old.{which}", on)
    return None if item is None else _reason(item)


#: Posts whose holders must have the grassroots military science degree.
DEGREE_POSTS = frozenset({Post.COMMANDER, Post.DEPUTY_COMMANDER})


def degree_rule(post: Post, on: dt.date) -> Rule | None:
    """The rule requiring the grassroots military science degree of ``post`` on ``on``."""
    if post not in DEGREE_POSTS:
        return None
    return ORGANISATION_BOOK.rule_or_none("militia.cadre.grassroots_degree", on)


@dataclass(frozen=True, slots=True)
class StandardUnit:
    """One unit of a commune's standard structure: ``village`` is the key the caller gave
    for an on-site unit (None for the commune's mobile platoon)."""

    component: Component
    level: Level
    establishment: int
    village: object | None = None


def standard_structure(villages: Sequence[object], on: dt.date) -> tuple[StandardUnit, ...]:
    """The structure Art 15 suggests for a commune with ``villages`` (keys the caller
    chooses): an on-site squad in each village and one mobile platoon. Empty before the law."""
    if ORGANISATION_BOOK.rule_or_none("militia.organisation.standard", on) is None:
        return ()
    sizes = ORGANISATION_BOOK.rule("militia.organisation.sizes", on)
    on_site = tuple(
        StandardUnit(Component.ON_SITE, Level.SQUAD, sizes.int_param("squad"), v) for v in villages
    )
    mobile = StandardUnit(Component.MOBILE, Level.PLATOON, sizes.int_param("platoon"))
    return (*on_site, mobile)


def default_establishment(level: Level, on: dt.date) -> int | None:
    """The typical strength of a unit of ``level`` (unverified defaults), or None."""
    sizes = ORGANISATION_BOOK.rule_or_none("militia.organisation.sizes", on)
    if sizes is None or level.value not in sizes.parameters:
        return None
    return sizes.int_param(level.value)
