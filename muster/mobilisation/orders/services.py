"""Call-out orders: draft one, put people, teams and assets from the roster on it, issue it,
record each line's acknowledgement, arrival or absence, close it. Each change checks the
manage capability and the area, validates, writes in one transaction and records its audit
event.

Marks are safe when two clerks record the same line at once: each is one conditional
``UPDATE`` that only fills a time still empty on an order still issued (not a draft, not
closed), so the first record stays and the second changes nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core import lawtext
from muster.core.text import clean_line
from muster.geo.models import Unit
from muster.law.mobilisation.rules import AUTHORITY_LABELS, OrderKind, may_order, order_basis
from muster.law.rulebook import NoRuleInForce
from muster.militia.members.models import Membership
from muster.militia.readiness.models import CallOutPurpose
from muster.mobilisation.groups import reservist_group
from muster.mobilisation.orders.models import CallOutLine, CallOutOrder, OrderStatus
from muster.mobilisation.perms import can_manage_callout
from muster.mobilisation.rosters import selectors as roster
from muster.mobilisation.rosters.models import OtherForce
from muster.reserve.assets.models import Asset
from muster.reserve.register.models import Reservist

if TYPE_CHECKING:
    from muster.accounts.models import User

Mark = Literal["acknowledged", "arrived", "absent"]
MARKS: tuple[Mark, ...] = ("acknowledged", "arrived", "absent")
#: A clock a little ahead of the server's is not "the future".
_SKEW = dt.timedelta(minutes=5)


def _check(actor: User, commune: Unit | int) -> None:
    require(can_manage_callout(actor))
    require_actor_area(actor, commune)


def _day(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


def _not_future(when: dt.datetime, field: str, errors: dict[str, str]) -> None:
    if when > timezone.now() + _SKEW:
        errors[field] = _("The time cannot be in the future.")


def order_create(
    *,
    actor: User,
    commune: Unit,
    kind: str,
    number: str,
    authority: str,
    signed_by: str,
    ordered_at: dt.datetime,
    assembly_place: str,
    assembly_at: dt.datetime,
    hazard: str = "",
    description: str = "",
) -> CallOutOrder:
    """Draft an order of ``commune``. ``authority`` must be one the law lets sign an order of
    ``kind`` on the order's day (``law.mobilisation.rules.may_order``)."""
    _check(actor, commune)
    errors: dict[str, str] = {}
    if kind not in OrderKind.__members__.values():
        errors["kind"] = _("Choose the kind of call-out.")
    if hazard and hazard not in CallOutPurpose.values:
        errors["hazard"] = _("Choose the purpose of the call-out.")
    if not clean_line(number):
        errors["number"] = _("Give the order's number.")
    elif CallOutOrder.objects.filter(holder=commune, number=clean_line(number)).exists():
        errors["number"] = _("This commune already has an order with this number.")
    if not clean_line(signed_by):
        errors["signed_by"] = _("Say who signed the order.")
    if not clean_line(assembly_place):
        errors["assembly_place"] = _("Say where the forces assemble.")
    _not_future(ordered_at, "ordered_at", errors)
    if assembly_at < ordered_at:
        errors["assembly_at"] = _("The assembly cannot be before the order.")
    day = _day(ordered_at)
    if "kind" not in errors:
        if authority not in AUTHORITY_LABELS:
            errors["authority"] = _("Choose who signed the order.")
        elif not may_order(kind, authority, day):
            errors["authority"] = _(
                "On %(day)s the %(who)s may not sign a call-out of this kind."
            ) % {"day": f"{day:%d/%m/%Y}", "who": lawtext.text(AUTHORITY_LABELS[authority])}
    if errors:
        raise ValidationError(errors)
    basis = order_basis(kind, day).text()
    with transaction.atomic():
        order = CallOutOrder.objects.create(
            holder=commune,
            kind=kind,
            hazard=hazard,
            number=clean_line(number),
            description=clean_line(description),
            authority=authority,
            signed_by=clean_line(signed_by),
            ordered_at=ordered_at,
            assembly_place=clean_line(assembly_place),
            assembly_at=assembly_at,
            basis_vi=basis.vi,
            basis_en=basis.en,
            basis_confirmed=order_basis(kind, day).confirmed,
        )
        record_event(
            actor=actor,
            action="mobilisation.order_create",
            obj=order,
            scope_unit=commune,
            changes={
                "kind": kind,
                "hazard": hazard,
                "number": order.number,
                "authority": authority,
                "signed_by": order.signed_by,
                "ordered_at": ordered_at.isoformat(),
                "assembly_place": order.assembly_place,
                "assembly_at": assembly_at.isoformat(),
            },
        )
    return order


def _lock_draft(order: CallOutOrder) -> CallOutOrder:
    locked = CallOutOrder.objects.select_for_update().get(pk=order.pk)
    if locked.status != OrderStatus.DRAFT:
        raise ValidationError(_("The order has been issued: its lines are frozen."))
    return locked


def order_add_lines(
    *,
    actor: User,
    order: CallOutOrder,
    reservists: Iterable[Reservist] = (),
    members: Iterable[Membership] = (),
    assets: Iterable[Asset] = (),
    others: Iterable[OtherForce] = (),
) -> int:
    """Put people, teams and assets on a draft order; each must be on the roster of the
    order's commune on the order's day. Those already on it are skipped. Returns how many
    lines were added."""
    _check(actor, order.holder_id)
    day = _day(order.ordered_at)
    commune = order.holder_id
    wanted_r = {r.pk for r in reservists}
    wanted_m = {m.pk for m in members}
    wanted_a = {a.pk for a in assets}
    wanted_o = {o.pk for o in others}
    rows_r = list(roster.reservists_on(commune, day).filter(pk__in=wanted_r))
    rows_m = list(roster.members_on(commune, day).filter(pk__in=wanted_m))
    rows_a = list(roster.assets_on(commune, day).filter(pk__in=wanted_a))
    rows_o = list(roster.other_forces_on(commune, day).filter(pk__in=wanted_o))
    if (len(rows_r), len(rows_m), len(rows_a), len(rows_o)) != (
        len(wanted_r),
        len(wanted_m),
        len(wanted_a),
        len(wanted_o),
    ):
        raise ValidationError(_("Everyone and everything called must be on the commune's roster."))
    with transaction.atomic():
        locked = _lock_draft(order)
        have = locked.lines.values_list(
            "reservist_id", "membership_id", "asset_id", "other_force_id"
        )
        taken = {x for row in have for x in zip(("r", "m", "a", "o"), row, strict=True) if x[1]}
        new = [
            CallOutLine(
                order=locked,
                force="reservist",
                reservist=r,
                group=reservist_group(r.kind, r.reserve_class),
                label=r.person.full_name,
            )
            for r in rows_r
            if ("r", r.pk) not in taken
        ]
        new += [
            CallOutLine(
                order=locked,
                force="militia",
                membership=m,
                group=m.component,
                label=m.person.full_name,
            )
            for m in rows_m
            if ("m", m.pk) not in taken
        ]
        new += [
            CallOutLine(
                order=locked,
                force="asset",
                asset=a,
                group=a.kind,
                label=f"{a.registration_number} {a.model_name}"[:200],
            )
            for a in rows_a
            if ("a", a.pk) not in taken
        ]
        new += [
            CallOutLine(
                order=locked,
                force="other",
                other_force=o,
                group="",
                label=f"{o.name} ({o.organisation})"[:200],
                headcount=o.headcount,
            )
            for o in rows_o
            if ("o", o.pk) not in taken
        ]
        if not new:
            return 0
        CallOutLine.objects.bulk_create(new)
        record_event(
            actor=actor,
            action="mobilisation.lines_add",
            obj=locked,
            scope_unit=locked.holder,
            changes={
                "reservists": sum(1 for x in new if x.force == "reservist"),
                "members": sum(1 for x in new if x.force == "militia"),
                "assets": sum(1 for x in new if x.force == "asset"),
                "others": sum(1 for x in new if x.force == "other"),
            },
        )
    return len(new)


def order_add_group(*, actor: User, order: CallOutOrder, force: str, group: str) -> int:
    """Bulk add from the roster: every reservist of a class (``class:1``), kind
    (``kind:officer``) or roster group (``group:nco_soldier:1``), every member of a component
    (``component:mobile``) or militia unit (``unit:<uuid>``), every asset of a kind
    (``kind:watercraft``), or everyone of the force (``all``, the only choice for other
    forces)."""
    _check(actor, order.holder_id)
    day = _day(order.ordered_at)
    key, _sep, value = group.partition(":")
    unknown = ValidationError(_("Unknown group of the roster."))
    if force == "reservist" and key in ("class", "kind", "group", "all"):
        qs_r = roster.reservists_on(order.holder_id, day)
        if key == "group":  # a roster group: kind and class, ``group:nco_soldier:1``
            kind, _sep, klass = value.partition(":")
            if klass not in ("", "1", "2"):
                raise unknown
            qs_r = qs_r.filter(kind=kind, reserve_class=int(klass) if klass else None)
        elif key == "class":
            if value not in ("1", "2"):
                raise unknown
            qs_r = qs_r.filter(reserve_class=int(value))
        elif key == "kind":
            qs_r = qs_r.filter(kind=value)
        return order_add_lines(actor=actor, order=order, reservists=qs_r)
    if force == "militia" and key in ("component", "unit", "all"):
        qs_m = roster.members_on(order.holder_id, day)
        if key == "component":
            qs_m = qs_m.filter(component=value)
        elif key == "unit":
            try:
                qs_m = qs_m.filter(unit__public_id=uuid.UUID(value))
            except ValueError as error:
                raise unknown from error
        return order_add_lines(actor=actor, order=order, members=qs_m)
    if force == "asset" and key in ("kind", "all"):
        qs_a = roster.assets_on(order.holder_id, day)
        if key == "kind":
            qs_a = qs_a.filter(kind=value)
        return order_add_lines(actor=actor, order=order, assets=qs_a)
    if force == "other" and key == "all":
        others = roster.other_forces_on(order.holder_id, day)
        return order_add_lines(actor=actor, order=order, others=others)
    raise unknown


def order_remove_line(*, actor: User, line: CallOutLine) -> None:
    """Take a line off a draft order."""
    _check(actor, line.order.holder_id)
    with transaction.atomic():
        locked = _lock_draft(line.order)
        deleted, _rows = CallOutLine.objects.filter(pk=line.pk, order=locked).delete()
        if deleted:
            record_event(
                actor=actor,
                action="mobilisation.line_remove",
                obj=locked,
                scope_unit=locked.holder,
                changes={"line": line.label, "force": line.force},
            )


def order_issue(*, actor: User, order: CallOutOrder, at: dt.datetime | None = None) -> CallOutOrder:
    """Issue the order at ``at`` (now by default): its lines are frozen and each is recorded
    as notified then; the legal basis is fixed for the forces it calls."""
    _check(actor, order.holder_id)
    when = at or timezone.now()
    with transaction.atomic():
        locked = _lock_draft(order)
        errors: dict[str, str] = {}
        _not_future(when, "issued_at", errors)
        if when < locked.ordered_at:
            errors["issued_at"] = _("An order cannot be issued before it was signed.")
        forces = tuple(locked.lines.values_list("force", flat=True).distinct())
        if not forces:
            errors["lines"] = _("Put at least one person or asset on the order.")
        if errors:
            raise ValidationError(errors)
        try:
            basis = order_basis(locked.kind, _day(locked.ordered_at), forces)
        except NoRuleInForce as error:  # the order was checked when drafted
            raise ValidationError(_("No rule covers the order's day.")) from error
        words = basis.text()
        locked.status = OrderStatus.ISSUED
        locked.issued_at = when
        locked.basis_vi, locked.basis_en = words.vi, words.en
        locked.basis_confirmed = basis.confirmed
        locked.save(
            update_fields=["status", "issued_at", "basis_vi", "basis_en", "basis_confirmed"]
        )
        lines = locked.lines.update(notified_at=when)
        record_event(
            actor=actor,
            action="mobilisation.order_issue",
            obj=locked,
            scope_unit=locked.holder,
            changes={"issued_at": when.isoformat(), "lines": lines, "forces": list(forces)},
        )
    return locked


def line_mark(
    *,
    actor: User,
    line: CallOutLine,
    mark: str,
    at: dt.datetime | None = None,
    reason: str = "",
) -> bool:
    """Record that ``line`` acknowledged the call, arrived (acknowledging too when it had not)
    or is absent (with ``reason``), at ``at`` (now by default). False when nothing changed: the
    time was already recorded (the first record stays), or the line already arrived."""
    order = line.order
    _check(actor, order.holder_id)
    if mark not in MARKS:
        raise ValidationError(_("Unknown mark."))
    when = at or timezone.now()
    if when > timezone.now() + _SKEW:
        raise ValidationError(_("The time cannot be in the future."))
    if mark == "absent" and not clean_line(reason):
        raise ValidationError({"reason": _("Give the reason for the absence.")})
    state = CallOutOrder.objects.filter(pk=order.pk).values_list("status", "issued_at").get()
    if state[0] == OrderStatus.DRAFT:
        raise ValidationError(_("The order has not been issued yet."))
    if state[0] == OrderStatus.CLOSED:
        raise ValidationError(_("This call-out is closed."))
    assert state[1] is not None
    if when < state[1]:
        raise ValidationError(_("The time cannot be before the order was issued."))
    row = CallOutLine.objects.filter(pk=line.pk, order__status=OrderStatus.ISSUED)
    try:
        with transaction.atomic():
            if mark == "acknowledged":
                changed = row.filter(acknowledged_at__isnull=True, arrived_at__isnull=True).update(
                    acknowledged_at=when, absent=False, absent_reason=""
                )
            elif mark == "arrived":
                row.filter(acknowledged_at__isnull=True).update(acknowledged_at=when)
                changed = row.filter(arrived_at__isnull=True).update(
                    arrived_at=when, absent=False, absent_reason=""
                )
            else:
                changed = row.filter(arrived_at__isnull=True, absent=False).update(
                    absent=True, absent_reason=clean_line(reason)[:200]
                )
            if not changed:
                if not CallOutOrder.objects.filter(pk=order.pk, status=OrderStatus.ISSUED).exists():
                    raise ValidationError(_("This call-out is closed."))
                return False
            changes: dict[str, str] = {"line": line.label, mark: when.isoformat()}
            if mark == "absent":
                changes["reason"] = clean_line(reason)
            record_event(
                actor=actor,
                action="mobilisation.line_mark",
                obj=order,
                scope_unit=order.holder,
                changes=changes,
                object_repr=line.label,
            )
    except IntegrityError as error:
        raise ValidationError(_("The answer could not be recorded.")) from error
    line.refresh_from_db()
    return True


def order_close(*, actor: User, order: CallOutOrder, at: dt.datetime | None = None) -> CallOutOrder:
    """Close the call-out at ``at`` (now by default): nothing on it changes any more."""
    _check(actor, order.holder_id)
    when = at or timezone.now()
    with transaction.atomic():
        locked = CallOutOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status == OrderStatus.DRAFT:
            raise ValidationError(_("The order has not been issued yet."))
        if locked.status == OrderStatus.CLOSED:
            raise ValidationError(_("This call-out is already closed."))
        assert locked.issued_at is not None
        if when < locked.issued_at:
            raise ValidationError(_("A call-out cannot close before it was issued."))
        if when > timezone.now() + _SKEW:
            raise ValidationError(_("The time cannot be in the future."))
        locked.status = OrderStatus.CLOSED
        locked.closed_at = when
        locked.save(update_fields=["status", "closed_at"])
        record_event(
            actor=actor,
            action="mobilisation.order_close",
            obj=locked,
            scope_unit=locked.holder,
            changes={"closed_at": when.isoformat()},
        )
    return locked
