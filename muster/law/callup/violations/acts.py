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
#: Decree 218/2025: anyone (a relative, an employer) obstructing a citizen's health examination
#: (a new offence) or the call-up decision (the same band as cheating to evade, old and new).
OBSTRUCTED_EXAM = "obstructed_exam"
OBSTRUCTED_CALLUP = "obstructed_callup"
#: Decree 218/2025: an agency or organisation reporting the reservists and the men of military
#: service age it has incompletely, inaccurately, or not at all.
ORG_REPORT_INCOMPLETE = "org_report_incomplete"
ORG_REPORT_INACCURATE = "org_report_inaccurate"
ORG_NO_REPORT = "org_no_report"

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
    OBSTRUCTED_EXAM,
    OBSTRUCTED_CALLUP,
    ORG_REPORT_INCOMPLETE,
    ORG_REPORT_INACCURATE,
    ORG_NO_REPORT,
)

# ----------------------------------------------------------------------------- offenders

#: Who is sanctioned (đối tượng bị xử phạt): an individual or an organisation.
INDIVIDUAL = "individual"
ORGANISATION = "organisation"
SUBJECTS: tuple[str, ...] = (INDIVIDUAL, ORGANISATION)

#: Who can commit an act (the band rule's ``offenders`` parameter): the citizen called
#: ("citizen": an individual of the registry), anyone ("anyone": an individual, in the registry
#: or not, or an organisation), an organisation only ("organisation").
CITIZEN = "citizen"
ANYONE = "anyone"
ORGANISATION_ONLY = "organisation"

#: The acts of the citizen himself (his registration, examination or call-up): counted as
#: evasion where Law Art 3(8) says so; the others are acts of third parties.
CITIZEN_KINDS: tuple[str, ...] = KINDS[: KINDS.index(OBSTRUCTED_EXAM)]
#: The organisations' own acts (their reports).
ORG_KINDS: tuple[str, ...] = (ORG_REPORT_INCOMPLETE, ORG_REPORT_INACCURATE, ORG_NO_REPORT)

#: The two regimes, as stored on a case (``ViolationCase.decree``).
OLD_DECREE = "NĐ 120/2013 sửa đổi bởi NĐ 37/2022"
NEW_DECREE = "NĐ 218/2025"

_OLD_TO = DECREE_218_FROM - dt.timedelta(days=1)
_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)
#: The 2025 amendment of the Penal Code took effect on this day; whether it touched Art 332 is
#: unverified (legal-reference §2.1), so the text from this day on is marked unconfirmed.
PENAL_CODE_2025_FROM = dt.date(2025, 7, 1)
