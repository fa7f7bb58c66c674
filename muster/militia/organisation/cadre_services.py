"""State changes of the militia's cadres (cán bộ chỉ huy, Law 48/2019 Arts 19–20, 23 as
amended by Law 98/2025): appointment to a command post (bổ nhiệm) by the authority of the
day, dismissal (miễn nhiệm) with its grounds and decision, and the yearly review (đánh giá
cán bộ). The commune military command's posts (``COMMAND_POSTS``) have no unit; since
01/07/2025 the provincial chairman appoints them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.dated import not_ended_by
from muster.core.dates import today
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.law.militia.enums import COMMAND_POSTS, Post
from muster.law.militia.organisation_extra import post_authority
from muster.militia.organisation.models import Appointment, CadreRating, CadreReview, MilitiaUnit
from muster.militia.organisation.services import citation_vi
from muster.militia.perms import can_manage_militia
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Posts several people may hold at once in one command or unit.
SHARED_POSTS = frozenset(
    {
        Post.DEPUTY_COMMANDER,
        Post.DEPUTY_COMMISSAR,
        Post.ASSISTANT,
        Post.DEPUTY_COMPANY_COMMANDER,
        Post.DEPUTY_BATTALION_COMMANDER,
    }
)
#: Unit posts that may be held without a unit (the village militia leader leads the village).
_UNITLESS_POSTS = frozenset({Post.VILLAGE_LEADER})


def appointment_create(
    *,
    actor: User,
    holder: Unit,
    person: Person,
    post: Post,
    appointed_on: dt.date,
    decision_ref: str,
    unit: MilitiaUnit | None = None,
    grassroots_degree: bool = False,
    without_social_insurance: bool = False,
) -> Appointment:
    """Appoint ``person`` to ``post`` of ``holder``'s military command (``unit`` None) or of
    ``unit``; the authority of ``appointed_on`` and its citation are stored."""
    require(can_manage_militia(actor))
    require_actor_area(actor, holder)
    decision_ref = decision_ref.strip()
    errors: dict[str, list[str]] = {}
    if post in COMMAND_POSTS and unit is not None:
        errors["unit"] = [_("The commune military command's posts belong to no unit.")]
    if post not in COMMAND_POSTS and unit is None and post not in _UNITLESS_POSTS:
        errors["unit"] = [_("Choose the unit this post commands.")]
    if unit is not None and (
        unit.holder_id != holder.pk
        or unit.established_on > appointed_on
        or (unit.ended_on is not None and unit.ended_on <= appointed_on)
    ):
        errors["unit"] = [_("The unit must be a unit of this commune open on that day.")]
    if not decision_ref:
        errors["decision_ref"] = [_("Give the reference of the appointing decision.")]
    not_future(errors, "appointed_on", appointed_on)
    current = Appointment.objects.filter(
        not_ended_by(appointed_on), holder=holder, unit=unit, post=post
    )
    if current.filter(person=person).exists():
        errors.setdefault("__all__", []).append(_("This person already holds this post."))
    elif post not in SHARED_POSTS and current.exists():
        errors.setdefault("__all__", []).append(_("Someone holds this post: dismiss him first."))
    raise_errors(errors)
    authority = post_authority(post, appointed_on)
    with transaction.atomic():
        item = Appointment.objects.create(
            person=person,
            holder=holder,
            unit=unit,
            post=post,
            appointed_on=appointed_on,
            decision_ref=decision_ref,
            authority=authority.code if authority else "",
            legal_citation=citation_vi(authority) if authority else "",
            grassroots_degree=grassroots_degree,
            without_social_insurance=without_social_insurance,
        )
        record_event(
            actor=actor,
            action="militia.appoint",
            obj=item,
            scope_unit=holder,
            changes={
                "post": str(post),
                "unit": unit.pk if unit else None,
                "appointed_on": appointed_on.isoformat(),
                "authority": item.authority,
                "decision": decision_ref,
                "without_social_insurance": without_social_insurance,
            },
        )
    return item


def appointment_dismiss(
    *,
    actor: User,
    appointment: Appointment,
    ended_on: dt.date,
    reason: str,
    decision_ref: str,
    note: str = "",
) -> Appointment:
    """End ``appointment`` on ``ended_on``: a dismissal (miễn nhiệm) or another end, with the
    decision and the authority of that day."""
    require(can_manage_militia(actor))
    require_actor_area(actor, appointment.holder_id)
    decision_ref, note = decision_ref.strip(), note.strip()
    errors: dict[str, list[str]] = {}
    if appointment.ended_on is not None:
        errors["__all__"] = [_("This appointment has already ended.")]
    if reason not in Appointment.EndReason.values:
        errors["reason"] = [_("Choose why the appointment ends.")]
    if ended_on < appointment.appointed_on:
        errors["ended_on"] = [_("The end cannot precede the appointment.")]
    not_future(errors, "ended_on", ended_on)
    if not decision_ref:
        errors["decision_ref"] = [_("Give the reference of the decision ending it.")]
    if reason in (Appointment.EndReason.DISMISSED, Appointment.EndReason.OTHER) and not note:
        errors["note"] = [_("Give the grounds of the dismissal.")]
    raise_errors(errors)
    authority = post_authority(Post(appointment.post), ended_on)
    with transaction.atomic():
        Appointment.objects.select_for_update().get(pk=appointment.pk)
        appointment.ended_on = ended_on
        appointment.end_reason = reason
        appointment.end_decision_ref = decision_ref
        appointment.end_note = note
        appointment.end_authority = authority.code if authority else ""
        appointment.end_legal_citation = citation_vi(authority) if authority else ""
        appointment.save(
            update_fields=[
                "ended_on",
                "end_reason",
                "end_decision_ref",
                "end_note",
                "end_authority",
                "end_legal_citation",
            ]
        )
        record_event(
            actor=actor,
            action="militia.dismiss",
            obj=appointment,
            scope_unit=appointment.holder,
            changes={
                "ended_on": ended_on.isoformat(),
                "end_reason": reason,
                "decision": decision_ref,
                "authority": appointment.end_authority,
            },
            reason=note,
        )
    return appointment


def cadre_review_record(
    *, actor: User, appointment: Appointment, year: int, rating: str, note: str = ""
) -> CadreReview:
    """Record (or correct) the review of ``appointment`` for ``year`` (one a year)."""
    require(can_manage_militia(actor))
    require_actor_area(actor, appointment.holder_id)
    errors: dict[str, list[str]] = {}
    if rating not in CadreRating.values:
        errors["rating"] = [_("Choose a rating.")]
    if year < appointment.appointed_on.year or year > today().year:
        errors["year"] = [_("The year must fall between the appointment and this year.")]
    if appointment.ended_on is not None and year > appointment.ended_on.year:
        errors["year"] = [_("The appointment had ended by that year.")]
    raise_errors(errors)
    with transaction.atomic():
        Appointment.objects.select_for_update().get(pk=appointment.pk)
        old = CadreReview.objects.filter(appointment=appointment, year=year).first()
        review, _created = CadreReview.objects.update_or_create(
            appointment=appointment, year=year, defaults={"rating": rating, "note": note.strip()}
        )
        record_event(
            actor=actor,
            action="militia.cadre_review",
            obj=appointment,
            scope_unit=appointment.holder,
            changes={"year": year, "rating": [old.rating if old else None, rating]},
            reason=note.strip(),
        )
    return review
