"""The API resources' world: the 2025 Kim Động campaign (Đức Hợp's army share 3), call-up
decisions in Đức Hợp and Đồng Thanh, militia, reservists and placed reserve units in both, and
a directive of the district shared between the two communes.

Users: a Đức Hợp commune commander, the Kim Động district officer and the regional (PTKV 1)
officer, whose area holds Kim Động's communes through the 2025 reform."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from decimal import Decimal
from itertools import count

import pytest

from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.decisions.models import CallupDecision
from muster.geo.models import Unit
from muster.geo.scope import Scope, scope_of
from muster.reserve.models import Reservist
from muster.reserve.placement.models import PlacementRun, UnitStrength
from tests.conscription.selection_factories import campaign_with_quota
from tests.core.factories import make_person
from tests.directives.factories import make_directive
from tests.militia.factories import make_member, make_militia_unit
from tests.reserve.unit_factories import make_unit

#: The day the militia and reserve are read on (before the 1 July 2025 reform).
DAY = dt.date(2025, 3, 1)

_numbers = count(1)


def make_decision(campaign: Campaign, unit: Unit, *, name: str = "Lê Văn Nam", status="valid"):
    """A call-up decision of ``campaign``'s commune ``unit``, written straight to the model
    (the issuing service and its gate are tested in tests/conscription)."""
    n = next(_numbers)
    token = secrets.token_urlsafe(24)
    person = make_person(unit, full_name=name, date_of_birth=dt.date(2004, 6, 2))
    return CallupDecision.objects.create(
        campaign=campaign,
        commune=campaign.communes.get(unit=unit),
        person=person,
        service="army",
        authority="district_commander:KD",
        signer="CHỈ HUY TRƯỞNG",
        authority_citation="Law 78/2015 Art 34(6)",
        number=n,
        issued_on=dt.date(2025, 1, 20),
        enlist_on=dt.date(2025, 2, 13),
        token=token,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        status=status,
    )


def dt_campaign(units) -> Campaign:
    """A 2024 campaign of Kim Động whose only commune is Đồng Thanh (Đức Hợp has no part)."""
    found = Campaign.objects.create(
        unit=units["KD"],
        year=2024,
        exam_start=dt.date(2023, 11, 1),
        exam_end=dt.date(2023, 12, 31),
        handover_start=dt.date(2024, 2, 20),
    )
    CampaignCommune.objects.create(campaign=found, unit=units["DT"])
    return found


def as_user(user) -> tuple:
    """``(actor, scope)`` as the API passes them (here: the user's own scope)."""
    return user, scope_of(user)


@pytest.fixture
def commune_user(personas):
    return personas["commune_commander"]


@pytest.fixture
def district_user(personas):
    return personas["district_officer"]


@pytest.fixture
def regional_user(personas):
    return personas["ptkv_officer"]


@pytest.fixture
def campaign(units, district_user) -> Campaign:
    return campaign_with_quota(units, district_user, dhop_army=3)


@pytest.fixture
def small_campaign(units) -> Campaign:
    """The 2025 campaign of Kim Động with only Đức Hợp and Đồng Thanh, written straight to
    the models (no split: the decisions' tests need none)."""
    found = Campaign.objects.create(
        unit=units["KD"],
        year=2025,
        exam_start=dt.date(2024, 11, 1),
        exam_end=dt.date(2024, 12, 31),
        handover_start=dt.date(2025, 2, 13),
    )
    for key in ("DHOP", "DT"):
        CampaignCommune.objects.create(campaign=found, unit=units[key])
    return found


@pytest.fixture
def decisions(small_campaign, units) -> dict[str, CallupDecision]:
    return {
        "dhop": make_decision(small_campaign, units["DHOP"], name="Lê Văn Nam"),
        "dt": make_decision(small_campaign, units["DT"], name="Phạm Văn Tú"),
    }


@pytest.fixture
def militia(units):
    for key, members in (("DHOP", 3), ("DT", 2)):
        commune = units[key]
        unit = make_militia_unit(commune, establishment=5)
        for i in range(members):
            person = make_person(
                commune, full_name=f"Dân quân {i}", date_of_birth=dt.date(2000, 1, 1)
            )
            make_member(person, holder=commune, unit=unit)
    return units


@pytest.fixture
def reserve(units, district_user):
    run = PlacementRun.objects.create(area=units["KD"], day=DAY, actor=district_user)
    for key, reservists, posts, placed in (("DHOP", 2, 10, 7), ("DT", 1, 8, 8)):
        commune = units[key]
        for _ in range(reservists):
            person = make_person(commune, date_of_birth=dt.date(1999, 1, 1))
            Reservist.objects.create(
                person=person,
                holder=commune,
                kind="nco_soldier",
                reserve_class=1,
                registered_on=dt.date(2025, 1, 6),
                certificate_number=f"DB-{person.pk}",
            )
        unit = make_unit(commune, posts={"BB": posts}, code=f"C-{key}")
        UnitStrength.objects.create(
            run=run,
            unit=unit,
            establishment=posts,
            spare_target=1,
            strength=placed,
            spare=0,
            shortfall=posts - placed,
            spare_shortfall=1,
            right_specialty=placed,
        )
    return units


@pytest.fixture
def directive(units):
    found, _target = make_directive(
        units["KD"], shares=[(units["DHOP"], Decimal(6)), (units["DT"], Decimal(4))]
    )
    return found


def narrowed(unit: Unit) -> Scope:
    """The scope of a token bound to ``unit`` (the framework narrows the owner's to it)."""
    from muster.geo.scope import scope_of_unit

    return scope_of_unit(unit)
