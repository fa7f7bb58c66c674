"""Reads of the selection page: the commune's registered citizens (not exempt from
registration) with the engine's verdict on the day, their last decision, their serving
membership and the commitments other modules hold them to; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from muster.core import lawtext
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.militia.engine import judge
from muster.law.militia.facts import MilitiaVerdict, OutsideCoverage
from muster.law.militia.grounds import VOLUNTEER_ADMISSIBLE
from muster.militia.members.models import Membership, MilitiaRegistration
from muster.militia.members.selectors import (
    art14_bars,
    other_commitments,
    placed_reservist_ids,
    register_of_commune,
    serving_person_ids,
)
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.selection.facts import facts_of
from muster.militia.selection.models import SelectionDecision
from muster.people.models import FamilyTie

if TYPE_CHECKING:
    from muster.accounts.models import User


STATUS_LABELS = {
    "eligible": _("May be selected"),
    "pending": _("Not yet examined"),
    "deferred": _("Deferral ground"),
    "exempt": _("Exemption ground"),
    "not_registrable": _("Exempt from registration"),
    "under_age": _("Under age"),
    "over_age": _("Over age"),
}


@dataclass(frozen=True)
class SelectionRow:
    """A registered citizen: the verdict assumes the fitness the decider attests (Art 10);
    None before the Militia Law (1 Jul 2020)."""

    registration: MilitiaRegistration
    verdict: MilitiaVerdict | None
    decision: SelectionDecision | None
    member: Membership | None
    commitments: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.verdict.status, "")) if self.verdict else ""

    @property
    def reasons(self) -> list[str]:
        return [lawtext.text(r.text) for r in self.verdict.reasons] if self.verdict else []

    @property
    def waived(self) -> list[str]:
        return [lawtext.text(r.text) for r in self.verdict.waived] if self.verdict else []

    @property
    def volunteer_admissible(self) -> bool:
        """Volunteering would admit him: every blocking ground is one Art 11(3) waives."""
        if self.verdict is None or self.verdict.eligible:
            return False
        return all(r.code in VOLUNTEER_ADMISSIBLE for r in self.verdict.reasons)

    @property
    def authority(self) -> str:
        found = self.verdict.authority if self.verdict else None
        return lawtext.text(found.text) if found else ""


def selection_rows(*, user: User, commune: Unit, day: dt.date) -> list[SelectionRow]:
    registrations = [
        r for r in register_of_commune(user=user, commune=commune, day=day) if not r.exempt
    ]
    ids = [r.person_id for r in registrations]
    ties: dict[int, list[FamilyTie]] = defaultdict(list)
    for tie in FamilyTie.objects.filter(person_id__in=ids).select_related("relative"):
        ties[tie.person_id].append(tie)
    bars = art14_bars(ids, day)
    decisions = {
        d.person_id: d
        for d in SelectionDecision.objects.filter(person_id__in=ids, holder=commune).order_by(
            "decided_on", "id"
        )
    }
    members = serving_person_ids(ids)
    commitments = other_commitments(ids)
    placed = placed_reservist_ids(ids)
    rows = []
    for reg in registrations:
        person = reg.person
        facts = facts_of(
            person,
            ties[person.pk],
            on=day,
            registration_exempt=person.pk in bars,
            fit=True,
        )
        if person.pk in placed:
            facts = replace(facts, placed_reservist=True)
        try:
            verdict: MilitiaVerdict | None = judge(facts, day)
        except OutsideCoverage:
            verdict = None
        rows.append(
            SelectionRow(
                registration=reg,
                verdict=verdict,
                decision=decisions.get(person.pk),
                member=members.get(person.pk),
                commitments=commitments.get(person.pk, []),
            )
        )
    return rows


def decisions_of_commune(*, user: User, commune: Unit) -> list[SelectionDecision]:
    """The commune's decisions, latest first."""
    return list(
        SelectionDecision.objects.filter(scope_of(user).q("holder"), holder=commune)
        .select_related("person", "membership")
        .order_by("-decided_on", "-id")
    )


def units_open(*, commune: Unit, day: dt.date) -> list[MilitiaUnit]:
    """The commune's units open on ``day`` (to assign a selected member to)."""
    return list(
        MilitiaUnit.objects.filter(holder=commune, established_on__lte=day)
        .exclude(ended_on__lt=day)
        .order_by("component", "name")
    )
