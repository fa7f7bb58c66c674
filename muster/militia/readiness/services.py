"""Call-outs of the militia (huy động): order one, mark each member called (acknowledged,
arrived, not reached) and close it. Each change checks the manage-militia capability and the
area, writes in one transaction and records its audit event.

Marking is safe when two people record the same member at once (the commander on his phone,
the clerk at the desk): each mark is one conditional ``UPDATE`` that only sets a time still
empty on a call-out still open, so the first answer stays and the second changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.geo.models import Unit
from muster.militia.dated import serving_on
from muster.militia.members.models import Membership, MembershipStatus
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.perms import can_manage_militia
from muster.militia.readiness.models import CallOut, CallOutKind, CallOutMember, CallOutPurpose

if TYPE_CHECKING:
    from muster.accounts.models import User

Mark = Literal["acknowledged", "arrived", "not_reached"]
MARKS: tuple[Mark, ...] = ("acknowledged", "arrived", "not_reached")
#: A clock a little ahead of the server's is not "the future".
_SKEW = dt.timedelta(minutes=5)


def _check(actor: User, commune: Unit | int) -> None:
    require(can_manage_militia(actor))
    require_actor_area(actor, commune)


def callout_create(
    *,
    actor: User,
    commune: Unit,
    kind: str,
    purpose: str,
    ordered_by: str,
    ordered_at: dt.datetime,
    units: Iterable[MilitiaUnit],
    order_ref: str = "",
    description: str = "",
) -> CallOut:
    """Record the order of a call-out of ``units`` of ``commune`` and call every member
    serving in them on the order's day."""
    _check(actor, commune)
    chosen = list(units)
    errors: dict[str, str] = {}
    if kind not in CallOutKind.values:
        errors["kind"] = _("Choose exercise or real task.")
    if purpose not in CallOutPurpose.values:
        errors["purpose"] = _("Choose the purpose of the call-out.")
    if not ordered_by.strip():
        errors["ordered_by"] = _("Say who ordered the call-out.")
    if ordered_at > timezone.now() + _SKEW:
        errors["ordered_at"] = _("The order cannot be in the future.")
    day = timezone.localtime(ordered_at).date()
    if not chosen:
        errors["units"] = _("Choose at least one unit to call out.")
    elif any(
        u.holder_id != commune.pk
        or u.established_on > day
        or (u.ended_on is not None and u.ended_on <= day)
        for u in chosen
    ):
        errors["units"] = _("Every unit called must be a unit of this commune on the order's day.")
    if errors:
        raise ValidationError(errors)
    members = list(
        Membership.objects.filter(
            serving_on(day),
            unit__in=chosen,
            status=MembershipStatus.SERVING,
        ).select_related("unit")
    )
    if not members:
        raise ValidationError({"units": _("No member is serving in the units chosen.")})
    with transaction.atomic():
        callout = CallOut.objects.create(
            holder=commune,
            kind=kind,
            purpose=purpose,
            description=description.strip(),
            ordered_by=ordered_by.strip(),
            order_ref=order_ref.strip(),
            ordered_at=ordered_at,
        )
        callout.units.set(chosen)
        CallOutMember.objects.bulk_create(
            CallOutMember(callout=callout, membership=m, unit=m.unit) for m in members
        )
        record_event(
            actor=actor,
            action="militia.callout_create",
            obj=callout,
            scope_unit=commune,
            changes={
                "kind": kind,
                "purpose": purpose,
                "ordered_by": callout.ordered_by,
                "order_ref": callout.order_ref,
                "ordered_at": ordered_at.isoformat(),
                "units": [str(u.public_id) for u in chosen],
                "members": len(members),
            },
        )
    return callout


def callout_mark(
    *, actor: User, member: CallOutMember, mark: Mark, at: dt.datetime | None = None
) -> bool:
    """Record that ``member`` acknowledged the call, arrived (acknowledging it too when he had
    not yet) or could not be reached, at ``at`` (now by default). False when nothing changed:
    the time was already recorded (the first record stays) or the member already answered."""
    _check(actor, member.callout.holder_id)
    if mark not in MARKS:
        raise ValidationError(_("Unknown mark."))
    when = at or timezone.now()
    if when > timezone.now() + _SKEW:
        raise ValidationError(_("The time cannot be in the future."))
    if when < member.callout.ordered_at:
        raise ValidationError(_("The time cannot be before the order."))
    row = CallOutMember.objects.filter(pk=member.pk, callout__closed_at__isnull=True)
    with transaction.atomic():
        if mark == "acknowledged":
            changed = row.filter(acknowledged_at__isnull=True).update(
                acknowledged_at=when, not_reached=False
            )
        elif mark == "arrived":
            row.filter(acknowledged_at__isnull=True).update(acknowledged_at=when, not_reached=False)
            changed = row.filter(arrived_at__isnull=True).update(arrived_at=when)
        else:
            changed = row.filter(acknowledged_at__isnull=True, not_reached=False).update(
                not_reached=True
            )
        if not changed:
            if not CallOut.objects.filter(pk=member.callout_id, closed_at__isnull=True).exists():
                raise ValidationError(_("This call-out is closed."))
            return False
        record_event(
            actor=actor,
            action="militia.callout_mark",
            obj=member.callout,
            scope_unit=member.callout.holder,
            changes={"member": str(member.membership.public_id), mark: when.isoformat()},
            object_repr=str(member.membership.person),
        )
    member.refresh_from_db()
    return True


def callout_close(*, actor: User, callout: CallOut, at: dt.datetime | None = None) -> CallOut:
    """Close the call-out at ``at`` (now by default): the members' days of duty end that day."""
    _check(actor, callout.holder_id)
    when = at or timezone.now()
    with transaction.atomic():
        locked = CallOut.objects.select_for_update().get(pk=callout.pk)
        if locked.closed_at is not None:
            raise ValidationError(_("This call-out is already closed."))
        if when < locked.ordered_at:
            raise ValidationError(_("A call-out cannot close before its order."))
        if when > timezone.now() + _SKEW:
            raise ValidationError(_("The time cannot be in the future."))
        locked.closed_at = when
        locked.save(update_fields=["closed_at"])
        record_event(
            actor=actor,
            action="militia.callout_close",
            obj=locked,
            scope_unit=locked.holder,
            changes={"closed_at": when.isoformat()},
        )
    return locked
