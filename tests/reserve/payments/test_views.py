"""The pages: the payment lists (page, Excel opened back and recounted, PDF read with
pdftotext), scope (404) and role (403), appointing and ending a Khung B cadre on the unit page
(audit, refusals with nothing written)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from muster.audit.models import AuditEvent
from muster.reserve.payments.models import KhungBAppointment
from tests.reserve.payments.factories import make_run
from tests.reserve.unit_factories import make_reservist, make_unit

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def world(units):
    dhop = units["DHOP"]
    c1 = make_unit(dhop, code="C1", established_on=D(2020, 1, 1))
    officer = make_reservist(dhop, kind="officer", name="Nguyễn Văn Sĩ")
    late = make_reservist(dhop, kind="officer", name="Trần Văn Muộn")
    soldier = make_reservist(dhop, name="Lê Văn Binh")
    make_run(dhop, D(2025, 3, 1), {officer: c1, soldier: c1})
    make_run(dhop, D(2025, 3, 20), {officer: c1, soldier: c1, late: c1})  # late: 12 days
    return {"area": dhop, "c1": c1, "officer": officer, "late": late, "soldier": soldier}


def _url(name, area, query="kind=officers&year=2025&n=3"):
    return reverse(f"reserve:{name}", args=[area.public_id]) + "?" + query


def test_officer_list_page_excel_and_pdf(login, personas, world, tmp_path):
    client = login(personas["commune_commander"])
    page = client.get(_url("payments", world["area"])).content.decode()
    assert "Nguyễn Văn Sĩ" in page and "Trần Văn Muộn" in page and "Lê Văn Binh" not in page
    assert "160.000" in page and "text-bg-warning" in page
    xlsx = client.get(_url("payments_xlsx", world["area"]))
    values = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    amounts = [row[6] for row in values if row and isinstance(row[0], int)]
    assert sorted(amounts) == [0, 160_000]
    total = next(row for row in values if row and row[1] == "Tổng cộng")
    assert total[6] == sum(amounts) == 160_000
    pdf = client.get(_url("payments_pdf", world["area"]))
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "SĨ QUAN DỰ BỊ" in text and "Nguyễn Văn Sĩ" in text and "160.000" in text
    assert "Nghị định 79/2020" in text and "Có mức chưa được xác minh" in text


def test_soldier_year_list(login, personas, world):
    client = login(personas["commune_clerk"])
    page = client.get(_url("payments", world["area"], "kind=soldiers&year=2025")).content
    assert "Lê Văn Binh" in page.decode() and "320.000" in page.decode()


def test_bad_period_falls_back_never_500(login, personas, world):
    client = login(personas["commune_commander"])
    assert client.get(_url("payments", world["area"], "kind=x&year=abc&n=99")).status_code == 200


def test_out_of_scope_area_is_404(login, personas, world):
    other = login(personas["other_commander"])
    assert other.get(_url("payments", world["area"])).status_code == 404
    assert other.get(_url("payments_xlsx", world["area"])).status_code == 404
    url = reverse("reserve:unit_cadres", args=[world["c1"].public_id])
    assert other.post(url, {"action": "appoint"}).status_code == 404


def _appoint(client, world, day="01/04/2025", who="soldier", post="squad_leader"):
    return client.post(
        reverse("reserve:unit_cadres", args=[world["c1"].public_id]),
        {
            "action": "appoint",
            "appoint-reservist": str(world[who].public_id),
            "appoint-post": post,
            "appoint-appointed_on": day,
            "appoint-decision": "QĐ 12/QĐ-BCH",
        },
    )


def test_appoint_and_end_on_the_unit_page(login, personas, world):
    client = login(personas["commune_commander"])
    assert _appoint(client, world).status_code == 302
    row = KhungBAppointment.objects.get()
    assert (row.reservist, row.post, row.appointed_on) == (
        world["soldier"],
        "squad_leader",
        D(2025, 4, 1),
    )
    assert AuditEvent.objects.filter(action="reserve.khung_b_appoint").count() == 1
    page = client.get(reverse("reserve:unit", args=[world["c1"].public_id])).content.decode()
    assert "Tiểu đội trưởng" in page or "Squad leader" in page
    # One post at a time: a second appointment is refused, nothing written.
    again = _appoint(client, world, day="01/05/2025", post="platoon_leader")
    assert again.status_code == 400 and KhungBAppointment.objects.count() == 1
    url = reverse("reserve:unit_cadres", args=[world["c1"].public_id])
    end = {"action": "end", "end-appointment": str(row.public_id), "end-decision": "QĐ 20"}
    early = client.post(url, {**end, "end-ended_on": "01/04/2025"})
    assert early.status_code == 400
    row.refresh_from_db()
    assert row.ended_on is None
    assert client.post(url, {**end, "end-ended_on": "01/07/2025"}).status_code == 302
    row.refresh_from_db()
    assert row.ended_on == D(2025, 7, 1)
    assert AuditEvent.objects.filter(action="reserve.khung_b_end").count() == 1


def test_appointment_needs_unit_in_force_and_register(login, personas, world):
    client = login(personas["commune_commander"])
    assert _appoint(client, world, day="01/01/2019").status_code == 400
    assert _appoint(client, world, day="01/01/2099").status_code == 400  # future
    assert not KhungBAppointment.objects.exists()


def test_reader_cannot_appoint(login, personas, world):
    client = login(personas["commune_auditor"])
    assert _appoint(client, world).status_code == 403
    assert not KhungBAppointment.objects.exists()
    url = reverse("reserve:unit_cadres", args=[world["c1"].public_id])
    assert client.get(url).status_code == 200


def test_list_queries_do_not_grow_with_lines(login, personas, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(personas["commune_commander"])
    url = _url("payments", world["area"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    more = {
        make_reservist(world["area"], kind="officer", name=f"Sĩ {i}"): world["c1"] for i in range(4)
    }
    make_run(world["area"], D(2025, 3, 25), {world["officer"]: world["c1"], **more})
    with CaptureQueriesContext(connection) as many:
        assert "Sĩ 3" in client.get(url).content.decode()
    assert len(many) == len(few)
