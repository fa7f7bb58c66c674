"""The name search returns the same rows in the same order whichever plan serves it.

On PostgreSQL a search first walks NAME_WALK_WINDOW rows in name order and falls back to the
trigram index when that window holds too few matches; the window is shrunk here so both paths
run on a small registry.
"""

from __future__ import annotations

import pytest

from muster.core.text import fold
from muster.people import selectors
from muster.people.models import Person
from muster.people.national_id import make

NAMES = [
    "An Văn Bình", "Bùi Văn Đức", "Đỗ Thị Lan", "Hoàng Văn Nam", "Hoàng Thị Hoa", "Lê Văn Đức",
    "Lê Minh Hoàng", "Ngô Đức Anh", "Nguyễn Văn Đức", "Nguyễn Thị Lan", "Nguyễn Hoàng Long",
    "Phạm Văn Hùng", "Trần Thị Lan", "Trần Đức Hoàng", "Vũ Văn Đức", "Nguyễn_Văn 100%",
]  # fmt: skip


@pytest.fixture
def registry(units):
    people = []
    for i, name in enumerate(NAMES * 3):
        people.append(
            Person(
                full_name=name,
                name_search=fold(name),
                sex="M",
                date_of_birth=f"{1990 + i % 10}-01-0{1 + i % 9}",
                national_id=make(
                    province_code="033", male=True, birth_year=1990 + i % 10, serial=i
                ),
                registration_unit=units["DHOP"],
            )
        )
    Person.objects.bulk_create(people)


def expected(words, limit):
    rows = [
        p
        for p in Person.objects.order_by("name_search", "id")
        if all(w in p.name_search for w in words)
    ]
    return [p.pk for p in rows[:limit]]


@pytest.mark.parametrize("window", [4, 10, 1000])
@pytest.mark.parametrize(
    "query", ["duc", "hoang", "nguyen", "van duc", "lan", "xyz", "100%", "_van", "Nguyễn Văn Đức"]
)
def test_every_plan_gives_the_exact_page(registry, monkeypatch, window, query):
    monkeypatch.setattr(selectors, "NAME_WALK_WINDOW", window)
    words = fold(query).split()
    for limit in (1, 3, 7):
        rows = selectors._name_page(Person.objects.all(), words, limit)
        assert [p.pk for p in rows] == expected(words, limit), (query, window, limit)
