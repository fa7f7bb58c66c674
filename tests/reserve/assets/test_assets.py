"""The register of reserve technical assets: add (citizen owner from the registry, or an
enterprise), search without diacritics, duplicates refused with a message (never a 500),
edit, removal with its reason, denied paths and audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.reserve.assets.services import AssetData, register_asset, remove_asset, update_asset
from muster.reserve.models import Asset, AssetAssignment
from tests.core.factories import make_person
from tests.reserve.assets.factories import assign, make_asset, make_need, make_unit

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 3, 10)


def _truck(number="89C-123.45", **kw) -> AssetData:
    return AssetData(
        kind=kw.pop("kind", "road_vehicle"),
        model_name="Xe tải Thaco Ollin 500B",
        registration_number=number,
        features="xe tải 5 tấn, thùng bạt",
        owner_kind=kw.pop("owner_kind", "enterprise"),
        owner_name=kw.pop("owner_name", "Công ty TNHH Vận tải Hưng Long"),
        **kw,
    )


def test_register_with_a_citizen_owner_is_audited_and_searchable(personas, units):
    clerk = personas["commune_clerk"]
    owner = make_person(units["DHOP"], full_name="Trần Văn Tải")
    asset = register_asset(
        actor=clerk,
        commune=units["DHOP"],
        data=_truck(owner_kind="citizen", owner_name="", owner_person=owner),
        on=ON,
    )
    assert asset.owner_person == owner and asset.owner_name == ""
    assert "tran van tai" in asset.search_text
    event = AuditEvent.objects.get(action="reserve.asset.register")
    assert event.changes["registration_number"] == "89C-123.45"


def test_list_searches_without_diacritics_and_filters_by_kind(client, personas, units):
    make_asset(units["DHOP"], "89C-111.11")
    make_asset(
        units["DHOP"],
        "SN1234",
        kind="communications",
        model_name="Máy bộ đàm Kenwood",
        features="vô tuyến điện cầm tay",
        owner_name="Bưu điện văn hóa xã",
    )
    client.force_login(personas["commune_clerk"])
    url = reverse("reserve:assets", args=[units["DHOP"].public_id])
    page = client.get(url, {"q": "xe tai", "on": "01/04/2025"}).content.decode()
    assert "89C-111.11" in page and "SN1234" not in page
    page = client.get(url, {"q": "BUU DIEN", "on": "01/04/2025"}).content.decode()
    assert "SN1234" in page and "89C-111.11" not in page
    page = client.get(url, {"kind": "communications", "on": "01/04/2025"}).content.decode()
    assert "SN1234" in page and "89C-111.11" not in page


def test_a_duplicated_number_is_refused_with_a_message(personas, units):
    clerk = personas["commune_clerk"]
    register_asset(actor=clerk, commune=units["DHOP"], data=_truck(), on=ON)
    with pytest.raises(ValidationError) as refused:
        register_asset(actor=clerk, commune=units["DHOP"], data=_truck("89c-123.45 "), on=ON)
    assert "89C-123.45" in refused.value.message_dict["registration_number"][0]
    # Another kind may carry the same number; a removed asset frees its number.
    register_asset(actor=clerk, commune=units["DHOP"], data=_truck(kind="construction"), on=ON)
    first = Asset.objects.get(kind="road_vehicle")
    remove_asset(actor=clerk, asset=first, on=dt.date(2025, 4, 1), reason="Đã bán")
    register_asset(actor=clerk, commune=units["DHOP"], data=_truck(), on=dt.date(2025, 4, 2))
    assert Asset.objects.filter(registration_number="89C-123.45").count() == 3


def test_the_database_refuses_a_duplicate_the_service_did_not_see(units):
    make_asset(units["DHOP"], "89C-999.99")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_asset(units["DT"], "89C-999.99")


def test_duplicate_through_the_page_is_a_400_with_the_message(client, personas, units):
    make_asset(units["DHOP"], "89C-123.45")
    client.force_login(personas["commune_clerk"])
    response = client.post(
        reverse("reserve:asset_add", args=[units["DHOP"].public_id]),
        {
            "kind": "road_vehicle",
            "model_name": "Xe tải",
            "registration_number": "89C-123.45",
            "owner_kind": "enterprise",
            "owner_name": "Công ty A",
            "on": "10/03/2025",
        },
    )
    assert response.status_code == 400
    assert "89C-123.45" in response.content.decode()
    assert Asset.objects.count() == 1


def test_add_page_finds_the_owner_and_registers(client, personas, units):
    owner = make_person(units["DHOP"], full_name="Lê Văn Xúc")
    client.force_login(personas["commune_clerk"])
    url = reverse("reserve:asset_add", args=[units["DHOP"].public_id])
    page = client.get(url, {"owner_q": "le van xuc"}).content.decode()
    assert str(owner.public_id) in page
    response = client.post(
        url,
        {
            "kind": "construction",
            "model_name": "Máy xúc Komatsu PC200",
            "registration_number": "89XD-0001",
            "features": "gầu 0,8 m³",
            "owner_kind": "citizen",
            "owner_person": str(owner.public_id),
            "on": "10/03/2025",
        },
    )
    assert response.status_code == 302
    assert Asset.objects.get().owner_person == owner


def test_an_owner_outside_the_area_is_refused(personas, units):
    stranger = make_person(units["DT"])
    with pytest.raises(ValidationError) as refused:
        register_asset(
            actor=personas["commune_clerk"],
            commune=units["DHOP"],
            data=_truck(owner_kind="citizen", owner_name="", owner_person=stranger),
            on=ON,
        )
    assert "owner_person" in refused.value.message_dict


def test_readers_cannot_write_and_other_communes_are_hidden(client, personas, units):
    with pytest.raises(PermissionDenied):
        register_asset(actor=personas["leader"], commune=units["DHOP"], data=_truck(), on=ON)
    asset = make_asset(units["DHOP"])
    client.force_login(personas["auditor"])
    response = client.post(
        reverse("reserve:asset", args=[asset.public_id]),
        {"action": "remove", "on": "01/04/2025", "reason": "x"},
    )
    assert response.status_code == 403
    client.force_login(personas["other_commander"])
    assert client.get(reverse("reserve:asset", args=[asset.public_id])).status_code == 404
    with pytest.raises(ValidationError):
        register_asset(
            actor=personas["other_commander"], commune=units["DHOP"], data=_truck(), on=ON
        )
    assert Asset.objects.get().removed_on is None


def test_update_records_the_changes(personas, units):
    asset = make_asset(units["DHOP"])
    data = _truck(owner_address="Thôn Ninh Tập")
    update_asset(actor=personas["commune_clerk"], asset=asset, data=data, on=ON)
    asset.refresh_from_db()
    assert asset.owner_address == "Thôn Ninh Tập"
    event = AuditEvent.objects.get(action="reserve.asset.update")
    assert event.changes["owner_address"] == ["", "Thôn Ninh Tập"]


def test_removal_needs_a_reason_and_ends_the_assignment(personas, units):
    clerk = personas["commune_clerk"]
    asset = make_asset(units["DHOP"])
    assignment = assign(asset, make_need(make_unit(units["DHOP"])), on=dt.date(2025, 5, 1))
    with pytest.raises(ValidationError) as refused:
        remove_asset(actor=clerk, asset=asset, on=dt.date(2025, 6, 1), reason="  ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError):  # before the assignment began
        remove_asset(actor=clerk, asset=asset, on=dt.date(2025, 5, 1), reason="Đã bán")
    remove_asset(actor=clerk, asset=asset, on=dt.date(2025, 6, 1), reason="Đã bán")
    assignment.refresh_from_db()
    assert assignment.ended_on == dt.date(2025, 6, 1)
    assert not AssetAssignment.objects.filter(ended_on__isnull=True).exists()
    assert AuditEvent.objects.get(action="reserve.asset.remove").reason == "Đã bán"


def test_a_number_saved_meanwhile_gives_the_message_not_an_error(units):
    """The constraint's refusal (another clerk saved the number between the check and the
    write) becomes the same message, and nothing is written."""
    from muster.reserve.assets.services import _save

    make_asset(units["DHOP"], "89C-555.55")
    twin = Asset(
        holder=units["DT"],
        kind="road_vehicle",
        model_name="Xe tải",
        registration_number="89C-555.55",
        owner_kind="enterprise",
        owner_name="Công ty B",
        registered_on=ON,
    )
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        _save(twin)
    assert "89C-555.55" in refused.value.message_dict["registration_number"][0]
    assert Asset.objects.count() == 1
