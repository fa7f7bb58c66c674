"""The home page: directive reminders grouped by commune, below the key figures; the registry
search box and the "register a citizen" shortcut for those who may register."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muster.core.dates import today
from muster.directives import selectors
from muster.directives.models import TargetShare
from tests.directives.factories import make_directive, make_report

pytestmark = pytest.mark.django_db

#: 20/12/2024: the reports of January to November 2024 are past their due day (in 2024, before
#: the 1 July 2025 reform: the communes below still existed and owe every month).
ON = dt.date(2024, 12, 20)


def _grouped(user, on=ON):
    return selectors.group_reminders(selectors.reminders(user=user, on=on))


def test_reminders_are_grouped_one_line_per_commune_with_the_count(units, personas):
    directive, _target = make_directive(
        units["KD"], shares=[(units["DHOP"], Decimal(1)), (units["DT"], Decimal(1))], year=2024
    )
    make_report(directive, units["DHOP"], personas["commune_commander"], month=3)  # a draft
    raw = selectors.reminders(user=personas["district_officer"], on=ON)
    assert len([r for r in raw if r.kind == "overdue"]) == 22  # 11 months x 2 communes
    lines = _grouped(personas["district_officer"])
    overdue = [g for g in lines if g.kind == "overdue"]
    assert sorted((g.unit.pk, g.count) for g in overdue) == sorted(
        [(units["DT"].pk, 11), (units["DHOP"].pk, 11)]
    )
    for group in overdue:
        assert group.directive == directive
        assert group.first.start == dt.date(2024, 1, 1)
        assert group.last.end == dt.date(2024, 11, 30)
        assert group.days_late > 0
    assert sum(g.count for g in lines) == len(raw)
    # The commander sees only his commune's line.
    own = _grouped(personas["commune_commander"])
    assert {g.unit.pk for g in own} == {units["DHOP"].pk}


def test_grouping_reads_a_bounded_number_of_queries(units, personas):
    officer = personas["district_officer"]
    _directive, target = make_directive(
        units["KD"], shares=[(units["DHOP"], Decimal(1)), (units["DT"], Decimal(1))], year=2024
    )
    _grouped(officer)  # the first read also caches the user's area
    with CaptureQueriesContext(connection) as two:
        lines = _grouped(officer)
    assert sum(g.count for g in lines) == 22
    for key in ("MD", "VXA", "CN", "TT", "HA", "HC"):
        TargetShare.objects.create(target=target, unit=units[key], value=Decimal(1))
    with CaptureQueriesContext(connection) as eight:
        lines = _grouped(officer)
    assert sum(g.count for g in lines) == 88 and len(lines) == 8
    assert len(eight.captured_queries) == len(two.captured_queries)


def _dashboard(login, user) -> str:
    response = login(user).get(reverse("portal:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_grouped_lines_below_the_key_figures(units, personas, login):
    year = today().year - 1  # every report of last year is past due today
    # The units of the regional command, formed on 01/07/2025 (they owe no earlier month).
    keys = ("PTKV1", "LB25", "ND25", "HC25", "DHOP25", "SN25")
    make_directive(units["PTKV1"], shares=[(units[k], Decimal(1)) for k in keys], year=year)
    html = _dashboard(login, personas["ptkv_officer"])
    block = html[html.index('data-testid="directive-reminders"') :]
    assert html.index('data-testid="commune-count"') < html.index(
        'data-testid="directive-reminders"'
    )
    lines = re.findall(r'data-testid="reminder-line"[^>]*>(.*?)</li>', block, re.S)
    assert len(lines) == len(keys)  # one line per commune, not 12 x 7
    counts = re.findall(r'data-testid="reminder-count">(\d+)<', block)
    assert counts == ["12" if year > 2025 else "6"] * len(keys)
    assert "<details" in block  # the lines past the first few are collapsed
    directive_url = reverse("directives:directive_list")
    assert directive_url in block
    assert f"?unit={units['DHOP25'].public_id}" in block


def test_the_clerk_sees_the_registry_search_and_the_register_shortcut(personas, login):
    html = _dashboard(login, personas["commune_clerk"])
    assert 'data-testid="registry-search"' in html
    assert f'action="{reverse("people:person_list")}"' in html
    assert 'name="q"' in html
    assert f'href="{reverse("people:person_create")}"' in html
    assert "Đăng ký công dân" in html
    commander = _dashboard(login, personas["commune_commander"])
    assert 'data-testid="registry-search"' in commander


def test_a_leader_sees_neither_the_search_nor_the_shortcut(personas, login):
    html = _dashboard(login, personas["leader"])
    assert 'data-testid="registry-search"' not in html
    assert reverse("people:person_create") not in html
