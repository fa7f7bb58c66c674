"""Printing the registration forms (Decree 13/2016 Art 3(2)) beside the April calls: the
self-declared health form, the transfer letters and the reserve registration certificates, one
citizen's from his page or a commune's year in one file from the registration page; and one
call, its health form and certificate from the citizen's page. PDF or Word (``format=docx`` or a
``-docx`` suffix on ``doc``). Out of the area: 404; a role that does not keep the register: 403
(``people.perms.can_print_registration_papers``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render

from muster.accounts.access import get_for_user
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import DOCX, PDF, file_response
from muster.documents.pdf import render_reports_pdf
from muster.documents.tables import OfficialReport
from muster.documents.word import render_reports_docx
from muster.geo.models import Unit
from muster.people.models import Person
from muster.people.perms import can_print_registration_papers
from muster.people.registration import documents, forms_printed
from muster.people.registration import selectors_forms as selectors
from muster.people.registration.models import EventKind, RegistrationCall, RegistrationEvent

_CALL_RELATED = ("person", "person__registration_unit", "person__residence_unit", "unit",
                 "unit__parent", "registration")  # fmt: skip


def _doc_and_format(data: QueryDict, default: str) -> tuple[str, str]:
    doc, _sep, fmt = data.get("doc", default).partition("-")
    fmt = fmt or data.get("format", "pdf")
    if fmt not in {"pdf", "docx"}:
        raise Http404
    return doc, fmt


def _respond(reports: Sequence[OfficialReport], *, stem: str, fmt: str) -> HttpResponse:
    name = f"{stem}.{fmt}"
    if fmt == "pdf":
        return file_response(render_reports_pdf(reports), filename=name, content_type=PDF)
    return file_response(render_reports_docx(reports), filename=name, content_type=DOCX)


def _year(data: QueryDict) -> int:
    raw = data.get("year", "")
    return int(raw) if raw.isdigit() and 1950 <= int(raw) <= 2100 else today().year


def _uuids(data: QueryDict, name: str) -> list[str]:
    chosen = []
    for raw in data.getlist(name):
        try:
            chosen.append(str(uuid.UUID(raw)))
        except ValueError:
            continue
    return chosen


def person_health_form(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One citizen's self-declared health form, dated by his latest registration call."""
    person = get_for_user(
        request.user,
        Person.objects.select_related(
            "registration_unit", "registration_unit__parent", "residence_unit"
        ),
        unit_field="registration_unit",
        cap=can_print_registration_papers,
        public_id=public_id,
    )
    _doc, fmt = _doc_and_format(request.GET, "health")
    call = (
        RegistrationCall.objects.select_related("unit", "unit__parent")
        .filter(person=person)
        .order_by("-year", "-issued_on", "-id")
        .first()
    )
    report = forms_printed.health_form(person, call=call)
    return _respond([report], stem=f"Phieu tu khai suc khoe {person.full_name}", fmt=fmt)


def registration_call_print(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> HttpResponse:
    """One call (``doc=call``), the health form handed with it (``doc=health``) or the
    certificate of the registration it led to (``doc=certificate``)."""
    call = get_for_user(
        request.user,
        RegistrationCall.objects.select_related(*_CALL_RELATED),
        unit_field="unit",
        cap=can_print_registration_papers,
        public_id=public_id,
    )
    doc, fmt = _doc_and_format(request.GET, "call")
    if doc == "call":
        report = documents.call_report(call)
    elif doc == "health":
        report = forms_printed.health_form(call.person, call=call)
    elif doc == "certificate" and call.registration is not None:
        report = documents.certificate_report(call)
    else:
        raise Http404
    return _respond(
        [report], stem=f"{doc} {call.number}-{call.year} {call.person.full_name}", fmt=fmt
    )


def registration_event_print(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> HttpResponse:
    """The paper of one registration event, printed by the commune that recorded it: the
    transfer letter of a transfer out, the reserve certificate of a reserve registration, the
    NVQS certificate of a first registration."""
    event = get_for_user(
        request.user,
        RegistrationEvent.objects.select_related(*selectors.PRINTED_RELATED).filter(
            kind__in=selectors.PRINTED_KINDS
        ),
        unit_field="unit",
        cap=can_print_registration_papers,
        public_id=public_id,
    )
    _doc, fmt = _doc_and_format(request.GET, "event")
    name = event.person.full_name
    if event.kind == EventKind.TRANSFER_OUT:
        numbers = selectors.transfer_numbers([event])
        history = selectors.histories([event.person_id]).get(event.person_id, [])
        report = forms_printed.transfer_letter(event, number=numbers[event.pk], history=history)
        stem = f"Giay gioi thieu di chuyen {name}"
    elif event.kind == EventKind.RESERVE_REGISTRATION:
        report = forms_printed.reserve_certificate(event)
        stem = f"Giay chung nhan dang ky QNDB {name}"
    else:
        call = event.calls.order_by("-id").first()
        report = documents.first_certificate_report(
            event, signer_name=call.signer_name if call is not None else ""
        )
        stem = f"Giay chung nhan dang ky NVQS {name}"
    return _respond([report], stem=stem, fmt=fmt)


def registration_forms_print(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> HttpResponse:
    """A commune's forms of a year in one file, one citizen per page: the health forms of the
    chosen calls (``doc=health``; none chosen: every call of the year), the transfer letters
    (``doc=transfer``) or the reserve certificates (``doc=reserve``) of the chosen events (none
    chosen: every one of the year)."""
    commune = get_for_user(
        request.user,
        Unit.objects.select_related("parent").commune_level(),
        unit_field="pk",
        cap=can_print_registration_papers,
        public_id=public_id,
    )
    # The registration page's buttons post the ticked rows (no CSRF token in a URL).
    data = request.POST if request.method == "POST" else request.GET
    doc, fmt = _doc_and_format(data, "health")
    year = _year(data)
    reports: list[OfficialReport]
    if doc == "health":
        calls = RegistrationCall.objects.select_related(*_CALL_RELATED).filter(unit=commune)
        chosen = _uuids(data, "call")
        calls = calls.filter(public_id__in=chosen) if chosen else calls.filter(year=year)
        reports = [forms_printed.health_form(c.person, call=c) for c in calls.order_by("number")]
        stem = f"Phieu tu khai suc khoe NVQS {commune.name} {year}"
    elif doc in {"transfer", "reserve"}:
        kind = EventKind.TRANSFER_OUT if doc == "transfer" else EventKind.RESERVE_REGISTRATION
        events = selectors.events_of_year(commune, kind, year, chosen=_uuids(data, "event"))
        if doc == "transfer":
            numbers = selectors.transfer_numbers(events)
            history = selectors.histories(e.person_id for e in events)
            reports = [
                forms_printed.transfer_letter(
                    e, number=numbers[e.pk], history=history.get(e.person_id, [])
                )
                for e in events
            ]
            stem = f"Giay gioi thieu di chuyen {commune.name} {year}"
        else:
            reports = [forms_printed.reserve_certificate(e) for e in events]
            stem = f"Giay chung nhan dang ky QNDB {commune.name} {year}"
    else:
        raise Http404
    if not reports:
        return render(
            request,
            "people/registration/index.html",
            {"communes": [commune], "nothing": True},
        )
    return _respond(reports, stem=stem, fmt=fmt)
