"""Labels of the report's figures in the user's language (and in Vietnamese for the official
documents, rendered under ``translation.override("vi")``)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from muster.conscription.handover.models import ReturnReason
from muster.conscription.violations.models import ViolationKind
from muster.core.dates import today
from muster.law.book import rule_or_none
from muster.reports.figures import spreads

_LABELS: dict[str, Promise] = {
    "registered": _("Registered men of call-up age (18–27)"),
    "called_screening": _("Called to preliminary screening"),
    "called_exam": _("Called to the health examination"),
    "examined": _("Examined by the health council"),
    "examined_share": _("Examined, % of those called"),
    "late_notices": _("Screening or examination notices delivered late"),
    "fit": _("Fit for service (classes 1–3)"),
    "fit_share": _("Fit, % of those examined"),
    "callable": _("Callable pool"),
    "deferred": _("Deferred (citizens)"),
    "exempt": _("Exempt (citizens)"),
    "quota_army": _("Quota: army"),
    "quota_police": _("Quota: police (CAND)"),
    "quota_total": _("Quota: total"),
    "planned_rate": _("Call rate (quota ÷ callable pool), %"),
    "decisions": _("Call-up decisions (valid)"),
    "late_deliveries": _("Call-up decisions delivered under 15 days before"),
    "selected_army": _("Official list: army"),
    "selected_police": _("Official list: police (CAND)"),
    "selected": _("Official list: total"),
    "handed_over_army": _("Handed over: army"),
    "handed_over_police": _("Handed over: police (CAND)"),
    "handed_over": _("Handed over: total"),
    "percent_handover": _("Handed over, % of the quota"),
    "returns": _("Returned after handover"),
    "replacements": _("Replacements after handover"),
    "replacements_late": _("Replacements after the 15-day window"),
    "replacements_over_cap": _("Replacements beyond the cap of the quota"),
    "in_service": _("In service after returns and replacements"),
    "percent_met": _("Quota met, %"),
    "realised_rate": _("Realised call rate (in service ÷ callable pool), %"),
    "graduates": _("College, university or vocational graduates"),
    "graduates_share": _("Graduates, % of those handed over"),
    "graduates_higher": _("College or university graduates"),
    "graduates_vocational": _("Vocational graduates"),
    "party_members": _("Party members"),
    "party_share": _("Party members, % of those handed over"),
    "youth_union_members": _("Youth Union members"),
    "volunteers_recruited": _("Volunteers among those handed over"),
    "volunteers_applied": _("Written volunteer applications"),
    "ethnic_minorities": _("Ethnic minorities"),
    "age_other": _("Other ages on the handover day"),
    "violations": _("Violations (cases)"),
}

#: Column headers of the per-commune tables, where the full label would be too wide.
_SHORT: dict[str, Promise] = {
    "registered": _("Registered"),
    "called_screening": _("Called to screening"),
    "called_exam": _("Called to examination"),
    "examined": _("Examined"),
    "examined_share": _("Examined %"),
    "late_notices": _("Late notices"),
    "fit": _("Fit (1–3)"),
    "fit_share": _("Fit %"),
    "callable": _("Callable pool"),
    "deferred": _("Deferred"),
    "exempt": _("Exempt"),
    "quota_army": _("Quota army"),
    "quota_police": _("Quota police"),
    "quota_total": _("Quota total"),
    "planned_rate": _("Call rate %"),
    "decisions": _("Decisions"),
    "late_deliveries": _("Delivered late"),
    "selected_army": _("Official list army"),
    "selected_police": _("Official list police"),
    "selected": _("Official list total"),
    "handed_over_army": _("Handed over army"),
    "handed_over_police": _("Handed over police"),
    "handed_over": _("Handed over total"),
    "percent_handover": _("Handed over %"),
    "returns": _("Returned"),
    "replacements": _("Replacements"),
    "replacements_late": _("Replacements late"),
    "replacements_over_cap": _("Replacements over cap"),
    "in_service": _("In service"),
    "percent_met": _("Quota met %"),
    "realised_rate": _("Realised rate %"),
    "graduates": _("Graduates"),
    "graduates_share": _("Graduates %"),
    "graduates_higher": _("College or university"),
    "graduates_vocational": _("Vocational"),
    "party_members": _("Party members"),
    "party_share": _("Party members %"),
    "youth_union_members": _("Youth Union"),
    "volunteers_recruited": _("Volunteers handed over"),
    "volunteers_applied": _("Volunteer applications"),
    "ethnic_minorities": _("Ethnic minorities"),
    "age_other": _("Other ages"),
    "violations": _("Violations"),
}

_VIOLATION_SHORT: dict[str, Promise] = {
    "no_first_registration": _("No first registration"),
    "no_change_registration": _("Change not registered"),
    "absent_screening": _("Absent from screening"),
    "refused_screening": _("Refused screening"),
    "absent_exam": _("Absent from examination"),
    "refused_exam": _("Refused examination"),
    "cheated_exam": _("Cheated at examination"),
    "defied_exam": _("Defied the screening or examination decision"),
    "absent_callup": _("Absent at call-up"),
    "evaded_after_fit": _("Evaded after found fit"),
    "refused_callup": _("Refused call-up"),
    "obstructed_exam": _("Obstructed examination"),
    "obstructed_callup": _("Obstructed call-up"),
    "org_report_incomplete": _("Organisation: incomplete report"),
    "org_report_inaccurate": _("Organisation: inaccurate report"),
    "org_no_report": _("Organisation: no report"),
}

SECTIONS: dict[str, Promise] = {
    "pool": _("Registration, screening and examination"),
    "health": _("Health classes and the callable pool"),
    "deferral": _("Deferrals and exemptions by ground (Law 78/2015 Art 41)"),
    "quota": _("Quotas, call-up decisions and official lists"),
    "handover": _("Handover, returns and replacements"),
    "quality": _("Quality of the recruits handed over"),
    "violations": _("Violations of the Military Service Law"),
}

STAGES: dict[str, Promise] = {
    "preparation": _("Preparation"),
    "screening": _("Preliminary screening"),
    "examination": _("Health examination"),
    "review": _("Village nomination and council review"),
    "decisions": _("Call-up decisions"),
    "handover": _("Handover"),
    "after_handover": _("Re-examination and replacements after handover"),
    "closed": _("Closed"),
}

STANDOUT_RULES: dict[str, Promise] = {
    "high": _("well above the mean (over 1.5 standard deviations)"),
    "low": _("well below the mean (over 1.5 standard deviations)"),
    "below_quota": _("quota not met"),
    "replacements": _("replacements after handover"),
    "unstable": _("quota changed by more than a quarter from last year"),
}

AUTHORITIES: dict[str, Promise] = {
    "district_chairman": _("Chairman of the district People's Committee"),
    "provincial_chairman": _("Chairman of the provincial People's Committee"),
}

SERVICES: dict[str, Promise] = {"army": _("Army"), "police": _("Police (CAND)")}


def standout(item: spreads.Standout) -> str:
    """Why a commune is named: "Call rate (…), %: well above the mean …", "quota not met"."""
    rule = str(STANDOUT_RULES[item.rule])
    if item.rule in ("high", "low"):
        return f"{label(item.metric)}: {rule}"
    return rule


def ground_title(code: str, on: dt.date | None = None) -> str:
    """The ground's text in the user's language, as the law module words it on ``on``."""
    found = rule_or_none(code, on or today())
    if found is None:
        return code
    vietnamese = (translation.get_language() or "vi").startswith("vi")
    return found.title_vi if vietnamese else found.title


def label(key: str, on: dt.date | None = None) -> str:
    """The full label of a figure of ``metrics.METRICS`` (grounds as worded on ``on``)."""
    if key in _LABELS:
        return str(_LABELS[key])
    if key.startswith("class_"):
        return gettext("Health class %(k)s") % {"k": key[6:]}
    if key.startswith(("deferred_", "exempt_")):
        code = key.split("_", 1)[1]
        return f"{code}: {ground_title(code, on)}"
    if key.startswith("returns_"):
        return gettext("Returned: %(reason)s") % {"reason": ReturnReason(key[8:]).label}
    if key.startswith("age_"):
        return gettext("Aged %(band)s on the handover day") % {"band": key[4:]}
    if key.startswith("violation_"):
        return str(ViolationKind(key[10:]).label)
    return key


def short(key: str) -> str:
    """A column header for the figure in a per-commune table."""
    if key in _SHORT:
        return str(_SHORT[key])
    if key.startswith("class_"):
        return gettext("Class %(k)s") % {"k": key[6:]}
    if key.startswith(("deferred_", "exempt_")):
        return key.split("_", 1)[1]
    if key.startswith("age_"):
        return gettext("Aged %(band)s") % {"band": key[4:]}
    if key.startswith("violation_"):
        return str(_VIOLATION_SHORT[key[10:]])
    return label(key)
