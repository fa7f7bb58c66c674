"""The call-up's cards on the citizen page (registered in ``ConscriptionConfig.ready``): the
eligibility verdict on a chosen day, the deferral and exemption dossiers, and the call-up
decisions with handover, return and replacement, volunteer applications and violation cases.
The person was already fetched and authorised by the page that shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy

from muster.accounts.perms import Cap, has_cap
from muster.conscription import perms
from muster.conscription.decisions.selectors import person_callup
from muster.conscription.dossiers.selectors import person_dossiers
from muster.conscription.eligibility.selectors import (
    latest_verification,
    outside_coverage_message,
    verdict_for_person,
)
from muster.core.dates import parse_user_date, today
from muster.core.http import AuthenticatedHttpRequest

if TYPE_CHECKING:
    from muster.people.models import Person


def dossiers_card(person: Person, request: AuthenticatedHttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "person": person,
        "dossiers": person_dossiers(person=person),
        "can_propose": has_cap(user, Cap.MANAGE_CAMPAIGN),
    }


def callup_card(person: Person, request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"person": person, "callup": person_callup(person=person)}


STANDARD_LABELS = {
    "sex": gettext_lazy("Sex (women only as volunteers)"),
    "age": gettext_lazy("Age"),
    "health_class": gettext_lazy("Health class"),
    "myopia": gettext_lazy("Myopia"),
    "hyperopia": gettext_lazy("Hyperopia"),
    "bmi": gettext_lazy("BMI"),
    "drug_addiction": gettext_lazy("Drug addiction"),
    "hiv": gettext_lazy("HIV/AIDS"),
    "education": gettext_lazy("Education"),
    "political": gettext_lazy("Political standard"),
}
REGISTRATION_LABELS = {
    "registered": gettext_lazy("May register"),
    "barred": gettext_lazy("Not allowed to register (Art 13)"),
    "exempt_from_registration": gettext_lazy("Exempt from registration (Art 14)"),
}


def verdict_card(person: Person, request: AuthenticatedHttpRequest) -> dict[str, object]:
    """The call-up verdict on ``?on=dd/mm/yyyy`` (today when absent or unreadable)."""
    ties = list(person.family_ties.all())
    bars = list(person.registration_bars.all())
    raw = request.GET.get("on", "").strip()
    on = parse_user_date(raw)
    bad_date = bool(raw) and on is None
    if on is None:
        on = today()
    in_force = [b for b in bars if b.start_date <= on and (b.end_date is None or on <= b.end_date)]
    verifications = list(person.political_verifications.all())
    verdict = verdict_for_person(
        person=person, on=on, ties=ties, bars=in_force, verifications=verifications
    )
    standards = (
        [(STANDARD_LABELS.get(s.standard, s.standard), s) for s in verdict.standards]
        if verdict is not None
        else []
    )
    return {
        "person": person,
        "verdict": verdict,
        "verdict_on": on,
        "verdict_bad_date": bad_date,
        "verdict_raw_date": raw,
        "verdict_standards": standards,
        "verdict_registration": (
            REGISTRATION_LABELS[verdict.registration] if verdict is not None else ""
        ),
        "verdict_outside": outside_coverage_message(on) if verdict is None else "",
        "political_verification": latest_verification(
            person=person, on=on, verifications=verifications
        ),
        "can_verify_political": perms.can_record_political_verification(request.user),
    }
