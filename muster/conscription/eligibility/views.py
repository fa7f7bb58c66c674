"""Pages of the call-up's eligibility inputs: recording a political-standard verification."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user
from muster.conscription import perms
from muster.conscription.eligibility.forms import PoliticalVerificationForm
from muster.conscription.eligibility.selectors import verifications_of
from muster.conscription.eligibility.services import political_verification_record
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.people.models import Person


def political_verification_view(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> HttpResponse:
    """Record the outcome of the political-standard verification of the citizen ``public_id``."""
    person = get_for_user(
        request.user,
        Person.objects.select_related("registration_unit"),
        unit_field="registration_unit",
        cap=perms.can_record_political_verification,
        public_id=public_id,
    )
    form = PoliticalVerificationForm(request.POST or None, initial={"verified_on": today()})
    if submit(
        request,
        form,
        lambda data: political_verification_record(actor=request.user, person=person, **data),
        success=_("The political verification has been recorded."),
    ):
        return redirect("people:person_detail", public_id=person.public_id)
    return render(
        request,
        "conscription/political_form.html",
        {"form": form, "person": person, "verifications": verifications_of(person=person)},
        status=400 if request.method == "POST" else 200,
    )
