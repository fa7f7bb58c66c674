"""What the resources share: binding the token's scope to the actor for the selectors, and the
small schemas that name a unit or a citizen.

The domains' selectors read ``geo.scope.scope_of(actor)``; an API request acts with the token
owner's scope narrowed to the token's unit, so each resource function binds that scope to the
actor object first (the cache ``scope_of`` reads), and every selector below sees the same area.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from ninja import Schema

from muster.geo import scope as geo_scope

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.models import Unit
    from muster.geo.scope import Scope


def bind_scope(actor: User, scope: Scope) -> None:
    """Make ``scope_of(actor)`` answer ``scope`` for the rest of the request."""
    setattr(actor, geo_scope._CACHE_ATTR, scope)


class UnitRef(Schema):
    """A unit of the tree (province, district, regional command, commune, village)."""

    public_id: uuid.UUID
    code: str
    name: str
    kind: str

    @classmethod
    def of(cls, unit: Unit) -> UnitRef:
        return cls(public_id=unit.public_id, code=unit.code, name=unit.name, kind=unit.kind)


def number(value: Decimal | float | int | None) -> float | None:
    """A figure as a JSON number (percentages keep the report's four places)."""
    return None if value is None else float(value)


def count(value: Decimal | float | int | None) -> int | None:
    return None if value is None else int(value)


def as_of(day: dt.date | None) -> dt.date:
    """The day asked for, else today."""
    from muster.core.dates import today

    return day if day is not None else today()
