"""muster.conscription.campaign.pool"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from muster.conscription.campaign.models import CampaignCommune
from muster.conscription.eligibility.models import PoliticalVerification
from muster.geo.models import Unit
from muster.health.models import HealthCall
from muster.law.ages import years_before
from muster.people.models import Person, Sex
from muster.people.registration.models import RegistrationBar
from muster.people.succession import holding

if TYPE_CHECKING:
    from muster.law.callup.eligibility.facts import Verdict


def definite_bars(verdict: Verdict | None) -> list[str]:
    """The reasons that bar the citizen, leaving out facts the registry does not hold yet
    (codes ending in ``_unknown``: political verification, schooling not entered, ...)."""
    if verdict is None:
        return ["outside_coverage"]
    return [r.message for r in verdict.reasons if not r.code.endswith("_unknown")]


def pool_people(unit: Unit, on: dt.date) -> QuerySet[Person]:
    """The men the commune holds (``people.succession``: registered at it or at a unit that
    became it) of an age the engine may call on ``on`` (18 to 27), with everything the engine
    reads prefetched into lists: ``pool_ties``, ``pool_bars`` (in force on ``on``),
    ``pool_calls`` (concluded by ``on``, with their sessions) and ``pool_dossiers`` (the
    engine's facts then cost no query per citizen)."""
    oldest = years_before(on, 28)
    youngest = years_before(on, 18)
    return (
        Person.objects.filter(holding([unit]).q())
        .filter(sex=Sex.MALE, date_of_birth__gt=oldest, date_of_birth__lte=youngest)
        .prefetch_related(
            Prefetch("family_ties", to_attr="pool_ties"),
            Prefetch(
                "registration_bars",
                queryset=RegistrationBar.objects.filter(start_date__lte=on).exclude(
                    end_date__lt=on
                ),
                to_attr="pool_bars",
            ),
            Prefetch(
                "health_calls",
                queryset=HealthCall.objects.filter(concluded_on__lte=on).select_related("session"),
                to_attr="pool_calls",
            ),
            Prefetch("dossiers", to_attr="pool_dossiers"),
            Prefetch(
                "political_verifications",
                queryset=PoliticalVerification.objects.filter(verified_on__lte=on),
                to_attr="pool_verifications",
            ),
        )
        .order_by("id")
    )


def pool_verdicts(unit: Unit, on: dt.date) -> list[tuple[Person, Verdict | None]]:
    """Each man of ``pool_people`` with the engine's verdict on ``on``."""
    from muster.conscription.eligibility.selectors import verdict_for_person

    return [
        (
            person,
            verdict_for_person(
                person=person,
                on=on,
                ties=person.pool_ties,  # type: ignore[attr-defined]
                bars=person.pool_bars,  # type: ignore[attr-defined]
                health_calls=person.pool_calls,  # type: ignore[attr-defined]
                dossiers=person.pool_dossiers,  # type: ignore[attr-defined]
                verifications=person.pool_verifications,  # type: ignore[attr-defined]
            ),
        )
        for person in pool_people(unit, on)
    ]


def registry_pool(commune: CampaignCommune, on: dt.date) -> int:
    """Citizens the commune holds in whom the eligibility engine finds no bar on ``on``.

    Facts the registry does not hold yet (political verification above all) do not remove a
    citizen from the pool; the campaign page says the pool was counted this way."""
    unit = commune.unit
    return sum(1 for _p, verdict in pool_verdicts(unit, on) if not definite_bars(verdict))
