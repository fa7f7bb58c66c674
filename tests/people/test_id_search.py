"""Search by ID number (CCCD) prefix: a range of the unique index, exact at every boundary."""

from __future__ import annotations

import pytest
from django.db import connection

from muster.people.models import Person
from muster.people.selectors import id_number_prefix, search_people

pytestmark = pytest.mark.django_db

NUMBERS = [
    "033203000001",
    "033203000002",
    "033299999999",
    "033300000000",
    "033900000000",
    "039999999999",
    "040000000000",
    "099999999999",
    "100000000000",
    "899999999999",
    "900000000000",
    "999999999999",
]
PREFIXES = [
    "0",
    "03",
    "033",
    "0332",
    "03329",
    "0332999",
    "033299999999",
    "0333",
    "0339",
    "0399",
    "04",
    "09",
    "1",
    "8",
    "89",
    "9",
    "99",
    "999999999999",
    "5",
    "0332030000011",
]


@pytest.fixture
def registry(units):
    Person.objects.bulk_create(
        Person(
            full_name=f"Nguyễn Văn {n}",
            name_search=f"nguyen van {n}",
            sex="M",
            date_of_birth="2003-01-01",
            national_id=number,
            registration_unit=units["DHOP"],
        )
        for n, number in enumerate(NUMBERS)
    )


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_range_holds_exactly_the_numbers_with_that_prefix(registry, prefix):
    found = set(
        Person.objects.filter(id_number_prefix(prefix)).values_list("national_id", flat=True)
    )
    assert found == {n for n in NUMBERS if n.startswith(prefix)}


def test_the_list_search_finds_by_prefix_in_the_users_area(registry, personas):
    page = search_people(user=personas["commune_clerk"], query=" 03329 ", page_size=50)
    assert [p.national_id for p in page.people] == ["033299999999"]
    # Đồng Thanh's commander sees none of Đức Hợp's people, whatever the digits.
    assert search_people(user=personas["other_commander"], query="0332", page_size=50).people == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")
def test_no_pattern_index_and_the_range_uses_the_unique_index(registry):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'people_person' "
            "AND indexdef LIKE '%%(national_id%%'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
        assert len(definitions) == 1 and "UNIQUE" in definitions[0], definitions
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Person.objects.filter(id_number_prefix("0332")).only("pk").explain()
    assert "people_person_national_id_key" in plan, plan
