"""Changes after registration (biến động sau đăng ký NVQS) and their deadlines. Pure.

A commune follows, per citizen, the changes the law gives a period for, each judged by the rule
of ``muster.law.callup.registration`` in force on the day of the triggering event (nothing is
restated here):

* additional registration (đăng ký bổ sung): 10 days from the change (unconfirmed after Decree
  220/2025, as the registration rules say);
* transfer (đăng ký di chuyển): 10 working days from arrival before 1 July 2025, 5 from then
  (Law 98/2025);
* return from an absence of 3 months or more (đăng ký vắng mặt / đăng ký lại): the same periods
  from the return;
* removal from the register (xóa tên): reported to the commune chairman within 5 days of the
  confirmation (10 days to the district before 1 July 2025).

The police's quarterly report has its own window (``muster.law.callup.year.quarter_window``).

A change is *done* once recorded (``done_late`` when recorded after its last day), *late* from
the day after its last day while not done, *due* from ``year.WARN_DAYS`` before its last day,
*upcoming* before that. A change with no deadline yet (an absence still running, a release
reported by the police) is *open*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from enum import StrEnum

from muster.law.callup import registration
from muster.law.callup.year import WARN_DAYS, Status, Step, YearInput
from muster.law.rulebook import Citation
from muster.law.sources import LAW_78, LAW_98
from muster.law.text import Text


class ChangeKind(StrEnum):
    ADDITIONAL = "additional"
    TRANSFER = "transfer"
    ABSENCE = "absence"
    REMOVAL = "removal"
    #: A change the commune police reported, still to be applied to the register.
    POLICE_ITEM = "police_item"
    #: The police's quarterly report itself.
    POLICE_REPORT = "police_report"


#: The registration rule that sets each kind's deadline.
TRIGGERS: dict[ChangeKind, registration.Trigger] = {
    ChangeKind.ADDITIONAL: registration.Trigger.ADDITIONAL,
    ChangeKind.TRANSFER: registration.Trigger.TRANSFER_IN,
    ChangeKind.ABSENCE: registration.Trigger.ABSENCE_RETURN,
    ChangeKind.REMOVAL: registration.Trigger.REMOVAL_REPORT,
}

#: Not a deadline: a change still running (an absence, a release with nothing to record yet).
OPEN = "open"


def deadline(
    kind: ChangeKind, day: dt.date, holidays: Collection[dt.date]
) -> registration.Deadline:
    """The last day for a change of ``kind`` triggered on ``day`` (arrival, return, change,
    confirmation), by the registration rule in force that day."""
    return registration.deadline(TRIGGERS[kind], day, holidays)


def status_on(due: dt.date, *, done_on: dt.date | None, today: dt.date) -> Status:
    """A change's status on ``today``: done (or done late) once recorded; late the day after
    ``due``; due from ``WARN_DAYS`` before it through ``due`` itself; upcoming before."""
    if done_on is not None:
        return Status.DONE if done_on <= due else Status.DONE_LATE
    if today > due:
        return Status.LATE
    if today >= due - dt.timedelta(days=WARN_DAYS):
        return Status.DUE
    return Status.UPCOMING


STEP_KIND = "registration_changes"
STEP_TITLE = Text(
    "Biến động sau đăng ký: đăng ký bổ sung, di chuyển, vắng mặt, xóa tên",
    "Changes after registration: additional registration, transfers, absences, removals",
)


def year_steps(data: YearInput) -> list[Step]:
    """The year calendar's running step: the changes of the whole year, each with its own
    deadline (read by the registry, not by the step's dates)."""
    year = data.year
    return [
        Step(
            f"{STEP_KIND}.{year}",
            STEP_KIND,
            STEP_TITLE,
            dt.date(year, 12, 31),
            (
                Citation(
                    LAW_78,
                    "17",
                    None,
                    None,
                    "Additional registration, transfers, absences, removal.",
                ),
                Citation(LAW_98, None, None, None, "5 working days from 1 July 2025."),
            ),
            start=dt.date(year, 1, 1),
        )
    ]
