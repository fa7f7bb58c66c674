"""The registry list's village filter at province scope (issue 20): no village until a commune
is chosen, then that commune's villages only; the page's queries do not grow with the
province's communes and villages."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muster.accounts.models import Role
from muster.accounts.services import system_actor
from muster.geo.services import unit_create
from tests.conftest import make_user
from tests.core.factories import make_person, make_village

pytestmark = pytest.mark.django_db

URL = reverse("people:person_list")
NEW_MAP = dt.date(2025, 7, 1)


@pytest.fixture
def province(units):
    """A province officer of Hưng Yên (2025 map), two of its communes with villages, and one
    citizen living in each of Đức Hợp's villages."""
    villages = {
        "dong": make_village(units["DHOP25"], "DHOP25-V1", "Thôn Đông", valid_from=NEW_MAP),
        "tay": make_village(units["DHOP25"], "DHOP25-V2", "Thôn Tây", valid_from=NEW_MAP),
        "bac": make_village(units["ND25"], "ND25-V1", "Thôn Bắc", valid_from=NEW_MAP),
    }
    make_person(units["DHOP25"], full_name="Trần Văn An", residence_unit=villages["dong"])
    make_person(units["DHOP25"], full_name="Lê Văn Bình", residence_unit=villages["tay"])
    officer = make_user("p.province", Role.DISTRICT_OFFICER, units["HY2025"])
    return officer, villages


def _village_select(html: str) -> str:
    found = re.search(r'<select name="village".*?</select>', html, re.S)
    assert found, "no village select"
    return found.group(0)


def _options(select: str) -> list[str]:
    return [label for label in re.findall(r"<option[^>]*>([^<]*)</option>", select) if label]


def test_province_list_offers_no_village_until_a_commune_is_chosen(client, units, province):
    officer, _villages = province
    client.force_login(officer)
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    select = _village_select(html)
    assert " disabled" in select
    assert _options(select) == ["Chọn xã trước"]
    assert "Trần Văn An" in html and "Lê Văn Bình" in html  # the list itself is not cut

    html = client.get(URL, {"unit": str(units["DHOP25"].public_id)}).content.decode()
    select = _village_select(html)
    assert " disabled" not in select
    assert [o.split(" (")[0] for o in _options(select)] == ["---------", "Thôn Đông", "Thôn Tây"]


def test_htmx_update_sends_the_communes_villages_out_of_band(client, units, province):
    officer, _villages = province
    client.force_login(officer)
    html = client.get(
        URL, {"unit": str(units["ND25"].public_id)}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="village-field" hx-swap-oob="true"' in html
    assert [o.split(" (")[0] for o in _options(_village_select(html))] == ["---------", "Thôn Bắc"]
    assert "<html" not in html


def test_a_village_without_its_commune_still_filters(client, units, province):
    officer, villages = province
    client.force_login(officer)
    html = client.get(URL, {"village": str(villages["dong"].public_id)}).content.decode()
    assert "Trần Văn An" in html and "Lê Văn Bình" not in html
    select = _village_select(html)  # its commune's villages, itself chosen
    assert [o.split(" (")[0] for o in _options(select)] == ["---------", "Thôn Đông", "Thôn Tây"]
    assert f'value="{villages["dong"].public_id}" selected' in select


def test_a_village_outside_the_area_or_the_commune_is_left_out(client, units, province):
    officer, villages = province
    client.force_login(officer)
    for params in (
        {"village": str(uuid.uuid4())},
        {"village": "not-a-uuid"},
        {"village": str(villages["dong"].public_id), "unit": str(units["ND25"].public_id)},
    ):
        response = client.get(URL, params)
        assert response.status_code == 200, params
    # The commune was changed after the village was picked: the commune's list, no error.
    html = response.content.decode()
    assert "Trần Văn An" not in html and "invalid-feedback" not in html
    # A commune clerk's village of his own commune is out of a Đồng Thanh commander's area.
    client.force_login(make_user("p.dt", Role.COMMUNE_COMMANDER, units["DT"]))
    html = client.get(URL, {"village": str(villages["dong"].public_id)}).content.decode()
    assert "invalid-feedback" in html and "Trần Văn An" not in html


def test_an_area_of_one_commune_lists_its_villages_at_once(client, units, personas):
    make_village(units["DHOP"], "DHOP-V1", "Thôn Một")
    make_village(units["DHOP"], "DHOP-V2", "Thôn Hai")
    client.force_login(personas["commune_clerk"])
    select = _village_select(client.get(URL).content.decode())
    assert " disabled" not in select
    assert [o.split(" (")[0] for o in _options(select)] == ["---------", "Thôn Hai", "Thôn Một"]


def _count(client, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_province_list_queries_do_not_grow_with_communes_and_villages(client, units, province):
    officer, villages = province
    client.force_login(officer)
    cases = [
        {},
        {"q": "nguyen van"},
        {"unit": str(units["DHOP25"].public_id)},
        {"village": str(villages["dong"].public_id)},
        {"min_age": "18", "sex": "M", "after": "le van binh|1"},
    ]
    few = [_count(client, params) for params in cases]
    for c in range(6):  # six more communes of eight villages, a citizen in each village
        commune = unit_create(
            actor=system_actor(), code=f"X{c}", kind="commune", name=f"Xã Mới {c}",
            parent=units["PTKV1"], valid_from=NEW_MAP,
        )  # fmt: skip
        for v in range(8):
            home = make_village(commune, f"X{c}-V{v}", valid_from=NEW_MAP)
            make_person(commune, full_name="Nguyễn Văn Cường", residence_unit=home)
    many = [_count(client, params) for params in cases]
    assert many == few
    assert max(many) <= 13  # a village without its commune: its check and its siblings
