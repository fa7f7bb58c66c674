"""The target groups and certificate issuers of defence and security education, by date.

``group_on(group, day)`` says who is in a group, who convenes its course and where it is held;
``certificate_issuer(group, day, commune_staff=…)`` says who issues the certificate (Decree
13/2014 Art 5). Both carry the rule's citations and its ``verified`` flag: from 1 Jul 2025 the
assignment of group 4 is unverified (legal-reference §5) and pages show the flag. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from muster.law.education.rules import BOOK, GROUPS
from muster.law.rulebook import Citation, NoRuleInForce, Rule
from muster.law.text import Text


class Issuer(StrEnum):
    DEFENCE_ACADEMY = "defence_academy"
    POLITICAL_ACADEMY = "political_academy"
    PROVINCE_COMMAND = "province_command"
    DISTRICT_COMMANDER = "district_commander"
    COMMUNE_CHAIRMAN = "commune_chairman"


ISSUER_TEXT: dict[Issuer, Text] = {
    Issuer.DEFENCE_ACADEMY: Text("Học viện Quốc phòng", "The National Defence Academy"),
    Issuer.POLITICAL_ACADEMY: Text(
        "Học viện Chính trị hoặc trường quân sự quân khu",
        "The Political Academy or a military-region school",
    ),
    Issuer.PROVINCE_COMMAND: Text(
        "Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh", "The provincial military commander"
    ),
    Issuer.DISTRICT_COMMANDER: Text(
        "Chỉ huy trưởng Ban Chỉ huy quân sự huyện", "The district military commander"
    ),
    Issuer.COMMUNE_CHAIRMAN: Text(
        "Chủ tịch Ủy ban nhân dân xã", "The chairman of the commune People's Committee"
    ),
}


class UnknownGroup(ValueError):
    """A group other than 1–4."""


def _check(group: int) -> None:
    if group not in GROUPS:
        raise UnknownGroup(f"group {group} is not one of 1–4")


@dataclass(frozen=True, slots=True)
class GroupRule:
    """Group ``number`` on a day: its members, who convenes, where it is trained."""

    number: int
    members: Text
    convenes: Text
    place: Text
    verified: bool
    rule: Rule

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.rule.citations


@dataclass(frozen=True, slots=True)
class IssuerRule:
    issuer: Issuer
    verified: bool
    rule: Rule

    @property
    def text(self) -> Text:
        return ISSUER_TEXT[self.issuer]

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.rule.citations


def _verified(item: Rule) -> bool:
    """Whether the legal reference confirms the rule's substance (the post-2025 group 4 is
    unverified). The configurable effective days of Decree 13/2014 and 139/2020 are a separate
    matter (``Rule.confirmed``)."""
    return bool(item.param("verified"))


def group_on(group: int, day: dt.date) -> GroupRule:
    """Group ``group`` (1–4) on ``day``; ``NoRuleInForce`` before Decree 139/2020's day."""
    _check(group)
    item = BOOK.rule(f"edu.group.{group}", day)
    return GroupRule(
        number=group,
        members=Text(str(item.param("members_vi")), str(item.param("members_en"))),
        convenes=Text(str(item.param("convenes_vi")), str(item.param("convenes_en"))),
        place=Text(str(item.param("place_vi")), str(item.param("place_en"))),
        verified=_verified(item),
        rule=item,
    )


def certificate_issuer(group: int, day: dt.date, *, commune_staff: bool = False) -> IssuerRule:
    """Who issues the certificate of a course of ``group`` ending on ``day``: for group 4 the
    district commander before 1 Jul 2025, the commune chairman for commune staff; after it the
    provincial command (unverified). ``NoRuleInForce`` before Decree 13/2014's day."""
    _check(group)
    item = BOOK.rule(f"edu.certificate.group{group}", day)
    key = "commune_staff_authority" if commune_staff else "authority"
    return IssuerRule(Issuer(str(item.param(key))), _verified(item), item)


def validity_years(day: dt.date) -> int:
    """Years a certificate issued on ``day`` counts (a configurable default, unverified)."""
    return BOOK.rule("edu.certificate.validity", day).int_param("years")


def is_due(last_certified: dt.date | None, day: dt.date) -> bool:
    """Due for training on ``day``: never certified, or the certificate is past its years."""
    if last_certified is None:
        return True
    try:
        years = validity_years(last_certified)
    except NoRuleInForce:
        return True
    try:
        expires = last_certified.replace(year=last_certified.year + years)
    except ValueError:  # 29 February
        expires = dt.date(last_certified.year + years, 3, 1)
    return day >= expires
