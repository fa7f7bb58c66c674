"""Unit pages: the tree on a chosen date and one unit with its history."""

from __future__ import annotations

import uuid

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.models import Unit, UnitChange
from muster.geo.scope import scope_of
from muster.geo.selectors import unit_tree_on
from muster.people.models import Person


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
    people = dict(
        Person.objects.filter(registration_unit_id__in=ids)
        .values_list("registration_unit_id")
        .annotate(n=Count("id"))
    )
    rows = [
        {"unit": u, "indent": u.depth, "has_successor": u.pk in ended, "people": people.get(u.pk)}
        for u in units
    ]
    return render(request, "geo/unit_list.html", {"rows": rows, "day": day})


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
    origins = unit.origins.select_related("predecessor").order_by("predecessor__name")
    successions = unit.successions.select_related("successor").order_by("successor__name")
    people_count = Person.objects.filter(registration_unit=unit).count()
    return render(
        request,
        "geo/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "origins": origins,
            "successions": successions,
            "people_count": people_count,
            "parent_visible": area.contains(unit.parent),
        },
    )
