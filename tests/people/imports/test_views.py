"""The import pages, driven as a commune clerk would: upload, map, check, confirm; access."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from muster.audit.models import AuditEvent
from muster.people.models import ImportBatch, ImportStatus, Person
from tests.core.factories import make_person
from tests.people.imports.test_import import as_csv, cccd, commune, row  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("commune")


def upload(client, unit, data: bytes, name: str = "ds.csv"):
    return client.post(
        reverse("people:import_start"),
        {"unit": str(unit.public_id), "file": SimpleUploadedFile(name, data)},
    )


def mapping_of(batch: ImportBatch) -> dict[str, list[str]]:
    return {"column": list(batch.mapping)}


def check(client, batch):
    return client.post(reverse("people:import_check", args=[batch.public_id]), mapping_of(batch))


def confirm(client, batch, **extra):
    data = {"sha256": batch.sha256, **extra}
    return client.post(reverse("people:import_confirm", args=[batch.public_id]), data)


def test_upload_map_check_confirm(client, personas, units):
    client.force_login(personas["commune_clerk"])
    response = upload(client, units["DHOP"], as_csv([row(1), row(2)]))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:import_batch", args=[batch.public_id])
    page = client.get(response["Location"]).content.decode()
    assert "Nguyễn Văn An 1" in page  # the preview
    assert batch.mapping[:5] == ["", "full_name", "date_of_birth", "sex", "national_id"]
    checked = check(client, batch)
    assert checked.status_code == 200
    assert Person.objects.count() == 0  # nothing before confirmation
    assert reverse("people:import_confirm", args=[batch.public_id]) in checked.content.decode()
    response = confirm(client, batch)
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert (batch.created_count, batch.content) == (2, b"")
    assert Person.objects.filter(registration_unit=units["DHOP"]).count() == 2
    assert AuditEvent.objects.filter(action="people.import").count() == 1
    # Confirming twice writes nothing more.
    confirm(client, batch)
    assert Person.objects.count() == 2


def test_bad_rows_are_listed_downloadable_and_block_the_confirmation(client, personas, units):
    client.force_login(personas["commune_clerk"])
    upload(client, units["DHOP"], as_csv([row(1), row(2, dob="30/02/2006", sex="Trai")]))
    batch = ImportBatch.objects.get()
    response = check(client, batch)
    assert response.status_code == 400
    page = response.content.decode()
    assert "30/02/2006" in page and "Trai" in page
    assert reverse("people:import_confirm", args=[batch.public_id]) not in page
    sheet = client.get(reverse("people:import_errors", args=[batch.public_id]))
    assert sheet.status_code == 200
    ws = load_workbook(io.BytesIO(sheet.content)).active
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    header = next(r for r in values if r and r[0] == "Dòng")
    assert header[-1] == "Lỗi" and "Họ và tên" in header
    bad = [r for r in values if r and r[0] == 3]
    assert len(bad) == 1 and "30/02/2006" in bad[0][-1] and "Trai" in bad[0][-1]
    assert confirm(client, batch).status_code == 400
    assert Person.objects.count() == 0


def test_missing_column_is_reported_on_the_check(client, personas, units):
    client.force_login(personas["commune_clerk"])
    upload(client, units["DHOP"], as_csv([row(1)]))
    batch = ImportBatch.objects.get()
    columns = list(batch.mapping)
    columns[columns.index("national_id")] = ""
    response = client.post(
        reverse("people:import_check", args=[batch.public_id]), {"column": columns}
    )
    assert response.status_code == 400
    assert "Số CCCD" in response.content.decode()


def test_unreadable_upload_is_refused_with_a_message(client, personas, units):
    client.force_login(personas["commune_clerk"])
    response = upload(client, units["DHOP"], b"PK\x03\x04not really a workbook", "x.xlsx")
    assert response.status_code == 400
    assert ImportBatch.objects.count() == 0


def test_commune_outside_the_area_cannot_be_chosen(client, personas, units):
    client.force_login(personas["commune_clerk"])
    assert upload(client, units["DT"], as_csv([row(1)])).status_code == 400
    assert ImportBatch.objects.count() == 0


def test_duplicates_can_be_skipped_on_confirmation(client, personas, units):
    make_person(units["DHOP"], full_name="Lê Văn Tám", date_of_birth=dt.date(2006, 3, 14))
    client.force_login(personas["commune_clerk"])
    upload(client, units["DHOP"], as_csv([row(1, name="Le Van Tam"), row(2)]))
    batch = ImportBatch.objects.get()
    page = check(client, batch).content.decode()
    assert 'name="skip" value="2"' in page
    confirm(client, batch, skip=["2"])
    batch.refresh_from_db()
    assert (batch.created_count, batch.skipped_count) == (1, 1)
    assert not Person.objects.filter(national_id=cccd(900001)).exists()


def test_export_then_reimport_changes_nothing(client, personas, units):
    client.force_login(personas["commune_clerk"])
    upload(client, units["DHOP"], as_csv([row(1), row(2, sex="Nữ", id=cccd(7, male=False))]))
    batch = ImportBatch.objects.get()
    check(client, batch)
    confirm(client, batch)
    person = Person.objects.get(national_id=cccd(900001))
    person.party_member, person.higher_level, person.study_status = True, "university", "graduated"
    person.study_end_date, person.ethnicity = dt.date(2028, 6, 30), "06"
    person.save()
    exported = client.get(reverse("people:import_export", args=[units["DHOP"].public_id]))
    assert exported.status_code == 200
    upload(client, units["DHOP"], exported.content, "export.xlsx")
    again = ImportBatch.objects.filter(status=ImportStatus.PENDING).get()
    assert check(client, again).status_code == 200
    confirm(client, again)
    again.refresh_from_db()
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)


def test_template_is_an_importable_empty_sheet(client, personas):
    client.force_login(personas["commune_clerk"])
    response = client.get(reverse("people:import_template"))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    headers = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "STT")
    assert {"Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn"} <= set(headers)


# Access: anonymous, out of scope, wrong role, allowed.


@pytest.fixture
def dhop_batch(units):
    return ImportBatch.objects.create(
        unit=units["DHOP"], file_name="ds.csv", sha256="0" * 64, content=as_csv([row(1)])
    )


def test_anonymous_is_sent_to_login(client, dhop_batch):
    for path in (
        reverse("people:import_start"),
        reverse("people:import_batch", args=[dhop_batch.public_id]),
        reverse("people:import_confirm", args=[dhop_batch.public_id]),
    ):
        response = client.post(path) if "confirm" in path else client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_out_of_scope_batch_is_404_even_for_confirm(client, personas, dhop_batch):
    client.force_login(personas["other_commander"])
    assert (
        client.get(reverse("people:import_batch", args=[dhop_batch.public_id])).status_code == 404
    )
    assert confirm(client, dhop_batch).status_code == 404
    assert check(client, dhop_batch).status_code == 404
    assert Person.objects.count() == 0


def test_read_only_role_is_403_and_writes_nothing(client, personas, dhop_batch):
    client.force_login(personas["leader"])
    assert client.get(reverse("people:import_start")).status_code == 403
    assert (
        client.get(reverse("people:import_batch", args=[dhop_batch.public_id])).status_code == 403
    )
    assert confirm(client, dhop_batch).status_code == 403
    assert Person.objects.count() == 0


def test_allowed_roles_open_the_pages(client, personas, dhop_batch):
    for persona in ("commune_clerk", "commune_commander", "district_officer"):
        client.force_login(personas[persona])
        assert client.get(reverse("people:import_start")).status_code == 200
        path = reverse("people:import_batch", args=[dhop_batch.public_id])
        assert client.get(path).status_code == 200


def test_check_and_confirm_refuse_get(client, personas, dhop_batch):
    client.force_login(personas["commune_clerk"])
    assert (
        client.get(reverse("people:import_confirm", args=[dhop_batch.public_id])).status_code == 405
    )
    assert (
        client.get(reverse("people:import_check", args=[dhop_batch.public_id])).status_code == 405
    )


def test_big_file_streams_a_progress_bar_then_the_report(client, personas, units):
    client.force_login(personas["commune_clerk"])
    rows = [row(n) for n in range(1, 3501)]
    upload(client, units["DHOP"], as_csv(rows), "big.csv")
    batch = ImportBatch.objects.get()
    assert batch.row_count == 3500
    response = check(client, batch)
    assert response.status_code == 200 and response.streaming
    parts = [part.decode() for part in response.streaming_content]
    page = "".join(parts)
    widths = [w for w in ("29%", "57%", "86%", "100%") if f"width='{w}'" in page]
    assert widths == ["29%", "57%", "86%", "100%"]
    confirm_url = reverse("people:import_confirm", args=[batch.public_id])
    assert page.index("width='29%'") < page.index(confirm_url) < page.index("</html>")
    assert parts[0].startswith("<!DOCTYPE html>") and len(parts) > 4
    # The bar's scripts run under the Content-Security-Policy: they carry its nonce.
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert scripts and set(scripts) == {f'<script nonce="{nonce}">'}
    assert Person.objects.count() == 0
    assert confirm(client, batch).status_code == 302
    assert Person.objects.count() == 3500


def test_big_file_with_bad_rows_streams_the_errors(client, personas, units):
    client.force_login(personas["commune_clerk"])
    rows = [row(n) for n in range(1, 3201)] + [row(3201, dob="99/99/2006")]
    upload(client, units["DHOP"], as_csv(rows), "big.csv")
    batch = ImportBatch.objects.get()
    page = b"".join(check(client, batch).streaming_content).decode()
    assert "99/99/2006" in page
    assert reverse("people:import_confirm", args=[batch.public_id]) not in page
    assert confirm(client, batch).status_code == 400
    assert Person.objects.count() == 0


def test_formula_in_a_cell_comes_back_as_text_not_a_formula(client, personas, units):
    client.force_login(personas["commune_clerk"])
    upload(client, units["DHOP"], as_csv([row(1, name='=HYPERLINK("http://x","y")', sex="?")]))
    batch = ImportBatch.objects.get()
    sheet = client.get(reverse("people:import_errors", args=[batch.public_id]))
    ws = load_workbook(io.BytesIO(sheet.content)).active
    cells = [
        c for r in ws.iter_rows() for c in r if isinstance(c.value, str) and "HYPER" in c.value
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def test_discard_deletes_the_file_and_imports_nothing(client, personas, units):
    client.force_login(personas["commune_clerk"])
    upload(client, units["DHOP"], as_csv([row(1)]))
    batch = ImportBatch.objects.get()
    response = confirm(client, batch, discard="1")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.content) == (ImportStatus.DISCARDED, b"")
    assert AuditEvent.objects.filter(action="people.import_discard").count() == 1
    assert confirm(client, batch).status_code == 302
    assert Person.objects.count() == 0


def test_confirm_of_another_file_version_is_refused(client, personas, units):
    client.force_login(personas["commune_clerk"])
    upload(client, units["DHOP"], as_csv([row(1)]))
    batch = ImportBatch.objects.get()
    response = client.post(
        reverse("people:import_confirm", args=[batch.public_id]), {"sha256": "f" * 64}
    )
    assert response.status_code == 302
    assert Person.objects.count() == 0
