"""Fetch a commune or a support case for a page: out of the user's area 404, without the role
403."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of
from muster.rear.models import SupportCase
from muster.rear.perms import can_view_rear


def commune(
    request: AuthenticatedHttpRequest,
    public_id: uuid.UUID,
    allowed: Callable[[Any], bool] = can_view_rear,
) -> Unit:
    unit = Unit.objects.filter(
        scope_of(request.user).q("pk"), public_id=public_id, kind__in=COMMUNE_LEVEL_KINDS
    ).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    require(allowed(request.user))
    return unit


def case(
    request: AuthenticatedHttpRequest,
    public_id: uuid.UUID,
    allowed: Callable[[Any, Any], bool] = can_view_rear,
) -> SupportCase:
    return get_for_user(
        request.user,
        SupportCase.objects.select_related("commune", "soldier", "relative", "recruit"),
        unit_field="commune",
        cap=allowed,
        public_id=public_id,
    )
