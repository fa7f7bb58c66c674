"""The province's militia strength targets: the targets recorded for the reader's provinces,
and the form to record one (the officers who keep targets)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.militia.organisation.forms import TargetForm
from muster.militia.perms import can_view_militia
from muster.militia.targets import selectors as sel
from muster.militia.targets.perms import can_set_strength_target
from muster.militia.targets.services import strength_target_set


def targets(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The targets of the reader's provinces; a POST records one."""
    require(can_view_militia(request.user))
    can_set = can_set_strength_target(request.user)
    if request.method == "POST":
        require(can_set)
    provinces = sel.provinces_for(request.user)
    by_id = {str(p.public_id): p for p in provinces}
    choices = [(key, f"{p.name} ({p.valid_from:%Y})") for key, p in by_id.items()]
    form = TargetForm(request.POST or None, provinces=choices, initial={"year": today().year})

    def action(data: dict[str, Any]) -> Any:
        return strength_target_set(
            actor=request.user,
            province=by_id[data["province"]],
            year=data["year"],
            ratio_pct=data["ratio_pct"],
            decision_ref=data["decision_ref"],
            citation=data["citation"],
        )

    done = submit(request, form, action, success=_("The target has been recorded."))
    if done is not None:
        return redirect("militia:targets")
    context = {"items": sel.targets_for(request.user), "form": form if can_set else None}
    status = 400 if request.method == "POST" else 200
    return render(request, "militia/organisation/targets.html", context, status=status)
