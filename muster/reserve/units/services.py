"""State changes of the reserve units (đơn vị dự bị động viên, Khung B): creating and editing a
unit, its establishment posts (biên chế) by military specialty (CNQS) and kind, ending a unit,
and the table of close specialties (chuyên nghiệp quân sự gần) the placement reads.

The spare percentage is checked against the rule ``reserve.placement.spare`` in force on the
day the unit is established (Law 53/2019 Art 15(2): 10–15 %)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.geo.models import VILLAGE_LEVEL_KINDS, Unit
from muster.law import book
from muster.law.reserve.enums import ReservistKind, UnitForce, UnitRole
from muster.reserve.perms import can_manage_reserve
from muster.reserve.units.models import CloseSpecialty, ReserveUnit, UnitPost

if TYPE_CHECKING:
    from muster.accounts.models import User


def _check_spare(errors: dict[str, list[str]], spare_percent: int | None, on: dt.date) -> None:
    if spare_percent is None:
        return
    item = book.rule_or_none("reserve.placement.spare", on)
    if item is None:
        errors.setdefault("established_on", []).append(
            _("No rule on the spare of reserve units is in force on this day.")
        )
        return
    low, high = item.int_param("spare_min_percent"), item.int_param("spare_max_percent")
    if not low <= spare_percent <= high:
        errors["spare_percent"] = [
            _(
                "The spare is %(low)s to %(high)s per cent of the establishment "
                "(Law 53/2019 Art 15(2))."
            )
            % {"low": low, "high": high}
        ]


def _check_unit(
    errors: dict[str, list[str]],
    *,
    area: Unit,
    code: str,
    name: str,
    role: str,
    force: str,
    parent: ReserveUnit | None,
    established_on: dt.date,
    spare_percent: int | None,
    unit: ReserveUnit | None = None,
) -> None:
    if area.kind in VILLAGE_LEVEL_KINDS:
        errors.setdefault("__all__", []).append(
            _("A reserve unit's mobilisation area is a commune or a larger area.")
        )
    if not code:
        errors["code"] = [_("Give the unit a code.")]
    if not name:
        errors["name"] = [_("Give the unit a name.")]
    if role not in {r.value for r in UnitRole}:
        errors["role"] = [_("Choose the unit's role.")]
    if force not in {f.value for f in UnitForce}:
        errors["force"] = [_("Choose the unit's force.")]
    duplicate = ReserveUnit.objects.filter(area=area, code=code)
    if unit is not None:
        duplicate = duplicate.exclude(pk=unit.pk)
    if code and duplicate.exists():
        errors["code"] = [_("Another unit of this area has this code.")]
    if parent is not None and (
        parent.area_id != area.pk
        or (unit is not None and parent.pk == unit.pk)
        or parent.established_on > established_on
        or parent.ended_on is not None
    ):
        errors["parent"] = [_("The larger unit must be an open unit of the same area.")]
    not_future(errors, "established_on", established_on)
    _check_spare(errors, spare_percent, established_on)


def create_unit(
    *,
    actor: User,
    area: Unit,
    code: str,
    name: str,
    role: str,
    force: str,
    established_on: dt.date,
    decision: str = "",
    spare_percent: int | None = None,
    parent: ReserveUnit | None = None,
) -> ReserveUnit:
    """Create a reserve unit of ``area`` (its mobilisation area), in force from
    ``established_on`` by ``decision``."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, area)
    code, name, decision = code.strip(), name.strip(), decision.strip()
    errors: dict[str, list[str]] = {}
    _check_unit(
        errors,
        area=area,
        code=code,
        name=name,
        role=role,
        force=force,
        parent=parent,
        established_on=established_on,
        spare_percent=spare_percent,
    )
    raise_errors(errors)
    with transaction.atomic():
        unit = ReserveUnit.objects.create(
            area=area,
            parent=parent,
            code=code,
            name=name,
            role=role,
            force=force,
            spare_percent=spare_percent,
            decision=decision,
            established_on=established_on,
        )
        record_event(
            actor=actor,
            action="reserve.unit_create",
            obj=unit,
            scope_unit=area,
            changes={
                "code": code,
                "name": name,
                "role": role,
                "force": force,
                "spare_percent": spare_percent,
                "established_on": established_on.isoformat(),
                "decision": decision,
            },
        )
    return unit


def edit_unit(
    *,
    actor: User,
    unit: ReserveUnit,
    code: str,
    name: str,
    role: str,
    force: str,
    established_on: dt.date,
    decision: str = "",
    spare_percent: int | None = None,
    parent: ReserveUnit | None = None,
) -> ReserveUnit:
    """Correct a unit's particulars (its area stays)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, unit.area_id)
    code, name, decision = code.strip(), name.strip(), decision.strip()
    errors: dict[str, list[str]] = {}
    if unit.ended_on is not None:
        errors["__all__"] = [_("This unit has ended: it cannot be changed.")]
    _check_unit(
        errors,
        area=unit.area,
        code=code,
        name=name,
        role=role,
        force=force,
        parent=parent,
        established_on=established_on,
        spare_percent=spare_percent,
        unit=unit,
    )
    raise_errors(errors)
    new = {
        "code": code,
        "name": name,
        "role": role,
        "force": force,
        "spare_percent": spare_percent,
        "established_on": established_on,
        "decision": decision,
        "parent_id": parent.pk if parent else None,
    }
    changes = {k: [str(getattr(unit, k)), str(v)] for k, v in new.items() if getattr(unit, k) != v}
    with transaction.atomic():
        ReserveUnit.objects.select_for_update().get(pk=unit.pk)
        for key, value in new.items():
            setattr(unit, key, value)
        unit.save(update_fields=list(new))
        record_event(
            actor=actor,
            action="reserve.unit_edit",
            obj=unit,
            scope_unit=unit.area,
            changes=changes,
        )
    return unit


def end_unit(
    *, actor: User, unit: ReserveUnit, ended_on: dt.date, decision: str, reason: str
) -> ReserveUnit:
    """End ``unit`` on ``ended_on`` (its first day out of force) by ``decision``; refused while
    units under it are open. Its placements stay in the runs that made them; the next run
    leaves it out."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, unit.area_id)
    decision, reason = decision.strip(), reason.strip()
    errors: dict[str, list[str]] = {}
    if unit.ended_on is not None:
        errors["__all__"] = [_("This unit has already ended.")]
    if ended_on <= unit.established_on:
        errors["ended_on"] = [_("A unit ends after the day it was established.")]
    not_future(errors, "ended_on", ended_on)
    if not decision:
        errors["decision"] = [_("Give the reference of the decision.")]
    if not reason:
        errors["reason"] = [_("Say why the unit ends.")]
    if ReserveUnit.objects.filter(parent=unit, ended_on__isnull=True).exists():
        errors.setdefault("__all__", []).append(_("End the units under it first."))
    raise_errors(errors)
    with transaction.atomic():
        ReserveUnit.objects.select_for_update().get(pk=unit.pk)
        unit.ended_on = ended_on
        unit.save(update_fields=["ended_on"])
        record_event(
            actor=actor,
            action="reserve.unit_end",
            obj=unit,
            scope_unit=unit.area,
            changes={"ended_on": ended_on.isoformat(), "decision": decision},
            reason=reason,
        )
    return unit


def set_post(
    *,
    actor: User,
    unit: ReserveUnit,
    specialty_code: str,
    specialty_name: str,
    kind: str,
    rank: str,
    count: int,
) -> UnitPost:
    """Set the number of posts of ``unit`` for one specialty, kind and rank (a new row, or the
    count of the existing one)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, unit.area_id)
    code, name, rank = specialty_code.strip().upper(), specialty_name.strip(), rank.strip()
    errors: dict[str, list[str]] = {}
    if unit.ended_on is not None:
        errors["__all__"] = [_("This unit has ended: it cannot be changed.")]
    if not code:
        errors["specialty_code"] = [_("Give the military specialty code.")]
    if kind not in {k.value for k in ReservistKind}:
        errors["kind"] = [_("Choose the kind of reservist.")]
    if count < 1:
        errors["count"] = [_("A post line has at least 1 post.")]
    raise_errors(errors)
    with transaction.atomic():
        post, created = UnitPost.objects.select_for_update().get_or_create(
            unit=unit,
            specialty_code=code,
            kind=kind,
            rank=rank,
            defaults={"specialty_name": name, "count": count},
        )
        before = None if created else post.count
        if not created:
            post.count = count
            post.specialty_name = name or post.specialty_name
            post.save(update_fields=["count", "specialty_name"])
        record_event(
            actor=actor,
            action="reserve.post_set",
            obj=unit,
            scope_unit=unit.area,
            changes={"specialty": code, "kind": kind, "rank": rank, "count": [before, count]},
        )
    return post


def remove_post(*, actor: User, post: UnitPost) -> None:
    """Take a line of posts off its unit's establishment."""
    unit = post.unit
    require(can_manage_reserve(actor))
    require_actor_area(actor, unit.area_id)
    if unit.ended_on is not None:
        raise_errors({"__all__": [_("This unit has ended: it cannot be changed.")]})
    with transaction.atomic():
        record_event(
            actor=actor,
            action="reserve.post_remove",
            obj=unit,
            scope_unit=unit.area,
            changes={
                "specialty": post.specialty_code,
                "kind": post.kind,
                "rank": post.rank,
                "count": [post.count, None],
            },
        )
        post.delete()


def add_close_specialty(
    *, actor: User, area: Unit, post_specialty: str, reservist_specialty: str, note: str = ""
) -> CloseSpecialty:
    """Record that ``reservist_specialty`` is close to ``post_specialty`` in ``area``."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, area)
    post, close = post_specialty.strip().upper(), reservist_specialty.strip().upper()
    errors: dict[str, list[str]] = {}
    if not post:
        errors["post_specialty"] = [_("Give the military specialty code.")]
    if not close:
        errors["reservist_specialty"] = [_("Give the military specialty code.")]
    if post and post == close:
        errors["reservist_specialty"] = [_("A specialty is not close to itself.")]
    if CloseSpecialty.objects.filter(
        area=area, post_specialty=post, reservist_specialty=close
    ).exists():
        errors["reservist_specialty"] = [_("This pair is already in the table.")]
    raise_errors(errors)
    try:
        with transaction.atomic():
            row = CloseSpecialty.objects.create(
                area=area, post_specialty=post, reservist_specialty=close, note=note.strip()
            )
            record_event(
                actor=actor,
                action="reserve.close_add",
                obj=row,
                scope_unit=area,
                changes={"post_specialty": post, "reservist_specialty": close},
            )
    except IntegrityError:
        raise_errors({"reservist_specialty": [_("This pair is already in the table.")]})
    return row


def remove_close_specialty(*, actor: User, row: CloseSpecialty) -> None:
    require(can_manage_reserve(actor))
    require_actor_area(actor, row.area_id)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="reserve.close_remove",
            obj=row,
            scope_unit=row.area,
            changes={"post_specialty": row.post_specialty, "reservist_specialty": None},
            reason=row.reservist_specialty,
        )
        row.delete()
