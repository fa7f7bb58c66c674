"""A user's scope: the units whose records he may see.

A scope is the subtree of the user's scope unit **plus the subtrees of every unit that became
it** (``UnitChange``, transitively): the new Đức Hợp commune (from 1 July 2025) answers for the
records of Phú Thọ, Mai Động and the old Đức Hợp, the regional defence command for the former
district. A system administrator without a scope unit sees everything; any other user without
one sees nothing.

The scope is held as the materialised paths of its lineage roots, so a query is cut to it by a
condition whose size does not grow with the number of units (``q``, ``filter``, ``units``): a
sub-query ``unit_id IN (SELECT id FROM geo_unit WHERE path LIKE 'root/%' OR …)``, and no
condition at all for the whole system. ``unit_ids`` still gives the ids (cached) for the few
reads whose plans were tuned around an id list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet

from muster.geo.lineage_store import lineage_roots
from muster.geo.models import Unit, UnitQuerySet

if TYPE_CHECKING:
    from muster.accounts.models import User

M = TypeVar("M", bound=Model)

_CACHE_ATTR = "_muster_scope"


class Scope:
    """The units under some lineage roots (by path), or every unit (``everything``)."""

    def __init__(self, paths: tuple[str, ...] = (), *, everything: bool = False) -> None:
        # A root inside another root's subtree adds nothing.
        kept: list[str] = []
        for path in sorted(set(paths)):
            if not any(path.startswith(k) for k in kept):
                kept.append(path)
        self.paths: tuple[str, ...] = tuple(kept)
        self.everything = everything
        self._ids: frozenset[int] | None = None
        self._known: dict[int, bool] = {}

    @classmethod
    def whole_system(cls) -> Scope:
        return cls(everything=True)

    @classmethod
    def empty(cls) -> Scope:
        return cls()

    @classmethod
    def of_units(cls, roots: list[Unit]) -> Scope:
        return cls(tuple(u.path for u in roots))

    def __repr__(self) -> str:
        return "Scope(everything)" if self.everything else f"Scope({', '.join(self.paths)})"

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.paths

    # ------------------------------------------------------------------ membership

    def contains_path(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.paths)

    def contains(self, unit: Unit | int | None) -> bool:
        """Whether ``unit`` (a unit, or a unit's id) lies in the scope. A unit costs no query;
        an id costs one the first time (none once ``unit_ids`` was read)."""
        if unit is None:
            return False
        if self.everything:
            return True
        if isinstance(unit, Unit):
            return self.contains_path(unit.path)
        if self._ids is not None:
            return unit in self._ids
        if unit not in self._known:
            path = Unit.objects.filter(pk=unit).values_list("path", flat=True).first()
            self._known[unit] = path is not None and self.contains_path(path)
        return self._known[unit]

    def __contains__(self, unit: Unit | int | None) -> bool:
        return self.contains(unit)

    # ------------------------------------------------------------------ queries

    def units(self) -> UnitQuerySet:
        """The scope's units (a query, not a list)."""
        if self.everything:
            return Unit.objects.all()
        if not self.paths:
            return Unit.objects.none()
        condition = Q()
        for path in self.paths:
            condition |= Q(path__startswith=path)
        return Unit.objects.filter(condition)

    def q(self, field: str) -> Q:
        """A condition on ``field`` (a foreign key or path to ``Unit``, e.g.
        ``"registration_unit"``, ``"commune__unit"``; ``"pk"`` for units themselves): a
        sub-query on the units' paths; no condition for the whole system."""
        return Q(**self.lookup(field))

    def lookup(self, field: str) -> dict[str, Any]:
        """``q`` as keyword arguments, for ``queryset.filter(..., **scope.lookup(field))``."""
        if self.everything:
            return {}
        if not self.paths:
            return {f"{field}__in": []}
        return {f"{field}__in": self.units().values("pk")}

    def filter(self, queryset: QuerySet[M], field: str) -> QuerySet[M]:
        return queryset if self.everything else queryset.filter(self.q(field))

    def unit_ids(self) -> frozenset[int]:
        """The ids of every unit in the scope (one query, cached): only for the reads whose
        plans were tuned around an id list and for set arithmetic in memory."""
        if self._ids is None:
            self._ids = frozenset(self.units().values_list("pk", flat=True))
        return self._ids


def scope_of_unit(unit: Unit) -> Scope:
    """The units ``unit`` answers for: its subtree and those of every unit that became it."""
    return Scope.of_units(lineage_roots(unit))


def scope_of(user: User) -> Scope:
    """The scope of ``user``, cached on the user object for the request."""
    cached: Scope | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.scope_unit_id is None:
        scope = Scope.whole_system() if user.is_system_admin else Scope.empty()
    else:
        assert user.scope_unit is not None
        scope = scope_of_unit(user.scope_unit)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def pin_scope(user: User, scope: Scope) -> None:
    """Make ``scope`` the scope of ``user`` for the rest of the request: an API token narrows
    its owner's area to the token's unit (``muster.api``), and every selector, ``get_for_user``
    and service check that reads ``scope_of(user)`` then sees the narrowed area."""
    setattr(user, _CACHE_ATTR, scope)
