"""The commune police's quarterly reports: the list (and recording one), a report with its
items (and entering one), applying an item to the registry. Reading: every role
(Cap.VIEW_PEOPLE); recording and applying: ``can_record_police_report``."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require, require_cap
from muster.accounts.perms import Cap
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.scope import scope_of
from muster.geo.selectors import communes_on
from muster.people.models import Person
from muster.people.perms import can_record_police_report
from muster.people.police.forms import PoliceItemForm, PoliceReportForm
from muster.people.registration.models import PoliceReport, PoliceReportItem
from muster.people.registration.selectors_police import report_rows
from muster.people.registration.services.police import (
    add_police_item,
    apply_police_item,
    record_police_report,
)


def police_report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    require_cap(user, Cap.VIEW_PEOPLE)
    can_record = can_record_police_report(user)
    form = None
    if can_record:
        form = PoliceReportForm(
            request.POST if request.method == "POST" else None,
            communes=communes_on(user=user, day=today()),
            initial={"year": today().year},
        )
        done = submit(
            request,
            form,
            lambda d: record_police_report(
                actor=user,
                commune=d["commune"],
                year=d["year"],
                quarter=d["quarter"],
                received_on=d["received_on"],
                note=d["note"],
            ),
            success=_("The police report has been recorded."),
        )
        if done:
            return redirect("people:police_report_detail", public_id=done.value.public_id)
    elif request.method == "POST":
        require(False)
    reports = scope_of(user).filter(PoliceReport.objects.select_related("unit"), "unit")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/police/report_list.html",
        {"rows": report_rows(reports[:200]), "form": form, "can_record": can_record},
        status=status,
    )


def police_report_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = request.user
    report = get_for_user(
        user,
        PoliceReport.objects.select_related("unit"),
        unit_field="unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    can_record = can_record_police_report(user)
    form = None
    if can_record:
        form = PoliceItemForm(request.POST if request.method == "POST" else None)

        def add(d: dict[str, object]) -> PoliceReportItem:
            person = (
                scope_of(user)
                .filter(Person.objects.all(), "registration_unit")
                .filter(national_id=str(d["national_id"]).strip())
                .first()
            )
            return add_police_item(
                actor=user,
                report=report,
                person=person,
                kind=str(d["kind"]),
                event_date=d["event_date"],  # type: ignore[arg-type]
                to_unit=d["to_unit"],  # type: ignore[arg-type]
                art13_point=str(d["art13_point"] or "a"),
            )

        if submit(
            request,
            form,
            add,
            success=_("The item has been entered."),
            mapping={"person": "national_id"},
        ):
            return redirect("people:police_report_detail", public_id=report.public_id)
    elif request.method == "POST":
        require(False)
    items = report.items.select_related("person", "to_unit", "bar", "transfer")
    return render(
        request,
        "people/police/report_detail.html",
        {
            "report": report,
            "row": report_rows([report])[0],
            "items": items,
            "form": form,
            "can_record": can_record,
        },
        status=400 if request.method == "POST" else 200,
    )


def police_item_apply(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Confirm (GET) and apply (POST) one item to the registry."""
    user = request.user
    item = get_for_user(
        user,
        PoliceReportItem.objects.select_related("report__unit", "person", "to_unit"),
        unit_field="report__unit",
        cap=lambda u, _obj: can_record_police_report(u),
        public_id=public_id,
    )
    errors: list[str] = []
    if request.method == "POST":
        try:
            apply_police_item(actor=user, item=item)
        except ValidationError as error:
            errors = [str(m) for m in error.messages]
        else:
            messages.success(request, _("The item has been applied to the registry."))
            return redirect("people:police_report_detail", public_id=item.report.public_id)
    return render(
        request,
        "people/police/item_apply.html",
        {"item": item, "errors": errors},
        status=400 if errors else 200,
    )
