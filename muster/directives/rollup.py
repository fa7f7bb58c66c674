"""Roll-up arithmetic of directive targets (pure: no Django, nothing stateful).

A target (chỉ tiêu) has a planned value and a due date. It may be split into shares (phần
giao) held by communes; each share has its own planned value and its own achieved value. The
rules, which ``docs/directives.md`` repeats:

* **Progress of one share** = achieved / planned, clamped to 0–100 %. A share planned at 0 is
  100 % when nothing is required, whatever was achieved.
* **Progress of a split target** = the share-weighted mean of its shares' progress,
  Σ planned_i × progress_i / Σ planned_i. Over-achievement in one commune does not hide a
  shortfall in another (each share is clamped first). The planned values of the shares should
  add up to the target's value: ``shares_mismatch`` says by how much they do not.
* **Ceiling targets** ("at most", e.g. zero replacements after handover): 100 % while the
  achieved value stays within the ceiling, 0 % once it is exceeded (a breach cannot be undone).
* **Milestone checklists**: done items / all items.
* **Status on a day**, for a target with a start and a due date:
  - *done*: progress reached 100 % (for a ceiling target: the due date has passed within the
    ceiling);
  - *late*: the due date has passed and progress is below 100 %, or a ceiling was breached;
  - *on track*: progress is at least the elapsed share of the time window minus a tolerance of
    ``AT_RISK_TOLERANCE`` points (30 % of the time gone → at least 20 % done);
  - *at risk*: otherwise;
  - *no data*: the figure is not known yet (a live source without data, nothing approved);
    the reports owed for it show up as overdue on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
ZERO = Decimal(0)
#: Points of progress a target may trail the elapsed time before it is "at risk".
AT_RISK_TOLERANCE = Decimal(10)


class Status(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LATE = "late"
    NO_DATA = "no_data"


class Direction(StrEnum):
    AT_LEAST = "at_least"  # reach the value (hectares acquired, % of quota)
    AT_MOST = "at_most"  # stay within the value (replacements after handover: 0)


@dataclass(frozen=True)
class Share:
    planned: Decimal
    achieved: Decimal | None  # None: not reported / no data


def clamp(value: Decimal, low: Decimal = ZERO, high: Decimal = HUNDRED) -> Decimal:
    return max(low, min(high, value))


def share_progress(
    planned: Decimal, achieved: Decimal | None, direction: Direction = Direction.AT_LEAST
) -> Decimal | None:
    """Progress (0–100) of one figure against its plan; None when there is no figure."""
    if achieved is None:
        return None
    if direction == Direction.AT_MOST:
        return HUNDRED if achieved <= planned else ZERO
    if planned <= 0:
        return HUNDRED
    return clamp(achieved * HUNDRED / planned)


def sum_of_shares(shares: Sequence[Share]) -> Decimal:
    return sum((s.planned for s in shares), ZERO)


def shares_mismatch(target_value: Decimal, shares: Sequence[Share]) -> Decimal:
    """Target value minus the sum of the shares (0 when the split is complete)."""
    return target_value - sum_of_shares(shares) if shares else ZERO


def weighted_progress(
    shares: Sequence[Share], direction: Direction = Direction.AT_LEAST
) -> Decimal | None:
    """Share-weighted mean progress; shares without data count as 0 % unless none has data.

    For ceiling targets the shares are not weighted: the target is breached (0 %) as soon as
    any share is, since the ceiling holds for every commune.
    """
    if not shares or all(s.achieved is None for s in shares):
        return None
    if direction == Direction.AT_MOST:
        breached = any(
            share_progress(s.planned, s.achieved, direction) == ZERO
            for s in shares
            if s.achieved is not None
        )
        return ZERO if breached else HUNDRED
    total = sum_of_shares(shares)
    if total <= 0:
        return HUNDRED
    weighted = sum(
        (s.planned * (share_progress(s.planned, s.achieved) or ZERO) for s in shares), ZERO
    )
    return clamp(weighted / total)


def checklist_progress(done: int, total: int) -> Decimal | None:
    if total <= 0:
        return None
    return clamp(Decimal(done) * HUNDRED / Decimal(total))


def elapsed_percent(start: dt.date, due: dt.date, on: dt.date) -> Decimal:
    """How much of the window from ``start`` to ``due`` has gone by on ``on`` (0–100)."""
    if due <= start:
        return HUNDRED if on >= due else ZERO
    return clamp(Decimal((on - start).days) * HUNDRED / Decimal((due - start).days))


def status(
    *,
    progress: Decimal | None,
    start: dt.date,
    due: dt.date,
    on: dt.date,
    direction: Direction = Direction.AT_LEAST,
) -> Status:
    """The status of a target on ``on`` (see the module docstring for the rule)."""
    if progress is None:
        return Status.NO_DATA
    if direction == Direction.AT_MOST:
        if progress < HUNDRED:
            return Status.LATE
        return Status.DONE if on > due else Status.ON_TRACK
    if progress >= HUNDRED:
        return Status.DONE
    if on > due:
        return Status.LATE
    expected = elapsed_percent(start, due, on)
    return Status.ON_TRACK if progress >= expected - AT_RISK_TOLERANCE else Status.AT_RISK


def worst(statuses: Sequence[Status]) -> Status:
    """The status of a task: the worst of its targets' (late > at risk > no data > on track)."""
    order = [Status.LATE, Status.AT_RISK, Status.NO_DATA, Status.ON_TRACK, Status.DONE]
    for candidate in order:
        if candidate in statuses:
            return candidate
    return Status.NO_DATA
