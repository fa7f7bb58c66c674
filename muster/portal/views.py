"""Dashboard and the placeholder pages of modules not built yet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from muster.accounts.access import require_cap
from muster.accounts.perms import Cap
from muster.core.dbrouter import replica_view
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.scope import scope_of
from muster.geo.selectors import communes_on
from muster.law.ages import birth_range
from muster.law.book import rule
from muster.law.rulebook import NoRuleInForce
from muster.people.models import Person, Sex
from muster.people.perms import can_register_person
from muster.people.succession import holding, populations_held
from muster.portal.navigation import module as menu_module


def _age_bands(day: dt.date) -> tuple[dt.date, dt.date, dt.date, dt.date, dt.date, dt.date]:
    """Birth-date bands of the day's law: registered men (17 to the end of 45) and women (18 to
    the end of 40, the reserve ages), and the call-up age (18 to the end of 25). Before the
    Law on Military Service 2015 every band is empty."""
    try:
        who, reserve = rule("reg.who", day), rule("reserve.age", day)
        callup = rule("std.age", day)
    except NoRuleInForce:
        return (day, day - dt.timedelta(days=1)) * 3
    men = birth_range(day, who.int_param("men_min_age"), reserve.int_param("men_max_age"))
    women = birth_range(day, who.int_param("women_min_age"), reserve.int_param("women_max_age"))
    young = birth_range(day, callup.int_param("min_age"), callup.int_param("max_age"))
    return (*men, *women, *young)


_COUNTED = ("men", "women", "callup_age", "turning_17")


@replica_view
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    require_cap(user, Cap.VIEW_UNITS)
    scope = user.scope_unit
    day = reference_date(request)
    communes = list(communes_on(user=user, day=day))
    men_from, men_to, women_from, women_to, callup_from, callup_to = _age_bands(day)
    held = holding(communes)
    counts: dict[int, dict[str, int]] = {}
    for row in (
        scope_of(user)
        .filter(Person.objects.all(), "registration_unit")
        .filter(held.q())
        .values("registration_unit", "residence_unit")
        .annotate(
            men=Count("id", filter=Q(sex=Sex.MALE, date_of_birth__range=(men_from, men_to))),
            women=Count(
                "id", filter=Q(sex=Sex.FEMALE, date_of_birth__range=(women_from, women_to))
            ),
            callup_age=Count(
                "id", filter=Q(sex=Sex.MALE, date_of_birth__range=(callup_from, callup_to))
            ),
            turning_17=Count("id", filter=Q(sex=Sex.MALE, date_of_birth__year=day.year - 17)),
        )
        .order_by()
    ):
        commune_id = held.commune_of(row["registration_unit"], row["residence_unit"])
        if commune_id is None:
            continue
        total = counts.setdefault(commune_id, dict.fromkeys(_COUNTED, 0))
        for key in _COUNTED:
            total[key] += row[key]
    populations, synthetic = populations_held(communes)
    rows: list[dict[str, Any]] = []
    for commune in communes:
        c = counts.get(commune.pk, {})
        rows.append(
            {
                "unit": commune,
                "population": populations.get(commune.pk) or 0,
                "men": c.get("men", 0),
                "women": c.get("women", 0),
                "callup_age": c.get("callup_age", 0),
                "turning_17": c.get("turning_17", 0),
            }
        )
    totals = {
        key: sum(int(r[key]) for r in rows)
        for key in ("population", "men", "women", "callup_age", "turning_17")
    }
    return render(
        request,
        "portal/dashboard.html",
        {
            "day": day,
            "scope": scope,
            "rows": rows,
            "totals": totals,
            "synthetic": synthetic,
            "chart_labels": [r["unit"].name for r in rows],
            "chart_men": [r["men"] for r in rows],
            "chart_callup": [r["callup_age"] for r in rows],
            "can_register": can_register_person(user),
        },
    )


def module_pending(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    module = menu_module(slug)
    if module is None or module.url_name is not None:
        raise Http404
    return render(request, "portal/module_pending.html", {"module": module})


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
