"""What the registration services share: the holidays and deadlines, the actor's checks and
the dated registration event."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.core.calendar import holidays_between
from muster.law.callup import registration
from muster.people.models import Person
from muster.people.registration.models import EventKind, RegistrationBar, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User


#: Far enough ahead to hold any registration deadline (15 working days plus Tết).
_HOLIDAY_WINDOW = dt.timedelta(days=120)


def holidays_from(start: dt.date) -> frozenset[dt.date]:
    """The public holidays from ``start`` on, far enough to count any registration deadline."""
    return holidays_between(start, start + _HOLIDAY_WINDOW)


def _deadline(trigger: registration.Trigger, day: dt.date, field: str) -> registration.Deadline:
    try:
        return registration.deadline(trigger, day, holidays_from(day))
    except registration.NoRuleError:
        raise ValidationError(
            {field: [_("No registration rule is in force on this date.")]}
        ) from None


def _authorise(actor: User, person: Person) -> Person:
    """Lock and return ``person`` after checking role (403) and area (validation error)."""
    require_cap(actor, Cap.EDIT_PEOPLE)
    require_actor_area(actor, person.registration_unit_id, _("This citizen is outside your area."))
    return Person.objects.select_for_update().select_related("registration_unit").get(pk=person.pk)


def _dated_event(
    *,
    actor: User,
    person: Person,
    kind: EventKind,
    trigger: registration.Trigger,
    triggered_on: dt.date,
    done_on: dt.date,
    field: str,
    action: str,
    changes: dict[str, list[object]],
    note: str,
    event_note: str | None = None,
    **extra: object,
) -> RegistrationEvent:
    """Write a registration event that has a legal deadline, and its audit event.

    The deadline is the rule in force on ``triggered_on`` (the arrival, return, change or
    confirmation); the event is late when ``done_on`` is after it. The event keeps
    ``event_note``, by default the user's ``note``. The audit event carries ``changes`` plus the
    due date and the late flag; its reason is the user's note, or else the rule's citation.
    """
    due = _deadline(trigger, triggered_on, field)
    event = RegistrationEvent.objects.create(
        person=person,
        kind=kind,
        event_date=done_on,
        trigger_date=triggered_on,
        unit=person.registration_unit,
        due_date=due.due,
        is_late=registration.is_late(due.due, done_on),
        legal_citation=due.rule.citation,
        note=note if event_note is None else event_note,
        **extra,
    )
    _audit(
        actor,
        person,
        action=action,
        changes={**changes, "due": [None, due.due], "is_late": [None, event.is_late]},
        reason=note or due.rule.citation,
    )
    return event


def _audit(
    actor: User, person: Person, *, action: str, changes: dict[str, list[object]], reason: str
) -> None:
    """The audit event of a change to ``person``'s registration, in his registration unit."""
    record_event(
        actor=actor,
        action=action,
        obj=person,
        scope_unit=person.registration_unit,
        changes=changes,
        reason=reason,
    )


def _bar_on(person: Person, day: dt.date) -> RegistrationBar | None:
    return (
        RegistrationBar.objects.filter(person=person, start_date__lte=day)
        .exclude(end_date__lt=day)
        .first()
    )
