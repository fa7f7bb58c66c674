"""Issue 21 in Debian's chromium driven by Playwright: the commander of Đức Hợp issues the April
2025 registration calls to the men reaching 17 in a batch, records their delivery (late: the
deadline turns red), registers them with their certificates, and prints the calls and the
certificates (one per citizen, in one file), which are opened back with pdftotext and
python-docx. Screenshot: ``artifacts/registration_calls.png``."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import docx
import pytest

from muster.people.registration.models import RegistrationCall, RegistrationEvent
from tests.core.factories import make_person
from tests.core.test_browser import ARTIFACTS, browser, page  # noqa: F401  (fixtures)
from tests.people.test_register_browser import _in_db
from tests.reports.test_browser import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ("Trần Văn An", "Lê Văn Bình", "Phạm Văn Cường")


@pytest.fixture
def men(units):
    return [
        make_person(units["DHOP"], full_name=n, date_of_birth=dt.date(2008, 3, 1)) for n in NAMES
    ]


def _state():
    calls = list(RegistrationCall.objects.order_by("number"))
    return {
        "calls": [(c.number, c.deliver_by, c.delivered_on, c.delivery_late) for c in calls],
        "certificates": sorted(
            RegistrationEvent.objects.filter(kind="first_registration").values_list(
                "certificate_number", "certificate_handed_on", "is_late"
            )
        ),
    }


def test_commander_issues_calls_and_certificates_in_a_batch(
    live_server,
    personas,
    units,
    men,
    page,  # noqa: F811
):
    ARTIFACTS.mkdir(exist_ok=True)
    url = f"/people/registration/{units['DHOP'].public_id}/?year=2025"
    _log_in(page, live_server, personas["commune_commander"], url)
    rows = page.locator("#issue tbody tr")
    assert rows.count() == 3, page.inner_text("#issue")

    page.fill("#issue_issued_on", "01/04/2025")
    page.fill("#issue_registration_date", "15/04/2025")
    page.fill("#issue_registration_place", "Trụ sở Ban CHQS xã Đức Hợp")
    page.fill("#issue_signer_name", "Nguyễn Văn Hùng")
    with page.expect_navigation():
        page.click("#issue button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "Đã ký 3 lệnh gọi." in page.inner_text(".alert-success")
    assert page.locator("#calls tbody tr[data-call]").count() == 3

    # All chosen; delivered on 07/04/2025, after the 05/04 deadline: flagged red.
    for box in page.locator("#calls input[name=call]").all():
        box.check()
    page.fill("#deliver_delivered_on", "07/04/2025")
    with page.expect_navigation():
        page.click("#calls button[value=deliver]")
    page.wait_for_selector(".alert-success")
    assert page.locator("#calls td[data-late]").count() == 3
    state = _in_db(_state)
    assert [c[3] for c in state["calls"]] == [True, True, True]
    assert {c[1] for c in state["calls"]} == {dt.date(2025, 4, 5)}

    for box in page.locator("#calls input[name=call]").all():
        box.check()
    page.fill("#register_registered_on", "15/04/2025")
    page.fill("#register_certificate_on", "16/04/2025")
    with page.expect_navigation():
        page.click("#calls button[value=register]")
    page.wait_for_selector(".alert-success")
    assert "Đã đăng ký 3 công dân." in page.inner_text(".alert-success")
    state = _in_db(_state)
    assert state["certificates"] == [(f"{n}/2025", dt.date(2025, 4, 16), False) for n in (1, 2, 3)]
    page.screenshot(path=str(ARTIFACTS / "registration_calls.png"), full_page=True)

    # Nothing chosen: the whole year's calls are printed, one per citizen, in one file.
    with page.expect_download() as calls_pdf:
        page.click("#calls button[value=call]")
    text = subprocess.run(
        ["pdftotext", "-layout", calls_pdf.value.path(), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert text.count("LỆNH GỌI CÔNG DÂN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ") == 3
    assert all(name in text for name in NAMES)
    with page.expect_download() as certs_docx:
        page.click("#calls button[value=certificate-docx]")
    document = docx.Document(io.BytesIO(Path(certs_docx.value.path()).read_bytes()))
    body = "\n".join(p.text for p in document.paragraphs)
    assert body.count("GIẤY CHỨNG NHẬN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ") == 3
    assert all(name in body for name in NAMES)
