"""The asset pages run a fixed number of queries, whatever the number of assets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.core.factories import make_person
from tests.reserve.assets.factories import assign, make_asset, make_need, make_round, make_unit

pytestmark = pytest.mark.django_db


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def _add(units, start, n):
    need = make_need(make_unit(units["DHOP"], f"c{start}"), count=n)
    for i in range(start, start + n):
        owner = make_person(units["DHOP"], full_name=f"Chủ {i}", date_of_birth=dt.date(1980, 1, 1))
        asset = make_asset(
            units["DHOP"], f"89C-{i:03d}", owner_kind="citizen", owner_person=owner, owner_name=""
        )
        assign(asset, need, on=dt.date(2025, 6, 1))


def test_list_round_and_needs_pages_do_not_grow_with_the_assets(client, personas, units):
    client.force_login(personas["commune_commander"])
    item = make_round(units["DHOP"])
    pages = [
        (reverse("reserve:assets", args=[units["DHOP"].public_id]), {"on": "01/07/2025"}),
        (reverse("reserve:asset_round", args=[item.public_id]), None),
        (reverse("reserve:asset_needs"), {"on": "01/07/2025"}),
        (reverse("reserve:asset_area_report"), {"year": "2025"}),
    ]
    _add(units, 0, 2)
    few = [_count(client, url, params) for url, params in pages]
    _add(units, 10, 12)
    many = [_count(client, url, params) for url, params in pages]
    assert many == few
    assert max(many) < 30
