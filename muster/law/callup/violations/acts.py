"""The acts (hành vi vi phạm) a case can be opened for, and the two penalty regimes. Pure."""

from __future__ import annotations

import datetime as dt

from muster.law.sources import DECREE_218_FROM, LAW_98_FROM

# ----------------------------------------------------------------------------- the acts

NO_FIRST_REGISTRATION = "no_first_registration"
NO_CHANGE_REGISTRATION = "no_change_registration"
ABSENT_SCREENING = "absent_screening"
REFUSED_SCREENING = "refused_screening"
ABSENT_EXAM = "absent_exam"
REFUSED_EXAM = "refused_exam"
CHEATED_EXAM = "cheated_exam"
DEFIED_EXAM = "defied_exam"
ABSENT_CALLUP = "absent_callup"
EVADED_AFTER_FIT = "evaded_after_fit"
REFUSED_CALLUP = "refused_callup"

#: Every act, in the order of the decrees (mirrors ``models.ViolationKind``).
KINDS: tuple[str, ...] = (
    NO_FIRST_REGISTRATION,
    NO_CHANGE_REGISTRATION,
    ABSENT_SCREENING,
    REFUSED_SCREENING,
    ABSENT_EXAM,
    REFUSED_EXAM,
    CHEATED_EXAM,
    DEFIED_EXAM,
    ABSENT_CALLUP,
    EVADED_AFTER_FIT,
    REFUSED_CALLUP,
)

#: The two regimes, as stored on a case (``ViolationCase.decree``).
OLD_DECREE = "NĐ 120/2013 sửa đổi bởi NĐ 37/2022"
NEW_DECREE = "NĐ 218/2025"

_OLD_TO = DECREE_218_FROM - dt.timedelta(days=1)
_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)
#: The 2025 amendment of the Penal Code took effect on this day; whether it touched Art 332 is
#: unverified (legal-reference §2.1), so the text from this day on is marked unconfirmed.
PENAL_CODE_2025_FROM = dt.date(2025, 7, 1)
