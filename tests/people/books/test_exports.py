"""The books as files through the background export (issue 16 item 4): the buttons of a
district's book queue a job, its page shows the progress, the file downloads; the files read
back (python-docx, openpyxl, pdftotext) hold the rows of the HTML list; the queries of a book
do not grow with its rows; the roll-over page shows one page of each list."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from muster.audit.models import AuditEvent
from muster.jobs import services as jobs
from muster.jobs.models import Job, JobState
from muster.people.books.common import BookFilter
from muster.people.books.exports import JOB_KIND, render_book
from muster.people.books.pages import book_page
from muster.people.models import FamilyTie, Relation, Sex
from tests.core.factories import make_person
from tests.people.books.test_books import make_books_data

YEAR = "2025"


@pytest.fixture
def data(units, personas):
    return make_books_data(units, personas)


def _html_names(client, book: str, **params: str) -> list[str]:
    """The full names of the HTML list, every page, in order."""
    names: list[str] = []
    page = 1
    while True:
        response = client.get(reverse("people:book", args=[book]), {**params, "page": page})
        assert response.status_code == 200
        current = response.context["page"]
        names += [row.cells[1] for row in current.rows]
        if current.number >= current.num_pages:
            return names
        page += 1


def _queue(client, book: str, fmt: str, **params: str):
    url = reverse("people:book_export", args=[book])
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(f"{url}?{query}", {"fmt": fmt})


def _run(client, response) -> tuple[Job, bytes]:
    """Follow a queued export as its owner would: the progress page, the worker, the file."""
    assert response.status_code == 302
    job = Job.objects.get(kind=JOB_KIND)
    assert response["Location"] == reverse("people:book_export_detail", args=[job.public_id])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'data-state="queued"' in page.content.decode()
    assert jobs.drain(worker="test") >= 1
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    status = client.get(reverse("people:book_export_status", args=[job.public_id]))
    assert 'data-state="done"' in status.content.decode()
    download = reverse("people:book_export_download", args=[job.public_id])
    assert download in status.content.decode()
    file = client.get(download)
    assert file.status_code == 200
    return job, file.content


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "book.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_district_book_page_offers_export_buttons_not_links(login, data, personas):
    client = login(personas["district_officer"])
    html = client.get(reverse("people:book", args=["january"]), {"year": YEAR}).content.decode()
    assert 'data-testid="book-export"' in html
    assert "format=docx" not in html
    assert reverse("people:book_export", args=["january"]) in html


def test_a_district_book_by_link_is_not_made_in_the_request(login, data, personas):
    client = login(personas["district_officer"])
    url = reverse("people:book", args=["january"])
    response = client.get(url, {"year": YEAR, "format": "docx"})
    assert response.status_code == 302 and "format" not in response["Location"]
    assert not Job.objects.exists()


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_the_export_button_queues_a_job_whose_file_has_the_html_rows(
    login,
    data,
    personas,
    fmt,
    tmp_path,
):
    officer = personas["district_officer"]
    client = login(officer)
    expected = _html_names(client, "january", year=YEAR)
    assert "Nguyễn Văn DT17" in expected and "Nguyễn Văn A17" in expected  # two communes
    job, content = _run(client, _queue(client, "january", fmt, year=YEAR))
    assert job.owner == officer and job.params["book"] == "january" and job.params["year"] == 2025
    assert job.filename.endswith(f".{fmt}") and "Kim Động" in job.filename
    event = AuditEvent.objects.get(action="people.book_export")
    assert event.actor == officer and event.object_id == str(job.public_id)
    assert event.object_type == "jobs.job"
    if fmt == "docx":
        document = Document(io.BytesIO(content))
        table = document.tables[1]
        header = table.rows[0]
        assert header._tr.trPr is not None and "tblHeader" in header._tr.trPr.xml
        names = [row.cells[1].text for row in table.rows[1:]]
    elif fmt == "xlsx":
        ws = load_workbook(io.BytesIO(content)).active
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        start = next(i for i, r in enumerate(rows) if r[0] == "STT") + 1
        names = [r[1] for r in rows[start:] if isinstance(r[0], int)]
    else:
        text = _pdf_text(content, tmp_path)
        names = [n for n in expected if n in text]
        # The rows in the list's order: each name appears after the one before it.
        positions = [text.index(n) for n in names]
        assert positions == sorted(positions)
    assert names == expected


def test_the_roll_over_exports_through_a_job_too(login, data, personas):
    client = login(personas["district_officer"])
    html = client.get(reverse("people:rollover"), {"year": "2026"}).content.decode()
    assert reverse("people:book_export", args=["rollover"]) in html
    _job, content = _run(client, _queue(client, "rollover", "xlsx", year="2026"))
    ws = load_workbook(io.BytesIO(content)).active
    values = {c.value for row in ws.iter_rows() for c in row}
    assert "Nguyễn Văn Y18" in values and "Vào nguồn gọi nhập ngũ" in values


def test_a_job_is_its_owners_alone(login, data, personas):
    client = login(personas["district_officer"])
    response = _queue(client, "january", "xlsx", year=YEAR)
    job = Job.objects.get(kind=JOB_KIND)
    assert response.status_code == 302
    for other in ("commune_clerk", "leader", "admin"):
        client.force_login(personas[other])
        for name in ("people:book_export_detail", "people:book_export_download"):
            assert client.get(reverse(name, args=[job.public_id])).status_code == 404


def test_export_is_post_only_and_refuses_bad_input(client, login, data, personas, units):
    url = reverse("people:book_export", args=["january"])
    anonymous = client.post(url, {"fmt": "xlsx"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    login(personas["district_officer"])
    assert client.get(url).status_code == 405
    assert (
        client.post(reverse("people:book_export", args=["nope"]), {"fmt": "x"}).status_code == 404
    )
    bad_format = client.post(f"{url}?year={YEAR}", {"fmt": "odt"})
    assert bad_format.status_code == 302 and not Job.objects.exists()
    bad_year = client.post(f"{url}?year=abc", {"fmt": "xlsx"})
    assert bad_year.status_code == 302 and not Job.objects.exists()
    # A clerk naming another commune gets no job of it.
    login(personas["commune_clerk"])
    other = client.post(f"{url}?year={YEAR}&commune={units['DT'].public_id}", {"fmt": "xlsx"})
    assert other.status_code == 302 and not Job.objects.exists()


def test_a_job_fails_when_its_commune_left_the_owners_area(login, data, personas, units):
    officer = personas["district_officer"]
    client = login(officer)
    _queue(client, "january", "xlsx", year=YEAR, commune=str(units["DHOP"].public_id))
    job = Job.objects.get(kind=JOB_KIND)
    type(officer).objects.filter(pk=officer.pk).update(scope_unit=units["DT"])
    jobs.drain(worker="test")
    job.refresh_from_db()
    assert job.state == JobState.FAILED and not job.content


def _more_men(unit, village, count, start=0):
    for i in range(start, start + count):
        person = make_person(
            unit,
            full_name=f"Trần Văn Thêm {i:03d}",
            sex=Sex.MALE,
            date_of_birth=dt.date(2008, 1 + i % 12, 1 + i % 28),
            residence_unit=village,
        )
        FamilyTie.objects.create(person=person, relation=Relation.FATHER, relative_name="Cha")
        FamilyTie.objects.create(person=person, relation=Relation.MOTHER, relative_name="Mẹ")


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_a_books_queries_do_not_grow_with_its_rows(data, personas, units, fmt):
    officer = personas["district_officer"]
    f = BookFilter(year=2025)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            done = render_book("january", officer, f, fmt, call_up=None)
        assert done.rows > 0
        return len(ctx.captured_queries)

    count()  # the first reads the area once (cached on the user)
    before = count()
    _more_men(units["DHOP"], data["village"], 30)
    _more_men(units["DT"], None, 30, start=100)
    assert count() == before <= 15


def test_the_roll_over_page_shows_one_page_of_each_list(
    login,
    data,
    personas,
    units,
    django_assert_max_num_queries,
):
    for i in range(70):  # 18 during 2025: they enter the pool of the 2026 call-up
        make_person(units["DHOP"], full_name=f"Lê Văn Vào {i:03d}", sex=Sex.MALE,
                    date_of_birth=dt.date(2007, 3, 1 + i % 28))  # fmt: skip
    client = login(personas["district_officer"])
    url = reverse("people:rollover")
    with django_assert_max_num_queries(25):
        first = client.get(url, {"year": "2026"})
    html = first.content.decode()
    entering = re.search(r'id="entering".*?</table>', html, re.S)
    assert entering is not None
    assert entering.group(0).count("<tr>") == 1 + 50  # header + one page
    assert "entering-page=2" in html
    second = client.get(url, {"year": "2026", "entering-page": "2"}).content.decode()
    section = re.search(r'id="entering".*?</table>', second, re.S)
    assert section is not None and ">51<" in section.group(0)


def test_a_communes_book_stays_a_direct_download(login, data, personas):
    client = login(personas["commune_clerk"])
    page = book_page("january", personas["commune_clerk"], BookFilter(year=2025))
    response = client.get(
        reverse("people:book", args=["january"]), {"year": YEAR, "format": "docx"}
    )
    assert response.status_code == 200 and not Job.objects.exists()
    table = Document(io.BytesIO(response.content)).tables[1]
    assert [r.cells[1].text for r in table.rows[1:]] == [r.cells[1] for r in page.rows]


def test_a_long_pdf_table_repeats_its_header_and_keeps_every_row_in_order(tmp_path):
    """``pdf_table.BookTable`` splits by itself: every row once, in order, over many pages,
    the header row on each; long text wraps inside its column."""
    from muster.documents.pdf import render_pdf
    from muster.documents.tables import Column, Kind, TableDocument

    rows = [
        (i, f"Người số {i:04d}", "Ghi chú dài " * (3 if i % 7 == 0 else 0) + "x")
        for i in range(1, 401)
    ]
    doc = TableDocument(
        title="DANH SÁCH",
        columns=[
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 20),
            Column("Ghi chú", Kind.TEXT, 10),
        ],
        rows=rows,
    )
    text = _pdf_text(render_pdf(doc), tmp_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) > 5
    assert all("Họ và tên" in p for p in pages if p.strip())
    positions = [text.index(f"Người số {i:04d}") for i in range(1, 401)]
    assert positions == sorted(positions)


def test_a_control_character_in_a_name_does_not_break_the_word_book():
    from muster.documents.tables import Column, TableDocument
    from muster.documents.word import render_table_docx

    doc = TableDocument(title="T", columns=[Column("Tên")], rows=[("Nguyễn\x07 Văn <A&B>",)])
    table = Document(io.BytesIO(render_table_docx(doc))).tables[1]
    assert table.rows[1].cells[0].text == "Nguyễn\ufffd Văn <A&B>"
