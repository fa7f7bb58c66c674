"""The militia's overview: strength per commune against the units' establishment, a
commune's units and members, by the day asked and within the reader's area."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from muster.militia.selectors import strength_by_commune
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit

DAY = dt.date(2025, 3, 1)


@pytest.fixture
def force(units):
    dhop = units["DHOP"]
    platoon = make_militia_unit(dhop, establishment=31)
    make_militia_unit(
        dhop,
        name="Tiểu đội thôn 1",
        component="on_site",
        level="squad",
        establishment=10,
        established_on=dt.date(2025, 6, 1),
    )
    people = [make_person(dhop, full_name=f"Trần Văn Dũng {i}") for i in range(3)]
    make_member(people[0], unit=platoon)
    make_member(people[1], unit=platoon, joined_on=dt.date(2025, 4, 1))  # not yet on DAY
    make_member(people[2], unit=None)
    return {"platoon": platoon, "people": people}


def test_strength_counts_members_serving_on_the_day_against_open_units(personas, force, units):
    rows = {r.commune.code: r for r in strength_by_commune(user=personas["admin"], day=DAY)}
    dhop = rows[units["DHOP"].code]
    assert (dhop.members, dhop.establishment, dhop.shortfall) == (2, 31, 29)
    later = {
        r.commune.code: r
        for r in strength_by_commune(user=personas["admin"], day=dt.date(2025, 6, 1))
    }[units["DHOP"].code]
    assert (later.members, later.establishment) == (3, 41)


def test_strength_is_cut_to_the_readers_area(personas, force, units):
    codes = {r.commune.code for r in strength_by_commune(user=personas["other_commander"], day=DAY)}
    assert units["DHOP"].code not in codes


def test_commune_page_shows_units_and_members_and_hides_other_areas(login, personas, force, units):
    url = reverse("militia:commune", args=[units["DHOP"].public_id]) + "?on=01/03/2025"
    page = login(personas["commune_commander"]).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Trung đội cơ động" in text and "Trần Văn Dũng 0" in text
    assert "Trần Văn Dũng 1" not in text
    assert login(personas["other_commander"]).get(url).status_code == 404


def test_index_query_count_does_not_grow_with_communes(
    login, personas, force, django_assert_max_num_queries
):
    client = login(personas["district_officer"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("militia:index") + "?on=01/03/2025").status_code == 200


def test_one_serving_membership_per_person(force):
    person = force["people"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        make_member(person)
