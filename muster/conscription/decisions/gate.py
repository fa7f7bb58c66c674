"""The decision gate (điều kiện trước khi phát lệnh gọi nhập ngũ): the one check every call-up
decision passes, whichever path issues it (one decision, the official list at once, a
replacement after handover), and every citizen passes before he enters an official list.

A citizen passes when the eligibility engine, judging on the enlistment day with his
volunteer application (Art 41(3)), finds nothing missing and nothing standing:

* a council examination of both rounds, concluded and still valid (TT 105/2023 Arts 8, 13),
  of class 1–3 and not "T" (Art 9(3): referred for treatment);
* the political standard verified, with a recorded verification (TTLT 50/2016);
* every other standard known and met (age, school grade, BMI, eyes, drugs);
* no registration bar and no deferral or exemption ground standing (Art 13, 14, 41);
* for the police (CAND), the police's own health standards of the day (``law.callup.police``:
  class 1–2 and a minimum height; unverified in the legal reference, and the refusal says so).

Where the engine's verdict has a reason, the refusal names it in Vietnamese with its legal
basis; unknown facts ("not yet examined", "not yet verified") refuse as firmly as failed
ones, unlike the registry pool count, which leaves them aside (``campaign.pool``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muster.core import lawtext
from muster.law.book import rule_or_none
from muster.law.callup.eligibility.facts import Reason, Verdict
from muster.law.callup.police import police_findings
from muster.law.rulebook import Rule

if TYPE_CHECKING:
    from muster.people.models import Person

#: What each verdict reason means for the clerk at the gate: what is missing or failed.
_MESSAGES: dict[str, Promise] = {
    "registration_barred": gettext_lazy(
        "The citizen is barred from military service registration (Art 13)."
    ),
    "registration_exempt": gettext_lazy(
        "The citizen is exempt from military service registration (Art 14: an illness or "
        "disability on the list)."
    ),
    "female_not_volunteer": gettext_lazy(
        "A woman is called up in peacetime only on her own written application."
    ),
    "age_under": gettext_lazy("The citizen is under the call-up age on the enlistment day."),
    "age_over": gettext_lazy("The citizen is past the call-up age on the enlistment day."),
    "health_class": gettext_lazy("The health class is 4, 5 or 6: not fit for service."),
    "health_class_unknown": gettext_lazy(
        "No health examination of both rounds concluded by the council and still valid on "
        "the enlistment day."
    ),
    "health_class_temporary": gettext_lazy(
        "The health class carries T (temporary): the citizen was referred for treatment and "
        "must be examined again."
    ),
    "myopia": gettext_lazy("Myopia above the limit in force."),
    "hyperopia": gettext_lazy("Hyperopia, which the rules in force do not accept."),
    "bmi": gettext_lazy("BMI outside the range in force."),
    "bmi_unknown": gettext_lazy("No BMI measured at the examination."),
    "drug_addiction": gettext_lazy("Drug use found (positive drug test or addiction)."),
    "hiv": gettext_lazy("HIV found."),
    "education": gettext_lazy("School grade below the standard, with no approved allowance."),
    "education_unknown": gettext_lazy("The citizen's school grade is not recorded."),
    "political": gettext_lazy("The citizen does not meet the political standard."),
    "political_unknown": gettext_lazy(
        "The political standard has not been verified: record the verification (who, when, "
        "outcome, document)."
    ),
    "outside_coverage": gettext_lazy("The enlistment day precedes the rules Muster encodes."),
    "police_health_class": gettext_lazy("The police (CAND) take only health classes 1 and 2."),
    "police_height": gettext_lazy("Height below the police (CAND) minimum of %(min)s cm."),
    "police_height_unknown": gettext_lazy("No height measured at the examination."),
}
_UNVERIFIED = gettext_lazy("(the legal reference marks this rule unverified)")
_GROUND = gettext_lazy("A deferral or exemption ground stands: %(ground)s.")


@dataclass(frozen=True, slots=True)
class GateProblem:
    """One item the gate finds missing or failed, with its legal basis (Vietnamese)."""

    code: str
    message: str
    basis: str
    #: The rule behind it is ``confirmed=False`` (the legal reference marks it unverified).
    unverified: bool = False

    def __str__(self) -> str:
        text = self.message
        if self.basis:
            text = _("%(message)s Legal basis: %(basis)s.") % {
                "message": text,
                "basis": self.basis,
            }
        return f"{text} {_UNVERIFIED}" if self.unverified else text


def _with_basis(code: str, message: str, rules: tuple[Rule, ...]) -> GateProblem:
    """The problem with the citations of ``rules`` in the user's language, unverified if any
    rule is."""
    basis = lawtext.cite_rules(rules)
    return GateProblem(code, message, basis, any(not r.confirmed for r in rules))


def _problem(reason: Reason) -> GateProblem:
    if reason.code in _MESSAGES:
        return _with_basis(reason.code, str(_MESSAGES[reason.code]), reason.rules)
    title = lawtext.title(reason.rules[0]) if reason.rules else reason.code
    return _with_basis(reason.code, str(_GROUND) % {"ground": title}, reason.rules)


def problems_of(verdict: Verdict | None) -> list[GateProblem]:
    """Every item of ``verdict`` that keeps the citizen from a call-up decision."""
    if verdict is None:
        return [GateProblem("outside_coverage", str(_MESSAGES["outside_coverage"]), "")]
    return [_problem(reason) for reason in verdict.reasons]


def service_problems(*, person: Person, on: dt.date, service: str) -> list[GateProblem]:
    """The standards of ``service`` beyond the call-up's own: the police's health class and
    height on the council's valid result (nothing for the army, or with no valid result: the
    verdict already says the examination is missing)."""
    if service != "police":
        return []
    from muster.health.models import Station
    from muster.health.selectors import health_on
    from muster.people.models import Sex

    call, _illness = health_on(person=person, on=on)
    if call is None:
        return []
    physique = call.results.filter(station=Station.PHYSIQUE).first()
    found = police_findings(
        rule_or_none("police.health", on),
        health_class=call.health_class,
        height_cm=physique.height_cm if physique is not None else None,
        female=person.sex == Sex.FEMALE,
    )
    return [
        _with_basis(
            finding.code,
            str(_MESSAGES[finding.code]) % {"min": finding.min_height},
            (finding.rule,),
        )
        for finding in found
    ]


def gate_problems(
    *, person: Person, on: dt.date, volunteer: bool, service: str = "army"
) -> list[GateProblem]:
    """The gate for ``person`` called to ``service`` with enlistment on ``on``."""
    from muster.conscription.eligibility.selectors import verdict_for_person

    verdict = verdict_for_person(person=person, on=on, volunteer=volunteer)
    return problems_of(verdict) + service_problems(person=person, on=on, service=service)


def refusal(problems: list[GateProblem]) -> str:
    return _("This citizen is not callable yet: %(items)s") % {
        "items": " ".join(f"({i}) {p}" for i, p in enumerate(problems, start=1))
    }


def require_gate(*, person: Person, on: dt.date, volunteer: bool, service: str) -> None:
    """Refuse (``ValidationError`` naming every missing item) unless ``person`` passes."""
    problems = gate_problems(person=person, on=on, volunteer=volunteer, service=service)
    if problems:
        raise ValidationError(refusal(problems))
