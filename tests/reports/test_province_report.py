"""The province's year over year: the 2024 figures of the former communes summed into the
commune each became on 01/07/2025, a split commune counted once in the total."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from muster.accounts.services import system_actor
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import QuotaHistory
from muster.reports.province import year_over_year
from tests.conftest import make_user

CAL = cs.CalendarInput(
    exam_start=dt.date(2025, 11, 1),
    exam_end=dt.date(2025, 12, 31),
    handover_start=dt.date(2026, 3, 4),
)
#: 2024 army quota and recruits handed over of former communes.
HISTORY_2024 = {"PTO": (5, 5), "MD": (4, 3), "DHOP": (6, 6), "NT": (7, 7), "SM": (3, 3)}


@pytest.fixture
def world(units):
    for key, (quota, got) in HISTORY_2024.items():
        QuotaHistory.objects.create(
            unit=units[key], year=2024, service="army", quota=quota, handed_over=got
        )
    QuotaHistory.objects.create(unit=units["DHOP25"], year=2025, service="army", quota=16)
    campaign = cs.campaign_create(
        actor=system_actor(), unit=units["HY2025"], year=2026, call=1, calendar=CAL
    )
    officer = make_user("hy.officer", Role.DISTRICT_OFFICER, units["HY2025"])
    return campaign, officer


def test_former_communes_are_summed_into_the_new_one(world, units) -> None:
    campaign, officer = world
    data = year_over_year(user=officer, campaign=campaign)
    assert data.years == [2023, 2024, 2025, 2026]
    rows = {r.unit.pk: r for r in data.rows}
    duc_hop = rows[units["DHOP25"].pk]
    assert (duc_hop.years[2024].quota, duc_hop.years[2024].handed_over) == (15, 14)
    assert duc_hop.years[2025].quota == 16 and duc_hop.years[2025].handed_over is None
    assert sorted(duc_hop.former) == sorted(
        [units["PTO"].name, units["MD"].name, units["DHOP"].name]
    )
    assert duc_hop.region == units["PTKV1"].name
    # Ngọc Thanh was split between Hiệp Cường and Sơn Nam: whole in each row, flagged ...
    hiep_cuong, son_nam = rows[units["HC25"].pk], rows[units["SN25"].pk]
    assert hiep_cuong.years[2024].quota == 7 + 3 and son_nam.years[2024].quota == 7
    assert units["NT"].name in hiep_cuong.partial and units["NT"].name in son_nam.partial
    # ... and once in the total, which is every former commune's figure exactly once.
    assert data.total[2024].quota == sum(q for q, _ in HISTORY_2024.values())
    assert data.total[2024].handed_over == sum(g for _, g in HISTORY_2024.values())


def test_page_and_excel_export(world, login) -> None:
    campaign, officer = world
    client = login(officer)
    url = reverse("reports:province", kwargs={"public_id": campaign.public_id})
    page = client.get(url)
    assert page.status_code == 200 and b"year-over-year" in page.content
    sheet = client.get(url, {"format": "xlsx"})
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
