"""The allowance pages: the month's list with its totals and rules, the payment list in PDF
and Excel opened back (Vietnamese headers, 1.234.567, the total recounted), the province's
rates page."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from muster.militia.models import Appointment, ProvinceRate
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit
from tests.militia.readiness.factories import at, make_callout

APRIL = {"month": "04/2025"}


def dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.fixture
def paid(units):
    dhop = units["DHOP"]
    chief = make_person(dhop, full_name="Nguyễn Văn Chỉ Huy")
    Appointment.objects.create(
        person=chief, holder=dhop, post="commander", appointed_on=dt.date(2024, 1, 1)
    )
    member = make_member(make_person(dhop, full_name="Trịnh Văn Lũ"), unit=make_militia_unit(dhop))
    callout = make_callout(
        dhop, [member], ordered_at=at(dt.date(2025, 4, 10)), closed_at=at(dt.date(2025, 4, 12), 17)
    )
    callout.members.update(
        acknowledged_at=at(dt.date(2025, 4, 10), 9), arrived_at=at(dt.date(2025, 4, 10), 10)
    )
    return {"total": 561_600 + 3 * 327_600}


def test_month_page_lists_lines_rules_and_total(login, personas, units, paid):
    client = login(personas["leader"])
    url = reverse("militia:allowances", args=[units["DHOP"].public_id])
    page = client.get(url, APRIL)
    assert page.status_code == 200
    text = page.content.decode()
    assert f'data-total="{paid["total"]}"' in text
    assert dotted(paid["total"]) in text and dotted(561_600) in text
    assert "Nguyễn Văn Chỉ Huy" in text and "Trịnh Văn Lũ" in text
    assert "72/2020" in text and "16/2025" in text
    assert client.get(url, {"month": "13/2025"}).status_code == 400
    assert login(personas["other_commander"]).get(url, APRIL).status_code == 404


def test_payment_list_pdf_and_excel_open_back(client, personas, units, paid, tmp_path):
    client.force_login(personas["commune_clerk"])
    dhop = units["DHOP"]
    pdf = client.get(reverse("militia:allowances_pdf", args=[dhop.public_id]), APRIL)
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "DANH SÁCH CHI TRẢ PHỤ CẤP, TRỢ CẤP DÂN QUÂN" in text
    assert "Tháng 04/2025" in text and "Tổng cộng" in text
    assert dotted(paid["total"]) in text and dotted(3 * 327_600) in text
    xlsx = client.get(reverse("militia:allowances_xlsx", args=[dhop.public_id]), APRIL)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and "Họ và tên" in r)
    assert "Số tiền (đ)" in header and "Căn cứ" in header
    amount = header.index("Số tiền (đ)")
    lines = [r for r in rows[rows.index(header) + 1 :] if isinstance(r[0], int)]
    total_row = next(r for r in rows if r and "Tổng cộng" in r)
    assert sum(r[amount] for r in lines) == total_row[amount] == paid["total"]


def test_rates_page_records_a_rate_for_whoever_holds_the_province(login, personas, units):
    url = reverse("militia:allowance_rates", args=[units["DHOP"].public_id])
    data = {
        "kind": "daily_work",
        "valid_from": "01/05/2025",
        "amount": "400000",
        "decision": "NQ 05/2025/NQ-HĐND",
    }
    commander = login(personas["commune_commander"])
    refused = commander.post(url, data)
    assert refused.status_code == 400 and not ProvinceRate.objects.exists()
    assert login(personas["leader"]).post(url, data).status_code == 403
    admin = login(personas["admin"])
    assert admin.post(url, data | {"amount": "300000"}).status_code == 400  # below the floor
    assert admin.post(url, data).status_code == 302
    rate = ProvinceRate.objects.get()
    assert (rate.amount, rate.kind) == (400_000, "daily_work")
    assert "NQ 05/2025/NQ-HĐND" in login(personas["leader"]).get(url).content.decode()
