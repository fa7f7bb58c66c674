"""Reserve strength (quân số dự bị động viên) on a day: the reservists on the registers of
each commune of the reader's area and the area's total, by class (1, 2, none: officers and
professional soldiers), group (A, B, past the age, computed from the birth date on the day by
``reserve.groups`` and ``reserve.ages``), kind and sex. One grouped query whatever the size
of the area."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from django.db.models import Case, CharField, Count, Q, Value, When

from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law import book
from muster.law.ages import birth_range
from muster.reserve.register.models import Reservist
from muster.reserve.register.selectors import open_on

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass
class Strength:
    """The counts of one commune (or of a total)."""

    total: int = 0
    class_one: int = 0
    class_two: int = 0
    no_class: int = 0
    group_a: int = 0
    group_b: int = 0
    over_age: int = 0
    officers: int = 0
    professionals: int = 0
    nco_soldiers: int = 0
    men: int = 0
    women: int = 0

    def add(self, other: Strength) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


#: The column order of the report and its export.
COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Strength))


@dataclass
class Report:
    day: dt.date
    rows: list[tuple[Unit, Strength]]
    total: Strength = field(default_factory=Strength)


def group_case(day: dt.date) -> Case:
    """``"A"`` / ``"B"`` / ``""`` (past the reserve age) of the person on ``day``, in SQL."""
    groups = book.rule("reserve.groups", day)
    ages = book.rule("reserve.ages", day)

    def born_from(max_age: int) -> dt.date:
        return birth_range(day, 0, max_age)[0]

    male, female = Q(person__sex="M"), ~Q(person__sex="M")
    return Case(
        When(
            male & Q(person__date_of_birth__gte=born_from(groups.int_param("group_a_male_max"))),
            then=Value("A"),
        ),
        When(
            female
            & Q(person__date_of_birth__gte=born_from(groups.int_param("group_a_female_max"))),
            then=Value("A"),
        ),
        When(
            male & Q(person__date_of_birth__gte=born_from(ages.int_param("male_max"))),
            then=Value("B"),
        ),
        When(
            female & Q(person__date_of_birth__gte=born_from(ages.int_param("female_max"))),
            then=Value("B"),
        ),
        default=Value(""),
        output_field=CharField(),
    )


def _fold(strength: Strength, klass: int | None, kind: str, sex: str, group: str, n: int) -> None:
    strength.total += n
    if klass == 1:
        strength.class_one += n
    elif klass == 2:
        strength.class_two += n
    else:
        strength.no_class += n
    if group == "A":
        strength.group_a += n
    elif group == "B":
        strength.group_b += n
    else:
        strength.over_age += n
    if kind == "officer":
        strength.officers += n
    elif kind == "professional":
        strength.professionals += n
    else:
        strength.nco_soldiers += n
    if sex == "M":
        strength.men += n
    else:
        strength.women += n


def counts(where: Q, day: dt.date) -> dict[int, Strength]:
    """``{commune id: Strength}`` of the reservists matching ``where`` on ``day`` (one query)."""
    rows = (
        Reservist.objects.filter(open_on(day), where)
        .annotate(grp=group_case(day))
        .values_list("holder_id", "reserve_class", "kind", "person__sex", "grp")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[int, Strength] = {}
    for holder_id, klass, kind, sex, group, n in rows:
        _fold(found.setdefault(holder_id, Strength()), klass, kind, sex, group, n)
    return found


def strength_report(*, user: User, day: dt.date) -> Report:
    """Every commune of the reader's area valid on ``day`` with its strength, and the total
    (two queries)."""
    communes = list(
        Unit.objects.filter(scope_of(user).q("pk")).commune_level().valid_on(day).order_by("path")
    )
    per = counts(scope_of(user).q("holder"), day)
    report = Report(day, [(c, per.get(c.pk, Strength())) for c in communes])
    for _unit, s in report.rows:
        report.total.add(s)
    return report


def total_of(unit_sets: Sequence[Iterable[int]], day: dt.date) -> list[Strength]:
    """The strength of each set of units (a directive's areas) on ``day`` (one query)."""
    every = frozenset().union(*map(frozenset, unit_sets))
    per = counts(Q(holder_id__in=every), day)
    found = []
    for units in unit_sets:
        s = Strength()
        for pk in units:
            if pk in per:
                s.add(per[pk])
        found.append(s)
    return found
