"""Authorising: the one fetch-and-authorise helper (out of scope → 404, in scope without the
right → 403) and the one ``require`` that turns a refused permission into a 403.

The rules themselves live in each app's ``perms.py`` as ``can_<verb>_<object>(user, obj)``
predicates reading the role → capability table of ``muster.accounts.perms``. Every service
takes a real actor: when no person acts, the system actor (``accounts.services.system_actor``)
does, and passes every check because its role has every capability and the whole system as its
area.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from muster.accounts.models import User
from muster.accounts.perms import Cap, has_cap
from muster.geo.models import Unit
from muster.geo.scope import scope_of

M = TypeVar("M", bound=Model)

#: A permission predicate on one object: ``can_<verb>_<object>(user, obj) -> bool``.
Predicate = Callable[[User, M], bool]


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse (403) unless ``allowed``: the result of a ``can_…`` predicate or ``has_cap``.

    ``message`` replaces the default “Your role does not allow this.” where a rule has its own.
    """
    if not allowed:
        raise PermissionDenied(
            message if message is not None else _("Your role does not allow this.")
        )


def require_cap(user: User, cap: Cap) -> None:
    require(has_cap(user, cap))


def require_actor_area(actor: User, unit: Unit | int, message: str | None = None) -> None:
    """For services: a record of a unit (a unit, or its id) outside the actor's area is refused
    with a message (the pages already answer 404 for it; this guards the service itself)."""
    if not scope_of(actor).contains(unit):
        raise ValidationError(
            message if message is not None else _("This record is outside your area.")
        )


def get_for_user(
    user: User,
    queryset: QuerySet[M],
    *,
    unit_field: str,
    cap: Cap | Predicate[M],
    message: str | None = None,
    **lookup: Any,
) -> M:
    """Fetch one object by ``lookup`` and authorise ``user`` on it.

    ``unit_field`` names the foreign key (or path, "registration_unit") to the unit that the
    object belongs to; the object is found only if that unit is in the user's scope (else 404).
    ``cap`` is a capability, or a predicate ``(user, obj) -> bool`` for a per-object rule; a
    refusal is a 403 with ``message`` (default: “Your role does not allow this.”).
    """
    obj = queryset.filter(scope_of(user).q(unit_field), **lookup).first()
    if obj is None:
        raise Http404(_("Not found, or outside your area."))
    if isinstance(cap, Cap):
        require(has_cap(user, cap), message)
    else:
        require(cap(user, obj), message)
    return obj
