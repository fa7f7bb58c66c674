"""The yearly registration of technical assets: the rule in force on each side of 1 Jul 2025,
the round's entries written by the services, the report recounted by hand, the area roll-up
and the Excel files opened back."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muster.reserve.assets.rounds import area_report, confirm_assets, open_round, round_reports
from muster.reserve.assets.services import AssetData, register_asset, remove_asset, update_asset
from muster.reserve.models import RoundEntry
from tests.reserve.assets.factories import make_asset, make_round

pytestmark = pytest.mark.django_db


def test_one_round_per_commune_and_year_within_the_year(personas, units):
    clerk = personas["commune_clerk"]
    open_round(
        actor=clerk,
        commune=units["DHOP"],
        year=2025,
        opened_on=dt.date(2025, 10, 1),
        closed_on=dt.date(2025, 11, 30),
    )
    with pytest.raises(ValidationError) as twice:
        open_round(
            actor=clerk,
            commune=units["DHOP"],
            year=2025,
            opened_on=dt.date(2025, 2, 1),
            closed_on=dt.date(2025, 3, 1),
        )
    assert "year" in twice.value.message_dict
    with pytest.raises(ValidationError):
        open_round(
            actor=clerk,
            commune=units["DHOP"],
            year=2024,
            opened_on=dt.date(2024, 12, 1),
            closed_on=dt.date(2025, 1, 15),
        )


def _data(asset, **kw):
    values = {
        "kind": asset.kind,
        "model_name": asset.model_name,
        "registration_number": asset.registration_number,
        "features": asset.features,
        "owner_kind": asset.owner_kind,
        "owner_name": asset.owner_name,
    }
    values.update(kw)
    return AssetData(**values)


def _world(personas, units):
    """DHOP: 5 assets before the round (one communications), one removed before it; in the
    round 2 confirmed, 1 updated, 1 removed, 1 unchecked, 1 new."""
    clerk = personas["commune_clerk"]
    commune = units["DHOP"]
    old = [make_asset(commune, f"89C-100.0{i}") for i in range(4)]
    radio = make_asset(commune, "SN001", kind="communications", features="vô tuyến")
    gone = make_asset(commune, "89C-100.99")
    remove_asset(actor=clerk, asset=gone, on=dt.date(2025, 5, 1), reason="Hỏng")
    item = make_round(commune)
    confirm_assets(actor=clerk, round=item, assets=old[:2], on=dt.date(2025, 10, 5))
    update_asset(
        actor=clerk, asset=old[2], data=_data(old[2], features="tải 6 tấn"), on=dt.date(2025, 10, 6)
    )
    remove_asset(actor=clerk, asset=radio, on=dt.date(2025, 10, 7), reason="Đã bán")
    new = register_asset(
        actor=clerk,
        commune=commune,
        data=AssetData(
            kind="construction",
            model_name="Máy xúc",
            registration_number="89XD-0001",
            owner_kind="enterprise",
            owner_name="Công ty CP Xây dựng Phố Hiến",
        ),
        on=dt.date(2025, 10, 8),
    )
    update_asset(
        actor=clerk, asset=new, data=_data(new, features="gầu 0,8"), on=dt.date(2025, 10, 9)
    )  # stays "new"
    return item


def test_round_report_recounts(personas, units):
    item = _world(personas, units)
    actions = dict(
        RoundEntry.objects.filter(round=item).values_list("asset__registration_number", "action")
    )
    assert actions == {
        "89C-100.00": "confirmed",
        "89C-100.01": "confirmed",
        "89C-100.02": "updated",
        "SN001": "removed",
        "89XD-0001": "new",
    }
    report = round_reports([item])[0]
    road = report.by_kind["road_vehicle"]
    assert (road.at_start, road.confirmed, road.updated, road.unchecked, road.at_close) == (
        4,
        2,
        1,
        1,
        4,
    )
    radio = report.by_kind["communications"]
    assert (radio.at_start, radio.removed, radio.at_close) == (1, 1, 0)
    assert report.by_kind["construction"].new == 1
    total = report.total
    assert total.at_start + total.new - total.removed == total.at_close == 5


def test_round_page_confirms_the_unchecked(client, personas, units):
    item = _world(personas, units)
    client.force_login(personas["commune_commander"])
    url = reverse("reserve:asset_round", args=[item.public_id])
    page = client.get(url).content.decode()
    assert "89C-100.03" in page
    left = RoundEntry.objects.filter(round=item).count()
    from muster.reserve.models import Asset

    unchecked = Asset.objects.get(registration_number="89C-100.03")
    response = client.post(url, {"asset": [str(unchecked.public_id)], "on": "20/10/2025"})
    assert response.status_code == 302
    assert RoundEntry.objects.filter(round=item).count() == left + 1
    bad = client.post(url, {"asset": [str(unchecked.public_id)], "on": "20/12/2025"})
    assert bad.status_code == 400  # nothing left to confirm, and outside the period


def test_round_and_area_excel_open_back_with_the_same_counts(client, personas, units):
    item = _world(personas, units)
    make_round(units["DT"])
    make_asset(units["DT"], "89C-777.77", registered_on=dt.date(2025, 1, 1))
    client.force_login(personas["district_officer"])
    data = client.get(reverse("reserve:asset_round_xlsx", args=[item.public_id])).content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    road = next(r for r in cells if "Phương tiện giao thông cơ giới đường bộ" in r)
    start = road.index("Phương tiện giao thông cơ giới đường bộ") + 1
    assert list(road[start : start + 7]) == [4, 2, 1, 0, 0, 1, 4]
    report = area_report(user=personas["district_officer"], year=2025)
    assert report.total.at_close == 6 and report.total.unchecked == 2
    data = client.get(reverse("reserve:asset_area_xlsx"), {"year": "2025"}).content
    book_ = openpyxl.load_workbook(io.BytesIO(data))
    assert book_.sheetnames == ["Theo xã", "Theo loại"]
    by_kind = [list(r) for r in book_["Theo loại"].iter_rows(values_only=True)]
    total = next(r for r in by_kind if "Tổng cộng" in r)
    assert total[-1] == 6
    page = client.get(reverse("reserve:asset_area_report"), {"year": "2025"}).content.decode()
    assert "Đồng Thanh" in page
