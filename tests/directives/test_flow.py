"""Maker-checker, lock and revision; live-bound targets; access by role and scope; exports."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.accounts.models import Role
from muster.audit.models import AuditEvent
from muster.directives import selectors
from muster.directives.models import Report, ReportStatus
from muster.directives.rollup import Status
from muster.directives.services.evidence import evidence_add
from muster.directives.services.reports import (
    report_review,
    report_revise,
    report_submit,
    report_update,
    reportable_targets,
)
from muster.people.models import Sex
from tests.conftest import make_user
from tests.core.factories import make_person
from tests.directives.factories import (
    PDF_BYTES,
    add_target,
    create_demo_accounts,
    make_directive,
    make_report,
)

pytestmark = pytest.mark.django_db

LOCKED_VI = "Kỳ báo cáo này đã được phê duyệt và khóa"


@pytest.fixture
def setup(units, personas):
    directive, target = make_directive(
        units["KD"], shares=[(units["DHOP"], Decimal("1.5")), (units["DT"], Decimal("0.5"))]
    )
    return directive, target


def _approved(directive, unit, maker, officer, *, month=1, value="1.5"):
    report = make_report(directive, unit, maker, month=month, value=value)
    report_submit(actor=maker, report=report)
    return report_review(actor=officer, report=report, approve=True)


def test_approval_locks_and_revision_supersedes(setup, units, personas):
    directive, target = setup
    maker, officer = personas["commune_commander"], personas["district_officer"]
    report = make_report(directive, units["DHOP"], maker, value="0.75")
    with pytest.raises(PermissionDenied):  # a commune commander is no checker
        report_review(actor=maker, report=report, approve=True)
    report_submit(actor=maker, report=report)
    with pytest.raises(ValidationError, match="chờ phê duyệt"):
        report_update(actor=maker, report=report, results="x", shortcomings="", figures={})
    with pytest.raises(ValidationError):  # sending back needs a comment
        report_review(actor=officer, report=report, approve=False)
    report_review(actor=officer, report=report, approve=False, comment="Thiếu biên bản")
    evidence_add(actor=maker, report=report, filename="bb.pdf", data=PDF_BYTES)
    report_submit(actor=maker, report=report)
    report_review(actor=officer, report=report, approve=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.is_locked
    board = selectors.board(user=officer, directive=directive, on=dt.date(2025, 3, 1))
    assert board.tasks[0].targets[0].progress == Decimal("37.5")  # 0.75/1.5 weighted by 1.5/2

    with pytest.raises(ValidationError, match=LOCKED_VI):
        report_update(actor=maker, report=report, results="sửa", shortcomings="", figures={})
    with pytest.raises(ValidationError, match=LOCKED_VI):
        evidence_add(actor=maker, report=report, filename="x.pdf", data=PDF_BYTES)

    revision = report_revise(actor=maker, report=report, reason="Nhập nhầm số")
    assert revision.revision == 2 and revision.supersedes_id == report.pk
    assert revision.evidence.count() == 1
    report_update(
        actor=maker,
        report=revision,
        results="Đính chính",
        shortcomings="",
        figures={target.pk: (Decimal("1.5"), "")},
    )
    report_submit(actor=maker, report=revision)
    report_review(actor=officer, report=revision, approve=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUPERSEDED
    board = selectors.board(user=officer, directive=directive, on=dt.date(2025, 3, 1))
    assert board.tasks[0].targets[0].progress == Decimal(75)
    # The officer who made a report cannot also approve it.
    own = make_report(directive, units["DT"], officer)
    report_submit(actor=officer, report=own)
    with pytest.raises(ValidationError, match="không được tự phê duyệt"):
        report_review(actor=officer, report=own, approve=True)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "directives.report_approve",
        "directives.report_return",
        "directives.report_revise",
    } <= actions


def test_locked_period_refuses_edit_over_http_with_vietnamese_message(
    setup, units, personas, login
):
    directive, target = setup
    report = _approved(
        directive, units["DHOP"], personas["commune_commander"], personas["district_officer"]
    )
    client = login(personas["commune_commander"])
    url = reverse("directives:report_edit", kwargs={"public_id": report.public_id})
    response = client.post(url, {"results": "sửa", f"target_{target.pk}": "9"})
    assert response.status_code == 400
    assert LOCKED_VI in response.content.decode()
    report.refresh_from_db()
    assert report.lines.get().value == Decimal("1.5")
    # The revision is visible on the report's page.
    client.post(
        reverse("directives:report_revise", kwargs={"public_id": report.public_id}),
        {"reason": "Nhập nhầm"},
    )
    page = client.get(reverse("directives:report_detail", kwargs={"public_id": report.public_id}))
    assert "Lần sửa đổi 2" in page.content.decode()


def test_a_locked_reports_edit_page_says_so_and_shows_figures_the_vietnamese_way(
    setup, units, personas, login
):
    """GET of an approved report's edit page: the lock message (no 500), and 1.5 ha shown
    as "1,5", not "1,500" (issue 16 item 7)."""
    directive, target = setup
    report = _approved(
        directive, units["DHOP"], personas["commune_commander"], personas["district_officer"]
    )
    client = login(personas["commune_commander"])
    url = reverse("directives:report_edit", kwargs={"public_id": report.public_id})
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert LOCKED_VI in html
    assert 'value="1,5"' in html and "1,500" not in html
    edit = client.get(reverse("directives:target_edit", kwargs={"public_id": target.public_id}))
    assert "1,500" not in edit.content.decode()
    detail = client.get(reverse("directives:target_detail", kwargs={"public_id": target.public_id}))
    shares = detail.content.decode()
    assert '<td class="num">1,5</td>' in shares and "1,500" not in shares


def test_the_figure_filter_is_vietnamese_without_trailing_zeros():
    from django.utils import translation

    from muster.directives.templatetags.directives_tags import figure

    with translation.override("vi"):
        assert [figure(Decimal(v)) for v in ("1.500", "1143.000", "0.250", "0")] == [
            "1,5",
            "1.143",
            "0,25",
            "0",
        ]
    with translation.override("en"):
        assert figure(Decimal("1143.500")) == "1,143.5"


def test_evidence_is_checked_by_magic_bytes(setup, units, personas, login):
    directive, target = setup
    maker = personas["commune_commander"]
    report = make_report(directive, units["DHOP"], maker)
    with pytest.raises(ValidationError):
        evidence_add(actor=maker, report=report, filename="x.pdf", data=b"MZ\x90\x00")
    png = evidence_add(actor=maker, report=report, filename="a.png", data=b"\x89PNG\r\n\x1a\n0000")
    assert png.content_type == "image/png"
    client = login(maker)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("directives:report_edit", kwargs={"public_id": report.public_id}),
        {
            "results": "ok",
            f"target_{target.pk}": "1",
            "evidence": SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 400
    assert "PDF, JPEG hoặc PNG" in response.content.decode()
    assert report.evidence.count() == 1


def test_live_bound_target_follows_its_source(units, personas):
    directive, _t = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(1))])
    task = directive.tasks.get()
    cohort = add_target(
        task,
        2,
        "Đăng ký lần đầu nam 17 tuổi",
        value=Decimal(4),
        unit_label="người",
        source="registry.men_turning_17",
        shares=[(units["DHOP"], Decimal(4))],
    )
    quota = add_target(
        task,
        3,
        "Giao quân đạt 100% chỉ tiêu",
        value=Decimal(100),
        due_date=dt.date(2025, 2, 28),
        source="callup.quota_met_pct",
        lead_unit=units["KD"],
    )
    officer = personas["district_officer"]

    def row(target):
        board = selectors.board(user=officer, directive=directive, on=dt.date(2025, 6, 30))
        return next(r for t in board.tasks for r in t.targets if r.target.pk == target.pk)

    assert row(cohort).achieved == 0 and row(cohort).progress == 0
    make_person(units["DHOP"], sex=Sex.MALE, date_of_birth=dt.date(2008, 3, 1))
    make_person(units["DHOP"], sex=Sex.MALE, date_of_birth=dt.date(2008, 9, 9))
    make_person(units["DHOP"], sex=Sex.FEMALE, date_of_birth=dt.date(2008, 5, 5))
    make_person(units["DT"], sex=Sex.MALE, date_of_birth=dt.date(2008, 5, 5))  # other commune
    assert row(cohort).achieved == 2 and row(cohort).progress == 50
    assert row(cohort).source.name == "registry.men_turning_17"
    assert row(quota).achieved is None and row(quota).status == Status.NO_DATA
    # Live-bound targets are not reported by hand.
    assert cohort not in reportable_targets(directive, units["DHOP"])


def test_overdue_reports_and_reminders(setup, units, personas):
    directive, _target = setup
    maker = personas["commune_commander"]
    # January 2025 report due 5 working days after 31/01 with the seeded Tết calendar.
    on = dt.date(2025, 3, 10)  # February's report was due on 07/03
    obligations = selectors.obligations(
        directive=directive, unit_ids=frozenset({units["DHOP"].pk, units["DT"].pk}), on=on
    )
    overdue = {(o.unit.pk, o.period.start) for o in obligations if o.overdue}
    assert (units["DHOP"].pk, dt.date(2025, 1, 1)) in overdue
    assert (units["DT"].pk, dt.date(2025, 1, 1)) in overdue
    report = make_report(directive, units["DHOP"], maker)
    report_submit(actor=maker, report=report, on=dt.date(2025, 2, 3))
    obligations = selectors.obligations(
        directive=directive, unit_ids=frozenset({units["DHOP"].pk}), on=on
    )
    assert not any(o.overdue for o in obligations if o.period.start == dt.date(2025, 1, 1))
    kinds = {(r.kind, r.obligation.unit.pk) for r in selectors.reminders(user=maker, on=on)}
    assert ("overdue", units["DHOP"].pk) in kinds  # February's report
    assert ("due_soon", units["DHOP"].pk) not in kinds  # March's is due 07/04
    assert all(unit == units["DHOP"].pk for _k, unit in kinds)  # only its own commune
    officer_kinds = {r.kind for r in selectors.reminders(user=personas["district_officer"], on=on)}
    assert "to_review" in officer_kinds


def test_dashboard_shows_reminders(setup, units, login):
    # Đức Hợp ended on 30/06/2025: the merged commune owes (and is reminded of) the rest.
    client = login(make_user("p.commander25", Role.COMMUNE_COMMANDER, units["DHOP25"]))
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert 'data-testid="directive-reminders"' in response.content.decode()


def test_commune_sees_only_its_own_reports(setup, units, personas, login):
    directive, _target = setup
    own = make_report(directive, units["DHOP"], personas["commune_commander"])
    other = make_report(directive, units["DT"], personas["other_commander"])
    client = login(personas["commune_commander"])
    detail = "directives:report_detail"
    assert client.get(reverse(detail, kwargs={"public_id": own.public_id})).status_code == 200
    assert client.get(reverse(detail, kwargs={"public_id": other.public_id})).status_code == 404
    assert (
        client.post(
            reverse("directives:report_submit", kwargs={"public_id": other.public_id})
        ).status_code
        == 404
    )
    listing = client.get(reverse("directives:report_list")).content.decode()
    assert str(own.public_id) in listing and str(other.public_id) not in listing
    # The board of a commune user shows its own share only.
    board = client.get(
        reverse("directives:directive_board", kwargs={"public_id": directive.public_id})
    )
    assert board.status_code == 200
    assert "Đồng Thanh" not in board.content.decode().split("Báo cáo phải nộp")[0]


def test_leader_is_read_only(setup, units, personas, login):
    directive, _target = setup
    report = make_report(directive, units["DHOP"], personas["commune_commander"])
    report_submit(actor=personas["commune_commander"], report=report)
    client = login(personas["leader"])
    kw = {"public_id": report.public_id}
    assert client.get(reverse("directives:report_detail", kwargs=kw)).status_code == 200
    for name, data in (
        ("directives:report_review", {"decision": "approve"}),
        ("directives:report_submit", {}),
        ("directives:report_revise", {"reason": "x"}),
        ("directives:report_edit", {"results": "x"}),
    ):
        assert client.post(reverse(name, kwargs=kw), data).status_code == 403, name
    create = reverse("directives:report_create", kwargs={"public_id": directive.public_id})
    assert client.post(create, {}).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_commune_commander_cannot_approve(setup, units, personas, login):
    directive, _target = setup
    report = make_report(directive, units["DHOP"], personas["commune_clerk"])
    report_submit(actor=personas["commune_clerk"], report=report)
    client = login(personas["commune_commander"])
    url = reverse("directives:report_review", kwargs={"public_id": report.public_id})
    assert client.post(url, {"decision": "approve"}).status_code == 403


def test_post_only_writes_refuse_get(setup, units, personas, login):
    directive, _target = setup
    report = make_report(directive, units["DHOP"], personas["commune_commander"])
    client = login(personas["district_officer"])
    for name in ("report_submit", "report_review", "report_revise"):
        url = reverse(f"directives:{name}", kwargs={"public_id": report.public_id})
        assert client.get(url).status_code == 405
    anonymous = client.__class__()
    url = reverse("directives:report_submit", kwargs={"public_id": report.public_id})
    assert anonymous.post(url).status_code == 302


def test_milestone_toggle(units, personas, login):
    directive, _target = make_directive(units["KD"])
    checklist = add_target(
        directive.tasks.get(),
        2,
        "Khởi công trụ sở Ban CHQS xã",
        kind="milestones",
        milestones=["Phê duyệt chủ trương", "Khởi công"],
    )
    first = checklist.milestones.get(order=1)
    url = reverse("directives:milestone_toggle", kwargs={"public_id": first.public_id})
    assert login(personas["leader"]).post(url, {"done_on": "10/03/2025"}).status_code == 403
    assert login(personas["commune_commander"]).post(url).status_code == 404
    response = login(personas["district_officer"]).post(url, {"done_on": "10/03/2025"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.done_on == dt.date(2025, 3, 10)
    board = selectors.board(user=personas["leader"], directive=directive, on=dt.date(2025, 6, 30))
    row = next(r for r in board.tasks[0].targets if r.target.pk == checklist.pk)
    assert row.progress == 50 and row.milestones_done == 1


def test_standing_committee_report_docx_and_pdf(setup, units, personas, login):
    directive, _target = setup
    _approved(directive, units["DHOP"], personas["commune_commander"], personas["district_officer"])
    client = login(personas["leader"])
    kw = {"public_id": directive.public_id}
    response = client.get(
        reverse("directives:standing_report_docx", kwargs=kw),
        {"from": "01/01/2025", "to": "30/06/2025"},
    )
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "1. Xây dựng khu vực phòng thủ" in text
    assert "Thu hồi đất căn cứ hậu phương" in text
    assert "BÁO CÁO" in text and "Nơi nhận" in text
    assert "Đức Hợp: Đã kiểm đếm." in text
    response = client.get(
        reverse("directives:standing_report_pdf", kwargs=kw), {"to": "30/06/2025"}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf_text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Xây dựng khu vực phòng thủ" in pdf_text
    assert "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ" in pdf_text


def test_demo_directive_loads_seven_tasks_idempotently(units, personas):
    from muster.demo.directives import load_demo_directive
    from muster.directives.models import Directive
    from tests.conscription.selection_factories import campaign_with_quota

    campaign_with_quota(units, personas["district_officer"])  # the demo loads it first
    create_demo_accounts(units)
    directive = load_demo_directive(units=units)
    assert directive is not None
    assert load_demo_directive(units=units) is None
    assert Directive.objects.count() == 1
    tasks = list(directive.tasks.order_by("order"))
    assert [t.order for t in tasks] == [1, 2, 3, 4, 5, 6, 7]
    assert all(t.description for t in tasks)
    assert "Đức Trung" in tasks[0].description
    assert "Bùi Văn Phúc" in directive.full_text
    assert Report.objects.filter(status=ReportStatus.APPROVED).exists()
    assert Report.objects.filter(revision=2, status=ReportStatus.APPROVED).exists()
    assert Report.objects.filter(status=ReportStatus.RETURNED).exists()
    board = selectors.board(user=personas["leader"], directive=directive, on=dt.date(2025, 6, 30))
    statuses = {r.status for t in board.tasks for r in t.targets}
    assert {Status.DONE, Status.ON_TRACK, Status.AT_RISK, Status.LATE, Status.NO_DATA} <= statuses
    assert board.overdue
