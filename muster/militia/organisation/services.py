"""State changes of the militia's units (đơn vị dân quân tự vệ, Law 48/2019 Arts 15, 22 as
amended by Law 98/2025): establishing and dissolving a unit with the deciding authority of
its day, creating the units of the commune's standard structure that are missing, and
assigning a member to a unit of his component.

The authority comes from ``law.militia.organisation_extra.unit_authority`` on the day of the
decision; it is stored with its citation (Vietnamese) on the unit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.dated import not_ended_by, open_on
from muster.core.validation import not_future, raise_errors
from muster.geo.models import COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, Unit
from muster.law.militia.enums import Component, Force, Level
from muster.law.militia.organisation_extra import (
    StandardUnit,
    standard_structure,
    unit_authority,
)
from muster.militia.members.models import Membership, MembershipStatus
from muster.militia.organisation.models import Appointment, MilitiaUnit
from muster.militia.perms import can_manage_militia

if TYPE_CHECKING:
    from muster.accounts.models import User


def citation_vi(reason: object) -> str:
    """The Vietnamese citations of an authority (a ``MilitiaReason``), as stored."""
    rules = getattr(reason, "rules", ())
    return "; ".join(c.label_vi for r in rules for c in r.citations)[:255]


def _check_unit(
    errors: dict[str, list[str]],
    *,
    holder: Unit,
    force: Force,
    component: Component,
    agency: str,
    village: Unit | None,
    parent: MilitiaUnit | None,
    established_on: dt.date,
    name: str,
    decision_ref: str,
) -> None:
    if holder.kind not in COMMUNE_LEVEL_KINDS:
        errors.setdefault("__all__", []).append(_("Units are held by a commune."))
    if not name:
        errors["name"] = [_("Give the unit a name.")]
    if not decision_ref:
        errors["decision_ref"] = [_("Give the reference of the establishing decision.")]
    if force == Force.SELF_DEFENCE and not agency:
        errors["agency"] = [_("Name the agency or enterprise of the self-defence unit.")]
    if force == Force.MILITIA and agency:
        errors["agency"] = [_("Only a self-defence unit belongs to an agency or enterprise.")]
    if village is not None and (
        village.kind not in VILLAGE_LEVEL_KINDS or village.parent_id != holder.pk
    ):
        errors["village"] = [_("The village must be a village of this commune.")]
    if component == Component.ON_SITE and force == Force.MILITIA and village is None:
        errors["village"] = [_("An on-site militia unit is organised in a village: choose it.")]
    if component != Component.ON_SITE and village is not None:
        errors["village"] = [_("Only an on-site unit is organised in a village.")]
    if parent is not None and (
        parent.holder_id != holder.pk
        or parent.established_on > established_on
        or (parent.ended_on is not None and parent.ended_on <= established_on)
    ):
        errors["parent"] = [_("The parent unit must be a unit of this commune open on that day.")]
    not_future(errors, "established_on", established_on)


def unit_establish(
    *,
    actor: User,
    holder: Unit,
    component: Component,
    level: Level,
    name: str,
    establishment: int,
    established_on: dt.date,
    decision_ref: str,
    force: Force = Force.MILITIA,
    agency: str = "",
    village: Unit | None = None,
    parent: MilitiaUnit | None = None,
) -> MilitiaUnit:
    """Establish a unit (thành lập đơn vị) of ``holder``'s force by ``decision_ref``; the
    deciding authority of ``established_on`` is stored with its citation."""
    require(can_manage_militia(actor))
    require_actor_area(actor, holder)
    name, agency, decision_ref = name.strip(), agency.strip(), decision_ref.strip()
    errors: dict[str, list[str]] = {}
    _check_unit(
        errors,
        holder=holder,
        force=force,
        component=component,
        agency=agency,
        village=village,
        parent=parent,
        established_on=established_on,
        name=name,
        decision_ref=decision_ref,
    )
    if establishment < 1:
        errors["establishment"] = [_("The established strength is at least 1.")]
    raise_errors(errors)
    authority = unit_authority(force, component, level, established_on)
    with transaction.atomic():
        unit = MilitiaUnit.objects.create(
            holder=holder,
            village=village,
            force=force,
            agency=agency,
            component=component,
            level=level,
            name=name,
            parent=parent,
            establishment=establishment,
            established_on=established_on,
            decision_ref=decision_ref,
            authority=authority.code if authority else "",
            legal_citation=citation_vi(authority) if authority else "",
        )
        record_event(
            actor=actor,
            action="militia.unit_establish",
            obj=unit,
            scope_unit=holder,
            changes={
                "component": str(component),
                "level": str(level),
                "establishment": establishment,
                "established_on": established_on.isoformat(),
                "authority": unit.authority,
                "decision": decision_ref,
            },
        )
    return unit


def unit_dissolve(
    *, actor: User, unit: MilitiaUnit, ended_on: dt.date, decision_ref: str, reason: str
) -> MilitiaUnit:
    """Dissolve ``unit`` (giải thể) on ``ended_on``: refused while members serve in it, units
    under it stay open or commanders hold its posts."""
    require(can_manage_militia(actor))
    require_actor_area(actor, unit.holder_id)
    decision_ref, reason = decision_ref.strip(), reason.strip()
    errors: dict[str, list[str]] = {}
    if unit.ended_on is not None:
        errors["__all__"] = [_("This unit has already been dissolved.")]
    if ended_on < unit.established_on:
        errors["ended_on"] = [_("A unit cannot be dissolved before it was established.")]
    not_future(errors, "ended_on", ended_on)
    if not decision_ref:
        errors["decision_ref"] = [_("Give the reference of the dissolving decision.")]
    if not reason:
        errors["reason"] = [_("Say why the unit is dissolved.")]
    if Membership.objects.filter(unit=unit, status=MembershipStatus.SERVING).exists():
        errors.setdefault("__all__", []).append(
            _("Members still serve in this unit: assign them to another unit first.")
        )
    if MilitiaUnit.objects.filter(not_ended_by(ended_on), parent=unit).exists():
        errors.setdefault("__all__", []).append(_("Dissolve the units under it first."))
    if Appointment.objects.filter(not_ended_by(ended_on), unit=unit).exists():
        errors.setdefault("__all__", []).append(_("Dismiss the commanders of this unit first."))
    raise_errors(errors)
    authority = unit_authority(
        Force(unit.force), Component(unit.component), Level(unit.level), ended_on
    )
    with transaction.atomic():
        MilitiaUnit.objects.select_for_update().get(pk=unit.pk)
        unit.ended_on = ended_on
        unit.end_decision_ref = decision_ref
        unit.end_reason = reason
        unit.save(update_fields=["ended_on", "end_decision_ref", "end_reason"])
        record_event(
            actor=actor,
            action="militia.unit_dissolve",
            obj=unit,
            scope_unit=unit.holder,
            changes={
                "ended_on": ended_on.isoformat(),
                "decision": decision_ref,
                "authority": authority.code if authority else "",
            },
            reason=reason,
        )
    return unit


def _on_site_name(village: Unit) -> str:
    return f"Tiểu đội dân quân tại chỗ {village.name}"


def structure_fill(
    *, actor: User, holder: Unit, on: dt.date, decision_ref: str
) -> list[MilitiaUnit]:
    """Create the units of the standard structure (Art 15) that ``holder`` lacks on ``on``:
    an on-site squad in each village without an on-site unit, a mobile platoon if none."""
    require(can_manage_militia(actor))
    require_actor_area(actor, holder)
    missing = missing_standard_units(holder=holder, on=on)
    created: list[MilitiaUnit] = []
    with transaction.atomic():
        for item in missing:
            village = item.village if isinstance(item.village, Unit) else None
            created.append(
                unit_establish(
                    actor=actor,
                    holder=holder,
                    component=item.component,
                    level=item.level,
                    name=_on_site_name(village) if village else "Trung đội dân quân cơ động",
                    establishment=item.establishment,
                    established_on=on,
                    decision_ref=decision_ref,
                    village=village,
                )
            )
    return created


def missing_standard_units(*, holder: Unit, on: dt.date) -> list[StandardUnit]:
    """The standard structure's units ``holder`` does not have on ``on`` (two queries)."""
    villages = list(
        Unit.objects.village_level().valid_on(on).filter(parent=holder).order_by("name")
    )
    units = MilitiaUnit.objects.filter(
        open_on(on, "established_on"), holder=holder, force=Force.MILITIA
    ).values_list("component", "village_id")
    covered = {v for c, v in units if c == Component.ON_SITE}
    has_mobile = any(c == Component.MOBILE for c, _v in units)
    return [
        item
        for item in standard_structure(villages, on)
        if (
            item.component == Component.ON_SITE and getattr(item.village, "pk", None) not in covered
        )
        or (item.component == Component.MOBILE and not has_mobile)
    ]


def member_assign(*, actor: User, membership: Membership, unit: MilitiaUnit) -> list[str]:
    """Assign a serving member to ``unit`` of his commune and component; returns the warnings
    (the unit over its established strength)."""
    require(can_manage_militia(actor))
    require_actor_area(actor, membership.holder_id)
    errors: list[str] = []
    if membership.status != MembershipStatus.SERVING:
        errors.append(_("Only a serving member can be assigned to a unit."))
    if unit.holder_id != membership.holder_id:
        errors.append(_("The unit belongs to another commune."))
    if unit.ended_on is not None:
        errors.append(_("This unit has been dissolved."))
    if unit.component != membership.component:
        errors.append(
            _("The member is in the %(member)s component; this unit is %(unit)s.")
            % {
                "member": membership.get_component_display(),
                "unit": unit.get_component_display(),
            }
        )
    if unit.force != membership.force:
        errors.append(_("The member and the unit belong to different forces."))
    if errors:
        raise ValidationError({"unit": errors})
    warnings: list[str] = []
    with transaction.atomic():
        Membership.objects.select_for_update().get(pk=membership.pk)
        old = membership.unit_id
        membership.unit = unit
        membership.save(update_fields=["unit"])
        serving = Membership.objects.filter(unit=unit, status=MembershipStatus.SERVING).count()
        if serving > unit.establishment:
            warnings.append(
                _("%(unit)s now has %(n)s members for an established strength of %(e)s.")
                % {"unit": unit.name, "n": serving, "e": unit.establishment}
            )
        record_event(
            actor=actor,
            action="militia.member_assign",
            obj=membership,
            scope_unit=membership.holder,
            changes={"unit": [old, unit.pk], "over_establishment": bool(warnings)},
        )
    return warnings
