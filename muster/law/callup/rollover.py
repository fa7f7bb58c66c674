"""Year roll-over of the call-up pool (chuyển năm nguồn gọi nhập ngũ). Pure: no Django.

For a campaign year with its call-up date (Law 78/2015 Art 33: once a year, February or March)
this module says, for each citizen, whether he

* **enters the pool**: reaches 18 in the window (previous call-up date, call-up date], so he is
  of call-up age this year and was not last year (Art 30: from full 18);
* **ages out**: passes the upper call-up age in the window: the end of age 25, or of age 27 for a
  college/university graduate deferred while studying (Art 30); he then belongs to reserve
  registration (đăng ký quân nhân dự bị, Art 18: men over call-up age who never served);
* **needs re-review** (cần xét lại): a deferral ground has ended in the window: studies ended
  (``study_end_date``), a registration bar (Art 13) ended, a sibling who was serving has been
  discharged.

Windows are half-open on the left: the previous call-up date was already judged last year. An
end date is the last day the ground holds (bars are "in force on end_date"), so a ground with
end date D has *ended* on the call-up date C when D < C.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from muster.law.ages import age_on, years_before

#: Law 78/2015 Art 30 (as consolidated by VBHN 80/2025): call-up age.
MIN_AGE = 18
MAX_AGE = 25
GRADUATE_MAX_AGE = 27
CITATION_AGE = "Luật NVQS 78/2015/QH13 Điều 30"
CITATION_CALL_UP = "Luật NVQS 78/2015/QH13 Điều 33"
CITATION_RESERVE = "Luật NVQS 78/2015/QH13 Điều 18"

K = TypeVar("K")


class Ground(StrEnum):
    """Why a deferral must be reviewed again."""

    STUDIES_ENDED = "studies_ended"
    BAR_ENDED = "bar_ended"
    SIBLING_DISCHARGED = "sibling_discharged"


@dataclass(frozen=True)
class Candidate(Generic[K]):
    """The facts the roll-over needs about one man, keyed by anything the caller likes."""

    key: K
    birth_date: dt.date
    #: A college/university graduate who was deferred while studying (upper age 27).
    graduate_deferred: bool = False
    study_end_date: dt.date | None = None
    bar_end_dates: Sequence[dt.date] = ()
    sibling_discharge_dates: Sequence[dt.date] = ()


@dataclass(frozen=True)
class ReReview(Generic[K]):
    key: K
    grounds: tuple[tuple[Ground, dt.date], ...]


@dataclass(frozen=True)
class Rollover(Generic[K]):
    call_up: dt.date
    previous_call_up: dt.date
    entering: list[K] = field(default_factory=list)
    ageing_out: list[K] = field(default_factory=list)
    re_review: list[ReReview[K]] = field(default_factory=list)


def previous_call_up(call_up: dt.date) -> dt.date:
    """The same calendar day one year earlier: last year's call-up date by default."""
    return years_before(call_up, 1)


def upper_age(graduate_deferred: bool) -> int:
    return GRADUATE_MAX_AGE if graduate_deferred else MAX_AGE


def in_call_up_age(birth: dt.date, on: dt.date, *, graduate_deferred: bool = False) -> bool:
    """From the 18th birthday to the end of age 25 (27 for deferred graduates), on ``on``."""
    age = age_on(birth, on)
    return MIN_AGE <= age <= upper_age(graduate_deferred)


def enters_pool(birth: dt.date, call_up: dt.date, previous: dt.date) -> bool:
    """Reaches 18 after ``previous`` and on or before ``call_up``."""
    return age_on(birth, previous) < MIN_AGE <= age_on(birth, call_up)


def ages_out(
    birth: dt.date, call_up: dt.date, previous: dt.date, *, graduate_deferred: bool
) -> bool:
    """Passes the end of the upper age after ``previous`` and on or before ``call_up``."""
    top = upper_age(graduate_deferred)
    return age_on(birth, previous) <= top < age_on(birth, call_up)


def _ended(day: dt.date, call_up: dt.date, previous: dt.date) -> bool:
    """A ground that held until ``day`` has ended by ``call_up`` and had not by ``previous``."""
    return previous <= day < call_up


def ended_grounds(
    candidate: Candidate[K], call_up: dt.date, previous: dt.date
) -> tuple[tuple[Ground, dt.date], ...]:
    found: list[tuple[Ground, dt.date]] = []
    if candidate.study_end_date is not None and _ended(candidate.study_end_date, call_up, previous):
        found.append((Ground.STUDIES_ENDED, candidate.study_end_date))
    found.extend(
        (Ground.BAR_ENDED, day)
        for day in sorted(candidate.bar_end_dates)
        if _ended(day, call_up, previous)
    )
    found.extend(
        (Ground.SIBLING_DISCHARGED, day)
        for day in sorted(candidate.sibling_discharge_dates)
        if _ended(day, call_up, previous)
    )
    return tuple(found)


def roll_over(
    candidates: Iterable[Candidate[K]], *, call_up: dt.date, previous: dt.date | None = None
) -> Rollover[K]:
    """Sort ``candidates`` into the three roll-over lists for the campaign of ``call_up``.

    A man who ages out is not listed for re-review: he leaves the call-up pool whatever his
    grounds. Only men still of call-up age on ``call_up`` are reviewed again.
    """
    previous = previous_call_up(call_up) if previous is None else previous
    if previous >= call_up:
        raise ValueError("the previous call-up date must precede the call-up date")
    result: Rollover[K] = Rollover(call_up=call_up, previous_call_up=previous)
    for c in candidates:
        if enters_pool(c.birth_date, call_up, previous):
            result.entering.append(c.key)
        if ages_out(c.birth_date, call_up, previous, graduate_deferred=c.graduate_deferred):
            result.ageing_out.append(c.key)
            continue
        if not in_call_up_age(c.birth_date, call_up, graduate_deferred=c.graduate_deferred):
            continue
        grounds = ended_grounds(c, call_up, previous)
        if grounds:
            result.re_review.append(ReReview(key=c.key, grounds=grounds))
    return result
