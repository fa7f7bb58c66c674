"""The reviews sent between agencies (sơ kết / tổng kết): figures that agree with the results
report (and with the scenario's own recount), frozen on sending, received and acknowledged by
the level above, the denied paths, and the PDF and Word files read back."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from docx import Document

from muster.accounts.models import Role
from muster.audit.models import AuditEvent
from muster.conscription.campaign.models import Campaign
from muster.reports import labels, reviews, selectors, services
from muster.reports.figures import metrics
from muster.reports.models import AgencyReport, ReviewKind
from tests.conftest import make_user
from tests.conscription.campaign_factories import matrix_campaign
from tests.reports.scenario import Scenario, summed

SENT = dt.date(2025, 2, 20)


@pytest.fixture
def scenario(units):
    return Scenario(units)


@pytest.fixture
def officer(units):
    return make_user("r.officer", Role.DISTRICT_OFFICER, units["KD"])


@pytest.fixture
def commander(units):
    return make_user("r.commander", Role.COMMUNE_COMMANDER, units["DHOP"])


def _campaign(scenario) -> Campaign:
    return Campaign.objects.get(pk=scenario.campaign.pk)


def _draft(actor, campaign, unit, kind=ReviewKind.FINAL) -> AgencyReport:
    review = services.review_create(actor=actor, campaign=campaign, unit=unit, kind=kind)
    return services.review_update(
        actor=actor,
        review=review,
        number="12/BC-BCHQS",
        results="Hoàn thành 100% chỉ tiêu giao quân.",
        shortcomings="Một số công dân vắng khám.",
        lessons="Làm tốt công tác tuyên truyền.",
        direction="Chuẩn bị nguồn cho năm sau.",
        signer_title="Chỉ huy trưởng",
        signer_name="Nguyễn Văn Đức",
    )


def _expected_total(scenario, keys=None) -> dict:
    """The scenario's recount (plain Python over the records), summed over ``keys``' rows."""
    expected = scenario.expected()
    rows = [v for k, v in expected.items() if keys is None or k in keys]
    total = summed(rows)
    return {m.key: total.get(m.key, 0 if m.kind == "int" else None) for m in metrics.METRICS}


def test_the_district_review_figures_are_the_results_reports_and_the_recount(
    scenario, officer, units
):
    campaign = _campaign(scenario)
    review = _draft(officer, campaign, units["KD"])
    assert review.sent_to == units["KD"].parent
    live = reviews.review_figures(officer, review)
    report = selectors.results_report(user=officer, campaign=campaign, unit=units["KD"])
    assert reviews.total_of(live) == report.total
    assert reviews.total_of(live) == _expected_total(scenario)
    assert len(live["lines"]) == 15  # one row per commune, as in the results report
    services.review_send(actor=officer, review=review, sent_on=SENT)
    review.refresh_from_db()
    assert reviews.total_of(review.figures) == _expected_total(scenario)
    assert review.figures["total"]["handed_over"] > 0
    # The summary shown and printed carries the results report's words and figures.
    with translation.override("vi"):
        label = labels.label("handed_over", campaign.handover_start)
    summary = dict(reviews.summary_rows(review.figures))
    assert summary[label] == f"{review.figures['total']['handed_over']:,}".replace(",", ".")


def test_the_commune_review_covers_its_commune_only(scenario, commander, units):
    campaign = _campaign(scenario)
    review = _draft(commander, campaign, units["DHOP"], ReviewKind.PRELIMINARY)
    assert review.sent_to == units["KD"]
    live = reviews.review_figures(commander, review)
    assert len(live["lines"]) == 1
    assert reviews.total_of(live) == _expected_total(scenario, {"DHOP"})
    document = reviews.document(review, live, on=SENT)
    assert document.issuer == ("UBND XÃ ĐỨC HỢP", "BAN CHỈ HUY QUÂN SỰ")
    assert "Kết quả của các xã, phường" not in [s.heading for s in document.sections]
    assert document.recipients[0] == "Ban Chỉ huy quân sự huyện Kim Động (để báo cáo)"


def test_the_sent_snapshot_is_frozen(scenario, commander, officer, units):
    campaign = _campaign(scenario)
    review = _draft(commander, campaign, units["DHOP"])
    services.review_send(actor=commander, review=review, sent_on=SENT)
    review.refresh_from_db()
    frozen = reviews.total_of(review.figures)
    # Without his transfer event the citizen who moved after the day counts in Đức Hợp.
    scenario.moved_in.registration_events.all().delete()
    live = selectors.results_report(user=commander, campaign=campaign, unit=units["DHOP"])
    assert live.total["registered"] == frozen["registered"] + 1
    review = AgencyReport.objects.get(pk=review.pk)
    assert reviews.total_of(reviews.review_figures(officer, review)) == frozen
    with pytest.raises(ValidationError):
        services.review_update(actor=commander, review=review, results="Sửa sau khi gửi")
    with pytest.raises(ValidationError):
        services.review_send(actor=commander, review=review, sent_on=SENT)


def test_sent_received_acknowledged_with_dates_and_audit(db, units, personas, world_review):
    commander, officer = personas["commune_commander"], personas["district_officer"]
    review = world_review
    services.review_update(actor=commander, review=review, results="Đạt chỉ tiêu.")
    with pytest.raises(ValidationError):  # not sent yet
        services.review_receive(actor=officer, review=review, received_on=SENT)
    with pytest.raises(ValidationError):  # in the future
        services.review_send(actor=commander, review=review, sent_on=dt.date(2999, 1, 1))
    services.review_send(actor=commander, review=review, sent_on=SENT)
    # The commune cannot receive its own review: that is the level above's step.
    with pytest.raises(PermissionDenied):
        services.review_receive(actor=commander, review=review, received_on=SENT)
    with pytest.raises(ValidationError):  # before it was sent
        services.review_receive(actor=officer, review=review, received_on=SENT - dt.timedelta(1))
    with pytest.raises(ValidationError):  # not received yet
        services.review_acknowledge(actor=officer, review=review, acknowledged_on=SENT)
    services.review_receive(actor=officer, review=review, received_on=SENT)
    with pytest.raises(ValidationError):  # before it was received
        services.review_acknowledge(
            actor=officer, review=review, acknowledged_on=SENT - dt.timedelta(1)
        )
    services.review_acknowledge(
        actor=officer, review=review, acknowledged_on=SENT + dt.timedelta(2), remarks="Tốt."
    )
    review.refresh_from_db()
    assert (review.sent_on, review.received_on, review.acknowledged_on) == (
        SENT,
        SENT,
        SENT + dt.timedelta(2),
    )
    assert review.state == "acknowledged"
    assert review.acknowledged_by == officer and review.acknowledgement == "Tốt."
    actions = list(
        AuditEvent.objects.filter(action__startswith="reports.review")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reports.review_create",
        "reports.review_update",
        "reports.review_send",
        "reports.review_receive",
        "reports.review_acknowledge",
    ]


def test_the_sender_cannot_acknowledge_his_own_review(db, units, personas, world_review):
    officer = personas["district_officer"]
    services.review_update(actor=officer, review=world_review, results="Đạt.")
    services.review_send(actor=officer, review=world_review, sent_on=SENT)
    services.review_receive(actor=officer, review=world_review, received_on=SENT)
    with pytest.raises(ValidationError):
        services.review_acknowledge(actor=officer, review=world_review, acknowledged_on=SENT)


def test_denied_paths_of_the_services(db, units, personas, world_review, world):
    with pytest.raises(PermissionDenied):  # a read-only role
        services.review_update(actor=personas["leader"], review=world_review, results="x")
    with pytest.raises(PermissionDenied):  # outside the commander's area
        services.review_update(actor=personas["other_commander"], review=world_review, results="x")
    with pytest.raises(ValidationError):  # a review is written once per unit and kind
        services.review_create(
            actor=personas["commune_commander"],
            campaign=world_review.campaign,
            unit=units["DHOP"],
            kind=ReviewKind.PRELIMINARY,
        )
    with pytest.raises(ValidationError):  # a unit outside the actor's area
        services.review_create(
            actor=personas["commune_commander"],
            campaign=world_review.campaign,
            unit=units["DT"],
            kind=ReviewKind.FINAL,
        )
    with pytest.raises(ValidationError):  # writing the results comes before sending
        services.review_send(actor=personas["commune_commander"], review=world_review, sent_on=SENT)
    assert AgencyReport.objects.get(pk=world_review.pk).sent_on is None


# ----------------------------------------------------------------------------- pages


@pytest.fixture
def world(units):
    return {"unit_in": units["DHOP"], "unit_out": units["DT"]}


@pytest.fixture
def world_review(world, personas):
    campaign = matrix_campaign(world, "in")
    return services.review_create(
        actor=personas["commune_commander"],
        campaign=campaign,
        unit=world["unit_in"],
        kind=ReviewKind.PRELIMINARY,
    )


def _out_review(world):
    from muster.accounts.services import system_actor

    return services.review_create(
        actor=system_actor(),
        campaign=matrix_campaign(world, "out"),
        unit=world["unit_out"],
        kind=ReviewKind.PRELIMINARY,
    )


POSTS = ("reports:review_send", "reports:review_receive", "reports:review_acknowledge")


@pytest.mark.parametrize("name", POSTS)
def test_post_only_steps_refuse_get_anonymous_wrong_role_and_out_of_scope(
    client, personas, world, world_review, name
):
    path = reverse(name, args=[world_review.public_id])
    assert client.post(path, {"day": "20/02/2025"}).status_code == 302  # to the login
    assert "login" in client.post(path, {"day": "20/02/2025"})["Location"]
    client.force_login(personas["commune_commander"])
    assert client.get(path).status_code == 405
    client.force_login(personas["leader"])
    assert client.post(path, {"day": "20/02/2025"}).status_code == 403
    client.force_login(personas["other_commander"])
    assert client.post(path, {"day": "20/02/2025"}).status_code == 404
    out = _out_review(world)
    client.force_login(personas["commune_commander"])
    assert (
        client.post(reverse(name, args=[out.public_id]), {"day": "20/02/2025"}).status_code == 404
    )
    assert AgencyReport.objects.get(pk=world_review.pk).sent_on is None


def test_create_page_refuses_get_wrong_role_and_out_of_scope(client, personas, world):
    campaign = matrix_campaign(world, "in")
    path = reverse("reports:review_create", args=[campaign.public_id])
    data = {"kind": "final", "unit": str(world["unit_in"].public_id)}
    client.force_login(personas["commune_commander"])
    assert client.get(path).status_code == 405
    client.force_login(personas["leader"])
    assert client.post(path, data).status_code == 403
    client.force_login(personas["other_commander"])
    assert client.post(path, data).status_code == 404
    assert not AgencyReport.objects.exists()
    client.force_login(personas["commune_commander"])
    response = client.post(path, data)
    review = AgencyReport.objects.get()
    assert response["Location"] == reverse("reports:review_edit", args=[review.public_id])
    assert client.post(path, data).status_code == 400  # the same review twice


def test_the_commander_drafts_and_sends_the_officer_receives_and_acknowledges(
    client, personas, world_review
):
    review = world_review
    client.force_login(personas["commune_commander"])
    edit = reverse("reports:review_edit", args=[review.public_id])
    response = client.post(
        edit,
        {"number": "5/BC-BCHQS", "results": "Giao quân đạt 100%.", "shortcomings": "",
         "lessons": "", "direction": "", "signer_title": "", "signer_name": "Lê Văn Hùng"},
    )  # fmt: skip
    assert response.status_code == 302
    client.post(reverse("reports:review_send", args=[review.public_id]), {"day": "20/02/2025"})
    review.refresh_from_db()
    assert review.sent_on == SENT and review.figures["total"] is not None
    # A sent review's edit page sends back to the review.
    assert client.get(edit)["Location"] == reverse("reports:review_detail", args=[review.public_id])
    # The commander's receipt is refused: the level above records it.
    receive = reverse("reports:review_receive", args=[review.public_id])
    assert client.post(receive, {"day": "21/02/2025"}).status_code == 403
    client.force_login(personas["district_officer"])
    page = client.get(reverse("reports:review_detail", args=[review.public_id]))
    assert b"review-receive" in page.content
    client.post(receive, {"day": "19/02/2025"})  # before it was sent: refused with a message
    assert AgencyReport.objects.get(pk=review.pk).received_on is None
    client.post(receive, {"day": "21/02/2025"})
    ack = reverse("reports:review_acknowledge", args=[review.public_id])
    client.post(ack, {"day": "22/02/2025", "remarks": "Đã tiếp nhận."})
    review.refresh_from_db()
    assert review.received_on == dt.date(2025, 2, 21)
    assert review.acknowledged_on == dt.date(2025, 2, 22)
    listing = client.get(reverse("reports:reviews", args=[review.campaign.public_id]))
    assert "22/02/2025" in listing.content.decode()


def _pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "review.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_pdf_and_word_read_back_in_vietnamese(client, personas, world_review, tmp_path):
    commander = personas["commune_commander"]
    services.review_update(
        actor=commander,
        review=world_review,
        number="7/BC-BCHQS",
        results="Tổ chức khám tuyển chặt chẽ, đúng luật.",
        lessons="Phát huy vai trò của thôn.",
        signer_name="Lê Văn Hùng",
    )
    services.review_send(actor=commander, review=world_review, sent_on=SENT)
    client.force_login(personas["leader"])
    pdf = client.get(reverse("reports:review_pdf", args=[world_review.public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(_pdftotext(pdf.content, tmp_path).split())
    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 7/BC-BCHQS",
        "ngày 20 tháng 02 năm 2025",
        "Sơ kết công tác tuyển chọn và gọi công dân nhập ngũ năm 2025",
        "Tổ chức khám tuyển chặt chẽ, đúng luật.",
        "BÀI HỌC KINH NGHIỆM",
        "Nơi nhận",
        "Lê Văn Hùng",
    ):
        assert phrase in text, phrase
    docx = client.get(reverse("reports:review_docx", args=[world_review.public_id]))
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Phát huy vai trò của thôn." in body
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in body
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Lê Văn Hùng" in body + cells


def test_the_level_above_sees_who_has_sent(client, personas, world_review):
    commander, officer = personas["commune_commander"], personas["district_officer"]
    services.review_update(actor=commander, review=world_review, results="Đạt.")
    services.review_send(actor=commander, review=world_review, sent_on=SENT)
    board = selectors.review_board(officer, world_review.campaign)
    cells = {(row.unit.code, kind): r for row in board for kind, r in row.reviews}
    assert cells[(world_review.unit.code, ReviewKind.PRELIMINARY)] == world_review
    assert cells[(world_review.unit.code, ReviewKind.FINAL)] is None
    client.force_login(officer)
    page = client.get(reverse("reports:reviews", args=[world_review.campaign.public_id]))
    assert page.status_code == 200
    assert "20/02/2025" in page.content.decode()


def test_a_province_review_has_no_level_above_in_muster(db, units, personas):
    from muster.accounts.services import system_actor

    province = units["HY"]
    campaign = Campaign.objects.create(
        unit=province,
        year=2025,
        exam_start=dt.date(2024, 11, 1),
        exam_end=dt.date(2024, 12, 31),
        handover_start=dt.date(2025, 2, 13),
    )
    from muster.conscription.campaign.models import CampaignCommune

    CampaignCommune.objects.create(campaign=campaign, unit=units["DHOP"])
    review = services.review_create(
        actor=system_actor(), campaign=campaign, unit=province, kind=ReviewKind.FINAL
    )
    assert review.sent_to is None
    document = reviews.document(review, reviews.review_figures(personas["admin"], review), on=SENT)
    assert "Bộ Tư lệnh Quân khu (để báo cáo)" in document.recipients
    assert document.issuer[0] == "UBND TỈNH HƯNG YÊN"
    # The province's version tabulates its communes (a commune's own version does not).
    table = next(s.table for s in document.sections if s.heading == "Kết quả của các xã, phường")
    assert [row[0] for row in table.rows] == [units["DHOP"].name]


def test_after_the_reform_the_review_goes_to_the_regional_command(db, units, personas, world):
    """Sent on 1/7/2025, the day Kim Động district was dissolved: the new Đức Hợp's PTKV
    receives it (the day before, the district)."""
    commander, ptkv = personas["commune_commander"], personas["ptkv_officer"]
    campaign = matrix_campaign(world, "in")
    before = services.review_create(
        actor=commander, campaign=campaign, unit=units["DHOP"], kind=ReviewKind.PRELIMINARY
    )
    after = services.review_create(
        actor=commander, campaign=campaign, unit=units["DHOP"], kind=ReviewKind.FINAL
    )
    for review, day in ((before, dt.date(2025, 6, 30)), (after, dt.date(2025, 7, 1))):
        services.review_update(actor=commander, review=review, results="Đạt.")
        services.review_send(actor=commander, review=review, sent_on=day)
        review.refresh_from_db()
    assert before.sent_to == units["KD"]
    assert after.sent_to == units["PTKV1"]
    services.review_receive(actor=ptkv, review=after, received_on=dt.date(2025, 7, 2))
    assert AgencyReport.objects.get(pk=after.pk).received_by == ptkv


def test_the_demo_reviews(client, db):
    """The demo's reviews (``load_demo``, small scale): Đức Hợp's 2025 reviews sent with the
    figures its commander's results report shows, the steps dated, the 2027 one a draft."""
    import io

    from django.core.management import call_command

    from muster.accounts.models import User

    call_command("load_demo", scale=0.03, stdout=io.StringIO())
    commander = User.objects.get(username="duchop.commander")
    sent = AgencyReport.objects.filter(campaign__year=2025, unit__code="12106").order_by("kind")
    final, prelim = sent  # "final" < "preliminary"
    assert prelim.state == "acknowledged" and prelim.sent_to.code == "331"
    assert final.state == "received" and final.sent_to.code == "PTKV1"
    report = selectors.results_report(user=commander, campaign=prelim.campaign, unit=prelim.unit)
    assert reviews.total_of(prelim.figures) == report.total
    assert AgencyReport.objects.get(campaign__year=2027).state == "draft"
    client.force_login(commander)
    page = client.get(reverse("reports:reviews", args=[prelim.campaign.public_id]))
    assert page.status_code == 200 and "10/03/2025" in page.content.decode()
