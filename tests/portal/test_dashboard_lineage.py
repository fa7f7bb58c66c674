"""Issue 16: the home page of a user of today's units counts the citizens and the population
his communes hold through the lineage (the new communes hold their predecessors' citizens)."""

from __future__ import annotations

import datetime as dt

from muster.accounts.models import Role
from tests.conftest import make_user
from tests.core.factories import make_person

DAY = "01/12/2026"


def _rows(page):
    return {r["unit"].name: r for r in page.context["rows"]}


def test_the_regional_officer_sees_the_citizens_the_new_communes_hold(client, units):
    for key in ("DHOP", "MD", "PTO", "DHOP25"):
        make_person(units[key], date_of_birth=dt.date(2004, 5, 1))
    make_person(units["DT"], date_of_birth=dt.date(2004, 5, 1))  # held by Nghĩa Dân
    officer = make_user("ptkv", Role.DISTRICT_OFFICER, units["PTKV1"])
    client.force_login(officer)
    rows = _rows(client.get("/", {"on": DAY}))
    duc_hop = rows["Đức Hợp"]
    assert duc_hop["unit"] == units["DHOP25"]
    assert duc_hop["men"] == 4 and duc_hop["callup_age"] == 4
    assert rows["Nghĩa Dân"]["men"] == 1
    # population: the new commune's own figure is not known; its predecessors' is
    old = sum(units[k].population or 0 for k in ("DHOP", "MD", "PTO"))
    assert old > 0 and duc_hop["population"] == old
    page = client.get("/", {"on": DAY})
    assert page.context["totals"]["men"] == 5


def test_the_new_communes_clerk_sees_his_predecessors_citizens(client, units):
    make_person(units["DHOP"], date_of_birth=dt.date(2004, 5, 1))
    clerk = make_user("clerk", Role.COMMUNE_CLERK, units["DHOP25"])
    client.force_login(clerk)
    rows = _rows(client.get("/", {"on": DAY}))
    assert list(rows) == ["Đức Hợp"] and rows["Đức Hợp"]["men"] == 1


def test_the_2025_officer_still_sees_the_old_communes(client, units):
    make_person(units["DHOP"], date_of_birth=dt.date(2004, 5, 1))
    officer = make_user("kd", Role.DISTRICT_OFFICER, units["KD"])
    client.force_login(officer)
    rows = _rows(client.get("/"))  # his unit ended: the page is as of 30/06/2025
    assert rows["Đức Hợp"]["unit"] == units["DHOP"] and rows["Đức Hợp"]["men"] == 1
