"""Pages of the reserve units' needs of technical assets: the area's units with what they need,
what is assigned and registered, and the shortfall (record a need); one need with the engine's
proposals (same kind, then similar features), confirmed one by one, and its assignments."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.law import book
from muster.law.reserve.enums import ASSET_LABELS
from muster.reserve.assets import needs as svc
from muster.reserve.assets.forms import AssignForm, EndAssignmentForm, NeedForm
from muster.reserve.assets.models import Asset, AssetAssignment, AssetNeed
from muster.reserve.assets.views import visible_rows
from muster.reserve.perms import can_manage_assets, can_view_reserve


def asset_needs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The area's reserve units: assets needed, assigned and registered by kind; shortfall."""
    require(can_view_reserve(request.user))
    day = reference_date(request)
    form = NeedForm(request.POST or None)
    units = list(svc.units_for(request.user).filter(ended_on__isnull=True).order_by("code"))
    status = 200
    if request.method == "POST":
        require(can_manage_assets(request.user))

        def add(d: dict[str, Any]) -> AssetNeed:
            unit = next((u for u in units if u.public_id == d["unit"]), None)
            if unit is None:
                raise ValidationError({"unit": [_("Choose a reserve unit of your area.")]})
            return svc.add_need(
                actor=request.user,
                unit=unit,
                kind=d["kind"],
                features=d["features"],
                count=d["count"],
            )

        done = submit(request, form, add, success=_("The need has been recorded."))
        if done is not None:
            return redirect(reverse("reserve:asset_need", args=[done.value.public_id]))
        status = 400
    rule = book.rule("reserve.assets.features", day)
    context = {
        "day": day,
        "rows": svc.needs_overview(user=request.user, day=day),
        "units": units,
        "form": form,
        "labels": {k: lawtext.text(v) for k, v in ASSET_LABELS.items()},
        "can_manage": can_manage_assets(request.user),
        "rule_title": lawtext.pick(rule.title_vi, rule.title),
        "rule_citation": "; ".join(lawtext.pick(c.label_vi, c.label) for c in rule.citations),
    }
    return render(request, "reserve/assets/needs.html", context, status=status)


def asset_need(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One need: its assignments, the proposals to confirm, ending an assignment."""
    need = get_for_user(
        request.user,
        AssetNeed.objects.select_related("unit", "unit__area"),
        unit_field="unit__area",
        cap=can_view_reserve,
        public_id=public_id,
    )
    day = reference_date(request)
    action = request.POST.get("action", "")
    assign = AssignForm(request.POST if action == "assign" else None, initial={"on": today()})
    end = EndAssignmentForm(request.POST if action == "end" else None, initial={"on": today()})
    status = 200
    if request.method == "POST":
        require(can_manage_assets(request.user))
        if action == "assign":
            done: Any = submit(
                request,
                assign,
                lambda d: svc.assign_asset(
                    actor=request.user,
                    need=need,
                    asset=_asset_of(request, d["asset"]),
                    on=d["on"],
                ),
                success=_("The asset has been assigned to the unit."),
            )
        else:
            done = submit(
                request,
                end,
                lambda d: svc.end_assignment(
                    actor=request.user,
                    assignment=_assignment_of(need, d["assignment"]),
                    on=d["on"],
                    reason=d["reason"],
                ),
                success=_("The assignment has ended."),
            )
        if done is not None:
            return redirect(reverse("reserve:asset_need", args=[need.public_id]))
        status = 400
    assignments = visible_rows(
        request,
        need.assignments.select_related("asset", "asset__holder", "asset__owner_person").order_by(
            "ended_on", "-assigned_on"
        ),
        lambda a: a.asset.holder,
    )
    proposals = svc.proposals(user=request.user, need=need, day=day)
    context = {
        "need": need,
        "day": day,
        "label": lawtext.text(ASSET_LABELS[need.kind]),  # type: ignore[index]
        "assignments": assignments,
        "open_count": sum(1 for a in assignments if a.ended_on is None),
        "proposals": [(p, a, lawtext.text(p.reason)) for p, a in proposals],
        "assign": assign,
        "end": end,
        "action": action,
        "can_manage": can_manage_assets(request.user),
    }
    return render(request, "reserve/assets/need.html", context, status=status)


def _asset_of(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Asset:
    """Any asset: the service refuses one outside the actor's area with a message."""
    found = Asset.objects.filter(public_id=public_id).first()
    if found is None:
        raise ValidationError({"asset": [_("This asset is not on a register.")]})
    return found


def _assignment_of(need: AssetNeed, public_id: uuid.UUID) -> AssetAssignment:
    found = need.assignments.filter(public_id=public_id).first()
    if found is None:
        raise ValidationError(_("This assignment is not of this need."))
    return found
