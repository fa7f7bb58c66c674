"""The API tokens page: a user's own tokens (an administrator's: those of his area too), the
form that issues one (its secret shown once) and the revoke button."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user
from muster.accounts.models import Role, User
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


def _owners(user: User) -> QuerySet[User] | None:
    """The users an administrator may issue a token for (the active users of his area); None
    for anyone else, who issues tokens for himself only."""
    if not has_cap(user, Cap.MANAGE_USERS):
        return None
    return (
        scope_of(user)
        .filter(User.objects.filter(is_active=True), "scope_unit")
        .exclude(role=Role.SYSTEM)
        .select_related("scope_unit")
        .order_by("username")
    )


def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The tokens, and the form that issues one: for oneself, or (an administrator) for a user
    of his area, within that user's area (``services.token_issue`` checks both)."""
    user = request.user
    owners = _owners(user)
    asked = request.POST.get("owner", "") if request.method == "POST" else ""
    if owners is None and asked not in ("", str(user.pk)):
        raise PermissionDenied(_("Only an administrator may issue a token for another user."))
    # Ended units too: a token over a commune merged away reads its records.
    units = units_for_user(user).exclude(kind__in=VILLAGE_LEVEL_KINDS).order_by("path")
    form = TokenForm(request.POST or None, units=units, owners=owners)
    done = submit(
        request,
        form,
        lambda data: services.token_issue(
            actor=user,
            owner=data.get("owner") or user,
            name=data["name"],
            unit=data["unit"],
            write=data["write"],
            expires_on=data["expires_on"],
        ),
        success=_("API token issued. Copy its secret now: it is not shown again."),
    )
    secret = done.value[1] if done is not None else ""
    if done is not None:
        form = TokenForm(units=units, owners=owners)
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
