"""The militia's overview pages: the communes of the area with their strength, and a
commune's force (its units against their established strength, its members). Thin: the
selectors read; the sub-packages hold the pages that change things."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia import selectors as sel
from muster.militia.perms import can_manage_militia, can_view_militia


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The communes of the reader's area on the day, with members, established strength,
    shortfall and the force's share of the population."""
    require(can_view_militia(request.user))
    day = reference_date(request)
    rows = sel.strength_by_commune(user=request.user, day=day)
    totals = {
        "members": sum(r.members for r in rows),
        "establishment": sum(r.establishment for r in rows),
        "shortfall": sum(r.shortfall for r in rows),
    }
    return render(request, "militia/index.html", {"rows": rows, "day": day, "totals": totals})


def commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One commune's force on the day: units with members against establishment, members."""
    unit = Unit.objects.filter(scope_of(request.user).q("pk"), public_id=public_id).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    require(can_view_militia(request.user))
    day = reference_date(request)
    context = {
        "commune": unit,
        "day": day,
        "units": sel.units_of_commune(user=request.user, commune=unit, day=day),
        "members": sel.members_of_commune(user=request.user, commune=unit, day=day),
        "can_manage": can_manage_militia(request.user),
    }
    return render(request, "militia/commune.html", context)
