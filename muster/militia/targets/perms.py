"""Who may record the province's militia targets: the officers who keep targets (the
capability of the directives' checkers: the provincial and regional staff), in their province."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


def can_set_strength_target(user: User, obj: object = None) -> bool:
    """Record the share of the population the province sets for the militia."""
    return has_cap(user, Cap.REVIEW_DIRECTIVE)
