"""The yearly figures of defence education for a set of members: per unit and group, how many
are due (never certified, or past the certificate's years), trained this year, certified this
year, the plan's quota and the coverage (certified over the quota, else over due + certified).
Shared by the pages (``selectors``) and the directive sources (``sources``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from muster.education.choices import Result
from muster.education.models import Certificate, EducationMember, EducationPlan, Enrolment
from muster.law.education.groups import is_due


@dataclass
class Figure:
    due: int = 0
    trained: int = 0
    certified: int = 0
    quota: int = 0

    def add(self, other: Figure) -> None:
        self.due += other.due
        self.trained += other.trained
        self.certified += other.certified
        self.quota += other.quota

    @property
    def pct(self) -> Decimal | None:
        base = self.quota or (self.due + self.certified)
        if not base:
            return None
        return (Decimal(self.certified) * 100 / Decimal(base)).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )


def members_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def year_day(year: int, today: dt.date) -> dt.date:
    """The day a year is read on: 31/12, or today in the current year."""
    return min(dt.date(year, 12, 31), today) if year >= today.year else dt.date(year, 12, 31)


def figures(
    members: QuerySet[EducationMember], plans: QuerySet[EducationPlan], year: int, day: dt.date
) -> dict[tuple[int, int], Figure]:
    """``{(unit id, group): Figure}`` of the members valid on ``day`` (two queries: the members
    with their last certificate and this year's certificate and course, then the plans)."""
    certificates = Certificate.objects.filter(member=OuterRef("pk"), issued_on__lte=day)
    rows = (
        members.filter(members_on(day))
        .annotate(
            last=Subquery(certificates.order_by("-issued_on").values("issued_on")[:1]),
            certified=Exists(certificates.filter(year=year)),
            trained=Exists(
                Enrolment.objects.filter(
                    member=OuterRef("pk"),
                    result__in=(Result.PASSED, Result.FAILED),
                    course__ends_on__year=year,
                    course__ends_on__lte=day,
                )
            ),
        )
        .values_list("unit_id", "group", "last", "certified", "trained")
    )
    result: dict[tuple[int, int], Figure] = {}
    for unit_id, group, last, certified, trained in rows:
        figure = result.setdefault((unit_id, group), Figure())
        figure.due += is_due(last, day)
        figure.trained += bool(trained)
        figure.certified += bool(certified)
    for plan in plans.filter(year=year):
        for group in (1, 2, 3, 4):
            if plan.quota(group):
                result.setdefault((plan.unit_id, group), Figure()).quota += plan.quota(group)
    return result


def total(found: dict[tuple[int, int], Figure], groups: Iterable[int]) -> Figure:
    wanted = set(groups)
    out = Figure()
    for (_unit, group), figure in found.items():
        if group in wanted:
            out.add(figure)
    return out
