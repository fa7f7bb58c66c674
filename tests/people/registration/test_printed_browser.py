"""Issue 21 in Debian's chromium driven by Playwright: the clerk of Đức Hợp issues the April
2025 registration calls in a batch, prints the self-declared health forms handed with them (one
page per citizen), registers the men and downloads their certificates, prints the reserve
certificates of the year, and from a citizen's page downloads his health form in Word. Every
file is opened back (pdftotext, pdfinfo, python-docx). Screenshot:
``artifacts/registration_forms.png``."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import docx
import pytest

from muster.people.registration import forms_printed
from muster.people.registration.services.records import reserve_registration
from tests.core.factories import make_person
from tests.core.test_browser import ARTIFACTS, browser, page  # noqa: F401  (fixtures)
from tests.reports.test_browser import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ("Trần Văn An", "Lê Văn Bình", "Phạm Văn Cường")
RESERVIST = "Nguyễn Đức Mạnh"


@pytest.fixture
def men(units):
    return [
        make_person(units["DHOP"], full_name=n, date_of_birth=dt.date(2008, 3, 1)) for n in NAMES
    ]


@pytest.fixture
def reservist(units, personas):
    person = make_person(units["DHOP"], full_name=RESERVIST, date_of_birth=dt.date(1995, 6, 9))
    reserve_registration(
        actor=personas["commune_clerk"],
        person=person,
        arrived_home_on=dt.date(2025, 3, 3),
        certificate_number="2/2025",
        registered_on=dt.date(2025, 3, 10),
    )
    return person


def _pdf(path: str) -> tuple[str, int]:
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, check=True
    ).stdout.decode()
    info = subprocess.run(["pdfinfo", path], capture_output=True, check=True).stdout.decode()
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return text, pages


def _docx(path: str) -> str:
    document = docx.Document(io.BytesIO(Path(path).read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_clerk_issues_calls_prints_health_forms_and_certificates(
    live_server,
    personas,
    units,
    men,
    reservist,
    page,  # noqa: F811
):
    ARTIFACTS.mkdir(exist_ok=True)
    url = f"/people/registration/{units['DHOP'].public_id}/?year=2025"
    _log_in(page, live_server, personas["commune_clerk"], url)
    assert page.locator("#issue tbody tr").count() == 3, page.inner_text("#issue")
    page.fill("#issue_issued_on", "01/04/2025")
    page.fill("#issue_registration_date", "15/04/2025")
    page.fill("#issue_registration_place", "Trụ sở Ban CHQS xã Đức Hợp")
    page.fill("#issue_signer_name", "Nguyễn Văn Hùng")
    with page.expect_navigation():
        page.click("#issue button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("#calls tbody tr[data-call]").count() == 3

    # Nothing ticked: the health forms of every call of the year, one page each.
    with page.expect_download() as health:
        page.click("#calls button[value=health]")
    text, pages = _pdf(str(health.value.path()))
    assert pages == 3
    assert text.count(forms_printed.HEALTH_TITLE) == 3
    assert all(name in text for name in NAMES) and "01/03/2008" in text and "15/04/2025" in text

    for box in page.locator("#calls input[name=call]").all():
        box.check()
    page.fill("#register_registered_on", "15/04/2025")
    page.fill("#register_certificate_on", "15/04/2025")
    with page.expect_navigation():
        page.click("#calls button[value=register]")
    page.wait_for_selector(".alert-success")
    with page.expect_download() as certificates:
        page.click("#calls button[value=certificate]")
    text, pages = _pdf(str(certificates.value.path()))
    assert pages == 3
    assert text.count("GIẤY CHỨNG NHẬN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ") == 3
    assert all(name in text for name in NAMES)

    # The reserve registrations of the year and their certificates.
    assert RESERVIST in page.inner_text("#reserves")
    with page.expect_download() as reserve:
        page.click("#reserves button[value=reserve-docx]")
    body = _docx(str(reserve.value.path()))
    assert body.count(forms_printed.RESERVE_CERTIFICATE_TITLE) == 1
    assert RESERVIST in body and "09/06/1995" in body and "10/03/2025" in body
    page.screenshot(path=str(ARTIFACTS / "registration_forms.png"), full_page=True)

    # From a citizen's page: the calls he received, and his health form in Word.
    with page.expect_navigation():
        page.click(f"#calls a:has-text('{NAMES[0]}')")
    calls = page.locator("#registration-calls tbody tr[data-call]")
    assert calls.count() == 1 and "15/04/2025" in calls.inner_text()
    with page.expect_download() as form:
        calls.locator("a[href$='doc=health-docx']").click()
    body = _docx(str(form.value.path()))
    assert forms_printed.HEALTH_TITLE in body and NAMES[0] in body and "01/03/2008" in body
