"""Pages after the handover and of the allowance: the standards re-check on the recruit's page,
the families notified list, the allowance page and its payment list opened back from the PDF
and the Excel file."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from muster.conscription.aftercare.models import AllowanceLine, FamilyNotice, StandardsRecheck
from muster.law.callup import aftercare as rules
from muster.people.models import FamilyTie
from tests.conscription.selection_factories import handed_over, issued_list

PERIOD = {"start": "01/11/2024", "end": "31/12/2024"}


@pytest.fixture
def handover(commune, units, officer):
    issued_list(officer, commune, people=6, standby=3)
    return handed_over(officer, commune)


def test_standards_recheck_on_the_recruits_page(handover, client, personas):
    recruit = handover.recruits.first()
    url = reverse("campaigns:recruit_detail", args=[recruit.public_id])
    client.force_login(personas["commune_commander"])
    page = client.get(url)
    assert "20/02/2025" in page.content.decode()  # the 7-day deadline with its citation
    assert "148/2018" in page.content.decode()
    bad = client.post(url, {"action": "standards", "s-checked_on": "21/02/2025", "s-meets": "0"})
    assert bad.status_code == 400 and not StandardsRecheck.objects.exists()
    done = client.post(
        url,
        {
            "action": "standards",
            "s-checked_on": "21/02/2025",
            "s-meets": "0",
            "s-finding": "Khai man lý lịch",
            "s-document_ref": "BB 2/KT",
        },
        follow=True,
    )
    assert StandardsRecheck.objects.get(recruit=recruit).late
    assert "quá 7 ngày" in done.content.decode()  # the late badge, in Vietnamese
    client.force_login(personas["health_council"])  # reads, may not record
    assert client.post(url, {"action": "standards"}).status_code == 403


def test_family_notices_page_lists_the_missing_and_records(handover, campaign, client, officer):
    first = handover.recruits.order_by("decision__number").first()
    tie = FamilyTie.objects.create(
        person=first.decision.person, relation="mother", relative_name="Lê Thị Mẹ"
    )
    url = reverse("campaigns:family_notices", args=[campaign.public_id])
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert 'data-missing="3"' in page and "Lê Thị Mẹ" in page
    response = client.post(
        url,
        {
            "recruit": str(first.public_id),
            "tie": str(tie.public_id),
            "notified_on": "14/02/2025",
            "method": "visit",
            "notified_by": "Nguyễn Văn Chỉ huy",
        },
    )
    assert response.status_code == 302
    assert FamilyNotice.objects.get().relative_name == "Lê Thị Mẹ"
    assert 'data-missing="2"' in client.get(url).content.decode()
    recruit_page = client.get(reverse("campaigns:recruit_detail", args=[first.public_id]))
    assert "14/02/2025 Lê Thị Mẹ" in recruit_page.content.decode()
    bad = client.post(url, {"recruit": str(first.public_id), "tie": str(tie.public_id)})
    assert bad.status_code == 400 and FamilyNotice.objects.count() == 1


def test_allowance_page_and_payment_list_opened_back(handover, client, officer, units, tmp_path):
    dhop = units["DHOP"]
    url = reverse("campaigns:allowance_unit", args=[dhop.public_id])
    query = "?start=01/11/2024&end=31/12/2024"
    client.force_login(officer)
    assert client.post(url + query, {"action": "collect"}).status_code == 302
    assert AllowanceLine.objects.filter(unit=dhop).count() == 6
    line = AllowanceLine.objects.order_by("id").first()
    assert (
        client.post(
            url + query,
            {"line": str(line.public_id), "hours": "3,5", "travel": "25.000", "payer": "commune"},
        ).status_code
        == 302
    )
    line.refresh_from_db()
    assert str(line.hours) == "3.5" and line.travel == 25000  # typed the Vietnamese way
    assert 'value="3,5"' in client.get(url, PERIOD).content.decode()
    bad = client.post(
        url + query, {"line": str(line.public_id), "hours": "25", "travel": "0", "payer": "x"}
    )
    assert bad.status_code == 400
    line.refresh_from_db()
    assert line.travel == 25000  # nothing half-written
    daily = rules.daily_food(dt.date(2024, 11, 20))
    total = 5 * daily + daily // 2 + 25000
    dotted = f"{total:,}".replace(",", ".")
    page = client.get(url, PERIOD).content.decode()
    assert dotted in page
    pdf = client.get(reverse("campaigns:allowance_pdf", args=[dhop.public_id]), PERIOD)
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "DANH SÁCH CHI TRẢ TIỀN ĂN, TIỀN ĐI LẠI" in text
    assert dotted in text and line.person.full_name in text and "13/2016" in text
    xlsx = client.get(reverse("campaigns:allowance_xlsx", args=[dhop.public_id]), PERIOD)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "DANH SÁCH CHI TRẢ TIỀN ĂN, TIỀN ĐI LẠI" in values
    assert str(total) in values or dotted in values


def test_allowance_correction_refused_for_a_reader(handover, client, personas, units, officer):
    from muster.conscription.aftercare import services as aft

    aft.allowance_collect(
        actor=officer, unit=units["DHOP"], start=dt.date(2024, 11, 1), end=dt.date(2024, 12, 31)
    )
    url = reverse("campaigns:allowance_unit", args=[units["DHOP"].public_id])
    client.force_login(personas["health_council"])
    assert client.post(url, {"action": "collect"}).status_code == 403


def test_the_recheck_citation_follows_the_active_language(handover, client, personas):
    from django.conf import settings

    url = reverse("campaigns:recruit_detail", args=[handover.recruits.first().public_id])
    client.force_login(personas["commune_commander"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert "Thông tư 148/2018/TT-BQP" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    assert "TT 148/2018/TT-BQP (selection and call-up), Art 7(3)" in page
