"""Who may issue and revoke API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, has_cap
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User


def can_manage_tokens_of(actor: User, owner: User) -> bool:
    """Any signed-in user manages his own tokens; an administrator (``Cap.MANAGE_USERS``)
    those of the users of his area."""
    if not actor.is_authenticated or not actor.is_active or owner.is_system_actor:
        return False
    if actor.pk == owner.pk:
        return True
    if not has_cap(actor, Cap.MANAGE_USERS):
        return False
    scope = scope_of(actor)
    return scope.everything or scope.contains(owner.scope_unit_id)
