"""The militia and the reserve for the API: per commune of the area on a day, what the strength
reports compute.

* Militia (``militia.reports.selectors.strength_report``, the strength report page): members
  serving by component against the established strength of the commune's units, shortfall,
  ratio to the population.
* Reserve (``reserve.reports.selectors.strength_report``, the reserve strength page):
  reservists on the registers by class, group, kind and sex; and, for the reserve units whose
  mobilisation area lies in the area, what the current placement put in them against their
  establishment (``UnitStrength`` of the current run, as the placement page shows it).

Both read the actor's area; the roles' rights are the pages' (``can_view_militia``,
``can_view_reserve``: 403 without them).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema

from muster.accounts.access import require
from muster.api.resources.common import UnitRef, as_of, bind_scope, number, unit_ref
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.rulebook import NoRuleInForce
from muster.militia.perms import can_view_militia
from muster.militia.reports import selectors as militia_reports
from muster.militia.reports.figures import COLUMNS as MILITIA_COLUMNS
from muster.militia.reports.figures import Figures
from muster.reserve.perms import can_view_reserve
from muster.reserve.placement.models import UnitStrength
from muster.reserve.reports import selectors as reserve_reports
from muster.reserve.reports.selectors import Strength

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.scope import Scope


# ----------------------------------------------------------------------------- militia


class MilitiaComponentsOut(Schema):
    """Members serving by component: the three the law names first, the others together,
    and the self-defence force of agencies and enterprises held by the commune."""

    on_site: int
    mobile: int
    standing: int
    other: int
    self_defence: int


class MilitiaFiguresOut(Schema):
    members: int
    by_component: MilitiaComponentsOut
    #: The strength the commune's open units are established for.
    establishment: int
    #: Establishment not filled (a commune over strength does not make up another's).
    shortfall: int
    #: Members per 100 of the establishment, one decimal.
    strength_pct: float | None
    population: int | None
    #: Members per 100 inhabitants, one decimal.
    ratio_pct: float | None
    party_members: int
    youth_union_members: int

    @classmethod
    def of(cls, figures: Figures) -> MilitiaFiguresOut:
        return cls(
            members=figures.members,
            by_component=MilitiaComponentsOut(
                **{key: figures.by_component[key] for key in MILITIA_COLUMNS}
            ),
            establishment=figures.establishment,
            shortfall=figures.shortfall,
            strength_pct=number(figures.strength_pct),
            population=figures.population,
            ratio_pct=number(figures.ratio_pct),
            party_members=figures.party,
            youth_union_members=figures.youth,
        )


class MilitiaCommuneOut(Schema):
    commune: UnitRef
    figures: MilitiaFiguresOut


class MilitiaSummaryOut(Schema):
    day: dt.date
    #: The unit the summary is cut to (``null``: the whole area).
    unit: UnitRef | None
    communes: list[MilitiaCommuneOut]
    total: MilitiaFiguresOut


def _area_unit(actor: User, public_id: uuid.UUID | None) -> Unit | None:
    """A unit of the area down to the communes (as the strength report's ``unit``), else 404."""
    if public_id is None:
        return None
    unit = Unit.objects.filter(scope_of(actor).q("pk"), public_id=public_id).first()
    if unit is None or unit.tier > 3:
        raise Http404(_("Not found, or outside your area."))
    return unit


def militia_summary(
    *, actor: User, scope: Scope, day: dt.date | None = None, unit: uuid.UUID | None = None
) -> MilitiaSummaryOut:
    """The militia strength of each commune of the area on ``day`` (today by default), or of
    one unit of it and the units that became it, and the total. A handful of grouped queries
    whatever the number of communes and members."""
    bind_scope(actor, scope)
    cut = _area_unit(actor, unit)
    require(can_view_militia(actor))
    report = militia_reports.strength_report(user=actor, day=as_of(day), unit=cut)
    return MilitiaSummaryOut(
        day=report.day,
        unit=unit_ref(cut) if cut is not None else None,
        communes=[
            MilitiaCommuneOut(commune=unit_ref(r.commune), figures=MilitiaFiguresOut.of(r.figures))
            for r in report.rows
        ],
        total=MilitiaFiguresOut.of(report.total),
    )


# ----------------------------------------------------------------------------- reserve


class ReserveFiguresOut(Schema):
    """Reservists on the registers on the day: by class (1, 2, none: officers and professional
    soldiers), group (A, B, past the reserve age), kind and sex."""

    total: int
    class_one: int
    class_two: int
    no_class: int
    group_a: int
    group_b: int
    over_age: int
    officers: int
    professionals: int
    nco_soldiers: int
    men: int
    women: int

    @classmethod
    def of(cls, strength: Strength) -> ReserveFiguresOut:
        return cls(**{key: getattr(strength, key) for key in reserve_reports.COLUMNS})


class ReserveCommuneOut(Schema):
    commune: UnitRef
    figures: ReserveFiguresOut


class PlacementFiguresOut(Schema):
    """Posts of the unit (its needs) against the reservists placed: full strength and spare."""

    establishment: int
    strength: int
    shortfall: int
    spare_target: int
    spare: int
    spare_shortfall: int
    #: Placed in a post of their own military specialty.
    right_specialty: int


class ReserveUnitOut(Schema):
    public_id: uuid.UUID
    code: str
    name: str
    #: The unit's mobilisation area.
    area: UnitRef
    #: The day of the current placement that filled it.
    placed_on: dt.date
    figures: PlacementFiguresOut


class ReserveSummaryOut(Schema):
    day: dt.date
    communes: list[ReserveCommuneOut]
    total: ReserveFiguresOut
    units: list[ReserveUnitOut]
    units_total: PlacementFiguresOut


_PLACEMENT_FIELDS = (
    "establishment",
    "strength",
    "shortfall",
    "spare_target",
    "spare",
    "spare_shortfall",
    "right_specialty",
)


def _placement(row: UnitStrength) -> PlacementFiguresOut:
    return PlacementFiguresOut(**{key: getattr(row, key) for key in _PLACEMENT_FIELDS})


def reserve_summary(*, actor: User, scope: Scope, day: dt.date | None = None) -> ReserveSummaryOut:
    """The reserve strength of each commune of the area on ``day`` (today by default) and the
    total; and each reserve unit of the area with its current placement against its posts.
    Three queries whatever the size of the area."""
    bind_scope(actor, scope)
    require(can_view_reserve(actor))
    try:
        report = reserve_reports.strength_report(user=actor, day=as_of(day))
    except NoRuleInForce as error:  # the reserve's age groups are law from 2020 only
        raise ValidationError(
            {"on": [_("The reserve rules are not in force on this day.")]}
        ) from error
    placed = list(
        UnitStrength.objects.filter(scope_of(actor).q("unit__area"), run__current=True)
        .select_related("unit__area", "run")
        .order_by("unit__area__path", "unit__code", "pk")
    )
    total = PlacementFiguresOut(
        **{key: sum(getattr(r, key) for r in placed) for key in _PLACEMENT_FIELDS}
    )
    return ReserveSummaryOut(
        day=report.day,
        communes=[
            ReserveCommuneOut(commune=unit_ref(unit), figures=ReserveFiguresOut.of(strength))
            for unit, strength in report.rows
        ],
        total=ReserveFiguresOut.of(report.total),
        units=[
            ReserveUnitOut(
                public_id=r.unit.public_id,
                code=r.unit.code,
                name=r.unit.name,
                area=unit_ref(r.unit.area),
                placed_on=r.run.day,
                figures=_placement(r),
            )
            for r in placed
        ],
        units_total=total,
    )
