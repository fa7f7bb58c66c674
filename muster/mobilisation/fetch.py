"""Fetch a commune or an order for a page: out of the user's area 404, without the role 403."""

from __future__ import annotations

import uuid

from django.http import Http404
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of
from muster.mobilisation.orders.models import CallOutOrder
from muster.mobilisation.perms import can_manage_callout, can_view_callout


def commune(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, *, manage: bool = False
) -> Unit:
    unit = Unit.objects.filter(
        scope_of(request.user).q("pk"), public_id=public_id, kind__in=COMMUNE_LEVEL_KINDS
    ).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    require(can_manage_callout(request.user) if manage else can_view_callout(request.user))
    return unit


def order(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, *, manage: bool = False
) -> CallOutOrder:
    return get_for_user(
        request.user,
        CallOutOrder.objects.select_related("holder"),
        unit_field="holder",
        cap=can_manage_callout if manage else can_view_callout,
        public_id=public_id,
    )
