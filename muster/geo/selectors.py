"""Reads of the unit tree. Every read that a user sees goes through ``visible_unit_ids``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q

from muster.geo.models import Unit, UnitChange, UnitQuerySet

if TYPE_CHECKING:
    from muster.accounts.models import User

_CACHE_ATTR = "_muster_visible_unit_ids"


def lineage_roots(unit: Unit) -> list[Unit]:
    """``unit`` and every unit that became it, transitively (its predecessors' lines).

    A commune formed by a merger answers for the records of the communes it absorbed, so a
    scope rooted at the new commune also covers their subtrees.
    """
    seen: dict[int, Unit] = {unit.pk: unit}
    frontier = [unit.pk]
    while frontier:
        changes = UnitChange.objects.filter(successor_id__in=frontier).select_related("predecessor")
        frontier = []
        for change in changes:
            if change.predecessor_id not in seen:
                seen[change.predecessor_id] = change.predecessor
                frontier.append(change.predecessor_id)
    return list(seen.values())


def subtree(roots: list[Unit]) -> UnitQuerySet:
    condition = Q()
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return Unit.objects.filter(condition) if roots else Unit.objects.none()


def visible_unit_ids(user: User) -> frozenset[int]:
    """The primary keys of every unit ``user`` may see: the one scope selector.

    A user with no scope unit sees nothing, except a system administrator, who sees all.
    Cached on the user object for the request.
    """
    cached: frozenset[int] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.scope_unit_id is None:
        ids = (
            frozenset(Unit.objects.values_list("pk", flat=True))
            if user.is_system_admin
            else frozenset()
        )
    else:
        assert user.scope_unit is not None
        ids = frozenset(subtree(lineage_roots(user.scope_unit)).values_list("pk", flat=True))
    setattr(user, _CACHE_ATTR, ids)
    return ids


def units_for_user(user: User) -> UnitQuerySet:
    return Unit.objects.filter(pk__in=visible_unit_ids(user))


def unit_tree_on(*, user: User, day: dt.date) -> list[Unit]:
    """The units visible to ``user`` that existed on ``day``, in tree order."""
    return list(units_for_user(user).valid_on(day).select_related("parent").order_by("path"))


def communes_on(*, user: User, day: dt.date) -> UnitQuerySet:
    return units_for_user(user).valid_on(day).commune_level().order_by("name_search")
