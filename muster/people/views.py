"""Registry pages: search and list, and one citizen's record."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.audit.selectors import events_for_object
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.models import Unit
from muster.geo.selectors import units_for_user
from muster.people.models import Person, Sex
from muster.people.selectors import search_people


def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_PEOPLE)
    communes = list(
        units_for_user(request.user).commune_level().order_by("name_search", "valid_from")
    )
    unit_param = request.GET.get("unit", "")
    unit_ids: frozenset[int] | None = None
    selected: Unit | None = None
    for commune in communes:
        if str(commune.public_id) == unit_param:
            selected = commune
            unit_ids = frozenset(
                units_for_user(request.user)
                .filter(path__startswith=commune.path)
                .values_list("pk", flat=True)
            )
    sex = request.GET.get("sex", "")
    if sex not in Sex.values:
        sex = ""
    page = search_people(
        user=request.user,
        query=request.GET.get("q", ""),
        unit_ids=unit_ids,
        sex=sex,
        after=request.GET.get("after", ""),
    )
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "communes": communes,
            "selected": selected,
            "sex": sex,
            "q": request.GET.get("q", ""),
            "sexes": Sex.choices,
        },
    )


def person_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    person = get_for_user(
        request.user,
        Person.objects.select_related("registration_unit", "residence_unit"),
        unit_field="registration_unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    ties = person.family_ties.all()
    trail = events_for_object(object_type="people.person", object_id=str(person.public_id))[:50]
    return render(
        request, "people/person_detail.html", {"person": person, "ties": ties, "trail": trail}
    )
