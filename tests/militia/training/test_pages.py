"""The training pages: the year (plan, approve, record a session), the members' shortfall, a
session with its attendance form (plain and htmx) and its payment list opened back from the
PDF and the Excel file; refusals (403 for readers, 404 outside the area) and the number of
queries of the session page, whatever the number of members."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from muster.militia.training import services
from muster.militia.training.models import Attendance, TrainingPlan, TrainingSession
from tests.core.factories import make_person
from tests.militia.factories import make_member


@pytest.fixture
def plans(personas, force, units):
    made = services.plan_year(actor=personas["commune_commander"], commune=units["DHOP"], year=2025)
    return {p.component: p for p in made}


def _session(personas, plan, start=dt.date(2025, 3, 23), days=3):
    return services.session_record(
        actor=personas["commune_commander"],
        plan=plan,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days - 1),
        days=days,
        place="Sân UBND xã",
        subject="Bắn súng AK",
    )


def test_year_page_plans_approves_and_records_a_session(login, personas, force, units):
    url = reverse("militia:training", args=[units["DHOP"].public_id]) + "?year=2025"
    client = login(personas["commune_commander"])
    assert client.post(url, {"action": "plan"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-plan="standing"' in page and "Điều 28" in page
    mobile = TrainingPlan.objects.get(component="mobile")
    done = client.post(
        url, {"action": "approve", "plan": str(mobile.public_id), "approved_on": "10/01/2025"}
    )
    assert done.status_code == 302
    assert TrainingPlan.objects.get(pk=mobile.pk).approved_on == dt.date(2025, 1, 10)
    form = {
        "action": "session",
        "plan": str(mobile.public_id),
        "unit": str(force["platoon"].public_id),
        "kind": "competition",
        "starts_on": "07/04/2025",
        "ends_on": "08/04/2025",
        "days": "3",
        "place": "Sân vận động",
        "subject": "Hội thao",
        "trainer_level": "commune",
    }
    bad = client.post(url, form)
    assert bad.status_code == 400 and not TrainingSession.objects.exists()
    assert "invalid-feedback" in bad.content.decode()
    created = client.post(url, {**form, "days": "2"})
    session = TrainingSession.objects.get()
    assert created.status_code == 302
    assert created["Location"] == reverse("militia:training_session", args=[session.public_id])
    assert session.kind == "competition" and session.unit == force["platoon"]


def test_year_page_shows_shortfall_and_completion(login, personas, force, units, plans):
    session = _session(personas, plans["on_site"], days=7)
    services.attendance_record(
        actor=personas["commune_commander"],
        session=session,
        rows=[services.AttendanceRow(force["members"]["on_site"], True, 7)],
    )
    client = login(personas["district_officer"])  # reads the area
    url = reverse("militia:training", args=[units["DHOP"].public_id]) + "?year=2025"
    page = client.get(url).content.decode()
    assert "20,0%" in page or "20.0%" in page  # 1 of 5 members completed
    assert 'data-group="on_site"' in page
    members = client.get(
        reverse("militia:training_members", args=[units["DHOP"].public_id]) + "?year=2025"
    ).content.decode()
    assert "Vũ Văn Dũng" in members and "Trần Văn Ngoài" not in members


def test_readers_get_403_and_other_communes_404(login, personas, force, units, plans):
    session = _session(personas, plans["mobile"])
    year_url = reverse("militia:training", args=[units["DHOP"].public_id])
    session_url = reverse("militia:training_session", args=[session.public_id])
    reader = login(personas["district_officer"])
    page = reader.get(session_url)
    assert page.status_code == 200
    # 23/03/2025: the pre-2025 split of TT 69/2020 Art 7 (a mobile unit: the commune)
    assert 'data-trainer="commune"' in page.content.decode()
    assert reader.post(year_url, {"action": "plan"}).status_code == 403
    assert reader.post(session_url, {}).status_code == 403
    other = login(personas["other_commander"])
    assert other.get(session_url).status_code == 404
    assert other.post(session_url, {}).status_code == 404
    assert other.post(year_url, {"action": "plan"}).status_code == 404


def test_attendance_form_round_trip(login, personas, force, units, plans):
    session = _session(personas, plans["mobile"])
    m = force["members"]
    url = reverse("militia:training_session", args=[session.public_id])
    client = login(personas["commune_clerk"])
    page = client.get(url).content.decode()
    # every member of the component is checked present by default, with the session's days
    for member in (m["first"], m["second"], m["third"]):
        assert f'name="days-{member.public_id}" value="3"' in page
    assert page.count(" checked") == 3
    data = {
        f"present-{m['first'].public_id}": "on",
        f"days-{m['first'].public_id}": "3",
        f"result-{m['first'].public_id}": "good",
        f"days-{m['second'].public_id}": "3",  # unchecked: absent, days dropped
        f"result-{m['second'].public_id}": "",
        f"present-{m['third'].public_id}": "on",
        f"days-{m['third'].public_id}": "2",
        f"result-{m['third'].public_id}": "",
    }
    assert client.post(url, data).status_code == 302
    got = {a.membership_id: (a.present, a.days, a.result) for a in Attendance.objects.all()}
    assert got == {
        m["first"].pk: (True, 3, "good"),
        m["second"].pk: (False, 0, ""),
        m["third"].pk: (True, 2, ""),
    }
    again = client.get(url).content.decode()
    assert again.count(" checked") == 2
    assert f'name="days-{m["third"].public_id}" value="2"' in again
    # by htmx the attendance block alone comes back, with the message
    partial = client.post(
        url, {**data, f"days-{m['third'].public_id}": "3"}, HTTP_HX_REQUEST="true"
    )
    body = partial.content.decode()
    assert partial.status_code == 200 and "<html" not in body and 'id="attendance-form"' in body
    assert Attendance.objects.get(membership=m["third"]).days == 3
    bad = client.post(url, {**data, f"days-{m['third'].public_id}": "9"})
    assert bad.status_code == 400
    bad_htmx = client.post(
        url, {**data, f"days-{m['third'].public_id}": "9"}, HTTP_HX_REQUEST="true"
    )
    assert bad_htmx.status_code == 200 and "invalid-feedback" in bad_htmx.content.decode()
    assert Attendance.objects.get(membership=m["third"]).days == 3


def test_payment_list_opened_back_from_pdf_and_excel(
    login, personas, force, units, plans, tmp_path
):
    session = _session(personas, plans["mobile"])
    m = force["members"]
    services.attendance_record(
        actor=personas["commune_commander"],
        session=session,
        rows=[
            services.AttendanceRow(m["first"], True, 3),
            services.AttendanceRow(m["second"], True, 2),
        ],
    )
    client = login(personas["commune_commander"])
    page = client.get(reverse("militia:training_session", args=[session.public_id]))
    total = "1.638.000 đ"  # 5 days × 327.600 đ (Decree 16/2025, from 23/03/2025)
    assert total in page.content.decode() and "327.600 đ" in page.content.decode()
    pdf = client.get(reverse("militia:training_payment_pdf", args=[session.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "DANH SÁCH CHI TRẢ TRỢ CẤP NGÀY CÔNG LAO ĐỘNG" in text
    assert total in text and "982.800 đ" in text and "Lê Văn An" in text
    assert "72/2020" in text or "16/2025" in text
    xlsx = client.get(reverse("militia:training_payment_xlsx", args=[session.public_id]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "DANH SÁCH CHI TRẢ TRỢ CẤP NGÀY CÔNG LAO ĐỘNG" in values
    assert total in values and "Phạm Văn Bình" in values


def test_session_page_queries_do_not_grow_with_members(
    login, personas, force, units, plans, django_assert_max_num_queries
):
    session = _session(personas, plans["mobile"])
    client = login(personas["commune_commander"])
    url = reverse("militia:training_session", args=[session.public_id])
    with django_assert_max_num_queries(16) as few:
        assert client.get(url).status_code == 200
    for i in range(15):
        make_member(make_person(units["DHOP"], full_name=f"Hoàng Văn {i}"), unit=force["platoon"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_pages_speak_the_readers_language(login, personas, force, units, plans):
    from django.conf import settings

    session = _session(personas, plans["mobile"])
    client = login(personas["commune_commander"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    year = client.get(
        reverse("militia:training", args=[units["DHOP"].public_id]) + "?year=2025"
    ).content.decode()
    assert "Law 48/2019" in year and "Art 28" in year and "Điều 28" not in year
    page = client.get(reverse("militia:training_session", args=[session.public_id]))
    text = page.content.decode()
    assert "Decree 72/2020" in text and "Nghị định" not in text and "Điều" not in text
