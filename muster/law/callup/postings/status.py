"""The status of a posting: pending, overdue, on time or late, and its window. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

# ----------------------------------------------------------------------------- status

State = Literal["not_required", "pending", "overdue", "on_time", "late"]
WindowState = Literal["none", "open", "ended", "withdrawn"]


@dataclass(frozen=True)
class Version:
    """One posting of a commune's list (the original or a correction)."""

    posted_on: dt.date
    ends_on: dt.date
    withdrawn_on: dt.date | None = None


@dataclass(frozen=True)
class Status:
    state: State
    window: WindowState
    due: dt.date | None
    first_posted: dt.date | None
    #: Days the current posting still runs after ``today`` (0: today is its last day).
    days_left: int | None
    #: Days from ``today`` to the due date (negative: overdue by that many days).
    days_to_due: int | None

    @property
    def missed(self) -> bool:
        return self.state in ("overdue", "late")


def status(
    *, required: bool, due: dt.date | None, versions: Sequence[Version], today: dt.date
) -> Status:
    """Whether a required posting happened, and in time; the state of its window.

    Timeliness is judged on the **first** posting of the list: a correction restarts the
    window (a new 20 days) but does not make a late list timely nor a timely one late."""
    first = min((v.posted_on for v in versions), default=None)
    current = next((v for v in versions if v.withdrawn_on is None), None)
    days_to_due = None if due is None else (due - today).days
    state: State
    if first is None:
        if not required:
            state = "not_required"
        elif due is not None and today > due:
            state = "overdue"
        else:
            state = "pending"
    else:
        state = "on_time" if due is None or first <= due else "late"
    win: WindowState = "none"
    days_left = None
    if current is not None:
        if today > current.ends_on:
            win = "ended"
        else:
            win = "open"
            days_left = (current.ends_on - max(today, current.posted_on)).days
    elif versions:
        win = "withdrawn"
    return Status(state, win, due, first, days_left, days_to_due)
