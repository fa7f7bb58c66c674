"""Who may record the province's militia targets: the officers who keep targets (the
capability of the directives' checkers: the provincial and regional staff), in their province."""

from __future__ import annotations

from muster.accounts.perms import Cap, CapRule

#: Record the share of the population the province sets for the militia.
can_set_strength_target = CapRule(Cap.REVIEW_DIRECTIVE)
