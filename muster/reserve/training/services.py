"""Training call-ups and reserve meetings: every change, checked against the rules of its day.

* A call refuses, naming each one with the reason and citation, every reservist whose training
  total would pass the cap (class 1: 12 months of 30 days; extra training 2 months; class 2: 2
  training sessions a year) and a readiness check longer than 7 days (Law 53/2019 Art 22, Law
  78/2015 Art 27, ``muster.law.reserve.training``). Nothing is written when one is refused.
* A reservist's total counts the days attended on past calls and the days of the calls he is
  still called to; a deferred or absent reservist's call counts nothing.
* A meeting is checked for its month and length (TT 84/2020); one Khung B meeting per reserve
  unit and quarter, one December meeting per commune and year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core import lawtext
from muster.core.validation import raise_errors
from muster.geo.models import Unit
from muster.law.reserve import training as law
from muster.law.reserve.training_enums import CallKind, DeferralGround, MeetingKind
from muster.reserve.perms import can_manage_reserve
from muster.reserve.register.models import Reservist
from muster.reserve.register.selectors import open_on
from muster.reserve.training.models import (
    CallEntry,
    EntryStatus,
    Meeting,
    MeetingAttendance,
    TrainingCall,
)
from muster.reserve.training.selectors import done_days
from muster.reserve.units.models import ReserveUnit

if TYPE_CHECKING:
    from muster.accounts.models import User


def _check_reservists(
    call: TrainingCall, reservists: Sequence[Reservist], errors: dict[str, list[str]]
) -> None:
    kind = CallKind(call.kind)
    ids = [r.pk for r in reservists]
    totals = done_days(ids, exclude_call=call.pk)
    on_register = set(
        Reservist.objects.filter(
            open_on(call.starts_on), pk__in=ids, holder=call.commune
        ).values_list("pk", flat=True)
    )
    for reservist in reservists:
        name = reservist.person.full_name
        if reservist.pk not in on_register:
            errors.setdefault("reservists", []).append(
                _("%(name)s is not on this commune's register on the first day.") % {"name": name}
            )
            continue
        total = totals.get(reservist.pk)
        verdict = law.check_call(
            kind=kind,
            reserve_class=reservist.reserve_class,
            days=call.days,
            done_days=total.days if total else 0,
            done_extra_days=total.extra_days if total else 0,
            sessions_this_year=total.sessions_in(call.starts_on.year) if total else 0,
            on=call.starts_on,
        )
        if not verdict.allowed:
            errors.setdefault("reservists", []).append(
                f"{name}: {lawtext.text(verdict.reason)} ({verdict.citation_vi})"
            )


def create_call(
    *,
    actor: User,
    commune: Unit,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    reservists: Sequence[Reservist],
    reserve_unit: ReserveUnit | None = None,
    place: str = "",
    decision: str = "",
) -> TrainingCall:
    """Call ``reservists`` of ``commune`` for ``kind`` from ``starts_on`` to ``ends_on``."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, commune)
    errors: dict[str, list[str]] = {}
    if kind not in CallKind.__members__.values():
        errors.setdefault("kind", []).append(_("Choose what the call is for."))
    if not title.strip():
        errors.setdefault("title", []).append(_("Enter the subject."))
    if ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("The last day cannot be before the first."))
    if reserve_unit is not None:
        require_actor_area(actor, reserve_unit.area_id)
    if not reservists:
        errors.setdefault("reservists", []).append(_("Choose at least one reservist."))
    raise_errors(errors)
    days = law.call_days(starts_on, ends_on)
    if kind == CallKind.CHECK:
        _total, _extra, most, rules = law.cap_days(starts_on)
        if days > most:
            cited = "; ".join(c.label_vi for r in rules[:1] for c in r.citations)
            raise_errors(
                {
                    "ends_on": [
                        _("A readiness check lasts at most %(n)s days (this one %(d)s); %(c)s.")
                        % {"n": most, "d": days, "c": cited}
                    ]
                }
            )
    call = TrainingCall(
        commune=commune,
        reserve_unit=reserve_unit,
        kind=kind,
        title=title.strip(),
        place=place.strip(),
        decision=decision.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _check_reservists(call, reservists, errors)
    raise_errors(errors)
    with transaction.atomic():
        call.save()
        CallEntry.objects.bulk_create([CallEntry(call=call, reservist=r) for r in reservists])
        record_event(
            actor=actor,
            action="reserve.training_call",
            obj=call,
            scope_unit=commune,
            changes={
                "kind": kind,
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
                "reservists": [str(r.public_id) for r in reservists],
            },
        )
    return call


def add_to_call(*, actor: User, call: TrainingCall, reservists: Sequence[Reservist]) -> int:
    """Add ``reservists`` to ``call``, each checked against his cap; returns how many."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, call.commune_id)
    errors: dict[str, list[str]] = {}
    already = set(call.entries.values_list("reservist_id", flat=True))
    new = [r for r in reservists if r.pk not in already]
    if not new:
        errors.setdefault("reservists", []).append(_("Choose at least one reservist."))
    raise_errors(errors)
    _check_reservists(call, new, errors)
    raise_errors(errors)
    with transaction.atomic():
        CallEntry.objects.bulk_create([CallEntry(call=call, reservist=r) for r in new])
        record_event(
            actor=actor,
            action="reserve.training_add",
            obj=call,
            scope_unit=call.commune,
            changes={"reservists": [str(r.public_id) for r in new]},
        )
    return len(new)


def defer_entry(
    *, actor: User, entry: CallEntry, ground: str, confirmed_by: str, on: dt.date
) -> CallEntry:
    """Defer ``entry``'s reservist from the call on ``ground`` (Art 22(4)), confirmed by
    ``confirmed_by`` (the employer, the school or the commune People's Committee)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, entry.call.commune_id)
    errors: dict[str, list[str]] = {}
    if ground not in DeferralGround.__members__.values():
        errors.setdefault("ground", []).append(_("Choose the ground of deferral."))
    if not confirmed_by.strip():
        errors.setdefault("confirmed_by", []).append(
            _("Enter who confirmed the ground (employer, school or commune People's Committee).")
        )
    if entry.status == EntryStatus.PRESENT:
        errors.setdefault("ground", []).append(_("He attended this call: it cannot be deferred."))
    raise_errors(errors)
    reason = law.deferral_reason(DeferralGround(ground), entry.call.starts_on)
    with transaction.atomic():
        entry.status = EntryStatus.DEFERRED
        entry.days = None
        entry.deferral_ground = ground
        entry.deferral_confirmed_by = confirmed_by.strip()
        entry.deferral_reason_vi = reason.vi
        entry.save()
        record_event(
            actor=actor,
            action="reserve.training_defer",
            obj=entry,
            scope_unit=entry.call.commune,
            changes={
                "reservist": str(entry.reservist.public_id),
                "ground": ground,
                "confirmed_by": entry.deferral_confirmed_by,
                "on": on.isoformat(),
            },
            reason=reason.vi[:255],
        )
    return entry


@dataclass(frozen=True)
class AttendanceRow:
    entry: CallEntry
    present: bool
    days: int | None
    coefficient: Decimal | None
    state_paid: bool


def record_attendance(*, actor: User, call: TrainingCall, rows: Sequence[AttendanceRow]) -> int:
    """Record who attended ``call`` and for how many days (at most the call's days); a
    deferred reservist stays deferred. Returns how many attended."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, call.commune_id)
    errors: dict[str, list[str]] = {}
    for row in rows:
        if row.entry.call_id != call.pk:
            errors.setdefault("__all__", []).append(_("This entry is another call's."))
        if row.present and row.days is not None and not 1 <= row.days <= call.days:
            errors.setdefault("__all__", []).append(
                _("%(name)s: the days attended are 1 to %(n)s.")
                % {"name": row.entry.reservist.person.full_name, "n": call.days}
            )
        if row.coefficient is not None and not Decimal(0) < row.coefficient < Decimal(20):
            errors.setdefault("__all__", []).append(
                _("%(name)s: the pay coefficient is between 0 and 20.")
                % {"name": row.entry.reservist.person.full_name}
            )
    raise_errors(errors)
    present = 0
    with transaction.atomic():
        for row in rows:
            entry = row.entry
            if entry.status != EntryStatus.DEFERRED:
                entry.status = EntryStatus.PRESENT if row.present else EntryStatus.ABSENT
                entry.days = (row.days or call.days) if row.present else None
                present += row.present
            entry.coefficient = row.coefficient
            entry.state_paid = row.state_paid
            entry.save(update_fields=["status", "days", "coefficient", "state_paid"])
        record_event(
            actor=actor,
            action="reserve.training_attendance",
            obj=call,
            scope_unit=call.commune,
            changes={"present": present, "rows": len(rows)},
        )
    return present


# --------------------------------------------------------------------------- meetings


def create_meeting(
    *,
    actor: User,
    kind: str,
    commune: Unit,
    held_on: dt.date,
    hours: Decimal,
    attendees: Sequence[Reservist],
    reserve_unit: ReserveUnit | None = None,
    place: str = "",
    chair: str = "",
    secretary: str = "",
    content: str = "",
    conclusions: str = "",
) -> Meeting:
    """Record a meeting with its attendance (``attendees`` present, the rest of the invited
    added later) and minutes."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, commune)
    errors: dict[str, list[str]] = {}
    if kind not in MeetingKind.__members__.values():
        raise_errors({"kind": [_("Choose the kind of meeting.")]})
    meeting_kind = MeetingKind(kind)
    if meeting_kind == MeetingKind.KHUNG_B and reserve_unit is None:
        errors.setdefault("reserve_unit", []).append(
            _("A Khung B meeting is held by a reserve unit: choose it.")
        )
    if reserve_unit is not None:
        require_actor_area(actor, reserve_unit.area_id)
    verdict = law.check_meeting(meeting_kind, held_on, float(hours))
    if not verdict.allowed:
        errors.setdefault("held_on", []).append(
            f"{lawtext.text(verdict.reason)} ({verdict.citation_vi})"
        )
    same = Meeting.objects.filter(kind=kind, held_on__year=held_on.year)
    if meeting_kind == MeetingKind.KHUNG_B:
        quarter = law.quarter_of(held_on)
        same = same.filter(
            reserve_unit=reserve_unit,
            held_on__month__gte=quarter * 3 - 2,
            held_on__month__lte=quarter * 3,
        )
    else:
        same = same.filter(commune=commune)
    if same.exists():
        errors.setdefault("held_on", []).append(_("This meeting is already recorded."))
    outside = [r for r in attendees if r.holder_id != commune.pk]
    if outside:
        errors.setdefault("attendees", []).append(_("A reservist is not of this commune."))
    raise_errors(errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            kind=kind,
            commune=commune,
            reserve_unit=reserve_unit,
            held_on=held_on,
            hours=hours,
            place=place.strip(),
            chair=chair.strip(),
            secretary=secretary.strip(),
            content=content.strip(),
            conclusions=conclusions.strip(),
        )
        MeetingAttendance.objects.bulk_create(
            [MeetingAttendance(meeting=meeting, reservist=r, present=True) for r in attendees]
        )
        record_event(
            actor=actor,
            action="reserve.meeting",
            obj=meeting,
            scope_unit=commune,
            changes={"kind": kind, "held_on": held_on.isoformat(), "present": len(attendees)},
            reason=verdict.citation_vi[:255],
        )
    return meeting


def record_minutes(
    *,
    actor: User,
    meeting: Meeting,
    present: Sequence[Reservist],
    absent: Sequence[Reservist],
    chair: str,
    secretary: str,
    content: str,
    conclusions: str,
) -> Meeting:
    """Write the minutes and the attendance (present and absent reservists of the commune)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, meeting.commune_id)
    everyone = [*present, *absent]
    if any(r.holder_id != meeting.commune_id for r in everyone):
        raise_errors({"present": [_("A reservist is not of this commune.")]})
    with transaction.atomic():
        meeting.chair, meeting.secretary = chair.strip(), secretary.strip()
        meeting.content, meeting.conclusions = content.strip(), conclusions.strip()
        meeting.save(update_fields=["chair", "secretary", "content", "conclusions"])
        for reservist, here in [(r, True) for r in present] + [(r, False) for r in absent]:
            MeetingAttendance.objects.update_or_create(
                meeting=meeting, reservist=reservist, defaults={"present": here}
            )
        record_event(
            actor=actor,
            action="reserve.meeting_minutes",
            obj=meeting,
            scope_unit=meeting.commune,
            changes={"present": len(present), "absent": len(absent)},
        )
    return meeting
