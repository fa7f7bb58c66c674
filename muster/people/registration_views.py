"""Registration steps on the person page (Cap.EDIT_PEOPLE; the conscription services validate):
additional registration, reserve registration, removal, Art 13 / Art 14 status and its end."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap
from muster.core.http import AuthenticatedHttpRequest
from muster.people.registration.models import RegistrationBar
from muster.people.registration.services.records import (
    additional_registration,
    registration_bar_add,
    registration_bar_end,
    removal,
    reserve_registration,
)
from muster.people.registration_forms import (
    AdditionalRegistrationForm,
    BarEndForm,
    BarForm,
    RemovalForm,
    ReserveRegistrationForm,
)
from muster.people.views import _form_page, _person_for_edit


def _done(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    messages.success(request, _("The registration event has been recorded."))
    return redirect("people:person_detail", public_id=public_id)


def person_additional_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    title = _("Record an additional registration")
    form = AdditionalRegistrationForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _form_page(request, form=form, title=title, person=person)
    if not form.is_valid():
        return _form_page(request, form=form, title=title, person=person, status=400)
    try:
        additional_registration(actor=request.user, person=person, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
        return _form_page(request, form=form, title=title, person=person, status=400)
    return _done(request, person.public_id)


def person_reserve_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    title = _("Record a reserve registration")
    form = ReserveRegistrationForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _form_page(request, form=form, title=title, person=person)
    if not form.is_valid():
        return _form_page(request, form=form, title=title, person=person, status=400)
    try:
        reserve_registration(actor=request.user, person=person, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
        return _form_page(request, form=form, title=title, person=person, status=400)
    return _done(request, person.public_id)


def person_removal_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    title = _("Remove from the register")
    form = RemovalForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _form_page(request, form=form, title=title, person=person)
    if not form.is_valid():
        return _form_page(request, form=form, title=title, person=person, status=400)
    try:
        removal(actor=request.user, person=person, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
        return _form_page(request, form=form, title=title, person=person, status=400)
    return _done(request, person.public_id)


def person_bar_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = _person_for_edit(request, public_id)
    title = _("Record Art 13 / Art 14 status")
    form = BarForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _form_page(request, form=form, title=title, person=person)
    if not form.is_valid():
        return _form_page(request, form=form, title=title, person=person, status=400)
    try:
        registration_bar_add(actor=request.user, person=person, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
        return _form_page(request, form=form, title=title, person=person, status=400)
    return _done(request, person.public_id)


def bar_end_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    bar = get_for_user(
        request.user,
        RegistrationBar.objects.select_related("person", "person__registration_unit"),
        unit_field="person__registration_unit",
        cap=Cap.EDIT_PEOPLE,
        public_id=public_id,
    )
    person = bar.person
    title = _("End Art 13 / Art 14 status")
    form = BarEndForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _form_page(request, form=form, title=title, person=person)
    if not form.is_valid():
        return _form_page(request, form=form, title=title, person=person, status=400)
    try:
        registration_bar_end(actor=request.user, bar=bar, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
        return _form_page(request, form=form, title=title, person=person, status=400)
    return _done(request, person.public_id)
