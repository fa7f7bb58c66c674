"""The plain facts of the call-up report: the code lists, age bands, a recruit, and the
``Tally`` of base counts of one commune (or of several added together). Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from muster.law.ages import age_on
from muster.people.reference import KINH

SERVICES = ("army", "police")
DEFERRAL_GROUNDS = ("41.1.a", "41.1.b", "41.1.c", "41.1.d", "41.1.đ", "41.1.e", "41.1.g", "41.1.h")
EXEMPTION_GROUNDS = ("41.2.a", "41.2.b", "41.2.c", "41.2.d", "41.2.đ")
#: ``ViolationKind`` values (Decree 218/2025 Arts 8–10); a test keeps them equal.
VIOLATION_KINDS = (
    "no_first_registration",
    "no_change_registration",
    "absent_screening",
    "refused_screening",
    "absent_exam",
    "refused_exam",
    "cheated_exam",
    "defied_exam",
    "absent_callup",
    "evaded_after_fit",
    "refused_callup",
    "obstructed_exam",
    "obstructed_callup",
    "org_report_incomplete",
    "org_report_inaccurate",
    "org_no_report",
)
#: ``ReturnReason`` values; a test keeps them equal.
RETURN_REASONS = ("health", "political", "procedure", "standards", "other")
#: Age bands of recruits, in completed years on the day they were handed over (both ends in).
AGE_BANDS: tuple[tuple[int, int], ...] = ((18, 19), (20, 21), (22, 23), (24, 25), (26, 27))
OTHER_AGE = "other"
VOCATIONAL_LEVELS = frozenset({"trade"})
HIGHER_LEVELS = frozenset({"college", "university", "postgraduate"})
GRADUATED = "graduated"

FOUR_PLACES = Decimal("0.0001")

Number = int | Decimal


def band_label(band: tuple[int, int]) -> str:
    return f"{band[0]}–{band[1]}"


AGE_LABELS = (*(band_label(b) for b in AGE_BANDS), OTHER_AGE)


def age_band(born: dt.date, day: dt.date) -> str:
    """The band of someone born on ``born`` on ``day``: 18 on his 18th birthday, 19 the day
    before his 20th (the 29 February rule of ``core.ages``)."""
    age = age_on(born, day)
    for band in AGE_BANDS:
        if band[0] <= age <= band[1]:
            return band_label(band)
    return OTHER_AGE


def is_graduate(higher_level: str, study_status: str) -> bool:
    return bool(higher_level) and study_status == GRADUATED


@dataclass(frozen=True)
class RecruitFact:
    """A recruit handed over (``Recruit``), with the facts the quality figures count."""

    row: int
    service: str
    born: dt.date
    handed_on: dt.date
    higher_level: str
    study_status: str
    party_member: bool
    youth_union_member: bool
    ethnicity: str
    volunteer: bool
    #: Handed over under a replacement decision (counted as a replacement, not a handover).
    replacement: bool


def _counter() -> Counter[str]:
    return Counter()


def _class_counter() -> Counter[int]:
    return Counter()


@dataclass
class Tally:
    """The base counts of one commune, or of several added together (``+``)."""

    registered: int = 0
    called_screening: int = 0
    called_exam: int = 0
    examined: int = 0
    late_notices: int = 0
    health_class: Counter[int] = field(default_factory=_class_counter)
    callable: int = 0
    deferred: Counter[str] = field(default_factory=_counter)
    deferred_people: int = 0
    exempt: Counter[str] = field(default_factory=_counter)
    exempt_people: int = 0
    quota: Counter[str] = field(default_factory=_counter)
    decisions: Counter[str] = field(default_factory=_counter)
    late_deliveries: int = 0
    selected: Counter[str] = field(default_factory=_counter)
    handed_over: Counter[str] = field(default_factory=_counter)
    graduates_vocational: int = 0
    graduates_higher: int = 0
    party_members: int = 0
    youth_union_members: int = 0
    ethnic_minorities: int = 0
    volunteers_recruited: int = 0
    age_bands: Counter[str] = field(default_factory=_counter)
    volunteers_applied: int = 0
    returns: Counter[str] = field(default_factory=_counter)
    replacements: int = 0
    replacements_late: int = 0
    replacements_over_cap: int = 0
    violations: Counter[str] = field(default_factory=_counter)
    #: Base fields this tally's source does not record.
    unknown: frozenset[str] = frozenset()

    def __add__(self, other: Tally) -> Tally:
        out = Tally(unknown=self.unknown | other.unknown)
        for name in BASE_FIELDS:
            a, b = getattr(self, name), getattr(other, name)
            setattr(out, name, Counter(a) + b if isinstance(a, Counter) else a + b)
        return out

    def add_recruit(self, fact: RecruitFact) -> None:
        if fact.replacement:
            return
        self.handed_over[fact.service] += 1
        if is_graduate(fact.higher_level, fact.study_status):
            if fact.higher_level in VOCATIONAL_LEVELS:
                self.graduates_vocational += 1
            else:
                self.graduates_higher += 1
        self.party_members += int(fact.party_member)
        self.youth_union_members += int(fact.youth_union_member)
        self.ethnic_minorities += int(fact.ethnicity != KINH)
        self.volunteers_recruited += int(fact.volunteer)
        self.age_bands[age_band(fact.born, fact.handed_on)] += 1


BASE_FIELDS = tuple(name for name in Tally.__dataclass_fields__ if name != "unknown")


def total(tallies: Iterable[Tally]) -> Tally:
    out = Tally()
    for t in tallies:
        out = out + t
    return out
