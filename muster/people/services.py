"""State changes of the citizen registry (hồ sơ công dân).

Every write validates first, then writes in one transaction together with its audit event, so a
rejected change leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area
from muster.audit.services import diff, record_event
from muster.core.dates import today
from muster.core.text import clean_name, fold, hidden_characters
from muster.geo.models import COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, Unit, unit_label
from muster.geo.scope import scope_of
from muster.people import national_id
from muster.people.models import Person, Sex

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Fields a caller may set through ``person_create`` / ``person_update``.
EDITABLE_FIELDS: frozenset[str] = frozenset(
    {
        "full_name",
        "sex",
        "date_of_birth",
        "national_id",
        "registration_unit",
        "residence_unit",
        "ethnicity",
        "religion",
        "phone",
        "occupation",
        "workplace",
        "school_grade",
        "in_school",
        "higher_level",
        "field_of_study",
        "study_mode",
        "study_status",
        "study_end_date",
        "party_member",
        "youth_union_member",
        "marital_status",
    }
)


def id_problem_message(code: str) -> str:
    """The user-facing message for one ``national_id.IdProblem`` code."""
    messages = {
        "digits": _("The ID number must contain digits only."),
        "length": _("The ID number must have exactly 12 digits."),
        "province": _("The first 3 digits of the ID number are not a province code."),
        "sex_century": _(
            "The 4th digit of the ID number does not match the sex and century of birth."
        ),
        "year": _("Digits 5–6 of the ID number do not match the year of birth."),
    }
    return messages.get(code, _("The ID number is not valid."))


def check_registration_unit(*, actor: User, unit: Unit | None, on: dt.date | None) -> list[str]:
    """Problems with ``unit`` as a registration unit (đơn vị đăng ký) chosen by ``actor``.

    It must be a commune-level unit inside the actor's scope that exists today or on ``on``
    (the date of the registration event being recorded).
    """
    if unit is None:
        return [_("Choose the commune where the citizen is registered.")]
    problems: list[str] = []
    if unit.kind not in COMMUNE_LEVEL_KINDS:
        problems.append(_("The registration unit must be a commune, ward or town."))
    if not scope_of(actor).contains(unit):
        problems.append(_("This commune is outside your area."))
    days = [today()] + ([on] if on is not None else [])
    if not any(unit.is_valid_on(day) for day in days):
        problems.append(_unit_not_existing(unit, on or today()))
    return problems


def _unit_not_existing(unit: Unit, day: dt.date) -> str:
    """“Xã Đức Hợp (1997–2025) không còn tồn tại ngày 07/12/2026; từ 01/07/2025 là Xã Đức
    Hợp.”: the unit, the date and what it became by then (or when it began)."""
    label = unit_label(unit)
    date = f"{day:%d/%m/%Y}"
    if unit.valid_from > day:
        return _("%(unit)s did not exist yet on %(date)s (it began on %(start)s).") % {
            "unit": label,
            "date": date,
            "start": f"{unit.valid_from:%d/%m/%Y}",
        }
    successors = [
        c
        for c in unit.successions.select_related("successor").order_by("successor__name")
        if c.effective_date <= day
    ]
    if not successors:
        return _("%(unit)s no longer existed on %(date)s.") % {"unit": label, "date": date}
    return _("%(unit)s no longer existed on %(date)s; from %(start)s it is %(successors)s.") % {
        "unit": label,
        "date": date,
        "start": f"{successors[0].effective_date:%d/%m/%Y}",
        "successors": ", ".join(
            str(c.successor) + (f" ({_('part')})" if c.partial else "") for c in successors
        ),
    }


def _validate(*, actor: User, person: Person, on: dt.date | None, check_unit: bool) -> None:
    """Raise ``ValidationError`` with field errors for everything wrong with ``person``."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not person.full_name.strip():
        add("full_name", _("Enter the full name."))
    hidden = hidden_characters(person.full_name)
    if hidden:
        add(
            "full_name",
            _("The name contains hidden or control characters (%(chars)s): type it again.")
            % {"chars": ", ".join(hidden)},
        )
    if person.sex not in Sex.values:
        add("sex", _("Choose the sex."))
    birth: dt.date | None = getattr(person, "date_of_birth", None)
    if birth is None:
        add("date_of_birth", _("Enter the date of birth (dd/mm/yyyy)."))
        birth = None
    elif birth > today():
        add("date_of_birth", _("The date of birth cannot be in the future."))
    elif birth.year < 1900:
        add("date_of_birth", _("The date of birth is too far in the past."))
    number = (person.national_id or "").strip()
    person.national_id = number
    problems = national_id.check(
        number,
        male=(person.sex == Sex.MALE) if person.sex in Sex.values else None,
        birth_date=birth,
    )
    for problem in problems:
        add("national_id", id_problem_message(problem.code))
    if number and not problems:
        clash = Person.objects.filter(national_id=number).exclude(pk=person.pk)
        if clash.exists():
            add("national_id", _("Another citizen already has this ID number."))
    if check_unit:
        unit = person.registration_unit if person.registration_unit_id else None
        for message in check_registration_unit(actor=actor, unit=unit, on=on):
            add("registration_unit", message)
    if person.residence_unit_id is not None:
        village = person.residence_unit
        assert village is not None
        reg_unit = person.registration_unit if person.registration_unit_id else None
        if village.kind not in VILLAGE_LEVEL_KINDS:
            add(
                "residence_unit",
                _("The place of residence must be a village or residential group."),
            )
        elif reg_unit is None or village.parent_id != reg_unit.pk:
            add("residence_unit", _("This village does not belong to the registration commune."))
    try:
        person.full_clean(
            exclude=["name_search", "national_id", "registration_unit", "residence_unit"],
            validate_unique=False,
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            if field not in errors:
                for message in messages:
                    add(field, message)
    if errors:
        raise ValidationError(errors)


def _save(person: Person) -> None:
    """Save ``person`` after ``_validate``. Two requests with the same ID number (a form
    submitted twice) can both pass its check before either inserts; the unique index then
    refuses the later one, which gets the check's own message instead of an error page."""
    try:
        with transaction.atomic():  # a savepoint: the refused insert leaves the caller usable
            person.save()
    except IntegrityError:
        clash = Person.objects.filter(national_id=person.national_id).exclude(pk=person.pk)
        if person.national_id and clash.exists():
            raise ValidationError(
                {"national_id": [_("Another citizen already has this ID number.")]}
            ) from None
        raise


def _snapshot(person: Person) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in sorted(EDITABLE_FIELDS):
        if field in {"registration_unit", "residence_unit"}:
            unit = getattr(person, field) if getattr(person, f"{field}_id") else None
            values[field] = unit.code if unit is not None else None
        else:
            values[field] = getattr(person, field)
    return values


def _unknown(fields: Mapping[str, object]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")


@transaction.atomic
def person_create(
    *,
    actor: User,
    full_name: str,
    sex: str,
    date_of_birth: dt.date | None,
    national_id: str,
    registration_unit: Unit | None,
    residence_unit: Unit | None = None,
    on: dt.date | None = None,
    reason: str = "",
    **extra: Any,
) -> Person:
    """Enter a citizen in the registry of ``registration_unit``.

    ``on`` is the date of the registration being recorded (for a commune that has since been
    merged away); ``extra`` holds the other fields of ``EDITABLE_FIELDS`` (ethnicity, phone, …).
    """
    _unknown(extra)
    person = Person(
        full_name=clean_name(full_name),
        sex=sex,
        date_of_birth=date_of_birth,  # type: ignore[misc]
        national_id=national_id,
        residence_unit=residence_unit,
        **extra,
    )
    if registration_unit is not None:
        person.registration_unit = registration_unit
    _validate(actor=actor, person=person, on=on, check_unit=True)
    person.name_search = fold(person.full_name)
    _save(person)
    record_event(
        actor=actor,
        action="people.person_create",
        obj=person,
        scope_unit=person.registration_unit,
        changes=diff({}, _snapshot(person)),
        reason=reason,
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor: User,
    person: Person,
    changes: Mapping[str, Any],
    reason: str,
    on: dt.date | None = None,
) -> Person:
    """Change fields of ``person``; the audit event carries each changed field before/after.

    A change of registration unit here corrects an error; a move is a transfer
    (``conscription.services.transfer_person``).
    """
    _unknown(changes)
    require_actor_area(actor, person.registration_unit_id, _("This citizen is outside your area."))
    locked = Person.objects.select_for_update().get(pk=person.pk)
    before = _snapshot(locked)
    for field, value in changes.items():
        if field == "full_name":
            value = clean_name(value)
        setattr(locked, field, value.strip() if isinstance(value, str) else value)
    changed = diff(before, _snapshot(locked))
    if not changed:
        return locked
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for this change.")]})
    _validate(actor=actor, person=locked, on=on, check_unit="registration_unit" in changed)
    locked.name_search = fold(locked.full_name)
    _save(locked)
    record_event(
        actor=actor,
        action="people.person_update",
        obj=locked,
        scope_unit=locked.registration_unit,
        changes=changed,
        reason=reason.strip(),
    )
    return locked
