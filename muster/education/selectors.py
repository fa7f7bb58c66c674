"""Reads of defence education, every one cut to the reader's area: the index figures per unit
and group, the courses, a course's enrolments, the members due for training and the
certificates of a year."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from muster.accounts.access import get_for_user, require
from muster.education.figures import Figure, figures, members_on
from muster.education.models import (
    Certificate,
    Course,
    EducationMember,
    EducationPlan,
    Enrolment,
)
from muster.education.perms import can_view_education
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of
from muster.law.education.groups import is_due

if TYPE_CHECKING:
    from muster.accounts.models import User

GROUPS = (1, 2, 3, 4)


@dataclass
class Row:
    unit: Unit
    groups: list[Figure]
    total: Figure


def members(user: User) -> QuerySet[EducationMember]:
    require(can_view_education(user))
    return EducationMember.objects.filter(scope_of(user).q("unit"))


def overview(user: User, year: int, day: dt.date) -> tuple[list[Row], list[Figure]]:
    """One row per unit of the area with members, a plan, or a commune valid on ``day``; the
    figures of each group; and the totals per group."""
    scope = scope_of(user)
    found = figures(members(user), EducationPlan.objects.filter(scope.q("unit")), year, day)
    unit_ids = {unit_id for unit_id, _g in found}
    valid = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    units = (
        Unit.objects.filter(scope.q("pk"))
        .filter(Q(pk__in=unit_ids) | (Q(kind__in=COMMUNE_LEVEL_KINDS) & valid))
        .order_by("depth", "name")
    )
    rows: list[Row] = []
    totals = [Figure() for _g in GROUPS]
    for unit in units:
        per_group = [found.get((unit.pk, g), Figure()) for g in GROUPS]
        row_total = Figure()
        for index, figure in enumerate(per_group):
            row_total.add(figure)
            totals[index].add(figure)
        rows.append(Row(unit, per_group, row_total))
    return rows, totals


def courses(user: User, year: int) -> QuerySet[Course]:
    require(can_view_education(user))
    return Course.objects.filter(scope_of(user).q("unit"), starts_on__year=year).select_related(
        "unit"
    )


def course_for(user: User, public_id: uuid.UUID) -> Course:
    return get_for_user(
        user,
        Course.objects.select_related("unit"),
        unit_field="unit",
        cap=can_view_education,
        public_id=public_id,
    )


def enrolments(course: Course) -> list[tuple[Enrolment, Certificate | None]]:
    """The course's enrolments with each one's certificate (or None)."""
    rows = list(course.enrolments.select_related("member__unit").order_by("member__full_name"))
    certs = {c.enrolment_id: c for c in Certificate.objects.filter(enrolment__in=rows)}
    return [(e, certs.get(e.pk)) for e in rows]


def candidates(user: User, course: Course, day: dt.date) -> list[EducationMember]:
    """Members of the course's group in the reader's area not yet on the course."""
    return list(
        members(user)
        .filter(members_on(day), group=course.group)
        .exclude(enrolments__course=course)
        .select_related("unit")
        .order_by("unit__name", "full_name")
    )


def due(user: User, day: dt.date, group: int | None = None) -> list[EducationMember]:
    """Members valid on ``day`` who are due: never certified, or past the certificate's years."""
    qs = members(user).filter(members_on(day)).select_related("unit")
    if group is not None:
        qs = qs.filter(group=group)
    found = list(qs.order_by("group", "unit__name", "full_name"))
    last: dict[int, dt.date] = {}
    for member_id, issued_on in Certificate.objects.filter(
        member__in=found, issued_on__lte=day
    ).values_list("member_id", "issued_on"):
        last[member_id] = max(issued_on, last.get(member_id, issued_on))
    return [m for m in found if is_due(last.get(m.pk), day)]


def certificates(user: User, year: int) -> list[Certificate]:
    require(can_view_education(user))
    return list(
        Certificate.objects.filter(scope_of(user).q("member__unit"), year=year)
        .select_related("member__unit", "enrolment__course", "issuer_unit")
        .order_by("issuer", "issuer_unit__name", "serial")
    )
