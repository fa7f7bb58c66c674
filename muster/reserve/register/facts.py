"""The facts the Art 24 class engine reads (``ServiceFacts``), gathered from the registry:
the army service of the latest discharge reception and the militia service completed
(``muster.militia`` memberships), plus what the commune enters (combat, police service,
professional soldier, concentrated training as a reservist)."""

from __future__ import annotations

from dataclasses import dataclass

from muster.law.militia.enums import Component
from muster.law.reserve.classes import Served, ServiceFacts
from muster.law.reserve.enums import Sex
from muster.militia.models import Membership, MembershipStatus
from muster.people.models import Person
from muster.reserve.discharge.models import DischargeReception


@dataclass(frozen=True)
class Inputs:
    """What the registry does not know and the commune enters at registration."""

    combat: bool = False
    police_months: int = 0
    professional_soldier: bool = False
    concentrated_training_months: int = 0


def latest_reception(person: Person) -> DischargeReception | None:
    return DischargeReception.objects.filter(person=person).order_by("-discharged_on").first()


def service_facts(
    person: Person, reception: DischargeReception | None, inputs: Inputs
) -> ServiceFacts:
    """The person's facts for :func:`muster.law.reserve.classes.reserve_class`."""
    completed = list(
        Membership.objects.filter(person=person, status=MembershipStatus.COMPLETED).values_list(
            "component", "training_months"
        )
    )
    army = (
        Served.between(reception.service_started_on, reception.discharged_on)
        if reception is not None
        else None
    )
    return ServiceFacts(
        sex=Sex.MALE if person.sex == "M" else Sex.FEMALE,
        birth=person.date_of_birth,
        army_service=army,
        combat=inputs.combat,
        police_service=Served(inputs.police_months) if inputs.police_months else None,
        professional_soldier=inputs.professional_soldier,
        militia_standing_completed=any(c == Component.STANDING for c, _m in completed),
        militia_training_months=max((m for _c, m in completed), default=0),
        concentrated_training_months=inputs.concentrated_training_months,
    )
