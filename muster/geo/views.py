"""Unit pages: the tree on a chosen date and one unit with its history; the figures per unit
come from the modules that register them (``muster.core.registry``)."""

from __future__ import annotations

import uuid

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.core.registry import registry
from muster.geo.models import Unit, UnitChange
from muster.geo.scope import scope_of
from muster.geo.selectors import unit_tree_on


def unit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_UNITS)
    day = reference_date(request)
    units = unit_tree_on(user=request.user, day=day)
    ids = [u.pk for u in units]
    ended = dict(
        UnitChange.objects.filter(predecessor_id__in=ids)
        .values_list("predecessor_id")
        .annotate(n=Count("id"))
    )
    figures = registry.figures()
    counts = [figure.counts(ids) for figure in figures]
    rows = [
        {
            "unit": u,
            "indent": u.depth,
            "has_successor": u.pk in ended,
            "figures": [c.get(u.pk) for c in counts],
        }
        for u in units
    ]
    return render(request, "geo/unit_list.html", {"rows": rows, "day": day, "figures": figures})


def unit_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = get_for_user(
        request.user,
        Unit.objects.select_related("parent"),
        unit_field="pk",
        cap=Cap.VIEW_UNITS,
        public_id=public_id,
    )
    area = scope_of(request.user)
    children = area.filter(unit.children.all(), "pk").order_by("valid_from", "name")
    # A linked unit is opened only by those whose area holds it: the others get its name.
    origins = list(unit.origins.select_related("predecessor").order_by("predecessor__name"))
    for change in origins:
        change.visible = area.contains(change.predecessor)  # type: ignore[attr-defined]
    successions = list(unit.successions.select_related("successor").order_by("successor__name"))
    for change in successions:
        change.visible = area.contains(change.successor)  # type: ignore[attr-defined]
    figures = [(f.label, f.counts([unit.pk]).get(unit.pk, 0)) for f in registry.figures()]
    return render(
        request,
        "geo/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "origins": origins,
            "successions": successions,
            "figures": figures,
            "parent_visible": area.contains(unit.parent),
        },
    )
