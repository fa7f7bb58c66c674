"""Units' needs and assignments: the proposal engine (same kind, then similar features, each
explained), the officer's confirmation, one open need per asset (service and database), the
shortfall page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from muster.reserve.assets.needs import assign_asset, end_assignment, needs_overview, proposals
from muster.reserve.models import AssetAssignment
from tests.reserve.assets.factories import assign, make_asset, make_need, make_unit


@pytest.mark.django_db
def test_confirmed_assignment_and_one_open_need_per_asset(personas, units):
    officer = personas["district_officer"]
    unit = make_unit(units["DHOP"])
    need = make_need(unit, count=1)
    other = make_need(make_unit(units["DHOP"], "c2"), count=3)
    truck = make_asset(units["DHOP"], "89C-1")
    boat = make_asset(units["DHOP"], "HY-1", kind="watercraft", features="chở hàng")
    assert [
        a.registration_number
        for _p, a in proposals(user=officer, need=need, day=dt.date(2025, 6, 1))
    ] == ["89C-1"]
    with pytest.raises(ValidationError):  # another kind
        assign_asset(actor=officer, need=need, asset=boat, on=dt.date(2025, 6, 1))
    done = assign_asset(actor=officer, need=need, asset=truck, on=dt.date(2025, 6, 1))
    assert done.reason.startswith("Cùng loại")
    with pytest.raises(ValidationError) as twice:
        assign_asset(actor=officer, need=other, asset=truck, on=dt.date(2025, 6, 2))
    assert "asset" in twice.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        assign(truck, other, on=dt.date(2025, 6, 2))
    with pytest.raises(ValidationError):  # the need is met
        assign_asset(
            actor=officer,
            need=need,
            asset=make_asset(units["DHOP"], "89C-2"),
            on=dt.date(2025, 6, 1),
        )
    end_assignment(actor=officer, assignment=done, on=dt.date(2025, 7, 1), reason="Điều chỉnh")
    assign_asset(actor=officer, need=other, asset=truck, on=dt.date(2025, 7, 1))
    assert AssetAssignment.objects.filter(asset=truck).count() == 2


@pytest.mark.django_db
def test_overview_shows_needed_assigned_registered_and_shortfall(client, personas, units):
    unit = make_unit(units["DHOP"])
    need = make_need(unit, count=3)
    for i in range(2):
        assign(make_asset(units["DHOP"], f"89C-{i}"), need, on=dt.date(2025, 6, 1))
    make_asset(units["DHOP"], "89C-9")
    make_asset(units["DT"], "89C-DT")  # another commune: not in the unit's area
    rows = needs_overview(user=personas["district_officer"], day=dt.date(2025, 6, 2))
    [row] = rows
    assert (row.needed, row.assigned, row.shortfall, row.registered) == (3, 2, 1, 3)
    rows = needs_overview(user=personas["district_officer"], day=dt.date(2025, 5, 31))
    assert rows[0].assigned == 0
    client.force_login(personas["commune_clerk"])
    page = client.get(reverse("reserve:asset_needs"), {"on": "02/06/2025"}).content.decode()
    assert "Đại đội vận tải 1" in page
    response = client.post(
        reverse("reserve:asset_need", args=[need.public_id]),
        {
            "action": "assign",
            "asset": str(make_asset(units["DT"], "89C-X").public_id),
            "on": "02/06/2025",
        },
    )
    assert response.status_code == 400  # an asset outside the clerk's area: a message
    assert AssetAssignment.objects.count() == 2


@pytest.mark.django_db
def test_an_asset_of_another_area_is_shown_without_a_link(client, personas, units):
    need = make_need(make_unit(units["DHOP"]), count=2)
    far = make_asset(units["DT"], "89C-FAR")
    assign(far, need, on=dt.date(2025, 6, 1))
    client.force_login(personas["commune_commander"])
    page = client.get(reverse("reserve:asset_need", args=[need.public_id])).content.decode()
    assert "89C-FAR" in page
    assert reverse("reserve:asset", args=[far.public_id]) not in page
