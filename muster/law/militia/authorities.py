"""Who decides, by date: selection, deferral and exemption, extension, completion, the
recognition of standing militia service, the establishment of units and the appointment of
commanders (Law 48/2019 Arts 8, 10, 11, 13, 22, 23 as amended by Law 98/2025). Pure."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from muster.law.book import rule, rule_or_none
from muster.law.militia.enums import COMMAND_POSTS, Component, Force, Level, Post
from muster.law.militia.facts import MilitiaReason
from muster.law.militia.rules import AUTHORITY_LABELS
from muster.law.rulebook import Rule
from muster.law.text import Text

Decision = Literal[
    "selection", "deferral_exemption", "extension", "completion", "service_recognition"
]

_SPECIALIST_TEAMS = frozenset(
    {
        Component.RECONNAISSANCE,
        Component.COMMUNICATIONS,
        Component.ENGINEERING,
        Component.CHEMICAL,
        Component.MEDICAL,
    }
)


def _reason(who: str, item: Rule) -> MilitiaReason:
    label = AUTHORITY_LABELS[who]
    return MilitiaReason(
        who, Text(f"Thẩm quyền quyết định: {label.vi}.", f"Decided by: {label.en}."), (item,)
    )


def deciding_authority(
    decision: Decision, on: dt.date, force: Force = Force.MILITIA
) -> MilitiaReason:
    """Who makes ``decision`` on ``on``: the militia's decider, or the agency head for the
    self-defence force (the standing-service recognition is the army's, whatever the force).
    Raises ``NoRuleInForce`` before 1 Jul 2020."""
    item = rule(f"militia.authority.{decision}", on)
    key = "authority"
    if force == Force.SELF_DEFENCE and decision != "service_recognition":
        key = "self_defence_authority"
    return _reason(str(item.param(key)), item)


def establishing_authority(
    force: Force, component: Component, level: Level, on: dt.date
) -> MilitiaReason | None:
    """Who establishes a unit (Art 22 as amended), or None: before 1 Jul 2025 (the old table
    is not encoded) or a unit the table does not name (battalions, mobile platoons …)."""
    province = rule_or_none("militia.authority.establish.province", on)
    commune = rule_or_none("militia.authority.establish.commune", on)
    if province is None or commune is None:
        return None
    province_units = (
        (force == Force.SELF_DEFENCE and level in (Level.COMPANY, Level.PLATOON))
        or level == Level.GUN_CREW
        or component in (Component.AIR_DEFENCE, Component.ARTILLERY)
        or (component == Component.MARITIME and level == Level.PLATOON)
        or (component == Component.STANDING and level in (Level.SQUAD, Level.PLATOON))
    )
    small = level in (Level.TEAM, Level.SQUAD)
    commune_units = (
        (component == Component.ON_SITE and (small or level == Level.PLATOON))
        or (component in _SPECIALIST_TEAMS and small)
        or (component == Component.MARITIME and small)
    )
    chosen = province if province_units else commune if commune_units else None
    return None if chosen is None else _reason(str(chosen.param("authority")), chosen)


_COMMUNE_APPOINTS = frozenset(
    {
        Post.VILLAGE_LEADER,
        Post.PLATOON_LEADER,
        Post.MOBILE_PLATOON_LEADER,
        Post.STANDING_SQUAD_LEADER,
        Post.SQUAD_LEADER,
    }
)


def appointing_authority(post: Post, on: dt.date) -> MilitiaReason | None:
    """Who appoints to ``post`` (Art 23 as amended), or None: before 1 Jul 2025, the political
    commissars (held ex officio by the Party and Youth Union secretaries) and posts the table
    does not name (battalion posts, deputy company commanders)."""
    if post == Post.COMPANY_COMMANDER:
        code = "militia.authority.appoint.province"
    elif post in _COMMUNE_APPOINTS:
        code = "militia.authority.appoint.commune"
    elif post in COMMAND_POSTS and post not in (Post.COMMISSAR, Post.DEPUTY_COMMISSAR):
        code = "militia.authority.appoint.command"
    else:
        return None
    item = rule_or_none(code, on)
    return None if item is None else _reason(str(item.param("authority")), item)
