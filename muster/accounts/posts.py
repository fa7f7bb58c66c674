"""A user's posts over time (``accounts.Post``): moving a user to a new post, moving the users
of units that ended to their successor (the 1 July 2025 reform), and the notice shown to a
user whose unit has ended.

``User.role`` and ``User.scope_unit`` always mirror the open post, so the permissions and the
scope read one row as before; the posts keep who held which role where, and when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.accounts.models import Post, Role, User
from muster.accounts.perms import Cap, has_cap
from muster.audit.services import record_event
from muster.core.dates import today
from muster.geo.lineage_store import lineage_downstream
from muster.geo.models import Unit, unit_label
from muster.geo.scope import scope_of

ONE_DAY = dt.timedelta(days=1)


def open_post(user: User) -> Post | None:
    return Post.objects.filter(user=user, valid_to__isnull=True).first()


def posts_of(user: User) -> list[Post]:
    """The user's posts, oldest first."""
    return list(Post.objects.filter(user=user).select_related("unit").order_by("valid_from"))


@transaction.atomic
def post_move(
    *,
    actor: User,
    user: User,
    unit: Unit | None,
    on: dt.date,
    role: Role | str | None = None,
    title: str | None = None,
    reason: str,
) -> Post:
    """Move ``user`` to a new post from ``on``: his open post ends the day before, the new one
    (``role`` in ``unit``; the same role and title unless given) opens, and his current role
    and scope follow it. Only a user manager may do it, for units in his area."""
    require(has_cap(actor, Cap.MANAGE_USERS))
    area = scope_of(actor)
    locked = User.objects.select_for_update().get(pk=user.pk)
    current = Post.objects.select_for_update().filter(user=locked, valid_to__isnull=True).first()
    new_role = Role(role) if role is not None else Role(locked.role)
    errors: list[str] = []
    if not reason.strip():
        errors.append(_("Give the reason for the move."))
    if unit is not None and not area.contains(unit):
        errors.append(_("This unit is outside your area."))
    if locked.scope_unit is not None and not area.contains(locked.scope_unit):
        errors.append(_("This user's unit is outside your area."))
    if unit is not None and not unit.is_valid_on(on):
        errors.append(
            _("%(unit)s does not exist on %(date)s.")
            % {"unit": unit_label(unit), "date": f"{on:%d/%m/%Y}"}
        )
    if Role.SYSTEM in (new_role, locked.role):
        errors.append(_("The system actor holds no post."))
    if unit is None and new_role != Role.SYSTEM_ADMIN:
        errors.append(_("Choose the unit of the post."))
    if current is not None and current.valid_from >= on:
        errors.append(
            _("The new post must start after the current one (from %(date)s).")
            % {"date": f"{current.valid_from:%d/%m/%Y}"}
        )
    if errors:
        raise ValidationError(errors)
    old_unit, old_role = locked.scope_unit, locked.role
    if current is not None:
        current.valid_to = on - ONE_DAY
        current.save(update_fields=["valid_to"])
    post = Post.objects.create(
        user=locked,
        role=new_role,
        unit=unit,
        title=locked.title if title is None else title,
        valid_from=on,
    )
    locked.role, locked.scope_unit, locked.title = new_role, unit, post.title
    locked.save(update_fields=["role", "scope_unit", "title"])
    user.role, user.scope_unit, user.title = locked.role, locked.scope_unit, locked.title
    user.__dict__.pop("_muster_scope", None)
    record_event(
        actor=actor,
        action="accounts.post_move",
        obj=locked,
        scope_unit=unit,
        changes={
            "role": [str(old_role), str(new_role)],
            "scope_unit": [
                old_unit.name if old_unit else None,
                unit.name if unit else None,
            ],
            "valid_from": [None, on.isoformat()],
        },
        reason=reason,
    )
    return post


@dataclass(frozen=True)
class Moved:
    user: User
    from_unit: Unit
    to_unit: Unit | None  # None: the user stays (``why``)
    why: str = ""


def posts_follow_successors(
    *,
    actor: User,
    on: dt.date,
    keep: Iterable[str] = (),
    only: Iterable[str] | None = None,
    reason: str,
) -> list[Moved]:
    """Move every active user whose unit ended before ``on`` to the one unit it became by
    ``on`` (whole mergers and the reform; ``geo.lineage.successor_on``), from the day after
    the unit ended (``only``: just these user names). Users named in ``keep`` are left out;
    users whose unit was split (a person decides) or whose post began after the unit ended (an
    archive account) stay where they are and are in the answer with ``to_unit`` None and why.
    Each move is its own transaction and audit event."""
    kept = set(keep)
    found = User.objects.filter(
        is_active=True, scope_unit__isnull=False, scope_unit__valid_to__lt=on
    ).select_related("scope_unit")
    if only is not None:
        found = found.filter(username__in=list(only))
    users = [u for u in found.order_by("username") if u.username not in kept]
    starts = dict(
        Post.objects.filter(user__in=users, valid_to__isnull=True).values_list(
            "user_id", "valid_from"
        )
    )
    units = {u.scope_unit_id: u.scope_unit for u in users if u.scope_unit is not None}
    loaded = lineage_downstream(units.values(), on)
    moved: list[Moved] = []
    for user in users:
        old = user.scope_unit
        assert old is not None and old.valid_to is not None
        successor_id = loaded.lineage.successor_on(old.pk, on)
        successor = loaded.units.get(successor_id) if successor_id is not None else None
        if successor is None:
            moved.append(Moved(user, old, None, "no single successor"))
            continue
        start = max(old.valid_to + ONE_DAY, successor.valid_from)
        if user.pk in starts and starts[user.pk] >= start:
            moved.append(Moved(user, old, None, "post began after the unit ended"))
            continue
        post_move(actor=actor, user=user, unit=successor, on=start, reason=reason)
        moved.append(Moved(user, old, successor))
    return moved


@dataclass(frozen=True)
class EndedNotice:
    """What a user whose unit has ended is told: which unit, when it ended, what it became."""

    unit: Unit
    ended: dt.date
    successors: list[tuple[Unit, dt.date]]


def ended_unit_notice(user: User, *, on: dt.date | None = None) -> EndedNotice | None:
    """The notice for ``user`` when his scope unit no longer exists on ``on`` (today)."""
    unit = user.scope_unit if user.scope_unit_id is not None else None
    day = on or today()
    if unit is None or unit.valid_to is None or unit.valid_to >= day:
        return None
    successors = [
        (change.successor, change.effective_date)
        for change in unit.successions.select_related("successor").order_by("successor__name")
    ]
    return EndedNotice(unit=unit, ended=unit.valid_to, successors=successors)
