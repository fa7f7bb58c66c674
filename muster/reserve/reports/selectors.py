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

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat

from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law import book
from muster.law.ages import birth_range
from muster.people.models import Person
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


def group_case(day: dt.date, prefix: str = "person__") -> Case:
    """``"A"`` / ``"B"`` / ``""`` (past the reserve age) of the person on ``day``, in SQL;
    ``prefix`` is the path to the person's fields."""
    groups = book.rule("reserve.groups", day)
    ages = book.rule("reserve.ages", day)

    def born_from(max_age: int) -> dt.date:
        return birth_range(day, 0, max_age)[0]

    def when(male: bool, max_age: int, then: str) -> When:
        sex = Q(**{f"{prefix}sex": "M"})
        return When(
            (sex if male else ~sex) & Q(**{f"{prefix}date_of_birth__gte": born_from(max_age)}),
            then=Value(then),
        )

    return Case(
        when(True, groups.int_param("group_a_male_max"), "A"),
        when(False, groups.int_param("group_a_female_max"), "A"),
        when(True, ages.int_param("male_max"), "B"),
        when(False, ages.int_param("female_max"), "B"),
        default=Value(""),
        output_field=CharField(),
    )


def _sex_group(day: dt.date) -> Subquery:
    """The reservist's sex and group on ``day`` as one code (``"MA"``, ``"FB"``, ``"M"`` …),
    read by a primary-key look-up of his registry row: joining the registry instead makes
    PostgreSQL scan all of it (3,000,000 rows, 1.3 s; ``bench/reserve_strength.py``)."""
    code = Concat("sex", group_case(day, prefix=""), output_field=CharField())
    person = Person.objects.filter(pk=OuterRef("person_id")).order_by().annotate(code=code)
    return Subquery(person.values("code")[:1], output_field=CharField())


def _without_jit() -> None:
    """PostgreSQL would compile the query (its estimated cost is high, the per-reservist
    look-ups) for longer than it runs: off for this transaction (as the militia report)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def _fold(strength: Strength, klass: int | None, kind: str, code: str, n: int) -> None:
    sex, group = code[:1], code[1:]
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
    with transaction.atomic():
        _without_jit()
        rows = list(
            Reservist.objects.filter(open_on(day), where)
            .annotate(code=_sex_group(day))
            .values_list("holder_id", "reserve_class", "kind", "code")
            .annotate(n=Count("pk"))
            .order_by()
        )
    found: dict[int, Strength] = {}
    for holder_id, klass, kind, code, n in rows:
        _fold(found.setdefault(holder_id, Strength()), klass, kind, code or "", n)
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
