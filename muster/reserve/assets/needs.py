"""Reserve units' needs of technical assets and the assets assigned to them (sắp xếp PTKTDB
vào đơn vị, Law 53/2019 Arts 18–19 as amended by Law 98/2025 Art 7(6)). The engine
(``muster.law.reserve.asset_match``) proposes same kind, then similar features; the officer
confirms; an asset serves one open need at a time (a DB constraint)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core import lawtext
from muster.core.dated import not_ended_by
from muster.core.text import clean_line
from muster.core.validation import not_future, raise_errors
from muster.geo.scope import scope_of, scope_of_unit
from muster.law import book
from muster.law.reserve.asset_match import AssetIn, NeedIn, Proposal, propose
from muster.law.reserve.enums import ASSET_LABELS, AssetKind
from muster.reserve.assets.models import Asset, AssetAssignment, AssetNeed
from muster.reserve.perms import can_manage_assets
from muster.reserve.units.models import ReserveUnit

if TYPE_CHECKING:
    from muster.accounts.models import User


def units_for(user: User) -> QuerySet[ReserveUnit]:
    return ReserveUnit.objects.filter(scope_of(user).q("area"))


def needs_for(user: User) -> QuerySet[AssetNeed]:
    return AssetNeed.objects.filter(scope_of(user).q("unit__area"))


def add_need(*, actor: User, unit: ReserveUnit, kind: str, features: str, count: int) -> AssetNeed:
    """Record that ``unit`` needs ``count`` assets of ``kind`` with ``features``."""
    require(can_manage_assets(actor))
    require_actor_area(actor, unit.area_id)
    errors: dict[str, list[str]] = {}
    if kind not in AssetKind.__members__.values():
        errors.setdefault("kind", []).append(_("Choose the kind of asset."))
    if count < 1:
        errors.setdefault("count", []).append(_("Enter a number of at least 1."))
    if unit.ended_on is not None:
        errors.setdefault("unit", []).append(_("This unit has been disbanded."))
    raise_errors(errors)
    with transaction.atomic():
        need = AssetNeed.objects.create(
            unit=unit, kind=kind, features=clean_line(features)[:255], count=count
        )
        record_event(
            actor=actor,
            action="reserve.asset_need.add",
            obj=need,
            scope_unit=unit.area,
            changes={"unit": unit.code, "kind": kind, "features": need.features, "count": count},
        )
    return need


def open_assignments(need: AssetNeed) -> QuerySet[AssetAssignment]:
    return need.assignments.filter(ended_on__isnull=True)


def proposals(*, user: User, need: AssetNeed, day: dt.date) -> list[tuple[Proposal, Asset]]:
    """The engine's proposals for the open slots of ``need``: free assets of the reader's area
    on the register on ``day``, same kind, most similar features first, the unit's own area
    before others."""
    slots = need.count - open_assignments(need).count()
    if slots <= 0:
        return []
    area_ids = scope_of_unit(need.unit.area).unit_ids()
    free = {
        a.pk: a
        for a in Asset.objects.filter(
            scope_of(user).q("holder"),
            kind=need.kind,
            registered_on__lte=day,
        )
        .filter(not_ended_by(day, end="removed_on"))
        .exclude(pk__in=AssetAssignment.objects.filter(ended_on__isnull=True).values("asset_id"))
        .select_related("holder", "owner_person")
    }
    found = propose(
        [NeedIn(need.pk, AssetKind(need.kind), need.features, slots, area_key="unit")],
        [
            AssetIn(
                a.pk,
                AssetKind(a.kind),
                a.features,
                sort_key=a.registration_number,
                area_key="unit" if a.holder_id in area_ids else None,
            )
            for a in free.values()
        ],
    )
    return [(p, free[p.asset]) for p in found]  # type: ignore[index]


def _reason(need: AssetNeed, asset: Asset) -> str:
    area_ids = scope_of_unit(need.unit.area).unit_ids()
    found = propose(
        [NeedIn(need.pk, AssetKind(need.kind), need.features, 1, area_key="unit")],
        [
            AssetIn(
                asset.pk,
                AssetKind(asset.kind),
                asset.features,
                area_key="unit" if asset.holder_id in area_ids else None,
            )
        ],
    )
    return found[0].reason.vi[:400] if found else ""


def assign_asset(*, actor: User, need: AssetNeed, asset: Asset, on: dt.date) -> AssetAssignment:
    """Place ``asset`` in ``need``'s unit from ``on`` (the officer confirms a proposal)."""
    require(can_manage_assets(actor))
    require_actor_area(actor, need.unit.area_id)
    require_actor_area(actor, asset.holder_id, _("This asset is outside your area."))
    errors: dict[str, list[str]] = {}
    if asset.kind != need.kind:
        errors.setdefault("asset", []).append(
            _("The asset is not of the kind the unit needs (Art 18 Law 53/2019).")
        )
    if asset.registered_on > on or (asset.removed_on is not None and asset.removed_on <= on):
        errors.setdefault("asset", []).append(_("The asset is not on the register on this day."))
    if need.unit.ended_on is not None and need.unit.ended_on <= on:
        errors.setdefault("asset", []).append(_("This unit has been disbanded."))
    if open_assignments(need).count() >= need.count:
        errors.setdefault("asset", []).append(_("This need is already met."))
    if AssetAssignment.objects.filter(asset=asset, ended_on__isnull=True).exists():
        errors.setdefault("asset", []).append(_("This asset is already assigned to a unit."))
    not_future(errors, "on", on)
    raise_errors(errors)
    rule = book.rule("reserve.placement.authority", on)
    with transaction.atomic():
        try:
            with transaction.atomic():
                assignment = AssetAssignment.objects.create(
                    asset=asset, need=need, assigned_on=on, reason=_reason(need, asset)
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"asset": [_("This asset is already assigned to a unit.")]}
            ) from exc
        record_event(
            actor=actor,
            action="reserve.asset.assign",
            obj=assignment,
            scope_unit=need.unit.area,
            changes={
                "asset": str(asset.public_id),
                "unit": need.unit.code,
                "assigned_on": on.isoformat(),
            },
            reason="; ".join(c.label_vi for c in rule.citations)[:255],
        )
    return assignment


def end_assignment(
    *, actor: User, assignment: AssetAssignment, on: dt.date, reason: str
) -> AssetAssignment:
    """End ``assignment``: ``on`` is the first day the asset is no longer in the unit."""
    require(can_manage_assets(actor))
    require_actor_area(actor, assignment.need.unit.area_id)
    errors: dict[str, list[str]] = {}
    if assignment.ended_on is not None:
        errors.setdefault("on", []).append(_("This assignment has already ended."))
    elif on <= assignment.assigned_on:
        errors.setdefault("on", []).append(_("The end must be after the assignment."))
    if not clean_line(reason):
        errors.setdefault("reason", []).append(_("Give the reason."))
    not_future(errors, "on", on)
    raise_errors(errors)
    with transaction.atomic():
        assignment.ended_on = on
        assignment.save(update_fields=["ended_on"])
        record_event(
            actor=actor,
            action="reserve.asset.unassign",
            obj=assignment,
            scope_unit=assignment.need.unit.area,
            changes={"ended_on": on.isoformat()},
            reason=clean_line(reason)[:255],
        )
    return assignment


@dataclass(frozen=True)
class NeedRow:
    """One unit and kind: needed, assigned on the day, shortfall, and the assets of that kind
    on the register of the unit's area."""

    unit: ReserveUnit
    kind: AssetKind
    needed: int
    assigned: int
    registered: int
    needs: tuple[AssetNeed, ...]

    @property
    def kind_label(self) -> str:
        return lawtext.text(ASSET_LABELS[self.kind])

    @property
    def shortfall(self) -> int:
        return max(self.needed - self.assigned, 0)


def needs_overview(*, user: User, day: dt.date) -> list[NeedRow]:
    """Per unit of the reader's area and kind: needed vs assigned vs registered (four queries)."""
    needs = list(
        needs_for(user)
        .select_related("unit", "unit__area")
        .annotate(
            open_count=Count(
                "assignments",
                filter=Q(assignments__assigned_on__lte=day) & not_ended_by(day, "assignments__"),
            )
        )
        .order_by("unit__code", "kind", "pk")
    )
    grouped: dict[tuple[int, str], list[AssetNeed]] = defaultdict(list)
    for need in needs:
        grouped[(need.unit_id, need.kind)].append(need)
    registered: dict[tuple[int, str], int] = defaultdict(int)
    counts = list(
        Asset.objects.filter(scope_of(user).q("holder"), registered_on__lte=day)
        .filter(not_ended_by(day, end="removed_on"))
        .values_list("holder__path", "kind")
        .annotate(n=Count("pk"))
    )
    units = {n.unit_id: n.unit for n in needs}
    area_paths = {uid: u.area.path for uid, u in units.items()}
    for unit_id, kind in grouped:
        path = area_paths[unit_id]
        registered[(unit_id, kind)] = sum(
            n for holder_path, k, n in counts if k == kind and holder_path.startswith(path)
        )
    return [
        NeedRow(
            unit=units[unit_id],
            kind=AssetKind(kind),
            needed=sum(n.count for n in rows),
            assigned=sum(n.open_count for n in rows),  # type: ignore[attr-defined]
            registered=registered[(unit_id, kind)],
            needs=tuple(rows),
        )
        for (unit_id, kind), rows in grouped.items()
    ]
