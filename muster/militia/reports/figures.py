"""The militia strength figures of communes on a day (sức mạnh, quân số dân quân tự vệ):
members by component, established strength, shortfall, ratio to the population, Party and
Youth Union members, and the commune military command's cadres with and without the
grassroots military science degree. Counted per commune in a few grouped queries whatever
the number of communes; roll-ups add communes' figures (``Figures.add``).

A member counts on ``day`` when ``joined_on <= day`` and he has not ended (``ended_on`` is
the first day he no longer serves), as the overview pages count; a unit the same with its
``established_on`` and ``ended_on``; a cadre by his appointment. Records held by a commune
that no longer exists on ``day`` count in the one commune it wholly became (``geo.lineage``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Case, Count, OuterRef, Q, Subquery, Sum, Value, When

from muster.core.dated import open_on
from muster.geo.lineage_store import lineage_downstream
from muster.geo.models import Unit
from muster.law.militia.enums import COMMAND_POSTS, Component, Force
from muster.militia.dated import serving_on
from muster.militia.members.models import Membership
from muster.militia.organisation.models import Appointment, MilitiaUnit
from muster.people.models import Person

#: The columns of members by component: the three the law names first, the rest together,
#: and the self-defence force of agencies and enterprises held by the commune.
COLUMNS = ("on_site", "mobile", "standing", "other", "self_defence")
_MAIN = {Component.ON_SITE.value, Component.MOBILE.value, Component.STANDING.value}
_COMMAND = [p.value for p in COMMAND_POSTS]
_TENTH = Decimal("0.1")


def pct(part: int, whole: int | None) -> Decimal | None:
    """``part`` per 100 of ``whole`` to one decimal (half up); None when ``whole`` is 0 or
    unknown."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    """The figures of one commune, or of several added together."""

    by_component: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))
    establishment: int = 0
    #: Sum of the communes' own shortfalls (a commune over strength does not make up another's).
    shortfall: int = 0
    #: None when one of the communes has no population figure.
    population: int | None = 0
    party: int = 0
    youth: int = 0
    cadres_degree: int = 0
    cadres_no_degree: int = 0
    communes: int = 0

    @property
    def members(self) -> int:
        return sum(self.by_component.values())

    @property
    def strength_pct(self) -> Decimal | None:
        return pct(self.members, self.establishment)

    @property
    def ratio_pct(self) -> Decimal | None:
        return pct(self.members, self.population)

    @property
    def party_pct(self) -> Decimal | None:
        return pct(self.party, self.members)

    @property
    def youth_pct(self) -> Decimal | None:
        return pct(self.youth, self.members)

    @property
    def cadres(self) -> int:
        return self.cadres_degree + self.cadres_no_degree

    def close(self) -> Figures:
        """A commune's own shortfall, once its members and establishment are counted."""
        self.shortfall = max(self.establishment - self.members, 0)
        return self

    def add(self, other: Figures) -> Figures:
        for key in COLUMNS:
            self.by_component[key] += other.by_component[key]
        self.establishment += other.establishment
        self.shortfall += other.shortfall
        if self.population is None or other.population is None:
            self.population = None
        else:
            self.population += other.population
        self.party += other.party
        self.youth += other.youth
        self.cadres_degree += other.cadres_degree
        self.cadres_no_degree += other.cadres_no_degree
        self.communes += other.communes
        return self


def total(parts: Iterable[Figures]) -> Figures:
    found = Figures()
    for part in parts:
        found.add(part)
    return found


def populations(communes: list[Unit]) -> dict[int, int | None]:
    """Each commune's population: its own figure, else the sum of its villages' (a commune
    formed on 1 Jul 2025 whose figure is not entered yet); None when neither is known. One
    query, only for the communes without a figure."""
    found: dict[int, int | None] = {c.pk: c.population for c in communes}
    missing = [c.pk for c in communes if c.population is None]
    if missing:
        sums = dict(
            Unit.objects.filter(parent_id__in=missing, population__isnull=False)
            .values_list("parent_id")
            .annotate(n=Sum("population"))
            .values_list("parent_id", "n")
        )
        for pk in missing:
            found[pk] = sums.get(pk)
    return found


def _folding(holders: set[int], communes: dict[int, Unit], day: dt.date) -> dict[int, int]:
    """Holder id → commune id: the commune itself, or for a commune that no longer exists on
    ``day`` the one commune of ``communes`` it wholly became (unknown holders are left out)."""
    mapping = {h: h for h in holders if h in communes}
    stale = holders - set(mapping)
    if stale:
        units = list(Unit.objects.filter(pk__in=stale))
        lineage = lineage_downstream(units, day).lineage
        for unit in units:
            successor = lineage.successor_on(unit.pk, day)
            if successor in communes:
                mapping[unit.pk] = successor
    return mapping


#: A member's flags: 2 for a Party member, 1 for a Youth Union member, 3 for both.
_PARTY, _YOUTH = 2, 1


def _flags() -> Subquery:
    """The member's Party and Youth Union flags, looked up by primary key for each member
    counted. A join lets the planner scan the whole registry (3,000,000 rows of a province:
    1.3 s) to reach the 1 % of it in the force (``bench/militia_strength.py``)."""
    code = Case(When(party_member=True, then=Value(_PARTY)), default=Value(0)) + Case(
        When(youth_union_member=True, then=Value(_YOUTH)), default=Value(0)
    )
    return Subquery(
        Person.objects.filter(pk=OuterRef("person_id"))
        .order_by()
        .annotate(code=code)
        .values("code")[:1]
    )


def _without_jit() -> None:
    """PostgreSQL compiles a query whose estimated cost is high (the per-member look-ups)
    before running it: 0.7 s of compiling for a 0.5 s query. Off for this transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def figures_by_commune(communes: list[Unit], day: dt.date, holders: Q) -> dict[int, Figures]:
    """The figures of each of ``communes`` on ``day``; ``holders`` is the condition on the
    holding unit (``holder``) of the records to read (the reader's area). Four grouped
    queries, five when populations or ended holders must be looked up."""
    by_pk = {c.pk: c for c in communes}
    found = {c.pk: Figures(communes=1) for c in communes}
    with transaction.atomic():
        _without_jit()
        members = list(
            Membership.objects.filter(holders, serving_on(day))
            .annotate(flags=_flags())
            .values_list("holder_id", "force", "component", "flags")
            .annotate(n=Count("pk"))
            .order_by()
        )
    units = list(
        MilitiaUnit.objects.filter(holders, open_on(day, "established_on"), parent__isnull=True)
        .values_list("holder_id")
        .annotate(n=Sum("establishment"))
        .order_by()
    )
    cadres = list(
        Appointment.objects.filter(
            holders, open_on(day, "appointed_on"), unit__isnull=True, post__in=_COMMAND
        )
        .values_list("holder_id", "grassroots_degree")
        .annotate(n=Count("pk"))
        .order_by()
    )
    holder_ids = {r[0] for r in members} | {r[0] for r in units} | {r[0] for r in cadres}
    fold = _folding(holder_ids, by_pk, day)
    for holder, force, component, flags, n in members:
        target = found.get(fold.get(holder, -1))
        if target is None:
            continue
        if force == Force.SELF_DEFENCE:
            key = "self_defence"
        else:
            key = component if component in _MAIN else "other"
        target.by_component[key] += n
        target.party += n if (flags or 0) & _PARTY else 0
        target.youth += n if (flags or 0) & _YOUTH else 0
    for holder, n in units:
        target = found.get(fold.get(holder, -1))
        if target is not None:
            target.establishment += n or 0
    for holder, degree, n in cadres:
        target = found.get(fold.get(holder, -1))
        if target is None:
            continue
        if degree:
            target.cadres_degree += n
        else:
            target.cadres_no_degree += n
    people = populations(communes)
    for pk, figures in found.items():
        figures.population = people[pk]
        figures.close()
    return found
