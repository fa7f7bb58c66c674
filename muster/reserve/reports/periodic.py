"""The reserve's quarterly and yearly report (báo cáo công tác dự bị động viên quý / năm) of a
commune or a larger area, and the board of the reader's area: live figures on a day.

* strength by class, group, kind and sex on the day (``selectors.counts``, one query);
* placement: each reserve unit of the area in force on the day with the latest placement that
  placed into it on or before the day (as ``placement.sources``): establishment, filled,
  spare, shortfall, đúng-CNQS rate = right-specialty placements over all placements (full and
  spare, as the placement page), one query;
* assets: on the register on the day by kind; needed by the area's units in force; assigned
  on the day; shortfall per unit and kind (two queries);
* training calls that ended within the period: calls, reservists who attended, their days
  (two queries);
* call-outs issued within the period that called reservists (``callouts``, one query).

The period's figures are read on its last day, or today while it runs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from muster.core.dated import not_ended_by
from muster.geo.scope import Scope
from muster.law import book
from muster.law.reserve.enums import AssetKind
from muster.law.rulebook import Rule
from muster.reserve.assets.models import Asset, AssetNeed
from muster.reserve.assets.selectors import open_on as asset_open_on
from muster.reserve.placement.models import UnitStrength
from muster.reserve.reports.callouts import CallOutFigures, callout_figures
from muster.reserve.reports.selectors import Strength, counts
from muster.reserve.training.models import CallEntry, EntryStatus, TrainingCall

DEADLINE_RULE = "reserve.reports.deadlines"


def pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Period:
    """A quarter (``quarter`` 1–4) or a whole year (``quarter`` None)."""

    year: int
    quarter: int | None = None

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2 if self.quarter else 1, 1)

    @property
    def last(self) -> dt.date:
        if not self.quarter:
            return dt.date(self.year, 12, 31)
        month = 3 * self.quarter
        return dt.date(self.year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.quarter}" if self.quarter else f"{self.year}"

    @property
    def label_vi(self) -> str:
        return f"quý {['I', 'II', 'III', 'IV'][self.quarter - 1]} năm {self.year}" if self.quarter \
            else f"năm {self.year}"  # fmt: skip

    def in_force(self) -> bool:
        """Whether the deadline rule is in force on the period's last day."""
        return book.rule_or_none(DEADLINE_RULE, self.last) is not None

    def rule(self) -> Rule:
        return book.rule(DEADLINE_RULE, self.last)

    def deadline(self) -> dt.date:
        """The last day to send the report: before the rule's day of the quarter's last month
        (quarterly) or of its yearly month."""
        item = self.rule()
        last_day = item.int_param("before_day") - 1
        month = 3 * self.quarter if self.quarter else item.int_param("yearly_month")
        return dt.date(self.year, month, last_day)

    def day(self, today: dt.date) -> dt.date:
        """The day the figures are read on: the period's last day, or today while it runs."""
        return min(self.last, today)

    @classmethod
    def parse(cls, slug: str) -> Period | None:
        year, sep, quarter = slug.partition("-q")
        if not year.isdigit() or len(year) != 4 or int(year) < 1900:
            return None
        if sep and quarter not in ("1", "2", "3", "4"):
            return None
        return cls(int(year), int(quarter) if quarter else None)


def periods_of(year: int) -> list[Period]:
    return [*(Period(year, q) for q in range(1, 5)), Period(year)]


@dataclass
class Placement:
    units: int = 0
    establishment: int = 0
    strength: int = 0
    spare: int = 0
    shortfall: int = 0
    right_specialty: int = 0

    @property
    def placed(self) -> int:
        return self.strength + self.spare

    @property
    def right_pct(self) -> Decimal | None:
        return pct(self.right_specialty, self.placed)

    @property
    def filled_pct(self) -> Decimal | None:
        return pct(self.strength, self.establishment)


@dataclass
class AssetLine:
    registered: int = 0
    needed: int = 0
    assigned: int = 0
    shortfall: int = 0


@dataclass
class Training:
    calls: int = 0
    people: int = 0
    days: int = 0


@dataclass
class Figures:
    day: dt.date
    first: dt.date
    last: dt.date
    strength: Strength
    placement: Placement
    assets: dict[AssetKind, AssetLine]
    training: Training
    callouts: CallOutFigures | None
    asset_total: AssetLine = field(default_factory=AssetLine)


def _in_force(prefix: str, day: dt.date) -> Q:
    return Q(**{f"{prefix}established_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
    )


def placement_figures(scope: Scope, day: dt.date) -> Placement:
    latest: dict[int, tuple[int, int, int, int, int]] = {}
    rows = (
        UnitStrength.objects.filter(scope.q("unit__area"), _in_force("unit__", day))
        .filter(run__day__lte=day)
        .order_by("run__day", "run__created_at", "run_id")
        .values_list(
            "unit_id", "establishment", "strength", "spare", "shortfall", "right_specialty"
        )
    )
    for unit_id, *numbers in rows:
        latest[unit_id] = tuple(numbers)  # type: ignore[assignment]
    found = Placement(units=len(latest))
    for establishment, strength, spare, shortfall, right in latest.values():
        found.establishment += establishment
        found.strength += strength
        found.spare += spare
        found.shortfall += shortfall
        found.right_specialty += right
    return found


def asset_figures(scope: Scope, day: dt.date) -> dict[AssetKind, AssetLine]:
    lines: dict[AssetKind, AssetLine] = defaultdict(AssetLine)
    registered = (
        Asset.objects.filter(scope.q("holder"), asset_open_on(day))
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
        .order_by()
    )
    for kind, n in registered:
        lines[AssetKind(kind)].registered = n
    needs = (
        AssetNeed.objects.filter(scope.q("unit__area"), _in_force("unit__", day))
        .annotate(
            open_count=Count(
                "assignments",
                filter=Q(assignments__assigned_on__lte=day) & not_ended_by(day, "assignments__"),
            )
        )
        .values_list("unit_id", "kind", "count", "open_count")
        .order_by()
    )
    per_unit: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, kind, needed, assigned in needs:
        per_unit[(unit_id, kind)][0] += needed
        per_unit[(unit_id, kind)][1] += assigned
    for (_unit, kind), (needed, assigned) in per_unit.items():
        line = lines[AssetKind(kind)]
        line.needed += needed
        line.assigned += assigned
        line.shortfall += max(needed - assigned, 0)
    return {k: lines[k] for k in AssetKind if k in lines}


def training_figures(scope: Scope, first: dt.date, last: dt.date) -> Training:
    calls = TrainingCall.objects.filter(scope.q("commune"), ends_on__gte=first, ends_on__lte=last)
    attended = CallEntry.objects.filter(
        call__in=calls.values("pk"), status=EntryStatus.PRESENT
    ).aggregate(people=Count("pk"), days=Sum("days", default=0))
    return Training(calls=calls.count(), people=attended["people"], days=attended["days"])


def figures(scope: Scope, first: dt.date, last: dt.date, day: dt.date) -> Figures:
    """The report's figures for the units of ``scope``: stocks on ``day``, activity from
    ``first`` to ``last`` (eight queries, whatever the size of the area)."""
    strength = Strength()
    for s in counts(scope.q("holder"), day).values():
        strength.add(s)
    assets = asset_figures(scope, day)
    total = AssetLine()
    for line in assets.values():
        total.registered += line.registered
        total.needed += line.needed
        total.assigned += line.assigned
        total.shortfall += line.shortfall
    return Figures(
        day=day,
        first=first,
        last=last,
        strength=strength,
        placement=placement_figures(scope, day),
        assets=assets,
        training=training_figures(scope, first, last),
        callouts=callout_figures(scope, first, last),
        asset_total=total,
    )
