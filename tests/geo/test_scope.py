"""The user's scope (``geo.scope``): a subtree plus the lineage it succeeded, as a constant-size
condition on the units' paths; the whole system as no condition at all."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from muster.accounts.models import Role
from muster.geo.models import Unit
from muster.geo.scope import Scope, scope_of, scope_of_unit
from muster.people.models import Person
from tests.conftest import make_user


def test_a_commune_scope_is_its_subtree(personas, units):
    scope = scope_of(personas["commune_commander"])
    assert scope.contains(units["DHOP"]) and scope.contains(units["DHOP"].pk)
    assert not scope.contains(units["DT"]) and not scope.contains(units["DT"].pk)
    assert not scope.contains(units["KD"])  # the parent is outside
    village = Unit.objects.filter(parent=units["DHOP"]).first()
    if village is not None:
        assert scope.contains(village)
    ids = scope.unit_ids()
    assert set(scope.units().values_list("pk", flat=True)) == ids
    assert units["DHOP"].pk in ids and units["DT"].pk not in ids


def test_the_2025_commune_answers_for_its_predecessors(units):
    scope = scope_of_unit(units["DHOP25"])
    for key in ("DHOP25", "DHOP", "PTO", "MD", "PTI", "TV"):
        assert scope.contains(units[key]), key
    assert not scope.contains(units["DT"])
    assert not scope.contains(units["KD"])
    # The regional command answers for the former district.
    ptkv = scope_of_unit(units["PTKV1"])
    assert ptkv.contains(units["KD"]) and ptkv.contains(units["DHOP"])
    assert ptkv.contains(units["DHOP25"])
    assert not ptkv.contains(units["HY"])


def test_the_condition_does_not_grow_with_the_units(personas, units):
    scope = scope_of(personas["ptkv_officer"])
    sql = str(scope.filter(Person.objects.all(), "registration_unit").query)
    assert "LIKE" in sql.upper()
    # One path condition per lineage root, not one parameter per unit.
    assert len(scope.paths) < 10 < len(scope.unit_ids())
    assert sql.count(",") < 30
    for pk in scope.unit_ids():
        assert f"({pk}," not in sql and f", {pk})" not in sql


def test_the_whole_system_is_no_condition(personas, units):
    admin = personas["admin"]
    scope = scope_of(admin)
    assert scope.everything
    with CaptureQueriesContext(connection) as ctx:
        assert scope.contains(units["DT"].pk) and scope.contains(units["HY"])
    assert not ctx.captured_queries
    qs = Person.objects.all()
    assert str(scope.filter(qs, "registration_unit").query) == str(qs.query)
    assert scope.q("registration_unit").children == []
    assert scope.lookup("unit") == {}


def test_no_scope_unit_sees_nothing(units):
    nobody = make_user("p.nobody", Role.COMMUNE_CLERK, None)
    scope = scope_of(nobody)
    assert scope.is_empty and not scope.contains(units["DHOP"])
    assert not scope.filter(Person.objects.all(), "registration_unit").exists()
    assert scope.unit_ids() == frozenset()


def test_the_scope_is_cached_on_the_user(personas, units):
    user = personas["commune_commander"]
    first = scope_of(user)
    with CaptureQueriesContext(connection) as ctx:
        assert scope_of(user) is first
    assert not ctx.captured_queries
    first.unit_ids()
    with CaptureQueriesContext(connection) as ctx:
        assert first.contains(units["DHOP"].pk)
    assert not ctx.captured_queries


def test_nested_roots_are_kept_once():
    scope = Scope(("00000001/", "00000001/00000002/", "00000003/"))
    assert scope.paths == ("00000001/", "00000003/")
    assert scope.contains_path("00000001/00000009/")
    assert not scope.contains_path("00000004/")
