"""Additional and reserve registration, removal, and the Art 13 / Art 14 bars (đăng ký bổ
sung, đăng ký dự bị, xóa đăng ký, không được đăng ký / miễn đăng ký)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.core.dates import today
from muster.core.validation import not_future, raise_errors
from muster.law.ages import age_on
from muster.law.callup import registration
from muster.law.callup import registration_grounds as grounds
from muster.law.health.rules import exempt_illness, normalise_icd
from muster.people.models import Person
from muster.people.registration.models import (
    BarKind,
    CallKind,
    EventKind,
    RegistrationBar,
    RegistrationCall,
    RegistrationEvent,
)
from muster.people.registration.services.common import (
    _audit,
    _authorise,
    _dated_event,
)

if TYPE_CHECKING:
    from muster.accounts.models import User


# --- Additional and reserve registration, removal, Art 13 / Art 14 bars ---


def _removed(person: Person) -> RegistrationEvent | None:
    return RegistrationEvent.objects.filter(person=person, kind=EventKind.REMOVAL).first()


def _not_removed(errors: dict[str, list[str]], field: str, person: Person) -> None:
    removed = _removed(person)
    if removed is not None:
        errors.setdefault(field, []).append(
            _("This citizen was removed from the register on %(date)s.")
            % {"date": f"{removed.event_date:%d/%m/%Y}"}
        )


def _report_dates(
    errors: dict[str, list[str]],
    *,
    trigger_field: str,
    trigger: dt.date | None,
    registered_on: dt.date,
    before_message: str,
) -> None:
    if trigger is None:
        errors.setdefault(trigger_field, []).append(_("Enter the date (dd/mm/yyyy)."))
        return
    not_future(errors, trigger_field, trigger)
    not_future(errors, "registered_on", registered_on)
    if registered_on < trigger:
        errors.setdefault("registered_on", []).append(before_message)


@transaction.atomic
def additional_registration(
    *,
    actor: User,
    person: Person,
    changed_on: dt.date | None,
    change: str,
    registered_on: dt.date | None = None,
    note: str = "",
) -> RegistrationEvent:
    """Additional registration (đăng ký bổ sung) of a change of post, education, qualification,
    health or other NVQS-relevant data (Law 78/2015 Art 17; Decree 13/2016 Art 6: 10 days from
    the change). Needs a registration to add to and a citizen still on the register."""
    person = _authorise(actor, person)
    registered_on = registered_on or today()
    change = change.strip()
    errors: dict[str, list[str]] = {}
    _report_dates(
        errors,
        trigger_field="changed_on",
        trigger=changed_on,
        registered_on=registered_on,
        before_message=_("The registration cannot be before the change."),
    )
    if not change:
        errors.setdefault("change", []).append(_("Describe what changed."))
    if not RegistrationEvent.objects.filter(
        person=person,
        kind__in=[
            EventKind.FIRST_REGISTRATION,
            EventKind.TRANSFER_IN,
            EventKind.RESERVE_REGISTRATION,
        ],
    ).exists():
        errors.setdefault("changed_on", []).append(
            _("This citizen has no registration to add to: record the first registration first.")
        )
    _not_removed(errors, "changed_on", person)
    raise_errors(errors)
    assert changed_on is not None
    return _dated_event(
        actor=actor,
        person=person,
        kind=EventKind.ADDITIONAL,
        trigger=registration.Trigger.ADDITIONAL,
        triggered_on=changed_on,
        done_on=registered_on,
        field="changed_on",
        action="conscription.additional_registration",
        changes={"changed_on": [None, changed_on], "change": [None, change]},
        note=note.strip(),
        event_note=(change + (f" — {note.strip()}" if note.strip() else ""))[:255],
    )


@transaction.atomic
def reserve_registration(
    *,
    actor: User,
    person: Person,
    arrived_home_on: dt.date | None,
    certificate_number: str,
    registered_on: dt.date | None = None,
    note: str = "",
) -> RegistrationEvent:
    """Reserve registration (đăng ký quân nhân dự bị) of a discharged soldier: due 15 working days
    after reaching home (Law 78/2015 Art 45, the rule in force on the day of arrival; Law 98/2025
    did not change it). The reserve registration certificate is recorded with it, and the
    reserve call the citizen came on, if any, is marked as leading to it."""
    person = _authorise(actor, person)
    registered_on = registered_on or today()
    certificate_number = certificate_number.strip()
    errors: dict[str, list[str]] = {}
    _report_dates(
        errors,
        trigger_field="arrived_home_on",
        trigger=arrived_home_on,
        registered_on=registered_on,
        before_message=_("The registration cannot be before the arrival."),
    )
    if not certificate_number:
        errors.setdefault("certificate_number", []).append(
            _("Enter the reserve registration certificate number.")
        )
    if arrived_home_on is not None and arrived_home_on <= person.date_of_birth:
        errors.setdefault("arrived_home_on", []).append(
            _("This date is before the citizen's birth.")
        )
    if RegistrationEvent.objects.filter(
        person=person, kind=EventKind.RESERVE_REGISTRATION
    ).exists():
        errors.setdefault("arrived_home_on", []).append(
            _("This citizen already has a reserve registration.")
        )
    _not_removed(errors, "arrived_home_on", person)
    raise_errors(errors)
    assert arrived_home_on is not None
    event = _dated_event(
        actor=actor,
        person=person,
        kind=EventKind.RESERVE_REGISTRATION,
        trigger=registration.Trigger.RESERVE_REGISTRATION,
        triggered_on=arrived_home_on,
        done_on=registered_on,
        field="arrived_home_on",
        action="conscription.reserve_registration",
        changes={
            "arrived_home_on": [None, arrived_home_on],
            "certificate_number": [None, certificate_number],
        },
        note=note.strip(),
        certificate_number=certificate_number,
    )
    # The reserve call he came on (if any) now leads to this registration.
    RegistrationCall.objects.filter(
        person=person, kind=CallKind.RESERVE, registration__isnull=True
    ).update(registration=event)
    return event


@transaction.atomic
def removal(
    *,
    actor: User,
    person: Person,
    reason: str,
    confirmed_on: dt.date | None,
    reported_on: dt.date | None = None,
    note: str = "",
) -> RegistrationEvent:
    """Removal from the register (xóa tên khỏi danh sách đăng ký NVQS), Art 17: death, over
    reserve age, an Art 13 or Art 14 case. The commune reports within 10 days to the district
    military command (confirmation before 1 July 2025) or within 5 days to the commune chairman
    (from then: Law 98/2025); a report after the due day is flagged late."""
    person = _authorise(actor, person)
    reported_on = reported_on or today()
    errors: dict[str, list[str]] = {}
    if reason not in set(grounds.RemovalReason):
        errors.setdefault("reason", []).append(_("Choose the reason for the removal."))
    _report_dates(
        errors,
        trigger_field="confirmed_on",
        trigger=confirmed_on,
        registered_on=reported_on,
        before_message=_("The report cannot be before the confirmation."),
    )
    if "reported_on" not in errors and "registered_on" in errors:
        errors["reported_on"] = errors.pop("registered_on")
    _not_removed(errors, "confirmed_on", person)
    if confirmed_on is not None and reason in set(grounds.RemovalReason):
        if reason == grounds.RemovalReason.OVER_AGE:
            age = age_on(person.date_of_birth, confirmed_on)
            if not grounds.is_over_reserve_age(person.sex, age):
                errors.setdefault("reason", []).append(
                    _("On this date the citizen is %(age)s, still within reserve age.")
                    % {"age": age}
                )
        elif reason in (grounds.RemovalReason.ART13, grounds.RemovalReason.ART14):
            kind = (
                BarKind.BARRED_ART13
                if reason == grounds.RemovalReason.ART13
                else BarKind.EXEMPT_ART14
            )
            if not any(bar.kind == kind for bar in bars_in_force(person, confirmed_on)):
                errors.setdefault("reason", []).append(
                    _("Record the Art 13 or Art 14 status in force on this date first.")
                )
    raise_errors(errors)
    assert confirmed_on is not None
    recipient = grounds.removal_recipient(confirmed_on)
    return _dated_event(
        actor=actor,
        person=person,
        kind=EventKind.REMOVAL,
        trigger=registration.Trigger.REMOVAL_REPORT,
        triggered_on=confirmed_on,
        done_on=reported_on,
        field="confirmed_on",
        action="conscription.removal",
        changes={
            "removal_reason": [None, reason],
            "confirmed_on": [None, confirmed_on],
            "report_to": [None, recipient],
        },
        note=note.strip(),
        event_note=f"{reason}; Báo cáo: {recipient}"
        + (f" — {note.strip()}" if note.strip() else ""),
    )


def bars_in_force(person: Person, day: dt.date) -> list[RegistrationBar]:
    return list(
        RegistrationBar.objects.filter(person=person, start_date__lte=day).exclude(end_date__lt=day)
    )


@transaction.atomic
def registration_bar_add(
    *,
    actor: User,
    person: Person,
    kind: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    art13_point: str = "",
    icd_code: str = "",
    detail: str = "",
) -> RegistrationBar:
    """Record that a citizen may not register (Art 13: prosecution, sentence, measures) or is
    exempt from registration (Art 14: an illness of TT 105 App. I Part III, by ICD-10 code),
    from ``start_date`` to ``end_date`` (open while the measure lasts)."""
    person = _authorise(actor, person)
    detail = detail.strip()
    errors: dict[str, list[str]] = {}
    if start_date is None:
        errors.setdefault("start_date", []).append(_("Enter the date (dd/mm/yyyy)."))
    else:
        not_future(errors, "start_date", start_date)
        if end_date is not None and end_date < start_date:
            errors.setdefault("end_date", []).append(
                _("The end date cannot be before the start date.")
            )
    ground = citation = ""
    if kind == BarKind.BARRED_ART13:
        point = grounds.ART13_BY_POINT.get(art13_point)
        if point is None:
            errors.setdefault("art13_point", []).append(_("Choose the point of Art 13(1)."))
        elif start_date is not None:
            ground = point.label
            citation = grounds.art13_citation(point.point, start_date)
    elif kind == BarKind.EXEMPT_ART14:
        illness = exempt_illness(icd_code) if icd_code.strip() else None
        if illness is None:
            errors.setdefault("icd_code", []).append(
                _("This ICD code is not on the TT 105 App. I Part III list.")
            )
        else:
            ground = f"{illness.label} — {normalise_icd(icd_code)}"
            citation = grounds.art14_citation(illness.item)
    else:
        errors.setdefault("kind", []).append(_("Choose Art 13 or Art 14."))
    if start_date is not None and kind in BarKind.values:
        overlapping = RegistrationBar.objects.filter(person=person, kind=kind).exclude(
            end_date__lt=start_date
        )
        if end_date is not None:
            overlapping = overlapping.filter(start_date__lte=end_date)
        if overlapping.exists():
            errors.setdefault("start_date", []).append(
                _("A status of this kind already covers this period.")
            )
    raise_errors(errors)
    assert start_date is not None
    if detail:
        ground = f"{ground} ({detail})"
    bar = RegistrationBar.objects.create(
        person=person,
        kind=kind,
        ground=ground[:255],
        legal_citation=citation,
        start_date=start_date,
        end_date=end_date,
    )
    _audit(
        actor,
        person,
        action="conscription.registration_bar_add",
        changes={
            "bar_kind": [None, kind],
            "ground": [None, bar.ground],
            "start_date": [None, start_date],
            "end_date": [None, end_date],
        },
        reason=citation,
    )
    return bar


@transaction.atomic
def registration_bar_end(
    *, actor: User, bar: RegistrationBar, end_date: dt.date | None, note: str = ""
) -> RegistrationBar:
    """End an Art 13 / Art 14 status (the measure ended, the sentence was served): the citizen
    registers again (Art 13(2))."""
    person = _authorise(actor, bar.person)
    bar = RegistrationBar.objects.select_for_update().get(pk=bar.pk)
    errors: dict[str, list[str]] = {}
    if end_date is None:
        raise_errors({"end_date": [_("Enter the date (dd/mm/yyyy).")]})
    assert end_date is not None
    not_future(errors, "end_date", end_date)
    if bar.end_date is not None:
        errors.setdefault("end_date", []).append(
            _("This status already ended on %(date)s.") % {"date": f"{bar.end_date:%d/%m/%Y}"}
        )
    if end_date < bar.start_date:
        errors.setdefault("end_date", []).append(_("The end date cannot be before the start date."))
    raise_errors(errors)
    bar.end_date = end_date
    bar.save(update_fields=["end_date"])
    _audit(
        actor,
        person,
        action="conscription.registration_bar_end",
        changes={"bar": [None, str(bar.public_id)], "end_date": [None, end_date]},
        reason=note.strip() or bar.legal_citation,
    )
    return bar
