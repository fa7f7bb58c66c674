"""Reads of violation cases, cut to the acting user's area: lists, a case's timeline, the
"possible violations" built from the registry, and the counts the reports use.

``violation_counts(user=..., campaign=...)`` is the reports' entry point (docs/violations.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from muster.audit.models import AuditEvent
from muster.audit.selectors import events_for_object
from muster.conscription import violation_rules as rules
from muster.conscription.law import NoRuleInForce
from muster.conscription.models import (
    CallupDecision,
    Campaign,
    DecisionStatus,
    EventKind,
    Recruit,
    RegistrationBar,
    RegistrationEvent,
    ViolationCase,
    ViolationKind,
    ViolationState,
)
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.health.models import HealthCall, SessionKind, StationResult

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


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


# ----------------------------------------------------------------------------- lists


def cases_for_user(
    *,
    user: User,
    campaign: Campaign | None = None,
    commune: Unit | None = None,
    state: str = "",
    kind: str = "",
    overdue: bool = False,
    today: dt.date,
) -> QuerySet[ViolationCase]:
    """Cases in ``user``'s area, newest act first; filters by campaign, commune (and the
    communes it succeeded), state, act, and fines overdue on ``today``."""
    area = scope_of(user)
    qs = ViolationCase.objects.filter(**area.lookup("unit"))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if commune is not None:
        qs = qs.filter(unit__path__startswith=commune.path)
    if state in ViolationState.values:
        qs = qs.filter(state=state)
    if kind in ViolationKind.values:
        qs = qs.filter(kind=kind)
    if overdue:
        qs = qs.filter(overdue_q(today))
    return qs.select_related("person", "unit", "campaign", "repeat_of").order_by(
        "-occurred_on", "-id"
    )


def overdue_q(today: dt.date) -> Q:
    """Fines decided, not paid in full, past the payment deadline on ``today``."""
    days = (rules.payment_due(today) - today).days
    return Q(
        state=ViolationState.PENALISED, fine_amount__gt=0, decided_on__lt=today - dt.timedelta(days)
    ) & (Q(paid_amount__isnull=True) | Q(paid_amount__lt=F("fine_amount")))


def is_overdue(case: ViolationCase, today: dt.date) -> bool:
    return case.state == ViolationState.PENALISED and rules.payment_overdue(
        decided_on=case.decided_on, fine=case.fine_amount, paid=case.paid_amount, today=today
    )


# ----------------------------------------------------------------------------- counts


@dataclass
class CommuneViolationCounts:
    """One commune's cases: by act, by state, by (act, state), fines decided and paid."""

    unit: Unit
    by_kind: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)
    by_kind_state: dict[tuple[str, str], int] = field(default_factory=dict)
    total: int = 0
    repeats: int = 0
    overdue: int = 0
    fines_decided: int = 0
    fines_paid: int = 0

    def kind(self, kind: str) -> int:
        return self.by_kind.get(kind, 0)

    def state(self, state: str) -> int:
        return self.by_state.get(state, 0)


def violation_counts(
    *, user: User, campaign: Campaign | None = None, today: dt.date | None = None
) -> list[CommuneViolationCounts]:
    """Per commune in ``user``'s area, the counts of cases by act and by state (and both),
    repeats, fines overdue on ``today`` (default: the current day), and the sums of fines
    decided and paid (VND). With ``campaign``: its cases only, one row for every commune of
    the campaign in the area (zeros included); without: every commune having a case. Rows in
    unit-tree order. Three queries whatever the number of communes and cases."""
    from muster.core.dates import today as current_day

    day = today or current_day()
    area = scope_of(user)
    qs = ViolationCase.objects.filter(**area.lookup("unit"))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    grouped = list(
        qs.values("unit_id", "kind", "state").annotate(
            n=Count("id"),
            n_repeats=Count("id", filter=Q(repeat_of__isnull=False)),
            n_overdue=Count("id", filter=overdue_q(day)),
            decided=Sum("fine_amount"),
            paid=Sum("paid_amount"),
        )
    )
    if campaign is not None:
        units = list(
            Unit.objects.filter(
                pk__in=campaign.communes.filter(**area.lookup("unit")).values("unit_id")
            ).order_by("path")
        )
    else:
        units = list(Unit.objects.filter(pk__in={g["unit_id"] for g in grouped}).order_by("path"))
    rows = {u.pk: CommuneViolationCounts(unit=u) for u in units}
    for g in grouped:
        row = rows.get(g["unit_id"])
        if row is None:  # a case of a unit outside the campaign's communes
            continue
        kind, state, n = g["kind"], g["state"], g["n"]
        row.by_kind[kind] = row.by_kind.get(kind, 0) + n
        row.by_state[state] = row.by_state.get(state, 0) + n
        row.by_kind_state[(kind, state)] = n
        row.total += n
        row.repeats += g["n_repeats"]
        row.overdue += g["n_overdue"]
        row.fines_decided += g["decided"] or 0
        row.fines_paid += g["paid"] or 0
    return list(rows.values())


def counts_total(rows: list[CommuneViolationCounts]) -> CommuneViolationCounts | None:
    """The sum of ``rows`` (the table's last line), or None when there are none."""
    if not rows:
        return None
    total = CommuneViolationCounts(unit=rows[0].unit)
    for row in rows:
        for k, n in row.by_kind.items():
            total.by_kind[k] = total.by_kind.get(k, 0) + n
        for s, n in row.by_state.items():
            total.by_state[s] = total.by_state.get(s, 0) + n
        total.total += row.total
        total.repeats += row.repeats
        total.overdue += row.overdue
        total.fines_decided += row.fines_decided
        total.fines_paid += row.fines_paid
    return total


# ----------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    title: str
    detail: str


def timeline(case: ViolationCase) -> list[TimelineEntry]:
    """The case's steps in date order: the act, notices, good reason, decision, each payment
    (from the audit trail), referral, closing. The caller has authorised the case."""
    entries = [TimelineEntry(case.occurred_on, _("Act"), str(case.get_kind_display()))]
    for notice in case.notices.all():
        detail = _("To %(to)s: %(content)s") % {"to": notice.served_to, "content": notice.content}
        if notice.respond_by:
            detail += " (" + _("answer by %(day)s") % {"day": f"{notice.respond_by:%d/%m/%Y}"} + ")"
        entries.append(TimelineEntry(notice.served_on, _("Notice served"), detail))
    if case.state == ViolationState.GOOD_REASON and case.closed_on:
        reason = rules.good_reason(case.good_reason, case.occurred_on)
        entries.append(
            TimelineEntry(
                case.closed_on,
                _("Good reason"),
                f"{reason.title_vi if reason else case.good_reason}: {case.good_reason_note}",
            )
        )
    if case.decided_on:
        sanction = (
            _("Warning")
            if case.warning_only
            else _("Fine of %(amount)s VND") % {"amount": _vnd(case.fine_amount or 0)}
        )
        entries.append(
            TimelineEntry(
                case.decided_on,
                _("Penalty decision"),
                _("No. %(number)s, %(by)s: %(sanction)s")
                % {"number": case.decision_number, "by": case.decided_by, "sanction": sanction},
            )
        )
    for event in payment_events(case):
        changes = event.changes
        amount = int(changes.get("amount", 0))
        paid_on = dt.date.fromisoformat(str(changes.get("paid_on")))
        entries.append(
            TimelineEntry(paid_on, _("Payment"), _("%(amount)s VND") % {"amount": _vnd(amount)})
        )
    if case.escalated_on:
        entries.append(
            TimelineEntry(
                case.escalated_on, _("Referred for criminal proceedings"), case.escalation_note
            )
        )
    if case.state == ViolationState.CLOSED and case.closed_on:
        entries.append(TimelineEntry(case.closed_on, _("Case closed"), case.closing_note))
    return sorted(entries, key=lambda e: e.day)


def audit_trail(case: ViolationCase) -> QuerySet[AuditEvent]:
    return events_for_object(
        object_type=ViolationCase._meta.label_lower, object_id=str(case.public_id)
    )


def payment_events(case: ViolationCase) -> list[AuditEvent]:
    return list(audit_trail(case).filter(action="violation.pay").order_by("seq"))


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

    def band(self) -> rules.Band | None:
        """The band for a first offence on the day (a repeat is detected on opening)."""
        try:
            return rules.band_for(
                self.kind,
                self.occurred_on,
                aged_17_in_year=rules.aged_17_in_year(
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
        (person_id, FAMILIES[kind], day)
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
    deadline = rules.first_registration_deadline(year)
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
                    f"Quyết định gọi nhập ngũ số {decision.number} ngày "
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


def case_context(case: ViolationCase, today: dt.date) -> dict[str, Any]:
    """What the case page shows beside the record: repeats, Art 332, evasion, deadlines."""
    aged17 = rules.aged_17_in_year(case.person.date_of_birth.year, case.occurred_on)
    band = None
    with contextlib.suppress(NoRuleInForce):
        band = rules.band_for(
            case.kind,
            case.occurred_on,
            repeat=case.repeat_of_id is not None,
            aged_17_in_year=aged17,
        )
    lighter = None
    if case.state in (ViolationState.OPEN, ViolationState.NOTICE_SERVED):
        lighter = rules.lighter_band(
            case.kind,
            case.occurred_on,
            today,
            repeat=case.repeat_of_id is not None,
            aged_17_in_year=aged17,
        )
    return {
        "band": band,
        "lighter": lighter,
        "art332": rules.art332_covers(case.kind, case.occurred_on),
        "escalation_possible": rules.escalation_possible(
            case.kind, case.occurred_on, prior_sanction=case.repeat_of_id is not None
        ),
        "evasion": rules.is_evasion(case.kind, case.occurred_on),
        "payment_due": rules.payment_due(case.decided_on) if case.decided_on else None,
        "overdue": is_overdue(case, today),
        "left_to_pay": (case.fine_amount or 0) - (case.paid_amount or 0),
        "repeats": list(case.repeats.all().order_by("occurred_on")),
    }
