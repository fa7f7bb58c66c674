"""Reads of the unit tree that a user sees, cut to his ``geo.scope.Scope``. The lineage
adapters (``UnitChange`` rows as the pure ``geo.lineage`` edges) live in ``geo.lineage_store``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from muster.geo.models import Unit, UnitQuerySet
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User


def units_for_user(user: User) -> UnitQuerySet:
    return scope_of(user).units()


def unit_tree_on(*, user: User, day: dt.date) -> list[Unit]:
    """The units visible to ``user`` that existed on ``day``, in tree order."""
    return list(units_for_user(user).valid_on(day).select_related("parent").order_by("path"))


def communes_on(*, user: User, day: dt.date) -> UnitQuerySet:
    return units_for_user(user).valid_on(day).commune_level().order_by("name_search")
