"""The states of a violation case and the moves between them. Pure."""

from __future__ import annotations

# ----------------------------------------------------------------------------- states

OPEN = "open"
NOTICE_SERVED = "notice_served"
GOOD_REASON = "good_reason"
PENALISED = "penalised"
PAID = "paid"
ESCALATED = "escalated"
CLOSED = "closed"

#: open → notice_served → good_reason | penalised → paid; escalated; closed.
TRANSITIONS: dict[str, frozenset[str]] = {
    OPEN: frozenset({NOTICE_SERVED, GOOD_REASON, ESCALATED, CLOSED}),
    NOTICE_SERVED: frozenset({GOOD_REASON, PENALISED, ESCALATED, CLOSED}),
    PENALISED: frozenset({PAID, CLOSED}),
    PAID: frozenset({CLOSED}),
    ESCALATED: frozenset({CLOSED}),
    GOOD_REASON: frozenset(),
    CLOSED: frozenset(),
}
#: States in which another notice may be served without changing the state.
NOTICE_STATES = frozenset({OPEN, NOTICE_SERVED, PENALISED, ESCALATED})
FINAL_STATES = frozenset({GOOD_REASON, CLOSED})


def can_move(state: str, target: str) -> bool:
    return target in TRANSITIONS.get(state, frozenset())


def sources_of(target: str) -> tuple[str, ...]:
    """The states a case must be in to become ``target`` (for the refusal message)."""
    return tuple(s for s, targets in TRANSITIONS.items() if target in targets)
