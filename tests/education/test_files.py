"""Defence education files: the member import (all-or-nothing, hostile files refused through
the people import's hardened readers) and the certificate list opened back from PDF and Excel."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from muster.education import services
from muster.education.choices import Result
from muster.education.imports import check_file
from muster.education.models import EducationMember

pytestmark = pytest.mark.django_db

HEADER = ["Họ và tên", "Năm sinh", "Chức vụ", "Đối tượng", "Diện"]


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, unit, name="ds.xlsx"):
    return client.post(
        reverse("education:members"),
        {
            "action": "import",
            "import-unit": str(unit.public_id),
            "import-valid_from": "01/01/2025",
            "import-file": _file(data, name),
        },
    )


def _file(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_a_good_file_is_imported_whole(units, personas, login):
    data = xlsx(
        [
            ["Nguyễn Văn An", 1970, "Trưởng thôn Hạ", 4, "Trưởng thôn"],
            ["Trần Thị Bình", 1982, "Đại biểu HĐND xã", 4, "Đại biểu"],
        ]
    )
    client = login(personas["commune_clerk"])
    response = upload(client, data, units["DHOP"])
    assert response.status_code == 302
    names = set(EducationMember.objects.values_list("full_name", "category"))
    assert names == {("Nguyễn Văn An", "village_head"), ("Trần Thị Bình", "deputy")}


@pytest.mark.parametrize(
    "bad",
    [
        ['=HYPERLINK("http://x")', 1970, "Trưởng thôn", 4, "Trưởng thôn"],
        ["Lê Văn Năm", 1970, "Trưởng thôn", 5, "Trưởng thôn"],
        ["Lê Văn Năm", "năm", "Trưởng thôn", 4, "Trưởng thôn"],
    ],
)
def test_one_bad_row_refuses_the_whole_file(units, personas, login, bad):
    data = xlsx([["Nguyễn Văn An", 1970, "Trưởng thôn", 4, "Trưởng thôn"], bad])
    client = login(personas["commune_clerk"])
    response = upload(client, data, units["DHOP"])
    assert response.status_code == 400
    assert "3" in response.content.decode()  # the line of the bad row
    assert not EducationMember.objects.exists()


def test_a_control_character_in_a_csv_refuses_the_file(units, personas, login):
    data = (
        "Họ và tên;Năm sinh;Chức vụ;Đối tượng;Diện\n"
        "Nguyễn Văn An;1970;Trưởng thôn;4;Trưởng thôn\n"
        "Lê Văn\x07 Chuông;1970;Trưởng thôn;4;Trưởng thôn\n"
    ).encode()
    response = upload(login(personas["commune_clerk"]), data, units["DHOP"], "ds.csv")
    assert response.status_code == 400
    assert not EducationMember.objects.exists()


def test_hostile_and_broken_files_are_refused():
    assert check_file(b"PK\x03\x04not a zip", "x.xlsx").errors
    assert check_file(b"\x00" * 10, "x.csv").errors
    assert check_file(b"a;b\n1;2\n", "x.csv").errors  # not the member columns
    big = b"x" * (31 * 1024 * 1024)
    assert check_file(big, "x.csv").errors


def test_import_outside_the_area_is_a_404_and_leader_403(units, personas, login):
    data = xlsx([["Nguyễn Văn An", 1970, "Trưởng thôn", 4, "Trưởng thôn"]])
    assert upload(login(personas["leader"]), data, units["KD"]).status_code == 403
    assert upload(login(personas["commune_clerk"]), data, units["DT"]).status_code == 400
    assert not EducationMember.objects.exists()


def test_certificate_list_in_pdf_and_excel(units, system, personas, login):
    people = [
        services.add_member(
            actor=system,
            unit=units["DHOP"],
            full_name=name,
            birth_year=1975,
            post="=1+1" if i else "Trưởng thôn",
            group=4,
            category="village_head",
            valid_from=dt.date(2024, 1, 1),
        )
        for i, name in enumerate(("Nguyễn Văn Đức", "Phạm Thị Hường"))
    ]
    item = services.create_course(
        actor=system, unit=units["PTKV1"], group=4, title="Đợt 2", convened_by="Hội đồng",
        place="Trung tâm", starts_on=dt.date(2025, 9, 22), ends_on=dt.date(2025, 9, 26), hours=32,
    )  # fmt: skip
    services.enrol(actor=system, course=item, members=people)
    services.record_results(
        actor=system, course=item, results={e.pk: Result.PASSED for e in item.enrolments.all()}
    )
    services.issue_certificates(actor=system, course=item)
    client = login(personas["commune_commander"])
    pdf = client.get(reverse("education:certificates_pdf") + "?year=2025")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "DANH SÁCH CẤP CHỨNG CHỈ" in text and "Nguyễn Văn Đức" in text
    assert "001/2025/CC-GDQPAN" in text and "chưa kiểm chứng" in text
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("education:certificates_xlsx") + "?year=2025").content)
    )
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert "Phạm Thị Hường" in values
    cell = next(c for row in book.active.iter_rows() for c in row if c.value == "=1+1")
    assert cell.data_type == "s" and cell.quotePrefix  # stored as text, never a formula
