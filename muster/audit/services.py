"""Writing the audit chain. Only services call ``record_event``, inside their own transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from muster.audit.chain import event_hash
from muster.audit.keys import audit_key
from muster.audit.models import AuditEvent, AuditHead

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.models import Unit


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(getattr(value, "public_id", value.pk))
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value changed."""
    return {
        key: [_jsonable(before.get(key)), _jsonable(after.get(key))]
        for key in sorted(set(before) | set(after))
        if _jsonable(before.get(key)) != _jsonable(after.get(key))
    }


def record_event(
    *,
    actor: User,
    action: str,
    obj: models.Model,
    scope_unit: Unit | None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event to the chain, its hash keyed with the audit key (``audit.keys``).
    Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the service's transaction")
    key = audit_key()  # before the lock: a missing key fails before anything is written
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    seq = head.last_seq + 1
    occurred_at = timezone.now()
    public_id = uuid.uuid4()
    actor_label = actor.get_username()  # the system actor's is "system"
    content = {
        "seq": seq,
        "public_id": str(public_id),
        "occurred_at": occurred_at.isoformat(),
        "actor_id": actor.pk,
        "actor_label": actor_label,
        "scope_unit_id": scope_unit.pk if scope_unit is not None else None,
        "action": action,
        "object_type": obj._meta.label_lower,
        "object_id": str(getattr(obj, "public_id", obj.pk)),
        "object_repr": (object_repr if object_repr is not None else str(obj))[:255],
        "changes": _jsonable(changes or {}),
        "reason": reason,
    }
    digest = event_hash(head.last_hash, content, key)
    event = AuditEvent.objects.create(
        seq=seq,
        public_id=public_id,
        occurred_at=occurred_at,
        actor=actor,
        actor_label=actor_label,
        scope_unit=scope_unit,
        action=action,
        object_type=content["object_type"],
        object_id=content["object_id"],
        object_repr=content["object_repr"],
        changes=content["changes"],
        reason=reason,
        prev_hash=head.last_hash,
        hash=digest,
    )
    head.last_seq = seq
    head.last_hash = digest
    head.save(update_fields=["last_seq", "last_hash"])
    return event
