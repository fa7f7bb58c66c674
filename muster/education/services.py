"""Every change of defence education: members (one, or a whole spreadsheet all-or-nothing),
plans, courses, enrolments, results and certificates. Each takes an explicit actor, checks
``perms``, keeps to the actor's area, writes in one transaction and records an audit event.

* A course's group must be one the law knows on its first day; a member enrolled must belong to
  the course's group on that day and to the actor's area.
* A certificate is issued only for a passed enrolment, once; its issuer is the law's of the
  course's last day (``certificate_issuer``; group 4 after 1 Jul 2025 unverified), its number
  the next serial of that issuer, issuing unit and year (unique by a constraint).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import raise_errors
from muster.education.choices import Category, Result
from muster.education.models import (
    Certificate,
    Course,
    EducationMember,
    EducationPlan,
    Enrolment,
)
from muster.education.perms import can_manage_education
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind
from muster.geo.scope import scope_of
from muster.law.education.groups import ISSUER_TEXT, Issuer, certificate_issuer
from muster.law.rulebook import NoRuleInForce

if TYPE_CHECKING:
    from muster.accounts.models import User

MAX_NAME = 120
MAX_POST = 200


def member_errors(
    *, full_name: str, birth_year: int | None, post: str, group: int | None, category: str
) -> dict[str, list[str]]:
    """The field errors of one member's data (shared by the form and the import)."""
    errors: dict[str, list[str]] = {}
    if not full_name.strip():
        errors.setdefault("full_name", []).append(_("Enter the full name."))
    elif len(full_name) > MAX_NAME:
        errors.setdefault("full_name", []).append(_("The name is too long."))
    if birth_year is None or not 1920 <= birth_year <= 2010:
        errors.setdefault("birth_year", []).append(_("Enter a year of birth from 1920 to 2010."))
    if not post.strip():
        errors.setdefault("post", []).append(_("Enter the post or office."))
    elif len(post) > MAX_POST:
        errors.setdefault("post", []).append(_("The post is too long."))
    if group not in (1, 2, 3, 4):
        errors.setdefault("group", []).append(_("The group must be 1, 2, 3 or 4."))
    if category not in Category.values:
        errors.setdefault("category", []).append(_("Choose a known category."))
    return errors


def add_member(
    *,
    actor: User,
    unit: Unit,
    full_name: str,
    birth_year: int,
    post: str,
    group: int,
    category: str,
    valid_from: dt.date,
    date_of_birth: dt.date | None = None,
) -> EducationMember:
    """Add one member of a target group to ``unit``."""
    require(can_manage_education(actor))
    require_actor_area(actor, unit)
    raise_errors(
        member_errors(
            full_name=full_name, birth_year=birth_year, post=post, group=group, category=category
        )
    )
    member = EducationMember(
        unit=unit,
        full_name=" ".join(full_name.split()),
        birth_year=birth_year,
        date_of_birth=date_of_birth,
        post=post.strip(),
        group=group,
        category=category,
        valid_from=valid_from,
    )
    with transaction.atomic():
        member.save()
        record_event(actor=actor, action="education.member_add", obj=member, scope_unit=unit)
    return member


def import_members(
    *, actor: User, unit: Unit, rows: Sequence[dict[str, object]], valid_from: dt.date
) -> list[EducationMember]:
    """Add every checked row (``imports.check_rows``) to ``unit`` in one transaction."""
    require(can_manage_education(actor))
    require_actor_area(actor, unit)
    if not rows:
        raise_errors({"file": [_("The file has no member rows.")]})
    members = [EducationMember(unit=unit, valid_from=valid_from, **row) for row in rows]
    with transaction.atomic():
        EducationMember.objects.bulk_create(members)
        record_event(
            actor=actor,
            action="education.member_import",
            obj=unit,
            scope_unit=unit,
            changes={"rows": len(members)},
        )
    return members


def save_plan(*, actor: User, unit: Unit, year: int, quotas: Sequence[int]) -> EducationPlan:
    """Set ``unit``'s plan for ``year``: the quota of groups 1–4 (created or replaced)."""
    require(can_manage_education(actor))
    require_actor_area(actor, unit)
    if len(quotas) != 4 or any(q < 0 or q > 100_000 for q in quotas):
        raise_errors({"quota": [_("Each quota is a whole number from 0 to 100.000.")]})
    with transaction.atomic():
        plan, _created = EducationPlan.objects.update_or_create(
            unit=unit,
            year=year,
            defaults={f"quota{g}": q for g, q in zip((1, 2, 3, 4), quotas, strict=True)},
        )
        record_event(
            actor=actor,
            action="education.plan",
            obj=plan,
            scope_unit=unit,
            changes={"year": year, "quotas": list(quotas)},
        )
    return plan


def create_course(
    *,
    actor: User,
    unit: Unit,
    group: int,
    title: str,
    convened_by: str,
    place: str,
    starts_on: dt.date,
    ends_on: dt.date,
    hours: int,
) -> Course:
    """Record a course for ``group`` organised by ``unit``."""
    require(can_manage_education(actor))
    require_actor_area(actor, unit)
    errors: dict[str, list[str]] = {}
    if group not in (1, 2, 3, 4):
        errors.setdefault("group", []).append(_("The group must be 1, 2, 3 or 4."))
    if not title.strip():
        errors.setdefault("title", []).append(_("Enter the title."))
    if not convened_by.strip():
        errors.setdefault("convened_by", []).append(_("Enter who convenes the course."))
    if not place.strip():
        errors.setdefault("place", []).append(_("Enter the training place."))
    if ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("The last day cannot be before the first."))
    if not 1 <= hours <= 500:
        errors.setdefault("hours", []).append(_("The curriculum has 1 to 500 hours."))
    raise_errors(errors)
    course = Course(
        unit=unit,
        group=group,
        title=title.strip(),
        convened_by=convened_by.strip(),
        place=place.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
    )
    with transaction.atomic():
        course.save()
        record_event(actor=actor, action="education.course", obj=course, scope_unit=unit)
    return course


def enrol(*, actor: User, course: Course, members: Sequence[EducationMember]) -> int:
    """Enrol ``members`` on ``course``: each of the course's group and the actor's area (a
    member already on the course is skipped). Returns how many were added."""
    require(can_manage_education(actor))
    require_actor_area(actor, course.unit)
    errors: list[str] = []
    if not members:
        errors.append(_("Choose at least one member."))
    for member in members:
        if not in_area(actor, member):
            errors.append(_("%(name)s is outside your area.") % {"name": member.full_name})
        elif member.group != course.group:
            errors.append(
                _("%(name)s is in group %(g)s, not the course's group %(c)s.")
                % {"name": member.full_name, "g": member.group, "c": course.group}
            )
    raise_errors({"members": errors} if errors else {})
    already = set(course.enrolments.values_list("member_id", flat=True))
    fresh = [m for m in members if m.pk not in already]
    with transaction.atomic():
        Enrolment.objects.bulk_create([Enrolment(course=course, member=m) for m in fresh])
        record_event(
            actor=actor,
            action="education.enrol",
            obj=course,
            scope_unit=course.unit,
            changes={"members": [str(m.public_id) for m in fresh]},
        )
    return len(fresh)


def in_area(user: User, member: EducationMember) -> bool:
    return scope_of(user).contains(member.unit_id)


def record_results(*, actor: User, course: Course, results: dict[int, str]) -> int:
    """Set the result of enrolments (``{enrolment id: result}``); a certified enrolment keeps
    its pass. Returns how many changed."""
    require(can_manage_education(actor))
    require_actor_area(actor, course.unit)
    if any(value not in Result.values for value in results.values()):
        raise_errors({"results": [_("Choose a known result.")]})
    enrolments = list(course.enrolments.filter(pk__in=list(results)).select_related("member"))
    certified = set(
        Certificate.objects.filter(enrolment__in=enrolments).values_list("enrolment_id", flat=True)
    )
    errors = [
        _("%(name)s already holds a certificate of this course.") % {"name": e.member.full_name}
        for e in enrolments
        if e.pk in certified and results[e.pk] != Result.PASSED
    ]
    raise_errors({"results": errors} if errors else {})
    changed = [e for e in enrolments if e.result != results[e.pk]]
    with transaction.atomic():
        for enrolment in changed:
            enrolment.result = results[enrolment.pk]
            enrolment.save(update_fields=["result"])
        record_event(
            actor=actor,
            action="education.results",
            obj=course,
            scope_unit=course.unit,
            changes={str(e.member.public_id): e.result for e in changed},
        )
    return len(changed)


def _ancestor(unit: Unit, kinds: set[str]) -> Unit | None:
    current: Unit | None = unit
    while current is not None and current.kind not in kinds:
        current = current.parent
    return current


def _issuer_unit(issuer: Issuer, member: EducationMember, course: Course) -> Unit:
    if issuer == Issuer.COMMUNE_CHAIRMAN:
        return member.unit
    if issuer == Issuer.DISTRICT_COMMANDER:
        found = _ancestor(course.unit, {UnitKind.DISTRICT, UnitKind.DEFENCE_REGION})
    else:
        found = _ancestor(course.unit, {UnitKind.PROVINCE})
    return found or course.unit


def issue_certificates(
    *, actor: User, course: Course, issued_on: dt.date | None = None
) -> list[Certificate]:
    """Issue a certificate to every passed enrolment of ``course`` that has none, by the
    authority of the law on the course's last day, numbered per issuer, unit and year."""
    require(can_manage_education(actor))
    require_actor_area(actor, course.unit)
    day = issued_on or course.ends_on
    if day < course.ends_on:
        raise_errors({"issued_on": [_("A certificate is issued after the course ends.")]})
    passed = list(
        course.enrolments.filter(result=Result.PASSED, certificate__isnull=True).select_related(
            "member__unit__parent"
        )
    )
    if not passed:
        raise_errors({"issued_on": [_("No passed member is waiting for a certificate.")]})
    made: list[Certificate] = []
    with transaction.atomic():
        for enrolment in passed:
            member = enrolment.member
            staff = member.unit.kind in COMMUNE_LEVEL_KINDS
            try:
                rule = certificate_issuer(course.group, course.ends_on, commune_staff=staff)
            except NoRuleInForce:
                raise_errors({"issued_on": [_("No rule names the issuer on that day.")]})
                raise
            unit = _issuer_unit(rule.issuer, member, course)
            serial = (
                Certificate.objects.select_for_update()
                .filter(issuer=rule.issuer, issuer_unit=unit, year=day.year)
                .aggregate(m=Max("serial"))["m"]
                or 0
            ) + 1
            made.append(
                Certificate.objects.create(
                    enrolment=enrolment,
                    member=member,
                    issuer=rule.issuer,
                    issuer_unit=unit,
                    issuer_name=f"{ISSUER_TEXT[rule.issuer].vi} ({unit.name})",
                    issuer_verified=rule.verified,
                    year=day.year,
                    serial=serial,
                    issued_on=day,
                )
            )
        record_event(
            actor=actor,
            action="education.certificates",
            obj=course,
            scope_unit=course.unit,
            changes={"numbers": [c.number for c in made]},
        )
    return made
