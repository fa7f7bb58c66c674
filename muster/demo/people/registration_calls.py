"""Demo: the April 2025 registration in one commune (Decree 13/2016 Art 4), through the
services: the calls to the men reaching 17, their delivery (one late), the registration with
the certificates (one handed over late, one man who did not come) and the 10-day report.

The demo's citizens stay registered in the communes of before the 1 July 2025 reform, so the
demo registers them in April 2025, when those communes existed (the calls are then the
district commander's); April 2027 is still to come and the services refuse a call signed on a
day in the future."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count

from muster.accounts.services import system_actor
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.people.models import Person, Sex
from muster.people.registration.models import RegistrationCall
from muster.people.registration.services import calls as services

YEAR = 2025
ISSUED = dt.date(YEAR, 4, 1)
REGISTRATION = dt.date(YEAR, 4, 15)  # deliver by 05/04 (a Saturday: a lead time does not move)
MAX_CALLS = 25


def _commune() -> Unit | None:
    """The commune in force in April 2025 with the most men reaching 17 that year."""
    best = (
        Person.objects.filter(
            sex=Sex.MALE,
            date_of_birth__year=YEAR - 17,
            registration_unit__kind__in=COMMUNE_LEVEL_KINDS,
            registration_unit__valid_from__lte=ISSUED,
        )
        .exclude(registration_unit__valid_to__lt=REGISTRATION)
        .values("registration_unit")
        .annotate(n=Count("id"))
        .order_by("-n", "registration_unit")
        .first()
    )
    return Unit.objects.get(pk=best["registration_unit"]) if best else None


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the people app)."""
    if RegistrationCall.objects.filter(year=YEAR).exists():
        return [f"April {YEAR} registration calls already loaded; reusing them."]
    commune = _commune()
    if commune is None:
        return [f"April {YEAR} registration calls: no commune with men reaching 17."]
    men = list(
        Person.objects.filter(
            registration_unit=commune, sex=Sex.MALE, date_of_birth__year=YEAR - 17
        )
        .exclude(registration_events__kind="first_registration")
        .order_by("name_search", "id")[:MAX_CALLS]
    )
    if len(men) < 3:
        return [f"April {YEAR} registration calls: too few men reaching 17."]
    actor = system_actor()
    with transaction.atomic():
        calls = services.issue_calls(
            actor=actor,
            commune=commune,
            people=men,
            kind="first",
            issued_on=ISSUED,
            registration_date=REGISTRATION,
            registration_place=f"Trụ sở Ban Chỉ huy quân sự {commune.name}",
            signer_name="Nguyễn Văn Thành",
        )
        services.record_delivery(actor=actor, calls=calls[:-1], delivered_on=dt.date(YEAR, 4, 3))
        services.record_delivery(actor=actor, calls=calls[-1:], delivered_on=dt.date(YEAR, 4, 7))
        came = calls[:-1]  # the last man did not come
        services.register_called(
            actor=actor, calls=came[:-1], registered_on=REGISTRATION, certificate_on=REGISTRATION
        )
        services.register_called(
            actor=actor, calls=came[-1:], registered_on=REGISTRATION,
            certificate_on=dt.date(YEAR, 4, 17),
        )  # fmt: skip
        report = services.record_report(
            actor=actor,
            commune=commune,
            registration_date=REGISTRATION,
            reported_on=dt.date(YEAR, 4, 22),
            number=f"15/BC-BCHQS-{YEAR}",
        )
    return [
        f"April {YEAR} registration in {commune.name}: {len(calls)} calls (1 delivered late), "
        f"{len(came)} registered (1 certificate late), report {report.number} to "
        f"{report.recipient}."
    ]
