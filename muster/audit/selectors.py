"""Reads of the audit chain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, QuerySet

from muster.audit.chain import HASHED_FIELDS, ChainProblem, ChainReport, walk
from muster.audit.keys import audit_key
from muster.audit.models import AuditEvent, AuditHead
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User


def events_for_user(
    *,
    user: User,
    unit_ids: frozenset[int] | None = None,
    actor_id: int | None = None,
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events in ``user``'s scope, newest first. Unscoped (system-wide) events are shown only
    to a user whose scope is the whole system."""
    qs = AuditEvent.objects.select_related("scope_unit")
    if user.is_system_admin and user.scope_unit_id is None:
        pass
    else:
        qs = qs.filter(**scope_of(user).lookup("scope_unit"))
    if unit_ids is not None:
        qs = qs.filter(scope_unit_id__in=unit_ids)
    if actor_id is not None:
        qs = qs.filter(actor_id=actor_id)
    if action:
        qs = qs.filter(Q(action=action) | Q(action__startswith=action + "."))
    if date_from is not None:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(occurred_at__date__lte=date_to)
    return qs.order_by("-seq")


def events_for_object(*, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    """The trail of one record (the caller has already authorised access to the record)."""
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by("-seq")


def _chain_rows() -> Iterator[dict[str, Any]]:
    fields = [*HASHED_FIELDS, "prev_hash", "hash"]
    for row in AuditEvent.objects.order_by("seq").values(*fields).iterator(chunk_size=5000):
        row["public_id"] = str(row["public_id"])
        row["occurred_at"] = row["occurred_at"].isoformat()
        yield row


def head_state() -> tuple[int, str]:
    head = AuditHead.objects.filter(pk=1).first()
    return (head.last_seq, head.last_hash) if head else (0, "0" * 64)


def chain_report(*, remember: frozenset[int] = frozenset()) -> tuple[int, ChainReport]:
    """Walk the whole chain with the audit key; (number of events, what the walk found)."""
    head_seq, head_hash = head_state()
    count = AuditEvent.objects.count()
    report = walk(
        _chain_rows(),
        head_seq=head_seq,
        head_hash=head_hash,
        key=audit_key(),
        unkeyed_until=settings.AUDIT_UNKEYED_UNTIL,
        remember=remember,
    )
    return count, report


def verify_chain() -> tuple[int, ChainProblem | None]:
    """Verify the whole chain; returns (number of events, first problem or None)."""
    count, report = chain_report()
    return count, report.problem
