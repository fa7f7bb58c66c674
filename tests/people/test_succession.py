"""Which commune holds a citizen after the 1 July 2025 reform (``people.succession``)."""

from __future__ import annotations

import pytest

from muster.demo.people.writer import generate_demo_registry
from muster.people.models import Person
from muster.people.succession import holding

SCALE = 0.02


@pytest.fixture
def registry(units):
    generate_demo_registry(units=units, seed=5, scale=SCALE)
    return units


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_a_merged_commune_holds_everyone_registered_at_its_predecessors(registry):
    units = registry
    held = _ids(Person.objects.filter(holding([units["DHOP25"]]).q()))
    expected = _ids(
        Person.objects.filter(registration_unit__in=[units["PTO"], units["MD"], units["DHOP"]])
    )
    assert held == expected and held
    # A 2025 commune holds only its own citizens (its predecessors of 2024 had none left).
    assert _ids(Person.objects.filter(holding([units["DHOP"]]).q())) == _ids(
        Person.objects.filter(registration_unit=units["DHOP"])
    )


def test_a_split_commune_sends_each_citizen_with_his_village(registry):
    units = registry
    ngoc_thanh = _ids(Person.objects.filter(registration_unit=units["NT"]))
    to_hc = _ids(Person.objects.filter(holding([units["HC25"]]).q())) & ngoc_thanh
    to_sn = _ids(Person.objects.filter(holding([units["SN25"]]).q())) & ngoc_thanh
    assert to_hc and to_sn
    assert to_hc.isdisjoint(to_sn) and to_hc | to_sn == ngoc_thanh
    both = holding([units["HC25"], units["SN25"]])
    for person in Person.objects.filter(pk__in=ngoc_thanh).select_related("residence_unit"):
        holder = both.commune_of(person.registration_unit_id, person.residence_unit_id)
        assert holder == (units["HC25"].pk if person.pk in to_hc else units["SN25"].pk)
        # The village's successor lies under the commune that holds him.
        successor = person.residence_unit.successions.get().successor
        assert successor.parent_id == holder


def test_every_citizen_is_held_by_exactly_one_of_the_2025_communes(registry):
    units = registry
    new = [units[k] for k in ("LB25", "ND25", "HC25", "DHOP25", "SN25")]
    both = holding(new)
    counts = {u.pk: 0 for u in new}
    for reg, res in Person.objects.values_list("registration_unit_id", "residence_unit_id"):
        holder = both.commune_of(reg, res)
        assert holder in counts
        counts[holder] += 1
    assert sum(counts.values()) == Person.objects.count()
    assert Person.objects.filter(both.q()).count() == Person.objects.count()


def test_a_citizen_of_a_split_commune_without_a_village_is_held_by_none(registry):
    units = registry
    person = Person.objects.filter(registration_unit=units["NT"]).first()
    assert person is not None
    Person.objects.filter(pk=person.pk).update(residence_unit=None)
    both = holding([units["HC25"], units["SN25"]])
    assert both.commune_of(person.registration_unit_id, None) is None
    assert not Person.objects.filter(both.q(), pk=person.pk).exists()
