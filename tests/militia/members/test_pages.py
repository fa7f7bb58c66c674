"""The registration and membership pages: the clerk's one step, a read-only officer refused
(403) and a neighbour commune hidden (404), the register opened back from PDF and Excel, a
member's term decisions and the call-up commitment shown on his page."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

from django.urls import reverse
from openpyxl import load_workbook

from muster.militia.models import Membership, MilitiaRegistration
from tests.core.factories import make_person
from tests.militia.factories import make_member
from tests.militia.reg_factories import exempt_art14, on_official_list, registered_at_17


def _url(name, unit, query=""):
    return reverse(f"militia:{name}", args=[unit.public_id]) + query


def test_clerk_registers_the_18_year_olds_in_one_step(login, personas, units):
    dhop = units["DHOP"]
    registered_at_17(dhop, full_name="Nguyễn Văn An")
    page = login(personas["commune_clerk"]).get(_url("registration", dhop, "?year=2026"))
    assert page.status_code == 200 and "Nguyễn Văn An" in page.content.decode()
    client = login(personas["commune_clerk"])
    response = client.post(
        _url("registration", dhop, "?year=2026"),
        {"action": "april", "year": "2026", "on": "15/04/2026"},
    )
    assert response.status_code == 302
    assert MilitiaRegistration.objects.filter(person__full_name="Nguyễn Văn An").exists()
    again = client.post(
        _url("registration", dhop), {"action": "april", "year": "2026", "on": "15/04/2026"}
    )
    assert again.status_code == 302 and MilitiaRegistration.objects.count() == 1


def test_a_reader_cannot_post_and_a_neighbour_sees_nothing(login, personas, units):
    dhop = units["DHOP"]
    officer = login(personas["district_officer"])
    assert officer.get(_url("registration", dhop)).status_code == 200
    data = {"action": "april", "year": "2026", "on": "15/04/2026"}
    assert officer.post(_url("registration", dhop), data).status_code == 403
    neighbour = login(personas["other_commander"])
    assert neighbour.post(_url("registration", dhop), data).status_code == 404


def test_register_one_by_id_number_and_errors_on_the_form(login, personas, units):
    dhop = units["DHOP"]
    person = make_person(dhop, full_name="Trần Thị Hoa", sex="F", date_of_birth=dt.date(2000, 3, 3))
    client = login(personas["commune_clerk"])
    bad = client.post(
        _url("registration", dhop),
        {
            "action": "one",
            "national_id": "000000000000",
            "source": "new_resident",
            "on": "01/05/2026",
        },
    )
    assert bad.status_code == 400
    good = client.post(
        _url("registration", dhop),
        {
            "action": "one",
            "national_id": person.national_id,
            "source": "new_resident",
            "on": "01/05/2026",
        },
    )
    assert good.status_code == 302
    reg = MilitiaRegistration.objects.get(person=person)
    removed = client.post(
        _url("registration", dhop),
        {
            "action": "remove",
            "registration": str(reg.public_id),
            "on": "02/05/2026",
            "reason": "Chuyển đi",
        },
    )
    assert removed.status_code == 302
    reg.refresh_from_db()
    assert reg.ended_on == dt.date(2026, 5, 2)


def test_the_register_opened_back_from_excel_and_pdf(login, personas, units, tmp_path):
    dhop = units["DHOP"]
    registered_at_17(dhop, full_name="Nguyễn Văn An")
    sick = registered_at_17(dhop, full_name="Lê Văn Cường")
    exempt_art14(sick, start=dt.date(2025, 5, 1))
    client = login(personas["commune_clerk"])
    client.post(_url("registration", dhop), {"action": "april", "year": "2026", "on": "15/04/2026"})
    xlsx = client.get(_url("register_xlsx", dhop, "?on=01/05/2026"))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "SỔ ĐĂNG KÝ DÂN QUÂN TỰ VỆ" in cells and "Nguyễn Văn An" in cells
    assert any("Bại não" in c for c in cells)
    pdf = client.get(_url("register_pdf", dhop, "?on=01/05/2026"))
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "register.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "SỔ ĐĂNG KÝ DÂN QUÂN TỰ VỆ" in text and "Lê Văn Cường" in text


def test_member_page_shows_the_callup_list_and_records_an_extension(login, personas, units):
    person = make_person(units["DHOP"], full_name="Đào Văn Quân")
    member = make_member(person, component="standing", joined_on=dt.date(2025, 3, 1), years=2)
    Membership.objects.filter(pk=member.pk).update(term_ends_on=dt.date(2027, 2, 28))
    on_official_list(person, units["DHOP"], year=2027)
    client = login(personas["commune_commander"])
    url = reverse("militia:membership", args=[member.public_id])
    page = client.get(url).content.decode()
    assert 'data-testid="commitment"' in page and "2027" in page
    assert 'data-testid="conflict"' in page and "điểm h khoản 1 Điều 41" in page
    response = client.post(
        url,
        {
            "action": "extend",
            "until": "28/02/2029",
            "on": "01/12/2026",
            "decision_ref": "3/QĐ-UBND",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.extended_to == dt.date(2029, 2, 28)
    too_far = client.post(
        url,
        {
            "action": "extend",
            "until": "01/03/2029",
            "on": "01/12/2026",
            "decision_ref": "3/QĐ-UBND",
        },
    )
    assert too_far.status_code == 400
    assert login(personas["leader"]).post(url, {"action": "leave"}).status_code == 403
