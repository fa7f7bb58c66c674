"""Pages of deferral and exemption dossiers: list, re-review list, propose, review, decide, end.

GET shows the page (with the form); POST writes through the services, which refuse a step the
state machine does not allow with a message.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.dossiers.forms import DecideForm, EndForm, ProposeForm, ReviewForm
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.dossiers.selectors import dossiers_for_user, rereview_list
from muster.conscription.dossiers.services import (
    dossier_decide,
    dossier_end,
    dossier_propose,
    dossier_review,
)
from muster.core import lawtext
from muster.core.dates import parse_user_date, today
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest
from muster.law.book import rule_or_none
from muster.law.callup import dossiers as rules
from muster.people.models import Person

AUTHORITY_LABELS = {
    "district_chairman": gettext_lazy("Chairman of the district People's Committee"),
    "provincial_chairman": gettext_lazy("Chairman of the provincial People's Committee"),
}


def dossier_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_PEOPLE)
    state = request.GET.get("state", "")
    qs = dossiers_for_user(request.user)
    if state in DossierState.values:
        qs = qs.filter(state=state)
    return render(
        request,
        "conscription/dossier_list.html",
        {"dossiers": qs[:300], "states": DossierState.choices, "state": state},
    )


def rereview_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_PEOPLE)
    on = parse_user_date(request.GET.get("on")) or today()
    return render(
        request,
        "conscription/rereview_list.html",
        {"dossiers": list(rereview_list(user=request.user, on=on)), "on": on},
    )


def _dossier(request: AuthenticatedHttpRequest, public_id: uuid.UUID, cap: Cap) -> Dossier:
    return get_for_user(
        request.user,
        Dossier.objects.select_related("person", "person__registration_unit"),
        unit_field="person__registration_unit",
        cap=cap,
        public_id=public_id,
    )


def dossier_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    dossier = _dossier(request, public_id, Cap.VIEW_PEOPLE)
    return render(
        request,
        "conscription/dossier_detail.html",
        {
            "dossier": dossier,
            "authority_label": AUTHORITY_LABELS.get(dossier.authority, dossier.authority),
            "ground_citation": _ground_citation(dossier),
            "authority_citation": _authority_citation(dossier),
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
            "can_review": has_cap(request.user, Cap.COUNCIL_REVIEW),
        },
    )


def _ground_citation(dossier: Dossier) -> str:
    """The legal basis of the ground in the user's language, from the rule in force on the
    proposal day (the stored English text when the rule is gone)."""
    found = rules.ground_rule(dossier.ground, dossier.proposed_on)
    return lawtext.cite_rules((found,)) if found is not None else dossier.ground_citation


def _authority_citation(dossier: Dossier) -> str:
    """The legal basis of the deciding authority in the user's language."""
    if dossier.decision_date is None:
        return dossier.authority_citation
    found = rule_or_none("authority.deferral_exemption", dossier.decision_date)
    return lawtext.cite_rules((found,)) if found is not None else dossier.authority_citation


def _page(
    request: AuthenticatedHttpRequest,
    form: BootstrapForm,
    title: str,
    *,
    dossier: Dossier | None = None,
    person: Person | None = None,
) -> HttpResponse:
    return render(
        request,
        "conscription/dossier_form.html",
        {"form": form, "title": title, "dossier": dossier, "person": person},
        status=400 if request.method == "POST" else 200,
    )


def dossier_create_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Propose a deferral or exemption for the citizen ``public_id``."""
    person = get_for_user(
        request.user,
        Person.objects.select_related("registration_unit"),
        unit_field="registration_unit",
        cap=Cap.MANAGE_CAMPAIGN,
        public_id=public_id,
    )
    form = ProposeForm(request.POST or None, initial={"proposed_on": today()})
    done = submit(
        request,
        form,
        lambda data: dossier_propose(actor=request.user, person=person, **data),
        success=_("The dossier has been proposed."),
    )
    if done:
        return redirect("dossiers:dossier_detail", public_id=done.value.public_id)
    return _page(request, form, _("Propose a deferral or exemption"), person=person)


def _transition(
    request: AuthenticatedHttpRequest,
    public_id: uuid.UUID,
    *,
    cap: Cap,
    form_class: type[BootstrapForm],
    title: str,
    apply: Any,
    done: str,
) -> HttpResponse:
    dossier = _dossier(request, public_id, cap)
    form = form_class(request.POST or None)
    if submit(request, form, lambda data: apply(dossier, data), success=done):
        return redirect("dossiers:dossier_detail", public_id=dossier.public_id)
    return _page(request, form, title, dossier=dossier, person=dossier.person)


def dossier_review_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    def apply(dossier: Dossier, data: dict[str, Any]) -> None:
        dossier_review(actor=request.user, dossier=dossier, **data)

    return _transition(
        request,
        public_id,
        cap=Cap.COUNCIL_REVIEW,
        form_class=ReviewForm,
        title=_("Council review"),
        apply=apply,
        done=_("The council's review has been recorded."),
    )


def dossier_decide_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    def apply(dossier: Dossier, data: dict[str, Any]) -> None:
        dossier_decide(
            actor=request.user,
            dossier=dossier,
            granted=data["outcome"] == "grant",
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
        )

    return _transition(
        request,
        public_id,
        cap=Cap.MANAGE_CAMPAIGN,
        form_class=DecideForm,
        title=_("Record the decision"),
        apply=apply,
        done=_("The decision has been recorded."),
    )


def dossier_end_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    def apply(dossier: Dossier, data: dict[str, Any]) -> None:
        dossier_end(actor=request.user, dossier=dossier, **data)

    return _transition(
        request,
        public_id,
        cap=Cap.MANAGE_CAMPAIGN,
        form_class=EndForm,
        title=_("End the dossier"),
        apply=apply,
        done=_("The dossier has been ended."),
    )
