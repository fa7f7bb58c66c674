"""Who is called to the reserve registration (đăng ký phục vụ trong ngạch dự bị), by the ages of
the Law on Military Service, as dated data. Pure.

Law 78/2015 Art 18 (Decree 13/2016 Art 5) sends to the reserve registration the men past the
call-up age who never served, the discharged soldiers (within 15 working days of reaching
home, Art 45) and the other groups of §2.2 of the legal reference. The registry records no
discharge, so the call's list is drawn by age: men past the call-up age of Art 30 (the end of
25, of 27 for graduates deferred while studying: rule ``std.age``) and within the reserve age
of Art 25 (the end of 45 for men, of 40 for women: rule ``reserve.age``), both confirmed in the
legal reference (§2.3, §4). A discharged soldier younger than that is called by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.ages import age_on, birth_range
from muster.law.book import rule
from muster.law.rulebook import Citation, NoRuleInForce

__all__ = ["NoRuleInForce", "ReserveBand", "call_band", "reserve_last_age", "within_reserve_age"]


@dataclass(frozen=True)
class ReserveBand:
    """The birth dates of the men a reserve call lists on ``day`` (both ends inclusive):
    ``earliest``..``latest``, or ``earliest``..``graduate_latest`` for a graduate (his call-up
    age runs two years longer)."""

    day: dt.date
    earliest: dt.date
    latest: dt.date
    graduate_latest: dt.date
    citations: tuple[Citation, ...]
    confirmed: bool


def call_band(day: dt.date) -> ReserveBand:
    """The men to call to the reserve registration held on ``day``: past the call-up age and
    within the men's reserve age. Raises ``NoRuleInForce`` before the Law of 2015."""
    callup, reserve = rule("std.age", day), rule("reserve.age", day)
    last = reserve.int_param("men_max_age")
    earliest, latest = birth_range(day, callup.int_param("max_age") + 1, last)
    _e, graduate_latest = birth_range(day, callup.int_param("graduate_max_age") + 1, last)
    return ReserveBand(
        day=day,
        earliest=earliest,
        latest=latest,
        graduate_latest=graduate_latest,
        citations=(*reserve.citations, *callup.citations),
        confirmed=reserve.confirmed and callup.confirmed,
    )


def reserve_last_age(sex: str, day: dt.date) -> int:
    """The last age (completed years) of reserve service on ``day``: 45 for men (``"M"``), 40
    for women (Law 78/2015 Art 25)."""
    reserve = rule("reserve.age", day)
    return reserve.int_param("women_max_age" if sex == "F" else "men_max_age")


def within_reserve_age(sex: str, birth: dt.date, day: dt.date) -> bool:
    """Whether a citizen born on ``birth`` may still register in the reserve on ``day``: of
    registration age (17 for men, 18 for women: rule ``reg.who``) and not past the reserve age."""
    who = rule("reg.who", day)
    youngest = who.int_param("women_min_age" if sex == "F" else "men_min_age")
    age = age_on(birth, day)
    return youngest <= age <= reserve_last_age(sex, day)
