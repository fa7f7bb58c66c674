"""Reserve test records: a recruit handed over by the call-up in February 2023."""

from __future__ import annotations

import datetime as dt

from muster.conscription.handover.models import Handover, Recruit
from muster.people.models import Person
from tests.conscription.selection_factories import matrix_recruit

HANDED_2023 = dt.date(2023, 2, 15)


def recruit_of(person: Person, *, handed_on: dt.date = HANDED_2023) -> Recruit:
    """A recruit (the call-up's handover record) of ``person``, handed over on ``handed_on``."""
    world = {"unit_in": person.registration_unit, "person_in": person}
    recruit = matrix_recruit(world, "in")
    Handover.objects.filter(pk=recruit.handover_id).update(handed_on=handed_on)
    recruit.refresh_from_db()
    recruit.handover.refresh_from_db()
    return recruit
