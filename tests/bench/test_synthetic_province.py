"""The synthetic province generator at a tiny size: the import path, ties, registration and
the campaign's stages, consistent and resumable (``bench/synthetic_province.py``)."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from bench import synthetic_campaign, synthetic_province
from muster.conscription.campaign.models import Allocation, Campaign
from muster.geo.models import Unit
from muster.health.models import HealthCall
from muster.people.models import FamilyTie, ImportBatch, Person
from muster.people.registration.models import RegistrationCall, RegistrationEvent

pytestmark = pytest.mark.django_db


def _args(**kw: object) -> argparse.Namespace:
    base = {"people": 300, "communes": 2, "regions": 1, "villages": 3, "seed": 7, "prefix": "T"}
    return argparse.Namespace(**(base | kw))


def test_tiny_province_through_the_import_path() -> None:
    province, communes = synthetic_province.load_people(_args())
    assert [c.code for c in communes] == ["T-C001", "T-C002"]
    assert all(c.valid_from == synthetic_province.NEW_MAP for c in communes)
    region = Unit.objects.get(code="T-R01")
    assert region.kind == "defence_region" and region.parent_id == province.pk
    assert {c.parent_id for c in communes} == {region.pk}
    people = Person.objects.filter(registration_unit__in=communes)
    assert people.count() == 300
    # Every commune came through the import service: one applied batch each, its counts.
    batches = ImportBatch.objects.filter(unit__in=communes, status="applied")
    assert sorted(b.file_name for b in batches) == ["synthetic-T-C001.csv", "synthetic-T-C002.csv"]
    assert sum(b.created_count for b in batches) == 300
    # Residence in the commune's own villages; both sexes; all ages.
    assert not people.exclude(residence_unit__parent__in=communes).exists()
    assert set(people.values_list("sex", flat=True)) == {"M", "F"}
    years = sorted(people.values_list("date_of_birth__year", flat=True))
    assert years[0] < 1960 and years[-1] >= 2020
    # Men 16-27 have a father and a mother; the men of call-up age are registered.
    young = people.filter(sex="M", date_of_birth__year__range=(1999, 2010))
    assert young.exists()
    ties = FamilyTie.objects.filter(person__in=young)
    assert ties.filter(relation="father").count() == young.count()
    assert ties.filter(relation="mother").count() == young.count()
    registered = RegistrationEvent.objects.filter(kind="first_registration", person__in=young)
    history = young.filter(date_of_birth__year__range=(1999, 2008)).count()
    assert registered.count() >= history
    reaching = young.filter(date_of_birth__year=2009).count()
    assert RegistrationCall.objects.filter(person__in=young).count() == reaching
    # A re-run skips the communes already loaded.
    synthetic_province.load_people(_args())
    assert Person.objects.count() == 300
    assert ImportBatch.objects.count() == 2

    summary = synthetic_campaign.load_campaign(province=province, seed=7)
    campaign = Campaign.objects.get(unit=province, year=2026)
    assert campaign.handover_start == dt.date(2026, 3, 3)
    assert campaign.communes.count() == 2
    assert HealthCall.objects.filter(person__in=people).exists()
    finals = Allocation.objects.filter(commune__campaign=campaign)
    assert sum(a.final for a in finals) == sum(synthetic_campaign.quotas_for(300).values())
    assert summary.startswith("campaign T-P 2026: 2 communes")
    assert synthetic_campaign.load_campaign(province=province, seed=7) == summary
