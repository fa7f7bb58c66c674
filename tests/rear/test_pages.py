"""The rear-policy pages: a commune's families with the caps and deadlines (late in red), the
case form (a third house case refused in Vietnamese), sending and deciding, the denied paths,
the yearly report opened back from PDF and Excel (a name starting with "=" stays text), and
the card on the citizen page."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from muster.people.models import FamilyTie
from muster.rear import services
from muster.rear.models import CaseStatus, SupportCase
from tests.core.factories import make_person
from tests.rear.factories import make_case, soldier, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruit(units):
    return soldier(make_person(units["DHOP"], full_name="Trần Văn Dũng"))


def test_the_commune_page_shows_families_caps_and_late_deadlines(login, personas, units, recruit):
    make_case(recruit, event_on=dt.date(2026, 3, 2), sent_on=dt.date(2026, 3, 3))
    make_case(recruit, event_on=dt.date(2026, 4, 2))
    url = reverse("rear:commune", args=[units["DHOP"].public_id]) + "?year=2026"
    html = login(personas["leader"]).get(url).content.decode()
    assert "Trần Văn Dũng" in html and "Lê Thị Hoa" in html
    assert "Trần Văn Cường" not in html  # a brother is not covered
    assert 'class="table-danger"' in html  # sent in March, decision due 05/03/2026
    assert "05/03/2026" in html
    new = reverse("rear:case_new", args=[units["DHOP"].public_id])
    assert new not in html  # the leader reads only
    commander = login(personas["commune_commander"]).get(url).content.decode()
    assert new in commander


def test_the_commander_records_and_the_third_house_case_is_refused(login, personas, units, recruit):
    client = login(personas["commune_commander"])
    url = reverse("rear:case_new", args=[units["DHOP"].public_id])
    body = {"recruit": str(recruit.public_id), "kind": "house", "event_on": "02/03/2026"}
    for day in ("02/03/2026", "02/04/2026"):
        response = client.post(url, {**body, "event_on": day, "sent_on": day})
        assert response.status_code == 302
    refused = client.post(url, {**body, "event_on": "02/05/2026"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "không quá 02 lần một năm theo Điều 6 Nghị định 27/2016/NĐ-CP" in html
    assert SupportCase.objects.count() == 2


def test_send_and_decide_from_the_case_page(login, personas, recruit):
    draft = services.record_case(
        actor=personas["commune_clerk"], recruit=recruit, kind="house", event_on=dt.date(2026, 3, 2)
    )
    page = reverse("rear:case", args=[draft.public_id])
    clerk = login(personas["commune_clerk"])
    send = reverse("rear:case_send", args=[draft.public_id])
    assert send not in clerk.get(page).content.decode()
    assert clerk.post(send, {"sent_on": "03/03/2026"}).status_code == 403
    commander = login(personas["commune_commander"])
    assert commander.post(send, {"sent_on": "03/03/2026"}).status_code == 302
    decide = reverse("rear:case_decide", args=[draft.public_id])
    assert login(personas["district_officer"]).post(decide, {}).status_code == 403
    assert login(personas["other_commander"]).post(decide, {}).status_code == 404
    commander = login(personas["commune_commander"])
    body = {"granted": "1", "decided_on": "04/03/2026", "decision_ref": "12/QĐ"}
    assert commander.post(decide, body).status_code == 302
    draft.refresh_from_db()
    assert draft.status == CaseStatus.GRANTED and draft.decision_ref == "12/QĐ"


def test_visit_and_entitlement_forms(login, personas, units, recruit):
    client = login(personas["commune_clerk"])
    visit = reverse("rear:visit_new", args=[units["DHOP"].public_id])
    body = {
        "recruit": str(recruit.public_id),
        "occasion": "tet",
        "visited_on": "10/02/2026",
        "gift": "Quà Tết",
        "amount": "500000",
    }
    assert client.post(visit, body).status_code == 302
    right = reverse("rear:entitlement_new", args=[units["DHOP"].public_id])
    body = {
        "recruit": str(recruit.public_id),
        "relative": str(tie(recruit, "mother").public_id),
        "kind": "tuition",
        "reference": "THCS",
        "granted_on": "05/09/2025",
    }
    assert client.post(right, body).status_code == 400  # a mother has no tuition
    brother = FamilyTie.objects.get(relation="brother")
    body["relative"] = str(brother.public_id)
    assert client.post(right, body).status_code == 400  # not a choice at all


def test_the_yearly_report_opens_back(login, personas, units, recruit, tmp_path):
    person = recruit.decision.person
    type(person).objects.filter(pk=person.pk).update(full_name="=HYPERLINK(1)")
    case = make_case(recruit, event_on=dt.date(2026, 3, 2), sent_on=dt.date(2026, 3, 3))
    services.decide_case(
        actor=personas["commune_commander"],
        case=case,
        granted=True,
        decided_on=dt.date(2026, 3, 4),
    )
    client = login(personas["district_officer"])
    pdf = client.get(reverse("rear:report_pdf", args=[units["DHOP"].public_id]) + "?year=2026")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "BÁO CÁO THỰC HIỆN CHÍNH SÁCH HẬU PHƯƠNG QUÂN ĐỘI" in text
    assert "3.000.000" in text and "chưa xác minh" in text
    xlsx = client.get(reverse("rear:report_xlsx", args=[units["DHOP"].public_id]) + "?year=2026")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(c.value == 3_000_000 for c in cells)
    name = next(c for c in cells if "HYPERLINK" in str(c.value))
    assert name.data_type == "s"  # kept as text, never a formula


def test_the_citizen_page_shows_the_cases(login, personas, recruit):
    make_case(recruit, kind="illness", relative=tie(recruit, "mother"), hospital_days=7)
    page = reverse("people:person_detail", args=[recruit.decision.person.public_id])
    html = login(personas["commune_clerk"]).get(page).content.decode()
    assert 'data-testid="rear-card"' in html and "Lê Thị Hoa" in html


def test_the_area_report_sums_the_communes(login, personas, units, recruit, tmp_path):
    make_case(recruit, event_on=dt.date(2026, 3, 2))
    client = login(personas["district_officer"])
    xlsx = client.get(reverse("rear:area_report_xlsx") + "?year=2026")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    mine = next(row for row in rows if units["DHOP"].name in row)
    assert mine[2] == 1 and mine[5] == 1  # one family, one case pending
    pdf = client.get(reverse("rear:area_report_pdf") + "?year=2026")
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Tổng hợp theo xã" in text and units["DHOP"].name in text
