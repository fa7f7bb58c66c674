"""Registry pages: search and list, one citizen's record, and the evidence attached to him."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.audit.selectors import events_for_object
from muster.core.dates import parse_user_date, today
from muster.core.dbrouter import replica_view
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import file_response
from muster.geo.models import VILLAGE_LEVEL_KINDS, Unit, UnitQuerySet
from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user
from muster.people.evidence_services import attach_evidence
from muster.people.forms import (
    AbsenceForm,
    EvidenceForm,
    PersonCreateForm,
    PersonEditForm,
    PersonForm,
    TransferForm,
)
from muster.people.list_filters import PersonFilterForm
from muster.people.models import Person, PersonDocument, Sex
from muster.people.perms import can_print_registration_papers
from muster.people.registration.models import RegistrationCall, RegistrationEvent
from muster.people.registration.selectors_forms import PRINTED_KINDS
from muster.people.registration.services.events import (
    absence_return,
    absence_start,
    register_first,
    transfer_person,
)
from muster.people.selectors import evidence_for_person, search_people
from muster.people.services import person_create, person_update

if TYPE_CHECKING:
    from muster.accounts.models import User


@replica_view
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_PEOPLE)
    area = units_for_user(request.user)
    communes = list(area.commune_level().order_by("name_search", "valid_from"))
    unit_param = request.GET.get("unit", "")
    selected = next((c for c in communes if str(c.public_id) == unit_param), None)
    unit_ids: frozenset[int] | None = None
    commune_villages: list[Unit] = []
    if selected is not None:
        # The commune's subtree in one query: the people's filter and the village select.
        subtree = list(
            area.filter(path__startswith=selected.path).order_by("name_search", "valid_from")
        )
        unit_ids = frozenset(u.pk for u in subtree)
        commune_villages = [
            u for u in subtree if u.parent_id == selected.pk and u.kind in VILLAGE_LEVEL_KINDS
        ]
    sex = request.GET.get("sex", "")
    if sex not in Sex.values:
        sex = ""
    filter_form = PersonFilterForm(request.GET, villages=area.village_level(), commune=selected)
    filter_form.is_valid()
    filter_form.show_villages(
        _villages_shown(area, communes, selected, commune_villages, filter_form.chosen_village())
    )
    page = search_people(
        user=request.user,
        query=request.GET.get("q", ""),
        unit_ids=unit_ids,
        sex=sex,
        after=request.GET.get("after", ""),
        filters=filter_form.person_filter(),
    )
    params = request.GET.copy()
    params.pop("after", None)
    # htmx (live search, a filter changed): the rows, and the village select out of band so
    # that it follows the commune.
    template = "people/_person_list_update.html" if request.htmx else "people/person_list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "communes": communes,
            "selected": selected,
            "sex": sex,
            "q": request.GET.get("q", ""),
            "sexes": Sex.choices,
            "can_edit": has_cap(request.user, Cap.EDIT_PEOPLE),
            "filter_form": filter_form,
            "filter_query": params.urlencode(),
        },
    )


def _villages_shown(
    area: UnitQuerySet,
    communes: list[Unit],
    selected: Unit | None,
    commune_villages: list[Unit],
    village: Unit | None,
) -> list[Unit] | None:
    """The villages the list's village select offers (issue 20): the chosen commune's; every
    village of an area of one commune; the villages of the village filtered on (a link with
    ``village`` and no commune); else none (``None``: "choose a commune first"), since a
    province's 800 villages would cost most of the page."""
    if selected is not None:
        return commune_villages
    order = ("name_search", "valid_from")
    if len(communes) <= 1:
        return list(area.village_level().order_by(*order))
    if village is not None:
        return list(area.village_level().filter(parent_id=village.parent_id).order_by(*order))
    return None


def person_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = get_for_user(
        request.user,
        Person.objects.select_related("registration_unit", "residence_unit").prefetch_related(
            "family_ties", "registration_bars"
        ),
        unit_field="registration_unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    ties = list(person.family_ties.all())
    bars = list(person.registration_bars.all())
    trail = events_for_object(object_type="people.person", object_id=str(person.public_id))[:50]
    registrations = list(
        RegistrationEvent.objects.filter(person=person).select_related(
            "unit", "from_unit", "to_unit"
        )
    )
    can_print = can_print_registration_papers(request.user)
    scope = scope_of(request.user)
    # The papers of the events recorded by a commune of the user's area (a transfer letter is
    # the old commune's): the row links to them.
    printable = {
        e.pk
        for e in registrations
        if can_print and e.kind in PRINTED_KINDS and scope.contains(e.unit)
    }
    calls = list(
        RegistrationCall.objects.filter(person=person)
        .select_related("unit", "registration")
        .order_by("-year", "-issued_on")
    )
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "ties": ties,
            "trail": trail,
            "registrations": registrations,
            "printable": printable,
            "calls": calls,
            "printable_calls": {c.pk for c in calls if can_print and scope.contains(c.unit)},
            "can_print": can_print,
            "bars": bars,
            "can_edit": has_cap(request.user, Cap.EDIT_PEOPLE),
            "evidence": evidence_for_person(person),
            "evidence_form": EvidenceForm(initial={"date": today()}),
        },
    )


# --- Writing: register, edit, transfer, absence (Cap.EDIT_PEOPLE; the services validate) ---


def _person_for_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Person:
    return get_for_user(
        request.user,
        Person.objects.select_related("registration_unit", "residence_unit"),
        unit_field="registration_unit",
        cap=Cap.EDIT_PEOPLE,
        public_id=public_id,
    )


def _form_page(
    request: AuthenticatedHttpRequest,
    *,
    form: BootstrapForm,
    title: str,
    person: Person | None = None,
) -> HttpResponse:
    """The form page of a person; a POST that comes back to it was refused (400)."""
    return render(
        request,
        "people/person_form.html",
        {"form": form, "title": title, "person": person},
        status=400 if request.method == "POST" else 200,
    )


def _communes_and_villages(user: User) -> tuple[UnitQuerySet, UnitQuerySet]:
    units = units_for_user(user)
    return (
        units.commune_level().order_by("name_search", "valid_from"),
        units.village_level().order_by("name_search", "valid_from"),
    )


#: The citizen fields the register and edit forms carry (the rest are form-only steps).
_PERSON_FIELDS = tuple(PersonForm.base_fields)


def _units_existing(units: UnitQuerySet, request: AuthenticatedHttpRequest) -> UnitQuerySet:
    """The units that exist today or on the first registration date being entered (the
    registration date of the new record)."""
    days = {today()}
    entered = parse_user_date(request.POST.get("first_registration_date"))
    if request.method == "POST" and entered is not None:
        days.add(entered)
    condition = Q()
    for day in days:
        condition |= Q(pk__in=units.valid_on(day).values("pk"))
    return units.filter(condition)


def person_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.EDIT_PEOPLE)
    communes, villages = (_units_existing(u, request) for u in _communes_and_villages(request.user))
    title = _("Register a citizen")
    only = list(communes[:2])
    initial = {"registration_unit": only[0].public_id} if len(only) == 1 else {}
    form = PersonCreateForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        communes=communes,
        villages=villages,
    )

    @transaction.atomic
    def create(data: dict[str, Any]) -> Person:
        first_date = data["first_registration_date"]
        person = person_create(
            actor=request.user,
            on=first_date,
            reason=_("Entered in the registry"),
            **{field: data[field] for field in _PERSON_FIELDS},
        )
        if first_date:
            register_first(
                actor=request.user,
                person=person,
                event_date=first_date,
                certificate_number=data["certificate_number"],
            )
        return person

    done = submit(
        request,
        form,
        create,
        success=_("The citizen has been registered."),
        mapping={"event_date": "first_registration_date"},
    )
    if done:
        return redirect("people:person_detail", public_id=done.value.public_id)
    return _form_page(request, form=form, title=title)


def person_edit_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    communes, villages = _communes_and_villages(request.user)
    title = _("Edit the citizen's record")
    if request.method != "POST":
        initial: dict[str, object] = {field: getattr(person, field) for field in _PERSON_FIELDS}
        initial["registration_unit"] = person.registration_unit.public_id
        initial["residence_unit"] = (
            person.residence_unit.public_id if person.residence_unit is not None else None
        )
        form = PersonEditForm(initial=initial, communes=communes, villages=villages)
        return _form_page(request, form=form, title=title, person=person)
    form = PersonEditForm(request.POST, communes=communes, villages=villages)
    saved = submit(
        request,
        form,
        lambda data: person_update(
            actor=request.user,
            person=person,
            changes={field: data[field] for field in _PERSON_FIELDS},
            reason=data["reason"],
        ),
        success=_("The record has been saved."),
    )
    if saved:
        return redirect("people:person_detail", public_id=person.public_id)
    return _form_page(request, form=form, title=title, person=person)


def person_transfer_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    title = _("Record a transfer")
    form = TransferForm(request.POST if request.method == "POST" else None)
    moved = submit(
        request,
        form,
        lambda data: transfer_person(
            actor=request.user,
            person=person,
            to_unit=data["to_unit"],
            left_on=data["left_on"],
            arrived_on=data["arrived_on"],
            registered_on=data["registered_on"],
            note=data["note"],
        ),
        success=_("The transfer has been recorded."),
    )
    if not moved:
        return _form_page(request, form=form, title=title, person=person)
    # The service moved a fresh copy of the record: read where he is registered now.
    person.refresh_from_db(fields=["registration_unit"])
    if scope_of(request.user).contains(person.registration_unit_id):
        return redirect("people:person_detail", public_id=person.public_id)
    return redirect("people:person_list")


def person_absence_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    title = _("Record absence or return")
    form = AbsenceForm(request.POST if request.method == "POST" else None)

    def record(data: dict[str, Any]) -> object:
        if data["action"] == "start":
            return absence_start(
                actor=request.user, person=person, event_date=data["event_date"], note=data["note"]
            )
        return absence_return(
            actor=request.user,
            person=person,
            returned_on=data["event_date"],
            registered_on=data["registered_on"],
            note=data["note"],
        )

    success = _("The registration event has been recorded.")
    if submit(request, form, record, success=success, mapping={"returned_on": "event_date"}):
        return redirect("people:person_detail", public_id=person.public_id)
    return _form_page(request, form=form, title=title, person=person)


# --- Evidence --------------------------------------------------------------------------------


def evidence_upload_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = get_for_user(
        request.user,
        Person.objects.select_related("registration_unit"),
        unit_field="registration_unit",
        cap=Cap.EDIT_PEOPLE,
        public_id=public_id,
    )
    title = _("Attach a document")
    if request.method != "POST":
        form = EvidenceForm(initial={"date": today()})
        return render(
            request,
            "people/books/evidence_form.html",
            {"form": form, "title": title, "person": person},
        )
    form = EvidenceForm(request.POST, request.FILES)
    if submit(
        request,
        form,
        lambda data: attach_evidence(
            actor=request.user,
            person=person,
            kind=data["kind"],
            date=data["date"],
            upload=data["file"],
            note=data["note"],
        ),
        success=_("The document has been attached."),
    ):
        return redirect("people:person_detail", public_id=person.public_id)
    return render(
        request,
        "people/books/evidence_form.html",
        {"form": form, "title": title, "person": person},
        status=400,
    )


def evidence_download_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Download one evidence file, authorised through its citizen's registration unit."""
    document = get_for_user(
        request.user,
        PersonDocument.objects.select_related("person"),
        unit_field="person__registration_unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404(_("The file is missing from storage.")) from None
    response = file_response(
        data, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
