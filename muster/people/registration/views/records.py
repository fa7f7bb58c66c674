"""Registration steps on the person page (Cap.EDIT_PEOPLE; the conscription services validate):
additional registration, reserve registration, removal, Art 13 / Art 14 status and its end."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest
from muster.people.models import Person
from muster.people.registration.forms import (
    AdditionalRegistrationForm,
    BarEndForm,
    BarForm,
    RemovalForm,
    ReserveRegistrationForm,
)
from muster.people.registration.models import RegistrationBar
from muster.people.registration.services.records import (
    additional_registration,
    registration_bar_add,
    registration_bar_end,
    removal,
    reserve_registration,
)
from muster.people.views import _form_page, _person_for_edit


def _record(
    request: AuthenticatedHttpRequest,
    person: Person,
    *,
    title: str,
    form_class: type[BootstrapForm],
    record: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    """The page of one registration step: its form, then ``record`` (the service) on POST."""
    form = form_class(request.POST if request.method == "POST" else None)
    if submit(request, form, record, success=_("The registration event has been recorded.")):
        return redirect("people:person_detail", public_id=person.public_id)
    return _form_page(request, form=form, title=title, person=person)


def person_additional_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    return _record(
        request,
        person,
        title=_("Record an additional registration"),
        form_class=AdditionalRegistrationForm,
        record=lambda data: additional_registration(actor=request.user, person=person, **data),
    )


def person_reserve_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    return _record(
        request,
        person,
        title=_("Record a reserve registration"),
        form_class=ReserveRegistrationForm,
        record=lambda data: reserve_registration(actor=request.user, person=person, **data),
    )


def person_removal_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    return _record(
        request,
        person,
        title=_("Remove from the register"),
        form_class=RemovalForm,
        record=lambda data: removal(actor=request.user, person=person, **data),
    )


def person_bar_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    return _record(
        request,
        person,
        title=_("Record Art 13 / Art 14 status"),
        form_class=BarForm,
        record=lambda data: registration_bar_add(actor=request.user, person=person, **data),
    )


def bar_end_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    bar = get_for_user(
        request.user,
        RegistrationBar.objects.select_related("person", "person__registration_unit"),
        unit_field="person__registration_unit",
        cap=Cap.EDIT_PEOPLE,
        public_id=public_id,
    )
    return _record(
        request,
        bar.person,
        title=_("End Art 13 / Art 14 status"),
        form_class=BarEndForm,
        record=lambda data: registration_bar_end(actor=request.user, bar=bar, **data),
    )
