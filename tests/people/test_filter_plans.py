"""A filtered list page returns the same rows in the same order whichever plan serves it.

On PostgreSQL a page with a filter on other tables (status, family facts) first walks
FILTER_WALK_WINDOW rows in name order and falls back to finding the matches directly when
that window holds too few; the window is shrunk here so every path runs on a small registry.
The expected page is the plain ordered query (the one SQLite runs).
"""

from __future__ import annotations

import pytest

from muster.core.text import fold
from muster.people import selectors
from muster.people.models import Person
from muster.people.selectors import PersonFilter
from tests.people.test_list_speed_queries import ON, registry

__all__ = ["registry"]  # the fixture, imported for these tests

pytestmark = pytest.mark.django_db

FILTERS = [
    PersonFilter(on=ON, status="registered"),
    PersonFilter(on=ON, status="barred"),
    PersonFilter(on=ON, status="exempt"),
    PersonFilter(on=ON, status="removed"),
    PersonFilter(on=ON, martyr_parent=True),
    PersonFilter(on=ON, invalid_parent=True, min_age=18),
    PersonFilter(on=ON, sibling_serving=True, grade_min=8),
    PersonFilter(on=ON, status="registered", martyr_parent=True),
    PersonFilter(on=ON, min_age=20, max_age=27, higher_level="any"),  # no conditions
]


def plain(filters: PersonFilter, words: list[str], limit: int) -> list[int]:
    qs, conditions = selectors._apply_filter(Person.objects.all(), filters)
    qs = qs.filter(*conditions.where)
    for word in words:
        qs = qs.filter(name_search__contains=word)
    return list(qs.order_by("name_search", "id").values_list("pk", flat=True)[:limit])


@pytest.mark.parametrize("window", [2, 10, 1000])
@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_every_plan_gives_the_exact_page(registry, monkeypatch, window, filters):
    monkeypatch.setattr(selectors, "FILTER_WALK_WINDOW", window)
    for query in ("", "so 1", "nguyen"):
        words = fold(query).split()
        for limit in (1, 3, 7, 100):
            qs, conditions = selectors._apply_filter(Person.objects.all(), filters)
            rows = selectors._name_page(qs, words, limit, conditions)
            assert [p.pk for p in rows] == plain(filters, words, limit), (query, limit)


def test_the_fixture_makes_both_paths_run(registry):
    """The rare filters have fewer matches than a 10-row window's page would need, the common
    one more: with the windows above both the walk and the fallback answer."""
    assert 0 < len(plain(PersonFilter(on=ON, status="barred"), [], 100)) < 20
    assert len(plain(PersonFilter(on=ON, status="registered"), [], 100)) > 20


def test_keyset_pages_through_the_fallback_cover_every_match_once(registry, monkeypatch, personas):
    monkeypatch.setattr(selectors, "FILTER_WALK_WINDOW", 3)
    filters = PersonFilter(on=ON, status="registered")
    user = personas["district_officer"]
    seen: list[int] = []
    after = ""
    while True:
        page = selectors.search_people(user=user, filters=filters, page_size=4, after=after)
        seen += [p.pk for p in page.people]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert seen == plain(filters, [], 1000)
