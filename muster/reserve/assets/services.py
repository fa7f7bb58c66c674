"""Registering reserve technical assets (đăng ký phương tiện kỹ thuật dự bị, Law 53/2019 Arts
7, 13 as amended by Law 98/2025 Art 7(4)): add, edit and remove an asset of a commune's
register. Each change made on a day inside a yearly registration round of the commune is also
noted in that round (new, updated, removed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.dates import today
from muster.core.text import clean_line, fold
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.reserve.enums import AssetKind
from muster.people.models import Person
from muster.reserve.assets.models import (
    Asset,
    AssetAssignment,
    EntryAction,
    OwnerKind,
    RegistrationRound,
    RoundEntry,
)
from muster.reserve.perms import can_manage_assets

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass(frozen=True)
class AssetData:
    """What the commune writes of an asset (the form's fields)."""

    kind: str
    model_name: str
    registration_number: str
    owner_kind: str
    features: str = ""
    year_made: int | None = None
    owner_person: Person | None = None
    owner_name: str = ""
    owner_address: str = ""


def duplicate_message(number: str) -> str:
    return _(
        "An asset of this kind with registration number %(number)s is already on a register."
    ) % {"number": number}


def search_text(asset: Asset) -> str:
    owner = asset.owner_person.full_name if asset.owner_person is not None else asset.owner_name
    parts = (asset.registration_number, asset.model_name, asset.features, owner)
    return fold(" ".join(p for p in parts if p))[:600]


def _clean(actor: User, data: AssetData, *, exclude: int | None = None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {
        "kind": data.kind,
        "model_name": clean_line(data.model_name),
        "registration_number": clean_line(data.registration_number).upper(),
        "features": clean_line(data.features),
        "year_made": data.year_made,
        "owner_kind": data.owner_kind,
        "owner_person": None,
        "owner_name": "",
        "owner_address": clean_line(data.owner_address),
    }
    if data.kind not in AssetKind.__members__.values():
        errors.setdefault("kind", []).append(_("Choose the kind of asset."))
    if not values["model_name"]:
        errors.setdefault("model_name", []).append(_("Enter the type and model."))
    if not values["registration_number"]:
        errors.setdefault("registration_number", []).append(_("Enter the registration number."))
    if data.year_made is not None and not 1900 <= data.year_made <= today().year:
        errors.setdefault("year_made", []).append(_("Enter a year between 1900 and this year."))
    if data.owner_kind == OwnerKind.CITIZEN:
        if data.owner_person is None:
            errors.setdefault("owner_person", []).append(
                _("Search the registry and pick the owner.")
            )
        elif not _in_area(actor, data.owner_person):
            errors.setdefault("owner_person", []).append(_("This citizen is outside your area."))
        values["owner_person"] = data.owner_person
    elif data.owner_kind in (OwnerKind.AGENCY, OwnerKind.ENTERPRISE):
        values["owner_name"] = clean_line(data.owner_name)
        if not values["owner_name"]:
            errors.setdefault("owner_name", []).append(
                _("Enter the name of the agency or enterprise.")
            )
    else:
        errors.setdefault("owner_kind", []).append(_("Choose the kind of owner."))
    if values["registration_number"] and data.kind:
        twins = Asset.objects.filter(
            kind=data.kind,
            registration_number=values["registration_number"],
            removed_on__isnull=True,
        )
        if exclude is not None:
            twins = twins.exclude(pk=exclude)
        if twins.exists():
            errors.setdefault("registration_number", []).append(
                duplicate_message(values["registration_number"])
            )
    raise_errors(errors)
    return values


def _in_area(actor: User, person: Person) -> bool:
    return scope_of(actor).contains(person.registration_unit_id)


def _save(asset: Asset) -> None:
    """Save, turning the unique constraint's refusal (a number saved meanwhile) into a message."""
    try:
        with transaction.atomic():
            asset.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"registration_number": [duplicate_message(asset.registration_number)]}
        ) from exc


def note_in_round(asset: Asset, action: EntryAction, on: dt.date, note: str = "") -> None:
    """Note ``action`` in the commune's round whose period covers ``on``, if there is one. The
    latest action wins, except that a new asset stays new unless removed and a confirmation
    changes nothing already noted."""
    found = RegistrationRound.objects.filter(
        holder_id=asset.holder_id, opened_on__lte=on, closed_on__gte=on
    ).first()
    if found is None:
        return
    entry = RoundEntry.objects.filter(round=found, asset=asset).first()
    if entry is None:
        RoundEntry.objects.create(round=found, asset=asset, action=action, on=on, note=note)
        return
    if action == EntryAction.CONFIRMED or (
        entry.action == EntryAction.NEW and action != EntryAction.REMOVED
    ):
        return
    entry.action, entry.on, entry.note = action, on, note
    entry.save(update_fields=["action", "on", "note"])


def register_asset(*, actor: User, commune: Unit, data: AssetData, on: dt.date) -> Asset:
    """Put an asset on ``commune``'s register from ``on``."""
    require(can_manage_assets(actor))
    require_actor_area(actor, commune)
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    raise_errors(errors)
    values = _clean(actor, data)
    with transaction.atomic():
        asset = Asset(holder=commune, registered_on=on, **values)
        asset.search_text = search_text(asset)
        _save(asset)
        note_in_round(asset, EntryAction.NEW, on)
        record_event(
            actor=actor,
            action="reserve.asset.register",
            obj=asset,
            scope_unit=commune,
            changes={
                "kind": asset.kind,
                "registration_number": asset.registration_number,
                "owner_kind": asset.owner_kind,
                "registered_on": on.isoformat(),
            },
        )
    return asset


_EDITABLE = (
    "kind",
    "model_name",
    "registration_number",
    "features",
    "year_made",
    "owner_kind",
    "owner_person",
    "owner_name",
    "owner_address",
)


def update_asset(*, actor: User, asset: Asset, data: AssetData, on: dt.date) -> Asset:
    """Correct or update what the register says of ``asset`` (noted in the round of ``on``)."""
    require(can_manage_assets(actor))
    require_actor_area(actor, asset.holder_id)
    errors: dict[str, list[str]] = {}
    if asset.removed_on is not None:
        errors.setdefault("on", []).append(_("This asset is off the register."))
    not_future(errors, "on", on)
    raise_errors(errors)
    values = _clean(actor, data, exclude=asset.pk)
    with transaction.atomic():
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        changes: dict[str, Any] = {}
        for field in _EDITABLE:
            old, new = getattr(locked, field), values[field]
            if old != new:
                changes[field] = [_plain(old), _plain(new)]
                setattr(locked, field, new)
        if not changes:  # saved as it was: checked unchanged
            note_in_round(locked, EntryAction.CONFIRMED, on)
            return locked
        locked.search_text = search_text(locked)
        _save(locked)
        note_in_round(locked, EntryAction.UPDATED, on)
        record_event(
            actor=actor,
            action="reserve.asset.update",
            obj=locked,
            scope_unit=locked.holder,
            changes=changes,
        )
    return locked


def _plain(value: Any) -> Any:
    if isinstance(value, Person):
        return str(value.public_id)
    return value


def remove_asset(*, actor: User, asset: Asset, on: dt.date, reason: str) -> Asset:
    """Take ``asset`` off the register from ``on`` (its first day off) for ``reason``; an open
    assignment to a unit ends the same day."""
    require(can_manage_assets(actor))
    require_actor_area(actor, asset.holder_id)
    errors: dict[str, list[str]] = {}
    reason = clean_line(reason)
    if asset.removed_on is not None:
        errors.setdefault("on", []).append(_("This asset is already off the register."))
    elif on <= asset.registered_on:
        errors.setdefault("on", []).append(_("The removal must be after the registration."))
    if not reason:
        errors.setdefault("reason", []).append(_("Give the reason."))
    not_future(errors, "on", on)
    open_assignment = AssetAssignment.objects.filter(asset=asset, ended_on__isnull=True).first()
    if open_assignment is not None and on <= open_assignment.assigned_on:
        errors.setdefault("on", []).append(
            _("The asset was assigned to a unit on or after this day.")
        )
    raise_errors(errors)
    with transaction.atomic():
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        locked.removed_on, locked.removal_reason = on, reason[:255]
        locked.save(update_fields=["removed_on", "removal_reason"])
        AssetAssignment.objects.filter(asset=locked, ended_on__isnull=True).update(ended_on=on)
        note_in_round(locked, EntryAction.REMOVED, on, reason[:255])
        record_event(
            actor=actor,
            action="reserve.asset.remove",
            obj=locked,
            scope_unit=locked.holder,
            changes={"removed_on": on.isoformat(), "ended_assignment": open_assignment is not None},
            reason=reason,
        )
    return locked
