"""``field__any_of``: the same rows as ``__in``, with the ids as one array on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muster.geo.models import Unit
from muster.people.models import Person
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db


def test_any_of_matches_in(units):
    people = [make_person(units[key]) for key in ("DHOP", "DT", "DHOP25")]
    ids = frozenset(Unit.objects.filter(kind="commune").values_list("pk", flat=True))
    for wanted in (ids, frozenset({units["DT"].pk}), frozenset({units["HY"].pk})):
        expected = set(Person.objects.filter(registration_unit_id__in=wanted))
        assert set(Person.objects.filter(registration_unit_id__any_of=wanted)) == expected
        assert set(Person.objects.filter(registration_unit__any_of=wanted)) == expected
    assert len(set(Person.objects.filter(registration_unit_id__any_of=ids))) == len(people)
    assert not Person.objects.filter(registration_unit_id__any_of=frozenset()).exists()
    assert list(Unit.objects.filter(pk__any_of={units["DT"].pk})) == [units["DT"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL arrays")
def test_any_of_is_one_array_parameter(units):
    ids = frozenset(Unit.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as ctx:
        list(Person.objects.filter(registration_unit_id__any_of=ids))
    sql = ctx.captured_queries[0]["sql"]
    assert "= ANY(" in sql and " IN (" not in sql
