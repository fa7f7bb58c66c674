"""Candidates for a violation case: citizens whose records show a possible act (late or
missing registration, absence, not handed over), not yet opened as a case."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from muster.conscription.campaign.models import Campaign
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover.models import Recruit
from muster.conscription.violations.models import ViolationCase, ViolationKind
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.health.models import HealthCall, SessionKind, StationResult
from muster.law.callup.violations import bands, deadlines
from muster.law.rulebook import NoRuleInForce
from muster.people.registration.models import EventKind, RegistrationBar, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person


#: Registration events whose lateness is the citizen's (the January list and removals are the
#: commune's reports), and the act they are.
CITIZEN_LATE_EVENTS = (
    EventKind.TRANSFER_IN,
    EventKind.ABSENCE_RETURN,
    EventKind.ADDITIONAL,
    EventKind.RESERVE_REGISTRATION,
)
#: Most candidates of one kind listed on a page.
CANDIDATE_LIMIT = 300


# ----------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class Candidate:
    """A possible violation found in the data, with the facts a case would open with."""

    ref: str  # the source_ref of the case it would open
    kind: str
    person: Person
    unit: Unit
    occurred_on: dt.date
    facts: str
    source: str  # what the data says, in a few words (Vietnamese)
    warnings: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return str(ViolationKind(self.kind).label)

    def band(self) -> bands.Band | None:
        """The band for a first offence on the day (a repeat is detected on opening)."""
        try:
            return bands.band_for(
                self.kind,
                self.occurred_on,
                aged_17_in_year=deadlines.aged_17_in_year(
                    self.person.date_of_birth.year, self.occurred_on
                ),
            )
        except NoRuleInForce:
            return None


@dataclass
class CandidateList:
    registration_year: int
    items: list[Candidate]
    #: Communes (in the area) without a January list for the registration year: their
    #: first registrations cannot be checked.
    without_january_list: list[Unit]
    truncated: dict[str, int]  # source group → how many more there were

    def by_group(self) -> dict[str, list[Candidate]]:
        grouped: dict[str, list[Candidate]] = defaultdict(list)
        for item in self.items:
            grouped[item.ref.split(":", 1)[0]].append(item)
        return dict(grouped)


#: Acts that answer for the same record: a candidate is left out when the citizen already has
#: a case of its family on the same day (opened by hand, or as a heavier act).
FAMILIES: dict[str, str] = {
    ViolationKind.NO_FIRST_REGISTRATION: "registration",
    ViolationKind.NO_CHANGE_REGISTRATION: "registration",
    ViolationKind.ABSENT_SCREENING: "screening",
    ViolationKind.REFUSED_SCREENING: "screening",
    ViolationKind.ABSENT_EXAM: "exam",
    ViolationKind.REFUSED_EXAM: "exam",
    ViolationKind.CHEATED_EXAM: "exam",
    ViolationKind.DEFIED_EXAM: "exam",
    ViolationKind.ABSENT_CALLUP: "callup",
    ViolationKind.EVADED_AFTER_FIT: "callup",
    ViolationKind.REFUSED_CALLUP: "callup",
}


def _open_already(found: list[Candidate]) -> set[str]:
    """The refs of candidates a case answers for already (same record, or same citizen, act
    family and day)."""
    refs = [c.ref for c in found]
    taken = set(
        ViolationCase.objects.filter(source_ref__in=refs).values_list("source_ref", flat=True)
    )
    existing = {
        # A third party's act (obstruction) is its own family: it answers for no candidate.
        (person_id, FAMILIES.get(kind, kind), day)
        for person_id, kind, day in ViolationCase.objects.filter(
            person_id__in={c.person.pk for c in found}
        ).values_list("person_id", "kind", "occurred_on")
    }
    for c in found:
        if (c.person.pk, FAMILIES[c.kind], c.occurred_on) in existing:
            taken.add(c.ref)
    return taken


def _cap(found: list[Candidate], group: str, truncated: dict[str, int]) -> list[Candidate]:
    if len(found) > CANDIDATE_LIMIT:
        truncated[group] = len(found) - CANDIDATE_LIMIT
    return found[:CANDIDATE_LIMIT]


def _late_registrations(unit_ids: list[int], year: int) -> list[Candidate]:
    events = RegistrationEvent.objects.filter(
        unit_id__in=unit_ids,
        kind__in=CITIZEN_LATE_EVENTS,
        is_late=True,
        due_date__year=year,
    ).select_related("person", "unit")
    found = []
    for event in events.order_by("due_date", "id"):
        assert event.due_date is not None
        facts = (
            f"{event.get_kind_display()}: hạn đăng ký {event.due_date:%d/%m/%Y} "
            f"(tính từ ngày {event.trigger_date:%d/%m/%Y}; {event.legal_citation}); "
            f"đăng ký ngày {event.event_date:%d/%m/%Y}, muộn "
            f"{(event.event_date - event.due_date).days} ngày."
            if event.trigger_date
            else f"{event.get_kind_display()}: đăng ký muộn ngày {event.event_date:%d/%m/%Y}."
        )
        found.append(
            Candidate(
                ref=f"regevent:{event.public_id}",
                kind=ViolationKind.NO_CHANGE_REGISTRATION,
                person=event.person,
                unit=event.unit,
                occurred_on=event.due_date + dt.timedelta(days=1),
                facts=facts,
                source=_("Late: %(kind)s") % {"kind": event.get_kind_display()},
            )
        )
    return found


def _missing_first_registrations(
    unit_ids: list[int], year: int
) -> tuple[list[Candidate], list[int]]:
    """Men on a commune's January list of ``year`` (Art 16(1)) with no first registration by
    the deadline; and the communes that have no January list for the year."""
    deadline = deadlines.first_registration_deadline(year)
    listed = (
        RegistrationEvent.objects.filter(
            unit_id__in=unit_ids, kind=EventKind.JANUARY_LIST, event_date__year=year
        )
        .annotate(
            registered_in_time=Exists(
                RegistrationEvent.objects.filter(
                    person=OuterRef("person"),
                    kind=EventKind.FIRST_REGISTRATION,
                    event_date__lte=deadline,
                )
            ),
            barred=Exists(
                RegistrationBar.objects.filter(
                    person=OuterRef("person"), start_date__lte=deadline
                ).filter(Q(end_date__isnull=True) | Q(end_date__gte=deadline))
            ),
        )
        .filter(registered_in_time=False, barred=False)
        .select_related("person", "unit")
        .order_by("unit__path", "person__full_name", "id")
    )
    late = {
        e.person_id: e.event_date
        for e in RegistrationEvent.objects.filter(
            person_id__in=listed.values("person_id"), kind=EventKind.FIRST_REGISTRATION
        )
    }
    found = []
    for event in listed:
        registered = late.get(event.person_id)
        tail = (
            f"đăng ký muộn ngày {registered:%d/%m/%Y}." if registered else "đến nay chưa đăng ký."
        )
        found.append(
            Candidate(
                ref=f"january:{event.public_id}",
                kind=ViolationKind.NO_FIRST_REGISTRATION,
                person=event.person,
                unit=event.unit,
                occurred_on=deadline + dt.timedelta(days=1),
                facts=(
                    f"Có tên trong danh sách công dân nam đủ 17 tuổi và chưa đăng ký NVQS năm "
                    f"{year} (lập ngày {event.event_date:%d/%m/%Y}); không đăng ký NVQS lần "
                    f"đầu trong hạn (đến hết ngày {deadline:%d/%m/%Y}); " + tail
                ),
                source=_("Late first registration") if registered else _("No first registration"),
            )
        )
    with_list = set(
        RegistrationEvent.objects.filter(
            unit_id__in=unit_ids, kind=EventKind.JANUARY_LIST, event_date__year=year
        ).values_list("unit_id", flat=True)
    )
    return found, [u for u in unit_ids if u not in with_list]


def _absences(unit_ids: list[int], campaign: Campaign, today: dt.date) -> list[Candidate]:
    start = dt.date(campaign.year - 1, 7, 1)
    calls = (
        HealthCall.objects.filter(
            person__registration_unit_id__in=unit_ids,
            session__date__gte=start,
            session__date__lte=min(campaign.handover_start, today - dt.timedelta(days=1)),
            health_class__isnull=True,
            concluded_on__isnull=True,
        )
        .annotate(has_result=Exists(StationResult.objects.filter(call=OuterRef("pk"))))
        .filter(has_result=False)
        .select_related("person", "person__registration_unit", "session")
        .order_by("session__date", "id")
    )
    found = []
    for call in calls:
        session = call.session
        screening = session.kind == SessionKind.SCREENING
        what = "sơ tuyển sức khỏe" if screening else "khám sức khỏe NVQS"
        warnings: list[str] = []
        if call.notified_on is None:
            warnings.append(
                _("No delivery of the call is recorded: check the good reason “call not received”.")
            )
        elif call.notice_late:
            warnings.append(_("The call was delivered late (under 15 days)."))
        received = f", nhận quyết định ngày {call.notified_on:%d/%m/%Y}" if call.notified_on else ""
        found.append(
            Candidate(
                ref=f"healthcall:{call.public_id}",
                kind=ViolationKind.ABSENT_SCREENING if screening else ViolationKind.ABSENT_EXAM,
                person=call.person,
                unit=call.person.registration_unit,
                occurred_on=session.date,
                facts=(
                    f"Được gọi {what} ngày {session.date:%d/%m/%Y} tại {session.place}"
                    f"{received}; không có kết quả khám (vắng mặt)."
                ),
                source=_("Absent from screening")
                if screening
                else _("Absent from the examination"),
                warnings=tuple(warnings),
            )
        )
    return found


def _not_handed_over(unit_ids: list[int], campaign: Campaign, today: dt.date) -> list[Candidate]:
    decisions = (
        CallupDecision.objects.filter(
            campaign=campaign,
            commune__unit_id__in=unit_ids,
            status=DecisionStatus.VALID,
            delivered_on__isnull=False,
            enlist_on__lt=today,
        )
        .annotate(handed=Exists(Recruit.objects.filter(decision=OuterRef("pk"))))
        .filter(handed=False)
        .select_related("person", "commune__unit")
        .order_by("commune__unit__path", "number")
    )
    found = []
    for decision in decisions:
        assert decision.delivered_on is not None
        found.append(
            Candidate(
                ref=f"decision:{decision.public_id}",
                kind=ViolationKind.ABSENT_CALLUP,
                person=decision.person,
                unit=decision.commune.unit,
                occurred_on=decision.enlist_on,
                facts=(
                    f"{decision.title_vi} số {decision.printed_number} ngày "
                    f"{decision.issued_on:%d/%m/%Y} ({decision.signer}), giao ngày "
                    f"{decision.delivered_on:%d/%m/%Y} cho {decision.delivered_to}; không có tên "
                    f"trong biên bản giao nhận quân ngày {decision.enlist_on:%d/%m/%Y}."
                ),
                source=_("Not at the handover"),
            )
        )
    return found


def candidates(
    *,
    user: User,
    campaign: Campaign,
    today: dt.date,
    commune: Unit | None = None,
    registration_year: int | None = None,
) -> CandidateList:
    """Possible violations in the campaign's communes in ``user``'s area (or ``commune``):
    late registrations and missing first registrations of ``registration_year`` (default: the
    year before the campaign's), absences from screening and examination, and call-up
    decisions delivered but not handed over; records a case was opened from are left out."""
    year = registration_year or campaign.year - 1
    area = scope_of(user)
    communes = campaign.communes.filter(**area.lookup("unit"))
    if commune is not None:
        communes = communes.filter(unit__path__startswith=commune.path)
    unit_ids = list(communes.order_by("unit__path").values_list("unit_id", flat=True))
    truncated: dict[str, int] = {}
    first, without = _missing_first_registrations(unit_ids, year)
    groups: list[tuple[str, list[Candidate]]] = [
        ("january", first),
        ("regevent", _late_registrations(unit_ids, year)),
        ("healthcall", _absences(unit_ids, campaign, today)),
        ("decision", _not_handed_over(unit_ids, campaign, today)),
    ]
    taken = _open_already([c for _g, found in groups for c in found])
    items: list[Candidate] = []
    for group, found in groups:
        items += _cap([c for c in found if c.ref not in taken], group, truncated)
    return CandidateList(
        registration_year=year,
        items=items,
        without_january_list=list(Unit.objects.filter(pk__in=without).order_by("path")),
        truncated=truncated,
    )


def candidate_by_ref(
    *, user: User, campaign: Campaign, ref: str, today: dt.date, registration_year: int | None
) -> Candidate | None:
    """The candidate ``ref`` as the list computes it (None if it is not, or no longer, one)."""
    found = candidates(
        user=user, campaign=campaign, today=today, registration_year=registration_year
    )
    return next((c for c in found.items if c.ref == ref), None)
