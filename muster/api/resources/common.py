"""What the resources share: binding the token's scope to the actor for the selectors, and
turning figures into JSON numbers.

The domains' selectors read ``geo.scope.scope_of(actor)``; an API request acts with the token
owner's scope narrowed to the token's unit (``TokenAuth`` pins it already), and each resource
function pins the ``scope`` it is given again (``geo.scope.pin_scope``), so that a caller
outside the API (a test, a command) gets the same area in every selector below.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from muster.api.schemas import UnitRef, unit_ref
from muster.geo.scope import pin_scope

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.scope import Scope

__all__ = ["UnitRef", "as_of", "bind_scope", "count", "number", "unit_ref"]


def bind_scope(actor: User, scope: Scope) -> None:
    """Make ``scope_of(actor)`` answer ``scope`` for the rest of the request."""
    pin_scope(actor, scope)


def number(value: Decimal | float | int | None) -> float | None:
    """A figure as a JSON number (percentages keep the report's four places)."""
    return None if value is None else float(value)


def count(value: Decimal | float | int | None) -> int | None:
    return None if value is None else int(value)


def as_of(day: dt.date | None) -> dt.date:
    """The day asked for, else today."""
    from muster.core.dates import today

    return day if day is not None else today()
