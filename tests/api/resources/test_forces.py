"""The militia and reserve summaries through the API's read functions: per commune of the
area, the strength reports' own figures, in a few queries whatever the size of the area."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from muster.accounts.models import Role
from muster.api.resources import forces as api
from muster.militia.reports.selectors import strength_report as militia_report
from muster.reserve.reports.selectors import strength_report as reserve_report
from tests.api.resources.conftest import DAY, as_user, narrowed
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _kw(user) -> dict:
    actor, scope = as_user(user)
    return {"actor": actor, "scope": scope}


def _by_name(rows) -> dict:
    return {r.commune.name: r.figures for r in rows}


def test_militia_per_commune_against_the_establishment(militia, commune_user, district_user):
    mine = api.militia_summary(**_kw(commune_user), day=DAY)
    assert [r.commune.name for r in mine.communes] == ["Đức Hợp"]
    dhop = mine.communes[0].figures
    assert (dhop.members, dhop.establishment, dhop.shortfall) == (3, 5, 2)
    assert dhop.by_component.mobile == 3 and dhop.strength_pct == 60.0
    everyone = api.militia_summary(**_kw(district_user), day=DAY)
    figures = _by_name(everyone.communes)
    assert (figures["Đồng Thanh"].members, figures["Đồng Thanh"].shortfall) == (2, 3)
    report = militia_report(user=district_user, day=DAY)
    assert everyone.total.members == report.total.members == 5
    assert everyone.total.shortfall == 5


def test_militia_cut_to_a_unit_of_the_area_and_404_outside(militia, units, commune_user):
    with pytest.raises(Http404):
        api.militia_summary(**_kw(commune_user), day=DAY, unit=units["DT"].public_id)
    cut = api.militia_summary(**_kw(commune_user), day=DAY, unit=units["DHOP"].public_id)
    assert cut.unit is not None and cut.unit.name == "Đức Hợp"


def test_reserve_per_commune_and_the_placed_units(reserve, commune_user, regional_user):
    mine = api.reserve_summary(**_kw(commune_user), day=DAY)
    assert [r.commune.name for r in mine.communes] == ["Đức Hợp"]
    assert mine.total.total == mine.total.class_one == 2
    assert [u.code for u in mine.units] == ["C-DHOP"]
    assert (mine.units_total.establishment, mine.units_total.strength) == (10, 7)
    assert mine.units[0].figures.shortfall == 3 and mine.units[0].area.name == "Đức Hợp"
    everyone = api.reserve_summary(**_kw(regional_user), day=DAY)
    assert {u.code for u in everyone.units} == {"C-DHOP", "C-DT"}
    assert everyone.units_total.establishment == 18 and everyone.units_total.shortfall == 3
    report = reserve_report(user=regional_user, day=DAY)
    assert everyone.total.total == report.total.total == 3
    assert _by_name(everyone.communes)["Đồng Thanh"].total == 1


def test_a_token_narrowed_to_the_commune_reads_the_commune(reserve, militia, units, district_user):
    scope = narrowed(units["DHOP"])
    out = api.reserve_summary(actor=district_user, scope=scope, day=DAY)
    assert [r.commune.name for r in out.communes] == ["Đức Hợp"]
    assert [u.code for u in out.units] == ["C-DHOP"]
    militia = api.militia_summary(actor=district_user, scope=scope, day=DAY)
    assert [r.commune.name for r in militia.communes] == ["Đức Hợp"]


def test_a_role_without_the_right_is_refused(units):
    nobody = make_user("p.nobody", Role.SYSTEM, units["DHOP"])
    nobody.role = "unknown"
    with pytest.raises(PermissionDenied):
        api.militia_summary(**_kw(nobody), day=DAY)
    with pytest.raises(PermissionDenied):
        api.reserve_summary(**_kw(nobody), day=DAY)


def test_queries_do_not_grow_with_the_communes(
    militia, reserve, regional_user, django_assert_max_num_queries
):
    kw = _kw(regional_user)
    with django_assert_max_num_queries(12):
        out = api.militia_summary(**kw, day=DAY)
    assert len(out.communes) > 10
    with django_assert_max_num_queries(6):
        api.reserve_summary(**kw, day=DAY)
