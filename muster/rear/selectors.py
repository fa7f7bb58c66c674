"""Reads of the rear policy, every one cut to the reader's scope.

A serving soldier is a call-up recruit of the commune handed over on or before the day, not
sent back (``RecruitReturn``) and not received home discharged on or before the day
(``reserve.DischargeReception``). His family is his registry ties (``people.FamilyTie``) of a
kind the policy covers: father, mother, spouse, child (the registry has no in-laws or
guardians; brothers and sisters are not covered)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from muster.conscription.handover.models import Recruit
from muster.geo.models import Unit
from muster.geo.scope import scope_of, scope_of_unit
from muster.law.rear import support as law
from muster.people.models import FamilyTie, Person
from muster.rear.models import CaseStatus, Entitlement, SupportCase, SupportKind, Visit
from muster.reserve.discharge.models import DischargeReception

if TYPE_CHECKING:
    from muster.accounts.models import User

#: The registry's relations and the rear policy's kinds of relative.
TIE_KINDS: dict[str, str] = {
    "father": law.RelativeKind.FATHER,
    "mother": law.RelativeKind.MOTHER,
    "spouse": law.RelativeKind.SPOUSE,
    "child": law.RelativeKind.CHILD,
    "father_in_law": law.RelativeKind.FATHER_IN_LAW,
    "mother_in_law": law.RelativeKind.MOTHER_IN_LAW,
    "guardian": law.RelativeKind.GUARDIAN,
}
#: Cases counted against the yearly caps: every case not refused (drafts included).
COUNTED = (CaseStatus.DRAFT, CaseStatus.SENT, CaseStatus.GRANTED)


def relative_kind(tie: FamilyTie) -> str | None:
    """The policy's kind of relative for a registry tie; None: not covered."""
    kind = TIE_KINDS.get(tie.relation)
    return kind if kind is not None and law.is_covered(kind) else None


def serving_recruits(*, user: User, commune: Unit, day: dt.date) -> QuerySet[Recruit]:
    """The commune's recruits serving on ``day``, by name."""
    home = DischargeReception.objects.filter(
        person_id=OuterRef("decision__person_id"),
        discharged_on__gte=OuterRef("handover__handed_on"),
        discharged_on__lte=day,
    )
    return (
        Recruit.objects.filter(
            scope_of(user).q("decision__person__registration_unit"),
            scope_of_unit(commune).q("decision__person__registration_unit"),
            handover__handed_on__lte=day,
            returned__isnull=True,
        )
        .exclude(Exists(home))
        .select_related("decision__person", "handover__receiving_unit")
        .order_by("decision__person__name_search", "id")
    )


def is_serving(recruit: Recruit, day: dt.date) -> bool:
    """Whether ``recruit`` is serving on ``day`` (no scope: the caller has checked it)."""
    if recruit.handover.handed_on > day or hasattr(recruit, "returned"):
        return False
    return not DischargeReception.objects.filter(
        person_id=recruit.decision.person_id,
        discharged_on__gte=recruit.handover.handed_on,
        discharged_on__lte=day,
    ).exists()


@dataclass
class Relative:
    tie: FamilyTie
    kind: str
    entitlements: list[Entitlement] = field(default_factory=list)
    illness_left: int | None = None


@dataclass
class Family:
    recruit: Recruit
    relatives: list[Relative]
    cases: list[SupportCase]
    visits: list[Visit]
    house_left: int | None

    @property
    def soldier(self) -> Person:
        return self.recruit.decision.person

    def visited(self, occasion: str) -> bool:
        return any(v.occasion == occasion for v in self.visits)


def families(*, user: User, commune: Unit, day: dt.date, year: int) -> list[Family]:
    """The families of the commune's serving soldiers on ``day``, with their relatives covered,
    entitlements, the support cases and visits of ``year`` and the cases left under each cap
    (five queries)."""
    recruits = list(serving_recruits(user=user, commune=commune, day=day))
    ids = [r.pk for r in recruits]
    people = [r.decision.person_id for r in recruits]
    ties: dict[int, list[FamilyTie]] = defaultdict(list)
    for tie in FamilyTie.objects.filter(person_id__in=people).order_by("person_id", "id"):
        ties[tie.person_id].append(tie)
    rights: dict[int, list[Entitlement]] = defaultdict(list)
    for right in Entitlement.objects.filter(recruit_id__in=ids):
        rights[right.relative_id].append(right)
    cases: dict[int, list[SupportCase]] = defaultdict(list)
    for case in SupportCase.objects.filter(recruit_id__in=ids, event_on__year=year).select_related(
        "relative"
    ):
        cases[case.recruit_id].append(case)
    visits: dict[int, list[Visit]] = defaultdict(list)
    for visit in Visit.objects.filter(recruit_id__in=ids, visited_on__year=year):
        visits[visit.recruit_id].append(visit)
    result: list[Family] = []
    for recruit in recruits:
        own = cases[recruit.pk]
        relatives = []
        for tie in ties[recruit.decision.person_id]:
            kind = relative_kind(tie)
            if kind is None:
                continue
            ill = [
                c.event_on
                for c in own
                if c.kind == SupportKind.ILLNESS and c.relative_id == tie.pk and c.status in COUNTED
            ]
            relatives.append(
                Relative(
                    tie, kind, rights[tie.pk], law.cap_left(law.SupportKind.ILLNESS, year, ill)
                )
            )
        houses = [c.event_on for c in own if c.kind == SupportKind.HOUSE and c.status in COUNTED]
        result.append(
            Family(
                recruit,
                relatives,
                own,
                visits[recruit.pk],
                law.cap_left(law.SupportKind.HOUSE, year, houses),
            )
        )
    return result


def cases_of_person(*, user: User, person: Person) -> list[SupportCase]:
    """The support cases where ``person`` is the soldier or the relative (citizen card)."""
    return list(
        SupportCase.objects.filter(scope_of(user).q("commune"))
        .filter(Q(soldier=person) | Q(relative__relative=person))
        .select_related("relative")
        .order_by("-event_on", "-id")
    )


def case_counts(*, soldier: Person, kind: str, relative: FamilyTie | None) -> list[dt.date]:
    """The event days of the cases counted against the cap a new case of ``kind`` falls
    under: the soldier's house cases, or the relative's illness (death) cases."""
    cases = SupportCase.objects.filter(kind=kind, status__in=COUNTED)
    if kind == SupportKind.HOUSE:
        cases = cases.filter(soldier=soldier)
    else:
        cases = cases.filter(relative=relative)
    return list(cases.values_list("event_on", flat=True))
