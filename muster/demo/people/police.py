"""The demo's police quarterly reports of 2026 (Decree 13/2016 Art 4(8)(b) as amended by
Decree 220/2025), for the four communes of the 2027 campaign, so the year calendar and its
reminders show every status on the demo's "today" (01/12/2026):

* Q3 2025 to Q2 2026 received on time by every commune;
* Q3 2026: Lương Bằng and Nghĩa Dân on time, Hiệp Cường a day late (01/10/2026), Đức Hợp
  none (late in red on its calendar);
* Đức Hợp's Q2 2026 report names one man detained on 10/06/2026 and Nghĩa Dân's one man whose
  residence moved to Lương Bằng on 05/06/2026, both applied through the registration services
  (an Art 13 status opened, a transfer recorded).

Idempotent: a second run finds the reports and does nothing."""

from __future__ import annotations

import datetime as dt

from muster.accounts.services import system_actor
from muster.geo.models import Unit
from muster.people.models import Person, Sex
from muster.people.registration.models import PoliceReport
from muster.people.registration.services.police import (
    add_police_item,
    apply_police_item,
    record_police_report,
)
from muster.people.succession import holding

D = dt.date
COMMUNES = ("LB25", "ND25", "HC25", "DHOP25")
ON_TIME = {(2025, 3): D(2025, 9, 29), (2025, 4): D(2025, 12, 29)}
ON_TIME.update({(2026, 1): D(2026, 3, 27), (2026, 2): D(2026, 6, 29)})


def _man(unit: Unit, skip: int = 0) -> Person | None:
    """A man born in 1990 the commune holds (registered there or in a predecessor): past
    the call-up age, so the reports change no campaign's pool (a reservist's registration
    follows the police's report all the same)."""
    return (
        Person.objects.filter(holding([unit]).q(), sex=Sex.MALE, date_of_birth__year=1990)
        .order_by("national_id")[skip : skip + 1]
        .first()
    )


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the registry app): the police's reports."""
    communes = [units[k] for k in COMMUNES if k in units]
    if not communes or PoliceReport.objects.filter(unit__in=communes).exists():
        return []
    actor = system_actor()
    made = 0
    reports: dict[tuple[str, int, int], PoliceReport] = {}
    for commune in communes:
        received = dict(ON_TIME)
        if commune.code == units["LB25"].code or commune.code == units["ND25"].code:
            received[(2026, 3)] = D(2026, 9, 29)
        elif commune.code == units["HC25"].code:
            received[(2026, 3)] = D(2026, 10, 1)
        for (year, quarter), day in received.items():
            reports[(commune.code, year, quarter)] = record_police_report(
                actor=actor, commune=commune, year=year, quarter=quarter, received_on=day
            )
            made += 1
    applied = 0
    held = _man(units["DHOP25"])
    if held is not None:
        item = add_police_item(
            actor=actor,
            report=reports[(units["DHOP25"].code, 2026, 2)],
            person=held,
            kind="detention",
            event_date=D(2026, 6, 10),
        )
        apply_police_item(actor=actor, item=item, applied_on=D(2026, 6, 29))
        applied += 1
    moved = _man(units["ND25"], skip=1)
    if moved is not None:
        item = add_police_item(
            actor=actor,
            report=reports[(units["ND25"].code, 2026, 2)],
            person=moved,
            kind="residence",
            event_date=D(2026, 6, 5),
            to_unit=units["LB25"],
        )
        apply_police_item(actor=actor, item=item, applied_on=D(2026, 6, 29))
        applied += 1
    return [f"Police quarterly reports: {made} received, {applied} items applied to the registry."]
