"""The API tokens page: a user's own tokens (an administrator's: those of his area too), the
form that issues one (its secret shown once) and the revoke button."""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap, has_cap
from muster.api import perms, services
from muster.api.forms import TokenForm
from muster.api.models import ApiToken
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.models import VILLAGE_LEVEL_KINDS
from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user


def _visible(request: AuthenticatedHttpRequest) -> Q:
    user = request.user
    mine = Q(owner=user)
    if has_cap(user, Cap.MANAGE_USERS):
        area = scope_of(user)
        # (``Q() | mine`` would be ``mine``: the whole system is no condition at all.)
        return Q() if area.everything else mine | area.q("owner__scope_unit")
    return mine


def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    # Ended units too: a token over a commune merged away reads its records.
    units = units_for_user(user).exclude(kind__in=VILLAGE_LEVEL_KINDS).order_by("path")
    form = TokenForm(request.POST or None, units=units)
    done = submit(
        request,
        form,
        lambda data: services.token_issue(
            actor=user,
            owner=user,
            name=data["name"],
            unit=data["unit"],
            write=data["write"],
            expires_on=data["expires_on"],
        ),
        success=_("API token issued. Copy its secret now: it is not shown again."),
    )
    secret = done.value[1] if done is not None else ""
    if done is not None:
        form = TokenForm(units=units)
    tokens = (
        ApiToken.objects.filter(_visible(request))
        .select_related("owner", "unit")
        .order_by("-created_at", "-id")[:200]
    )
    status = 400 if request.method == "POST" and done is None else 200
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "secret": secret, "now": timezone.now()},
        status=status,
    )


@require_POST
def token_revoke_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    token = get_for_user(
        request.user,
        ApiToken.objects.filter(_visible(request)).select_related("owner"),
        unit_field="unit",
        cap=lambda user, t: perms.can_manage_tokens_of(user, t.owner),
        public_id=public_id,
    )
    services.token_revoke(actor=request.user, token=token)
    return redirect("api:tokens")
