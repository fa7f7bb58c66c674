"""The commune police's quarterly report (Decree 13/2016 Art 4(8)(b) as amended by Decree
220/2025): recorded by the commune clerk or commander, then applied item by item through the
registration services — a detention opens an Art 13 bar, a release ends it, a residence change
records a transfer. Nothing here writes a bar or an event itself."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.dates import today
from muster.core.validation import not_future, raise_errors
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.law.callup.registration_grounds import ART13_BY_POINT
from muster.people.models import Person
from muster.people.perms import can_record_police_report
from muster.people.registration.models import (
    BarKind,
    PoliceItemKind,
    PoliceReport,
    PoliceReportItem,
    RegistrationBar,
)
from muster.people.registration.services.events import transfer_person
from muster.people.registration.services.records import (
    registration_bar_add,
    registration_bar_end,
)
from muster.people.succession import holding

if TYPE_CHECKING:
    from muster.accounts.models import User


def _quarter_first_day(year: int, quarter: int) -> dt.date:
    return dt.date(year, quarter * 3 - 2, 1)


def _quarter_last_day(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return dt.date(year, month, 31 if month in (3, 12) else 30)


@transaction.atomic
def record_police_report(
    *,
    actor: User,
    commune: Unit,
    year: int,
    quarter: int,
    received_on: dt.date | None,
    note: str = "",
) -> PoliceReport:
    """Record that the commune police's report of ``quarter`` reached the commune command on
    ``received_on`` (late after the window's last day: ``year.quarter_window``)."""
    require(can_record_police_report(actor))
    require_actor_area(actor, commune)
    errors: dict[str, list[str]] = {}
    if commune.kind not in COMMUNE_LEVEL_KINDS:
        errors.setdefault("commune", []).append(_("Choose a commune in your area."))
    if quarter not in (1, 2, 3, 4):
        errors.setdefault("quarter", []).append(_("Choose a quarter from 1 to 4."))
    if received_on is None:
        errors.setdefault("received_on", []).append(_("Enter the date (dd/mm/yyyy)."))
    raise_errors(errors)
    assert received_on is not None
    not_future(errors, "received_on", received_on)
    if not commune.is_valid_on(received_on):
        errors.setdefault("commune", []).append(_("This commune did not exist on that date."))
    if received_on < _quarter_first_day(year, quarter):
        errors.setdefault("received_on", []).append(
            _("The report cannot be received before its quarter begins.")
        )
    if PoliceReport.objects.filter(unit=commune, year=year, quarter=quarter).exists():
        errors.setdefault("quarter", []).append(
            _("The report of this quarter is already recorded for this commune.")
        )
    raise_errors(errors)
    try:
        with transaction.atomic():
            report = PoliceReport.objects.create(
                unit=commune, year=year, quarter=quarter, received_on=received_on, note=note.strip()
            )
    except IntegrityError:
        raise_errors(
            {"quarter": [_("The report of this quarter is already recorded for this commune.")]}
        )
        raise
    record_event(
        actor=actor,
        action="people.police_report",
        obj=report,
        scope_unit=commune,
        changes={"quarter": [None, f"{quarter}/{year}"], "received_on": [None, received_on]},
        reason=note.strip(),
    )
    return report


@transaction.atomic
def add_police_item(
    *,
    actor: User,
    report: PoliceReport,
    person: Person | None,
    kind: str,
    event_date: dt.date | None,
    to_unit: Unit | None = None,
    art13_point: str = "a",
) -> PoliceReportItem:
    """Enter one person of the report: a citizen the report's commune holds (registered
    there, or in a predecessor commune it took over: ``people.succession``)."""
    require(can_record_police_report(actor))
    require_actor_area(actor, report.unit)
    errors: dict[str, list[str]] = {}
    if person is None:
        errors.setdefault("person", []).append(_("No citizen of this commune has this ID number."))
    elif not Person.objects.filter(holding([report.unit]).q(), pk=person.pk).exists():
        errors.setdefault("person", []).append(
            _("This citizen is not registered in the report's commune.")
        )
    if kind not in PoliceItemKind.values:
        errors.setdefault("kind", []).append(_("Choose what the police reported."))
    if event_date is None:
        errors.setdefault("event_date", []).append(_("Enter the date (dd/mm/yyyy)."))
    elif event_date > _quarter_last_day(report.year, report.quarter):
        errors.setdefault("event_date", []).append(_("This date is after the report's quarter."))
    if kind == PoliceItemKind.RESIDENCE and to_unit is None:
        errors.setdefault("to_unit", []).append(_("Choose the destination commune."))
    if kind == PoliceItemKind.DETENTION and art13_point not in ART13_BY_POINT:
        errors.setdefault("art13_point", []).append(_("Choose the point of Art 13(1)."))
    raise_errors(errors)
    assert person is not None and event_date is not None
    item = PoliceReportItem.objects.create(
        report=report,
        person=person,
        kind=kind,
        event_date=event_date,
        to_unit=to_unit if kind == PoliceItemKind.RESIDENCE else None,
        art13_point=art13_point if kind == PoliceItemKind.DETENTION else "",
    )
    record_event(
        actor=actor,
        action="people.police_report_item",
        obj=report,
        scope_unit=report.unit,
        changes={"person": [None, str(person.public_id)], "kind": [None, kind]},
        reason=f"{event_date:%d/%m/%Y}",
    )
    return item


def _open_art13_bar(person: Person, day: dt.date) -> RegistrationBar | None:
    return (
        RegistrationBar.objects.filter(
            person=person, kind=BarKind.BARRED_ART13, start_date__lte=day, end_date__isnull=True
        )
        .order_by("-start_date")
        .first()
    )


@transaction.atomic
def apply_police_item(
    *, actor: User, item: PoliceReportItem, applied_on: dt.date | None = None
) -> PoliceReportItem:
    """Apply one item through the registration services: a detention opens an Art 13 bar
    (``registration_bar_add``), a release ends the open one (``registration_bar_end``), a
    residence change records the transfer (``transfer_person``, arrival on the reported day,
    registered on ``applied_on``). An item is applied once."""
    require(can_record_police_report(actor))
    item = PoliceReportItem.objects.select_for_update().select_related("report").get(pk=item.pk)
    require_actor_area(actor, item.report.unit)
    applied_on = applied_on or today()
    if item.applied_on is not None:
        raise_errors(
            {
                "item": [
                    _("This item was already applied on %(date)s.")
                    % {"date": f"{item.applied_on:%d/%m/%Y}"}
                ]
            }
        )
    person = Person.objects.get(pk=item.person_id)
    detail = _("police report, quarter %(q)s/%(y)s") % {
        "q": item.report.quarter,
        "y": item.report.year,
    }
    if item.kind == PoliceItemKind.DETENTION:
        item.bar = registration_bar_add(
            actor=actor,
            person=person,
            kind=BarKind.BARRED_ART13,
            start_date=item.event_date,
            art13_point=item.art13_point or "a",
            detail=str(detail),
        )
    elif item.kind == PoliceItemKind.RELEASE:
        bar = _open_art13_bar(person, item.event_date)
        if bar is None:
            raise_errors({"item": [_("This citizen has no open Art 13 status to end.")]})
        assert bar is not None
        item.bar = registration_bar_end(
            actor=actor, bar=bar, end_date=item.event_date, note=str(detail)
        )
    else:
        _out, item.transfer = transfer_person(
            actor=actor,
            person=person,
            to_unit=item.to_unit,
            left_on=item.event_date,
            arrived_on=item.event_date,
            registered_on=max(applied_on, item.event_date),
            note=str(detail),
        )
    item.applied_on = applied_on
    item.save(update_fields=["applied_on", "bar", "transfer"])
    return item
