"""Reserve test records for units and placement: a unit with its posts, reservists."""

from __future__ import annotations

import datetime as dt
from itertools import count

from muster.geo.models import Unit
from muster.reserve.models import ReserveUnit, Reservist, UnitPost
from tests.core.factories import make_person

_codes = count(1)


def make_unit(
    area: Unit,
    *,
    posts: dict[str, int] | None = None,
    role: str = "combat",
    force: str = "main",
    kind: str = "nco_soldier",
    spare_percent: int | None = None,
    established_on: dt.date = dt.date(2024, 1, 1),
    code: str | None = None,
) -> ReserveUnit:
    """A unit of ``area`` with ``posts`` ({specialty code: count}) of ``kind``."""
    unit = ReserveUnit.objects.create(
        area=area,
        code=code or f"C{next(_codes)}",
        name="Đại đội bộ binh",
        role=role,
        force=force,
        spare_percent=spare_percent,
        established_on=established_on,
    )
    for specialty, n in (posts or {}).items():
        UnitPost.objects.create(unit=unit, specialty_code=specialty, kind=kind, count=n)
    return unit


def make_reservist(
    commune: Unit,
    *,
    specialty: str = "BB",
    reserve_class: int | None = 1,
    born: dt.date = dt.date(1998, 5, 1),
    kind: str = "nco_soldier",
    name: str = "Trần Văn Bình",
    registered_on: dt.date = dt.date(2024, 6, 1),
    sex: str = "M",
) -> Reservist:
    person = make_person(commune, full_name=name, date_of_birth=born, sex=sex)
    return Reservist.objects.create(
        person=person,
        holder=commune,
        kind=kind,
        reserve_class=reserve_class,
        specialty_code=specialty,
        registered_on=registered_on,
        certificate_number=f"DB-{person.pk}",
    )
