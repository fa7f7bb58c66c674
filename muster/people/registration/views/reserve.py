"""The commune's reserve registration calls (quyết định gọi đăng ký phục vụ trong ngạch dự bị):
the men to call, paged, and the discharged soldiers called by their ID numbers, issued in one
batch; the calls then join the April calls on the commune's registration page (delivery,
printing) and the men who come are registered on their own page (reserve registration with its
certificate). Thin: ``registration.services.calls.issue_calls`` validates and writes."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.core.dates import parse_user_date, today
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.models import Unit
from muster.law.callup import reserve
from muster.people.models import Person
from muster.people.registration import selectors_reserve as selectors
from muster.people.registration.forms import ReserveIssueForm
from muster.people.registration.models import CallKind, RegistrationCall
from muster.people.registration.services import calls as services


def _day(request: AuthenticatedHttpRequest) -> dt.date:
    """The registration day the list is drawn for (``on``), today by default."""
    return parse_user_date(request.GET.get("on", "")) or today()


def registration_reserve(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The men of the commune to call to the reserve registration on a day, and the batch."""
    commune = get_for_user(
        request.user,
        Unit.objects.select_related("parent").commune_level(),
        unit_field="pk",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    day = _day(request)
    can_edit = has_cap(request.user, Cap.EDIT_PEOPLE)
    form = ReserveIssueForm(auto_id="reserve_%s", initial={"registration_date": day})
    if request.method == "POST":
        require_cap(request.user, Cap.EDIT_PEOPLE)
        form = ReserveIssueForm(request.POST, auto_id="reserve_%s")
        if form.is_valid():
            data = dict(form.cleaned_data)
            ids = [r for r in request.POST.getlist("person") if _is_uuid(r)]
            people = list(Person.objects.filter(registration_unit=commune, public_id__in=ids))
            named, unknown = selectors.people_by_national_id(commune, data.pop("national_ids"))
            people += [p for p in named if p not in people]
            try:
                if unknown:
                    raise ValidationError(
                        {
                            "national_ids": [
                                _("Not registered in this commune: %(numbers)s")
                                % {"numbers": ", ".join(unknown)}
                            ]
                        }
                    )
                done = services.issue_calls(
                    actor=request.user,
                    commune=commune,
                    people=people,
                    kind=CallKind.RESERVE,
                    **data,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("%(n)s calls issued.") % {"n": len(done)})
                year = data["registration_date"].year
                url = reverse("people:registration_commune", args=[commune.public_id])
                return redirect(f"{url}?year={year}#calls")
    paginator = Paginator(selectors.call_candidates(commune, day), selectors.PAGE_SIZE)
    raw_page = request.GET.get("page", "1")
    page = paginator.get_page(int(raw_page) if raw_page.isdigit() else 1)
    try:
        band: reserve.ReserveBand | None = reserve.call_band(day)
    except reserve.NoRuleInForce:
        band = None
    issued = RegistrationCall.objects.filter(
        unit=commune, kind=CallKind.RESERVE, year=day.year
    ).count()
    return render(
        request,
        "people/registration/reserve.html",
        {
            "commune": commune,
            "day": day,
            "band": band,
            "page": page,
            "issued": issued,
            "can_edit": can_edit,
            "form": form,
        },
    )


def _is_uuid(raw: str) -> bool:
    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True
