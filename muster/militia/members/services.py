"""Registration for militia service (đăng ký nghĩa vụ tham gia Dân quân tự vệ, Law 48/2019
Art 9 as amended by Law 98/2025) and the members' absences.

* Every April the commune registers the citizens turning 18 in the year **from the military
  service registration results**: the people of the commune born that year who registered for
  military service (a first registration) or were exempt from that registration (Law 78/2015
  Art 14: disability, serious or mental illness). The latter are recorded as exempt from militia
  registration with the reason (Art 9(1)(c)). ``register_from_april`` does the whole commune in
  one step and is idempotent: a citizen already registered is skipped.
* New residents and the new staff of agencies are registered one by one (``register_one``).
* A registration is closed by ``registration_remove``.
* An absence of 3 months or more must be reported (``absence_record``); the selectors flag
  the unreported ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.law.book import rule, rule_or_none
from muster.law.militia.enums import Sex
from muster.law.rulebook import Citation
from muster.law.sources import LAW_48
from muster.militia.members.models import (
    Absence,
    Membership,
    MembershipStatus,
    MilitiaRegistration,
    RegistrationSource,
)
from muster.militia.members.selectors import april_candidates, art14_bars
from muster.militia.perms import can_manage_militia
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User

#: The original Art 9 (before Law 98/2025) is not encoded as a rule: the registration then
#: cites the article itself.
_ART9 = Citation(LAW_48, "9", text="Registration for militia service.")


def registration_citation(on: dt.date) -> str:
    """The legal basis of a registration on ``on``, in Vietnamese (stored on the row)."""
    item = rule_or_none("militia.registration.april", on)
    citations = item.citations if item is not None else (_ART9,)
    return "; ".join(c.label_vi for c in citations)


def _exempt_reason(ground: str, on: dt.date) -> str:
    item = rule("militia.registration.exempt", on)
    return f"{ground} ({'; '.join(c.label_vi for c in item.citations)})"[:255]


@dataclass(frozen=True)
class AprilResult:
    registered: int
    exempt: int
    already: int


def register_from_april(*, actor: User, commune: Unit, year: int, on: dt.date) -> AprilResult:
    """Register in one step every citizen of ``commune`` turning 18 in ``year`` whom the
    military service registration knows (registered, or exempt from it under Art 14), on
    ``on``; those exempt are recorded exempt with the reason; those already registered are
    skipped, so running it twice changes nothing."""
    require(can_manage_militia(actor))
    require_actor_area(actor, commune)
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    if on.year != year:
        errors.setdefault("on", []).append(
            _("The registration day must fall in the year of the registration.")
        )
    raise_errors(errors)
    citation = registration_citation(on)
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=commune.pk).first()
        candidates = april_candidates(commune=commune, year=year, on=on)
        new = [c for c in candidates if c.registration is None and c.from_registration]
        bars = art14_bars([c.person.pk for c in new], on)
        rows = []
        for candidate in new:
            bar = bars.get(candidate.person.pk)
            rows.append(
                MilitiaRegistration(
                    person=candidate.person,
                    holder=commune,
                    registered_on=on,
                    source=RegistrationSource.APRIL,
                    exempt=bar is not None,
                    exempt_reason=_exempt_reason(bar, on) if bar is not None else "",
                    legal_citation=citation,
                )
            )
        MilitiaRegistration.objects.bulk_create(rows)
        exempt = sum(1 for r in rows if r.exempt)
        already = sum(1 for c in candidates if c.registration is not None)
        record_event(
            actor=actor,
            action="militia.register_april",
            obj=commune,
            scope_unit=commune,
            changes={
                "year": year,
                "on": on.isoformat(),
                "registered": len(rows) - exempt,
                "exempt": exempt,
                "already": already,
            },
        )
    return AprilResult(registered=len(rows) - exempt, exempt=exempt, already=already)


def register_one(
    *,
    actor: User,
    person: Person,
    commune: Unit,
    on: dt.date,
    source: str,
    agency: str = "",
    exempt_reason: str = "",
) -> MilitiaRegistration:
    """Register one citizen: a new resident of the commune, the new staff of an agency or
    enterprise (``agency``), or another case; ``exempt_reason`` (a disability, serious or
    mental illness) records the citizen exempt from registration (Art 9(1)(c)); an Art 14
    exemption in the military-service registration is taken over by itself."""
    require(can_manage_militia(actor))
    require_actor_area(actor, commune)
    require_actor_area(actor, person.registration_unit_id)
    agency, exempt_reason = agency.strip(), exempt_reason.strip()
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    if source not in (
        RegistrationSource.NEW_RESIDENT,
        RegistrationSource.WORKPLACE,
        RegistrationSource.OTHER,
    ):
        errors.setdefault("source", []).append(_("Choose how the citizen comes to register."))
    if source == RegistrationSource.WORKPLACE and not agency:
        errors.setdefault("agency", []).append(_("Name the agency or enterprise."))
    ages = rule("militia.age", on)
    low = ages.int_param("men_min_age" if person.sex == Sex.MALE else "women_min_age")
    if on.year - person.date_of_birth.year < low:
        errors.setdefault("person", []).append(
            _("The citizen does not turn %(age)s this year: too young to register.") % {"age": low}
        )
    if MilitiaRegistration.objects.filter(person=person, ended_on__isnull=True).exists():
        errors.setdefault("person", []).append(_("This citizen is already registered."))
    raise_errors(errors)
    bar = art14_bars([person.pk], on).get(person.pk)
    reason = exempt_reason or (bar or "")
    with transaction.atomic():
        registration = MilitiaRegistration.objects.create(
            person=person,
            holder=commune,
            registered_on=on,
            source=source,
            agency=agency,
            exempt=bool(reason),
            exempt_reason=_exempt_reason(reason, on) if reason else "",
            legal_citation=registration_citation(on),
        )
        record_event(
            actor=actor,
            action="militia.register",
            obj=registration,
            scope_unit=commune,
            changes={
                "person": str(person.public_id),
                "source": source,
                "on": on.isoformat(),
                "exempt": bool(reason),
            },
            reason=reason,
        )
    return registration


def registration_remove(
    *, actor: User, registration: MilitiaRegistration, on: dt.date, reason: str
) -> MilitiaRegistration:
    """Take a citizen off the militia register on ``on`` (moved away, over age, died …); a
    serving member leaves the force first."""
    require(can_manage_militia(actor))
    require_actor_area(actor, registration.holder_id)
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    if not reason:
        errors.setdefault("reason", []).append(_("Give the reason for the removal."))
    if registration.ended_on is not None:
        errors.setdefault("__all__", []).append(_("This registration is already closed."))
    if on < registration.registered_on:
        errors.setdefault("on", []).append(_("The removal cannot precede the registration."))
    if Membership.objects.filter(
        person_id=registration.person_id, status=MembershipStatus.SERVING
    ).exists():
        errors.setdefault("__all__", []).append(
            _("The citizen is a serving member: record the leaving first.")
        )
    raise_errors(errors)
    with transaction.atomic():
        MilitiaRegistration.objects.filter(pk=registration.pk).update(
            ended_on=on, end_reason=reason
        )
        registration.refresh_from_db()
        record_event(
            actor=actor,
            action="militia.register_remove",
            obj=registration,
            scope_unit=registration.holder,
            changes={"ended_on": [None, on.isoformat()]},
            reason=reason,
        )
    return registration


def absence_record(
    *,
    actor: User,
    membership: Membership,
    left_on: dt.date,
    returns_on: dt.date | None = None,
    reported_on: dt.date | None = None,
    note: str = "",
) -> Absence:
    """Record a member's absence (and the day it was reported, if it was): an absence of 3
    months or more must be reported to the commune military command (Art 9 as amended)."""
    require(can_manage_militia(actor))
    require_actor_area(actor, membership.holder_id)
    errors: dict[str, list[str]] = {}
    if returns_on is not None and returns_on < left_on:
        errors.setdefault("returns_on", []).append(_("The return cannot precede the leaving."))
    if reported_on is not None:
        not_future(errors, "reported_on", reported_on)
    if membership.status != MembershipStatus.SERVING:
        errors.setdefault("__all__", []).append(_("This member no longer serves."))
    raise_errors(errors)
    with transaction.atomic():
        absence = Absence.objects.create(
            membership=membership,
            left_on=left_on,
            returns_on=returns_on,
            reported_on=reported_on,
            note=note.strip(),
        )
        record_event(
            actor=actor,
            action="militia.absence",
            obj=absence,
            scope_unit=membership.holder,
            changes={
                "left_on": left_on.isoformat(),
                "returns_on": returns_on.isoformat() if returns_on else None,
                "reported_on": reported_on.isoformat() if reported_on else None,
            },
        )
    return absence
