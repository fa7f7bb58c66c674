"""A district's book exported in Debian's chromium: the export button queues the job, the
progress page polls (htmx) until the worker is done, then the file downloads. The screenshot
is saved to ``artifacts/people_book_export.png``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from muster.jobs import services as jobs
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)
from tests.people.books.test_books import make_books_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def books(units, personas):
    return make_books_data(units, personas)


def test_a_district_book_exports_through_its_progress_page(
    live_server,
    personas,
    books,
    page,  # noqa: F811
):
    page.set_default_timeout(30_000)  # the machine is shared; a slow page is not a failure
    log_in(page, live_server, personas["district_officer"], "/people/books/january/?year=2025")
    page.click("[data-testid=book-export] button[value=docx]")
    page.wait_for_url("**/people/books/exports/*/")
    link = page.locator("[data-testid=download]")
    link.wait_for(timeout=60_000)  # htmx polls the status until the worker is done
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    table = Document(io.BytesIO(Path(download.path()).read_bytes())).tables[1]
    names = {row.cells[1].text for row in table.rows[1:]}
    assert {"Nguyễn Văn A17", "Nguyễn Văn DT17"} <= names
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "people_book_export.png"), full_page=True)
    assert jobs.wait_for_workers(timeout=30)
    assert page.problems == []  # type: ignore[attr-defined]
