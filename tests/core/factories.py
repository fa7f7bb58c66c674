"""Small builders for test records (real models, written the way the registry writes them)."""

from __future__ import annotations

import datetime as dt
import itertools

from muster.accounts.services import system_actor
from muster.core.text import fold
from muster.geo.models import Unit
from muster.geo.services import unit_create
from muster.people import national_id
from muster.people.models import Person, Sex

_serials = itertools.count(1)


def make_person(
    unit: Unit,
    *,
    full_name: str = "Nguyễn Văn Đức",
    sex: str = Sex.MALE,
    date_of_birth: dt.date = dt.date(2005, 3, 14),
    residence_unit: Unit | None = None,
) -> Person:
    """A citizen registered in ``unit`` with a valid, unique 12-digit ID number (Hưng Yên 033)."""
    number = national_id.make(
        province_code="033",
        male=sex == Sex.MALE,
        birth_year=date_of_birth.year,
        serial=next(_serials),
    )
    assert national_id.check(number, male=sex == Sex.MALE, birth_date=date_of_birth) == []
    return Person.objects.create(
        full_name=full_name,
        name_search=fold(full_name),
        sex=sex,
        date_of_birth=date_of_birth,
        national_id=number,
        registration_unit=unit,
        residence_unit=residence_unit,
    )


def make_village(
    parent: Unit,
    code: str,
    name: str | None = None,
    *,
    actor=None,
    valid_from: dt.date = dt.date(2000, 1, 1),
    valid_to: dt.date | None = None,
) -> Unit:
    """A village of ``parent`` created through the geo service (by the system actor unless
    told); it is called "Thôn <code>" unless named."""
    return unit_create(
        actor=actor if actor is not None else system_actor(),
        code=code,
        kind="village",
        name=name if name is not None else f"Thôn {code}",
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )
