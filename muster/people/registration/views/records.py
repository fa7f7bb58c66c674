"""Registration steps on the person page (Cap.EDIT_PEOPLE; the conscription services validate):
additional registration, reserve registration, removal, Art 13 / Art 14 status and its end."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


def _person_step(
    title: Promise, form_class: type[BootstrapForm], service: Callable[..., object]
) -> Callable[[AuthenticatedHttpRequest, uuid.UUID], HttpResponse]:
    """The view of a registration step on a person: ``service(actor=, person=, **data)``."""

    def view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
        person = _person_for_edit(request, public_id)
        return _record(
            request,
            person,
            title=str(title),
            form_class=form_class,
            record=lambda data: service(actor=request.user, person=person, **data),
        )

    return view


person_additional_view = _person_step(
    gettext_lazy("Record an additional registration"),
    AdditionalRegistrationForm,
    additional_registration,
)
person_reserve_view = _person_step(
    gettext_lazy("Record a reserve registration"), ReserveRegistrationForm, reserve_registration
)
person_removal_view = _person_step(gettext_lazy("Remove from the register"), RemovalForm, removal)
person_bar_view = _person_step(
    gettext_lazy("Record Art 13 / Art 14 status"), BarForm, registration_bar_add
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
