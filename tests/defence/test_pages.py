"""The defence pages: denied paths (404 out of the area, 403 without the role), the officer
approves only with evidence, uploads are checked, the report opens back as PDF and Excel
(formulas written as text), and the calendar shows the plans and drills."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from muster.conscription.year import selectors as year_selectors
from muster.defence import services
from muster.defence.models import Milestone, MilestoneEvidence
from muster.law.callup.year import Status
from muster.law.defence.cycles import CIVIL_PLAN_KIND, DRILLS_KIND, WORK_PLAN_KIND
from tests.defence.factories import PDF, make_work, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(units):
    return make_work(units["DHOP"], name='=HYPERLINK("http://x")')


def test_work_pages_for_readers_and_recorders(client, personas, work):
    client.force_login(personas["leader"])
    page = client.get(reverse("defence:work", args=[work.public_id])).content.decode()
    assert "Thu hồi, giao đất" in page and 'data-testid="approve"' not in page
    assert 'name="file"' not in page
    client.force_login(personas["commune_clerk"])
    page = client.get(reverse("defence:work", args=[work.public_id])).content.decode()
    assert 'name="file"' in page and 'data-testid="approve"' not in page
    client.force_login(personas["district_officer"])
    page = client.get(reverse("defence:work", args=[work.public_id])).content.decode()
    assert 'data-testid="approve"' in page
    assert 'data-testid="earlier-open"' in page  # the land step before investment and funding


def test_out_of_area_is_404_and_without_role_403(client, personas, units, work):
    milestone = step(work, "land")
    client.force_login(personas["other_commander"])  # Đồng Thanh
    assert client.get(reverse("defence:work", args=[work.public_id])).status_code == 404
    url = reverse("defence:evidence_add", args=[milestone.public_id])
    assert client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 404
    client.force_login(personas["leader"])
    assert client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 403
    approve = reverse("defence:milestone_approve", args=[milestone.public_id])
    assert client.post(approve).status_code == 403
    client.force_login(personas["commune_commander"])
    assert client.post(approve).status_code == 403
    new = reverse("defence:plan_new", args=[units["DHOP"].public_id])
    client.force_login(personas["district_officer"])
    assert client.post(new, {"kind": "work_plan", "first_year": 2026}).status_code == 403
    assert not MilestoneEvidence.objects.exists()


def test_officer_approval_needs_evidence_through_the_pages(client, personas, work):
    milestone = step(work, "land")
    client.force_login(personas["commune_commander"])
    client.post(
        reverse("defence:milestone_record", args=[milestone.public_id]),
        {"planned_on": "", "done_on": "26/08/2025"},
    )
    approve = reverse("defence:milestone_approve", args=[milestone.public_id])
    client.force_login(personas["district_officer"])
    response = client.post(approve, follow=True)
    assert "không có minh chứng" in response.content.decode() or "evidence" in str(response.content)
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2025, 8, 26) and milestone.approved_on is None
    client.force_login(personas["commune_commander"])
    upload = reverse("defence:evidence_add", args=[milestone.public_id])
    client.post(upload, {"file": SimpleUploadedFile("virus.pdf", b"MZ not a pdf")})
    assert not milestone.evidence.exists()
    client.post(upload, {"file": SimpleUploadedFile("qd.pdf", PDF)})
    assert milestone.evidence.count() == 1
    client.force_login(personas["district_officer"])
    client.post(approve)
    milestone.refresh_from_db()
    assert milestone.approved_on is not None
    evidence = milestone.evidence.get()
    response = client.get(reverse("defence:evidence", args=[evidence.public_id]))
    assert response.status_code == 200 and bytes(response.content) == PDF


def test_bad_dates_are_refused_with_a_message(client, personas, work):
    milestone = step(work, "design") if work.kind != "land" else step(work, "funding")
    client.force_login(personas["commune_commander"])
    response = client.post(
        reverse("defence:milestone_record", args=[milestone.public_id]),
        {"planned_on": "31/02/2025", "done_on": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert Milestone.objects.get(pk=milestone.pk).planned_on is None


def test_report_pdf_and_excel_open_back(client, personas, units, work, tmp_path):
    client.force_login(personas["leader"])
    pdf = client.get(reverse("defence:report_pdf", args=[units["DHOP"].public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO TIẾN ĐỘ CÔNG TRÌNH QUỐC PHÒNG" in text
    assert "chưa được xác minh" in text
    xlsx = client.get(reverse("defence:report_xlsx", args=[units["DHOP"].public_id]))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cells = [c for row in book.active.iter_rows() for c in row]
    names = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert names and all(c.data_type == "s" and c.quotePrefix for c in names)  # text
    assert not any(c.data_type == "f" for c in cells)


def test_plans_and_drills_page_and_forms(client, personas, units):
    dhop = units["DHOP"]
    client.force_login(personas["commune_commander"])
    client.post(
        reverse("defence:plan_new", args=[dhop.public_id]),
        {"kind": "civil_defence", "first_year": "2021", "approved_on": "15/03/2021"},
    )
    client.post(
        reverse("defence:drill_new", args=[dhop.public_id]),
        {"kind": "combat", "planned_on": "20/11/2025"},
    )
    page = client.get(reverse("defence:plans", args=[dhop.public_id])).content.decode()
    assert "2021–2025" in page and "20/11/2025" in page
    assert "chưa xác minh" in page or "unverified" in page


def test_calendar_shows_the_plans_and_drills(units, personas):
    dhop, dt_ = units["DHOP"], units["DT"]
    actor = personas["admin"]
    services.plan_create(
        actor=actor, unit=dhop, kind="work_plan", first_year=2025, title="",
        approved_on=dt.date(2025, 1, 20),
    )  # fmt: skip
    plan = services.plan_create(
        actor=actor, unit=dhop, kind="civil_defence", first_year=2021, title="",
        approved_on=dt.date(2021, 3, 1),
    )  # fmt: skip
    services.plan_update_add(actor=actor, plan=plan, year=2025, approved_on=dt.date(2025, 3, 10))
    services.drill_record(actor=actor, unit=dt_, kind="combat", planned_on=dt.date(2025, 9, 18))
    today = dt.date(2025, 10, 1)
    found = year_selectors.statuses([dhop, dt_], 2025, today)

    def entry(unit, kind):
        return next(e for e in found[unit.pk] if e.step.kind == kind)

    assert entry(dhop, WORK_PLAN_KIND).status == Status.DONE
    assert entry(dhop, CIVIL_PLAN_KIND).status == Status.DONE
    assert entry(dt_, WORK_PLAN_KIND).status == Status.LATE
    assert entry(dt_, DRILLS_KIND).status == Status.LATE  # planned 18/09, not held
    assert entry(dhop, DRILLS_KIND).status == Status.DONE


def test_calendar_page_lists_the_defence_steps(client, personas, units):
    client.force_login(personas["commune_commander"])
    page = client.get(
        reverse("yearcal:unit_calendar", args=[units["DHOP"].public_id]) + "?year=2025"
    ).content.decode()
    assert "Kế hoạch công tác quốc phòng năm 2025" in page


def test_a_work_is_created_from_the_unit_page_and_bad_input_is_refused(client, personas, units):
    from muster.defence.models import DefenceWork

    url = reverse("defence:unit", args=[units["DHOP"].public_id])
    client.force_login(personas["commune_clerk"])
    data = {
        "kind": "land",
        "name": "Đất Sở chỉ huy",
        "location": "Thôn 1",
        "area": "0",
        "area_unit": "m2",
        "budget_planned": "100000000",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not DefenceWork.objects.exists()
    response = client.post(url, {**data, "area": "1143", "budget_planned": "-5"})
    assert response.status_code == 200 and not DefenceWork.objects.exists()
    response = client.post(url, {**data, "area": "1143"})
    work = DefenceWork.objects.get()
    assert response.status_code == 302 and work.area == 1143 and work.area_unit == "m2"
    assert work.milestones.count() == 3
    client.force_login(personas["leader"])
    assert client.post(url, data).status_code == 403
