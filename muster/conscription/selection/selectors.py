"""Reads of selection (tuyển chọn): volunteers, the callable pool of a commune, selection lists
and their published JSON, review steps. Every read for a page takes the acting user and cuts to
``geo.scope.scope_of(user)``.

The callable pool of a commune and service on the handover day (docs/campaign.md §4):

* citizens registered in the commune, men of call-up age and any standing volunteer for the
  service (women serve only as volunteers, Art 6(2));
* who pass the decision gate on the handover day (``decisions.gate``: nothing failed and
  nothing unknown; an unverified political standard or an unrecorded school grade keeps a
  citizen out of the list as it would keep him from a decision), judged **with** the
  volunteer's waiver (Art 41(3): a deferred or exempt volunteer may be selected; never a
  failed standard nor 41.1.a);
* with a latest valid health class 1–3 from the health council (``health.selectors``);
* not on the other service's frozen official list nor holding its valid decision (one citizen,
  one service);
* not refused by the commune council's latest review round (xét duyệt).

The page counts citizens whose school grade is not entered so the commune can complete them
before the list is frozen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Campaign, CampaignCommune, Service
from muster.conscription.decisions.gate import problems_of, service_problems
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.eligibility.selectors import facts_for_people
from muster.conscription.selection.models import (
    ListKind,
    ReviewKind,
    ReviewOutcome,
    ReviewStep,
    SelectionEntry,
    SelectionList,
    SelectionState,
    Volunteer,
)
from muster.geo.scope import scope_of
from muster.health.models import HealthCall, SessionKind
from muster.law.callup import authorities
from muster.law.callup import draw as selection
from muster.law.callup.eligibility.engine import evaluate
from muster.law.callup.eligibility.facts import OutsideCoverage
from muster.people.models import HigherLevel, Person, Sex, StudyStatus
from muster.people.reference import KINH

if TYPE_CHECKING:
    from muster.accounts.models import User


from typing import TYPE_CHECKING

from muster.conscription.campaign.models import Allocation
from muster.conscription.handover.models import Replacement

if TYPE_CHECKING:
    from muster.accounts.models import User

GRADUATE_LEVELS = frozenset({HigherLevel.COLLEGE, HigherLevel.UNIVERSITY, HigherLevel.POSTGRADUATE})

#: Why a citizen of the registry is not in the pool (keys of ``SelectionList.excluded``).
EXCLUSIONS: dict[str, Any] = {
    "not_examined": _("No health examination result in the period"),
    "not_callable": _("Not callable per the eligibility engine on the handover day"),
    "health_class": _("No valid health class 1–3 on the handover day"),
    "other_service": _("Selected for, or called to, the other service"),
    "council_refused": _("Not approved at the commune council's latest review"),
}


def other_service(service: str) -> str:
    return Service.POLICE if service == Service.ARMY else Service.ARMY


# ----------------------------------------------------------------------------- volunteers


def active_volunteers(
    *, campaign: Campaign, on: dt.date, service: str | None = None
) -> QuerySet[Volunteer]:
    """Standing applications of the campaign on ``on`` (applied by then, not withdrawn by
    then)."""
    found = Volunteer.objects.filter(campaign=campaign, applied_on__lte=on).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    )
    return found.filter(service=service) if service else found


def is_volunteer(*, campaign: Campaign, person: Person, service: str) -> bool:
    """A standing written application for ``service`` on the campaign's handover day."""
    return (
        active_volunteers(campaign=campaign, on=campaign.handover_start, service=service)
        .filter(person=person)
        .exists()
    )


def volunteers_for_user(*, user: User, campaign: Campaign) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.filter(
            campaign=campaign, **scope_of(user).lookup("person__registration_unit")
        )
        .select_related("person", "person__registration_unit")
        .order_by("-applied_on", "-id")
    )


# ----------------------------------------------------------------------------- the pool


@dataclasses.dataclass(frozen=True)
class Member:
    person: Person
    candidate: selection.Candidate


@dataclasses.dataclass
class Pool:
    """The callable pool of one commune and service, and who was left out, by reason."""

    members: list[Member]
    excluded: dict[str, list[tuple[Person, str]]]
    not_examined: int
    grade_missing: int

    def counts(self) -> dict[str, int]:
        found = {key: len(items) for key, items in self.excluded.items() if items}
        if self.not_examined:
            found["not_examined"] = self.not_examined
        return found

    def candidates(self) -> list[selection.Candidate]:
        return [m.candidate for m in self.members]


def candidate_for(person: Person, *, volunteer: bool, health_class: int) -> selection.Candidate:
    return selection.Candidate(
        public_id=str(person.public_id),
        volunteer=volunteer,
        education=min(max(person.school_grade or 0, 0), 12),
        health_class=health_class,
        graduate=person.study_status == StudyStatus.GRADUATED
        and person.higher_level in GRADUATE_LEVELS,
        ethnic_minority=person.ethnicity != KINH,
    )


def council_refused(commune: CampaignCommune) -> dict[int, ReviewStep]:
    """``{person id: step}`` of the citizens whose latest council review refused them."""
    latest: dict[int, tuple[tuple[dt.date, int, int], ReviewOutcome]] = {}
    outcomes = ReviewOutcome.objects.filter(
        step__commune=commune, step__kind=ReviewKind.COUNCIL_REVIEW
    ).select_related("step")
    for outcome in outcomes:
        key = (outcome.step.held_on, outcome.step.round, outcome.step_id)
        if outcome.person_id not in latest or latest[outcome.person_id][0] < key:
            latest[outcome.person_id] = (key, outcome)
    return {pid: o.step for pid, (_key, o) in latest.items() if not o.approved}


def _taken_by_other_service(commune: CampaignCommune, service: str) -> set[int]:
    other = other_service(service)
    on_list = SelectionEntry.objects.filter(
        selection__commune=commune,
        selection__service=other,
        selection__state=SelectionState.FROZEN,
        list_kind=ListKind.OFFICIAL,
    ).values_list("person_id", flat=True)
    called = CallupDecision.objects.filter(
        campaign_id=commune.campaign_id, service=other, status=DecisionStatus.VALID
    ).values_list("person_id", flat=True)
    return set(on_list) | set(called)


def build_pool(*, commune: CampaignCommune, service: str) -> Pool:
    """The callable pool of ``commune`` for ``service`` from the registry, on the campaign's
    handover day (the module's docstring says who is in it)."""
    campaign = commune.campaign
    on = campaign.handover_start
    oldest = on.replace(year=on.year - 28)
    youngest = on.replace(year=on.year - 18)
    volunteers = set(
        active_volunteers(campaign=campaign, on=on, service=service)
        .filter(person__registration_unit_id=commune.unit_id)
        .values_list("person_id", flat=True)
    )
    examined = HealthCall.objects.filter(
        session__kind=SessionKind.EXAMINATION,
        health_class__isnull=False,
        concluded_on__lte=on,
        concluded_on__gt=on.replace(year=on.year - 2),
    ).values("person_id")
    of_age = Person.objects.filter(
        registration_unit_id=commune.unit_id,
        sex=Sex.MALE,
        date_of_birth__gt=oldest,
        date_of_birth__lte=youngest,
    )
    people = list(
        Person.objects.filter(registration_unit_id=commune.unit_id)
        .filter(
            Q(pk__in=volunteers)
            | Q(
                sex=Sex.MALE,
                date_of_birth__gt=oldest,
                date_of_birth__lte=youngest,
                pk__in=examined,
            )
        )
        .order_by("pk")
    )
    evaluated_of_age = sum(
        1 for p in people if p.sex == Sex.MALE and oldest < p.date_of_birth <= youngest
    )
    taken = _taken_by_other_service(commune, service)
    refused = council_refused(commune)
    excluded: dict[str, list[tuple[Person, str]]] = {key: [] for key in EXCLUSIONS}
    members: list[Member] = []
    all_facts = facts_for_people(people=people, on=on, volunteers=volunteers)
    for person in people:
        volunteer = person.pk in volunteers
        facts = all_facts[person.pk]
        try:
            verdict = evaluate(facts, on)
        except OutsideCoverage:
            verdict = None
        problems = problems_of(verdict)
        if not problems:
            problems = service_problems(person=person, on=on, service=service)
        if problems:
            excluded["not_callable"].append((person, "; ".join(p.message for p in problems)))
            continue
        if facts.health_class is None or facts.health_class not in selection.HEALTH_CLASSES:
            excluded["health_class"].append((person, str(facts.health_class or "—")))
            continue
        if person.pk in taken:
            excluded["other_service"].append((person, str(Service(other_service(service)).label)))
            continue
        step = refused.get(person.pk)
        if step is not None:
            excluded["council_refused"].append(
                (person, f"{step.get_kind_display()} {step.round}, {step.held_on:%d/%m/%Y}")
            )
            continue
        members.append(
            Member(
                person=person,
                candidate=candidate_for(
                    person, volunteer=volunteer, health_class=facts.health_class
                ),
            )
        )
    return Pool(
        members=members,
        excluded=excluded,
        not_examined=max(of_age.count() - evaluated_of_age, 0),
        grade_missing=sum(1 for m in members if not m.person.school_grade),
    )


# ----------------------------------------------------------------------------- lists


@dataclasses.dataclass
class ListRow:
    commune: CampaignCommune
    service: str
    quota: int | None
    selection: SelectionList | None
    official: int = 0
    standby: int = 0

    @property
    def service_label(self) -> str:
        return str(Service(self.service).label)


def list_rows(*, user: User, campaign: Campaign) -> list[ListRow]:
    """One row per commune in the user's area and service with a quota: its list, if any."""
    from muster.conscription.campaign.selectors import communes_for_user

    communes = communes_for_user(user=user, campaign=campaign)
    quotas = {
        (a.commune_id, a.service): a.final for a in Allocation.objects.filter(commune__in=communes)
    }
    lists = {
        (s.commune_id, s.service): s for s in SelectionList.objects.filter(commune__in=communes)
    }
    counts: dict[tuple[int, str], int] = {}
    for sel_id, kind in SelectionEntry.objects.filter(
        selection__in=lists.values(), list_kind__in=[ListKind.OFFICIAL, ListKind.STANDBY]
    ).values_list("selection_id", "list_kind"):
        counts[(sel_id, kind)] = counts.get((sel_id, kind), 0) + 1
    rows = []
    for commune in communes:
        for service in Service.values:
            quota = quotas.get((commune.pk, service))
            found = lists.get((commune.pk, service))
            if quota is None and found is None:
                continue
            row = ListRow(commune=commune, service=service, quota=quota, selection=found)
            if found is not None:
                row.official = counts.get((found.pk, ListKind.OFFICIAL), 0)
                row.standby = counts.get((found.pk, ListKind.STANDBY), 0)
            rows.append(row)
    return rows


def entries_of(selection_list: SelectionList) -> list[SelectionEntry]:
    return list(
        selection_list.entries.select_related("person", "person__residence_unit").order_by("place")
    )


def _candidate_of(entry: SelectionEntry) -> selection.Candidate:
    return selection.Candidate(
        public_id=str(entry.person.public_id),
        volunteer=entry.volunteer,
        education=entry.education,
        health_class=entry.health_class,
        graduate=entry.graduate,
        ethnic_minority=entry.ethnic_minority,
    )


def published_pool(selection_list: SelectionList) -> list[dict[str, Any]]:
    """The pool exactly as ranked, in the format ``manage.py rank`` reads."""
    return list(selection_list.pool)


def published_result(
    selection_list: SelectionList, entries: Iterable[SelectionEntry] | None = None
) -> dict[str, Any]:
    """The stored ranked list in ``RankedList.to_json`` form (``selection.verify`` and
    ``manage.py rank --verify`` read it), built from the stored entries, not recomputed."""
    rows = entries_of(selection_list) if entries is None else list(entries)
    ranked = selection.RankedList(
        method=selection_list.method,
        commitment=selection_list.commitment,
        seed=selection_list.seed,
        quota=selection_list.quota,
        standby=selection_list.standby,
        entries=tuple(
            selection.Entry(
                place=e.place,
                public_id=str(e.person.public_id),
                standing=_candidate_of(e).standing(),
                draw=e.draw,
                list=e.list_kind,
            )
            for e in rows
        ),
    )
    commune = selection_list.commune
    return {
        **ranked.to_json(),
        "commune": commune.unit.name,
        "service": selection_list.service,
        "committed_at": selection_list.committed_at.isoformat()
        if selection_list.committed_at
        else None,
        "frozen_at": selection_list.frozen_at.isoformat() if selection_list.frozen_at else None,
    }


def verifies(selection_list: SelectionList) -> bool:
    """The stored list re-derives from its stored pool and revealed seed (``selection.verify``)."""
    if selection_list.state != SelectionState.FROZEN:
        return False
    pool: list[selection.Candidate] = []
    for i, raw in enumerate(selection_list.pool):
        candidate, problems = selection.parse_candidate(raw, f"[{i}]")
        if candidate is None or problems:
            return False
        pool.append(candidate)
    try:
        ranked = selection.ranked_from_json(published_result(selection_list))
    except selection.SelectionError:
        return False
    return selection.verify(selection_list.commitment, selection_list.seed, pool, ranked)


def off_list_decisions(selection_list: SelectionList) -> list[CallupDecision]:
    """Valid decisions of the commune and service held by citizens on neither the official
    nor the standby list (issued before the list, or by mistake): shown as a warning."""
    on_list = selection_list.entries.filter(
        list_kind__in=[ListKind.OFFICIAL, ListKind.STANDBY]
    ).values("person_id")
    return list(
        CallupDecision.objects.filter(
            commune_id=selection_list.commune_id,
            service=selection_list.service,
            status=DecisionStatus.VALID,
        )
        .exclude(person_id__in=on_list)
        .select_related("person")
    )


def decisions_by_person(selection_list: SelectionList) -> dict[int, CallupDecision]:
    """The latest decision of the campaign of each citizen on the list (any status)."""
    found: dict[int, CallupDecision] = {}
    for decision in CallupDecision.objects.filter(
        campaign_id=selection_list.commune.campaign_id,
        person_id__in=selection_list.entries.values("person_id"),
    ).order_by("created_at", "id"):
        if decision.person_id not in found or decision.status == DecisionStatus.VALID:
            found[decision.person_id] = decision
    return found


# ----------------------------------------------------------------------------- review steps


def steps_for_user(*, user: User, campaign: Campaign) -> QuerySet[ReviewStep]:
    return (
        ReviewStep.objects.filter(
            commune__campaign=campaign, **scope_of(user).lookup("commune__unit")
        )
        .select_related("commune__unit", "village")
        .order_by("-held_on", "-id")
    )


def outcomes_of(step: ReviewStep) -> list[ReviewOutcome]:
    return list(step.outcomes.select_related("person").order_by("person__name_search", "id"))


def approval_title(selection_list: SelectionList) -> str:
    """Who approves the list (Art 34(3)): the authority of the campaign's decision day (or of
    the day recorded, once approved)."""
    campaign = selection_list.commune.campaign
    day = selection_list.approved_on or campaign.decisions_by or campaign.handover_start
    return authorities.callup_list_authority(day)[1]


def approval_missing(selection_list: SelectionList) -> str:
    """Why a frozen list cannot yet be followed: its approval (Art 34(3)) is not recorded."""
    title = approval_title(selection_list)
    return gettext(
        "The commune's call-up list is frozen but not yet approved: record the decision of "
        "the %(authority)s approving it before issuing decisions."
    ) % {"authority": title}


def callup_list_problem(*, commune: CampaignCommune, person: Person, service: str) -> str | None:
    """Why the commune's selection list refuses a decision for ``person``, or None.

    No list, or a draft: no restriction (the campaign's earlier behaviour). Committed: freeze
    first. Frozen: approved first (Art 34(3)); then an official citizen is accepted; a standby
    citizen only in place of an official one whose decision was revoked, and in the standby
    order."""
    found = SelectionList.objects.filter(commune=commune, service=service).first()
    if found is None or found.state == SelectionState.DRAFT:
        return None
    if found.state == SelectionState.COMMITTED:
        return gettext(
            "The commune's selection list is committed but not frozen: freeze it before "
            "issuing decisions."
        )
    if found.approved_on is None:
        return approval_missing(found)
    entry = found.entries.filter(person=person).first()
    if entry is None or entry.list_kind == ListKind.REMAINING:
        return gettext("This citizen is not on the commune's official selection list.")
    if entry.list_kind == ListKind.OFFICIAL:
        return None
    decisions = CallupDecision.objects.filter(campaign_id=commune.campaign_id)
    valid_holders = set(
        decisions.filter(status=DecisionStatus.VALID).values_list("person_id", flat=True)
    )
    ever_called = set(decisions.values_list("person_id", flat=True))
    official = set(
        found.entries.filter(list_kind=ListKind.OFFICIAL).values_list("person_id", flat=True)
    )
    standby = list(
        found.entries.filter(list_kind=ListKind.STANDBY)
        .order_by("place")
        .values_list("person_id", "place")
    )
    vacancies = len((official & ever_called) - valid_holders)
    replacements = set(
        Replacement.objects.filter(decision__campaign_id=commune.campaign_id).values_list(
            "decision__person_id", flat=True
        )
    )
    filled = sum(1 for pid, _place in standby if pid in valid_holders and pid not in replacements)
    if vacancies <= filled:
        return gettext(
            "A standby citizen is called only in place of an official citizen whose decision "
            "was revoked (after the handover: record a replacement)."
        )
    upcoming = next(((pid, place) for pid, place in standby if pid not in ever_called), None)
    if upcoming is not None and upcoming[0] != person.pk:
        return gettext(
            "Call the standby list in order: the next standby citizen is place %(place)s."
        ) % {"place": upcoming[1]}
    return None
