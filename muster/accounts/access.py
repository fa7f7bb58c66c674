"""The one fetch-and-authorise helper: out of scope → 404, in scope without the role → 403."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from muster.accounts.models import User
from muster.accounts.perms import Cap, has_cap
from muster.geo.scope import scope_of

M = TypeVar("M", bound=Model)


def require_cap(user: User, cap: Cap) -> None:
    if not has_cap(user, cap):
        raise PermissionDenied(_("Your role does not allow this."))


def require_actor_cap(actor: User | None, cap: Cap) -> None:
    """For services: ``actor=None`` is the system itself (the demo loader), with no role to
    check; a user whose role lacks ``cap`` is refused (403)."""
    if actor is not None:
        require_cap(actor, cap)


def require_actor_area(actor: User | None, unit_id: int) -> None:
    """For services: a record of a unit outside the actor's area is refused with a message
    (the pages already answer 404 for it; this guards the service itself)."""
    if actor is not None and not scope_of(actor).contains(unit_id):
        raise ValidationError(_("This record is outside your area."))


def get_for_user(
    user: User, queryset: QuerySet[M], *, unit_field: str, cap: Cap, **lookup: Any
) -> M:
    """Fetch one object by ``lookup`` and authorise ``user`` for ``cap`` on it.

    ``unit_field`` names the foreign key (or path, "registration_unit") to the unit that the
    object belongs to; the object is found only if that unit is in the user's scope.
    """
    obj = queryset.filter(scope_of(user).q(unit_field), **lookup).first()
    if obj is None:
        raise Http404(_("Not found, or outside your area."))
    require_cap(user, cap)
    return obj
