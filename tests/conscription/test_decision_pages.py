"""The call-up decision's pages say what its document says (issue 16 item 6): the number as
printed ("Số: 1/2025"), the issuing authority and the commune on the public verification page,
the document's own title on screen, and no prefill of today's date on a closed campaign."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from muster.conscription.campaign import services as cs
from muster.conscription.campaign.documents import decision_heading
from muster.core.dates import prefill_day
from tests.conscription.campaign_factories import (
    dhop_commune,
    issue_decision,
    make_campaign,
    make_fit,
    set_quota,
)


@pytest.fixture
def decision(units, personas):
    officer = personas["district_officer"]
    campaign = make_campaign(officer, units["KD"])
    for commune in campaign.communes.all():
        cs.pool_set(actor=officer, commune=commune, stored_pool=10)
    set_quota(officer, campaign)
    return issue_decision(officer, dhop_commune(campaign, units), make_fit(units["DHOP"]))


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_number_is_formatted_once_as_the_document_prints_it(decision):
    assert decision.printed_number == "1/2025"
    assert decision.number_line == "Số: 1/2025"
    heading = decision_heading(decision)
    assert heading.number == "Số: 1/2025"
    assert heading.issuer == "BAN CHỈ HUY QUÂN SỰ HUYỆN KIM ĐỘNG"
    assert heading.document == "LỆNH GỌI CÔNG DÂN NHẬP NGŨ"


def test_verification_page_shows_authority_commune_and_printed_number(
    decision, client, personas, units, tmp_path
):
    html = client.get(reverse("campaigns:verify", args=[decision.token])).content.decode()
    assert "Số: 1/2025" in html
    assert "BAN CHỈ HUY QUÂN SỰ HUYỆN KIM ĐỘNG" in html
    assert "LỆNH GỌI CÔNG DÂN NHẬP NGŨ" in html
    assert units["DHOP"].name in html
    assert decision.person.national_id not in html
    client.force_login(personas["district_officer"])
    pdf = client.get(reverse("campaigns:decision_pdf", args=[decision.public_id]))
    assert "Số: 1/2025" in _pdf_text(pdf.content, tmp_path)


def test_decision_page_links_to_its_verification_page_and_carries_the_document_title(
    decision, client, personas
):
    client.force_login(personas["district_officer"])
    response = client.get(reverse("campaigns:decision_detail", args=[decision.public_id]))
    html = response.content.decode()
    assert reverse("campaigns:verify", args=[decision.token]) in html
    assert "Lệnh gọi công dân nhập ngũ" in html
    assert "Quyết định gọi nhập ngũ" not in html
    assert "Số: 1/2025" in html
    with translation.override("en"):
        assert decision.title == "Call-up order"
    with translation.override("vi"):
        assert decision.title == "Lệnh gọi công dân nhập ngũ"


def test_forms_of_a_closed_campaign_do_not_prefill_today(decision, client, personas):
    """The 2025 campaign handed over in February 2025: its forms leave the date empty."""
    client.force_login(personas["district_officer"])
    campaign = decision.campaign
    detail = client.get(reverse("campaigns:decision_detail", args=[decision.public_id]))
    assert detail.context["deliver_form"]["delivered_on"].value() is None
    issue = client.get(reverse("campaigns:decision_list", args=[campaign.public_id]))
    assert issue.context["form"]["issued_on"].value() is None
    quotas = client.get(reverse("campaigns:campaign_quotas", args=[campaign.public_id]))
    assert quotas.context["override_form"]["decided_on"].value() is None
    volunteers = client.get(reverse("campaigns:volunteer_list", args=[campaign.public_id]))
    assert volunteers.context["form"]["applied_on"].value() is None
    assert volunteers.context["withdraw_form"]["withdrawn_on"].value() is None
    reviews = client.get(reverse("campaigns:review_list", args=[campaign.public_id]))
    assert reviews.context["form"]["held_on"].value() is None
    posting = client.get(reverse("postings:posting_create", args=[decision.commune.public_id]))
    assert posting.context["form"]["posted_on"].value() is None


def test_prefill_day_is_today_only_inside_the_window():
    start, end = dt.date(2024, 11, 1), dt.date(2025, 2, 12)
    assert prefill_day(start, end, on=dt.date(2025, 1, 5)) == dt.date(2025, 1, 5)
    assert prefill_day(start, end, on=start) == start
    assert prefill_day(start, end, on=end) == end
    assert prefill_day(start, end, on=dt.date(2026, 12, 7)) is None
    assert prefill_day(start, end, on=dt.date(2024, 10, 31)) is None
    assert prefill_day(None, end, on=dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
