"""Authorities by date and by service (issue 14 item 4): before 1 Jul 2025 the district
police chief called CAND candidates (to the exam and to serve), the district military
commander the army's; from 1 Jul 2025 the commune chairman decides both. The printed decision
names the issuer of its day and service, with the commune's level (xã, phường) after the
reform."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muster.conscription.campaign import services as cs
from muster.conscription.campaign.documents import _issuer
from muster.conscription.decisions import services as decisions_services
from muster.geo.models import Unit
from muster.health.models import StationResult
from muster.law.callup import authorities
from tests.conscription.campaign_factories import make_fit
from tests.conscription.selection_factories import campaign_with_quota

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def measured(person, *, height: int):
    """Give the citizen's council result a physique station with ``height`` cm."""
    call = person.health_calls.get()
    StationResult.objects.create(call=call, station="physique", score=1, height_cm=height)
    return person


@pytest.mark.parametrize(
    ("service", "day", "code"),
    [
        ("army", BEFORE, "district_commander"),
        ("police", BEFORE, "district_police_chief"),
        ("army", AFTER, "commune_chairman"),
        ("police", AFTER, "commune_chairman"),
    ],
)
def test_who_calls_to_serve(service, day, code):
    authority = authorities.callup_authority(day, service)
    assert authority.code == code
    assert authority.citation


@pytest.mark.parametrize(
    ("service", "day", "code"),
    [
        ("army", BEFORE, "district_commander"),
        ("police", BEFORE, "district_police_chief"),
        ("police", AFTER, "commune_chairman"),
    ],
)
def test_who_calls_to_the_examination(service, day, code):
    assert authorities.health_call_authority(day, service)[0] == code


def test_the_police_document_names_cand_service():
    before = authorities.callup_authority(BEFORE, "police")
    after = authorities.callup_authority(AFTER, "police")
    assert before.signer_vi == "TRƯỞNG CÔNG AN HUYỆN"
    assert "CÔNG AN NHÂN DÂN" in before.document_vi and "CÔNG AN NHÂN DÂN" in after.document_vi


def test_a_ward_issues_as_a_ward(units):
    district = units["KD"]
    ward = Unit(name="Hồng Châu", kind="ward", code="X", valid_from=AFTER)
    commune = Unit(name="Đức Hợp", kind="commune", code="Y", valid_from=AFTER)
    chairman = authorities.callup_authority(AFTER)
    assert _issuer(chairman, ward, district) == "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG CHÂU"
    assert _issuer(chairman, commune, district) == "ỦY BAN NHÂN DÂN XÃ ĐỨC HỢP"
    police = authorities.callup_authority(BEFORE, "police")
    assert _issuer(police, commune, district) == "CÔNG AN HUYỆN KIM ĐỘNG"


def test_a_2025_police_decision_is_the_district_police_chiefs(
    police_commune, units, personas, client, tmp_path
):
    officer = personas["district_officer"]
    commune = police_commune
    army = decisions_services.decision_issue(
        actor=officer,
        commune=commune,
        person=make_fit(units["DHOP"], name="Bộ Đội"),
        service="army",
        issued_on=dt.date(2025, 1, 20),
    )
    police = decisions_services.decision_issue(
        actor=officer,
        commune=commune,
        person=measured(make_fit(units["DHOP"], name="Công An"), height=170),
        service="police",
        issued_on=dt.date(2025, 1, 20),
    )
    assert army.authority.startswith("district_commander:")
    assert police.authority.startswith("district_police_chief:")
    assert (army.number, police.number) == (1, 1)  # each authority numbers its own
    assert police.signer == "TRƯỞNG CÔNG AN HUYỆN"
    client.force_login(officer)
    pdf = client.get(reverse("campaigns:decision_pdf", args=[police.public_id]))
    path = tmp_path / "police.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "CÔNG AN HUYỆN KIM ĐỘNG" in flat
    assert "THỰC HIỆN NGHĨA VỤ THAM GIA CÔNG AN NHÂN DÂN" in flat
    assert "thực hiện nghĩa vụ tham gia Công an nhân dân" in flat


# ----------------------------------------------------------------------------- police standards


@pytest.fixture
def police_commune(units, personas):
    officer = personas["district_officer"]
    campaign = campaign_with_quota(units, officer, dhop_army=1)
    cs.quota_set(
        actor=officer,
        campaign=campaign,
        service="police",
        value=3,
        source_document="QĐ 2/QĐ-UBND",
        received_on=dt.date(2024, 12, 1),
    )
    commune = campaign.communes.select_related("unit", "campaign").get(unit=units["DHOP"])
    cs.override_set(
        actor=officer,
        commune=commune,
        service="police",
        value=2,
        reason="chốt",
        on=dt.date(2025, 1, 2),
    )
    return commune


@pytest.mark.parametrize(
    ("health_class", "height", "expected"),
    [
        (3, 170, "loại 1, 2"),  # the army takes class 3, the police do not
        (1, 163, "164 cm"),  # TT 62/2023 in force on the 2025 handover day
        (1, None, "Chưa đo chiều cao"),
    ],
)
def test_the_police_standards_refuse_what_the_army_accepts(
    police_commune, units, personas, health_class, height, expected
):
    from django.utils import translation

    from muster.conscription.decisions.models import CallupDecision

    person = make_fit(units["DHOP"], name="Ứng Viên")
    person.health_calls.update(health_class=health_class)
    if height is not None:
        measured(person, height=height)
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        decisions_services.decision_issue(
            actor=personas["district_officer"],
            commune=police_commune,
            person=person,
            service="police",
            issued_on=dt.date(2025, 1, 20),
        )
    message = " ".join(caught.value.messages)
    assert expected in message
    assert "Thông tư 62/2023/TT-BCA" in message
    assert "chưa được xác minh" in message  # legal reference §2.8 marks it [U]
    assert not CallupDecision.objects.filter(person=person).exists()
    # The same man passes the army's gate.
    assert decisions_services.decision_issue(
        actor=personas["district_officer"],
        commune=police_commune,
        person=person,
        service="army",
        issued_on=dt.date(2025, 1, 20),
    )


def test_the_old_police_table_applies_before_2024():
    from muster.law.book import rule

    old = rule("police.health", dt.date(2023, 12, 31))
    new = rule("police.health", dt.date(2024, 1, 1))
    assert (old.int_param("min_height_male"), new.int_param("min_height_male")) == (162, 164)
    assert not old.confirmed and not new.confirmed


# ----------------------------------------------------------------------------- list approval


def _frozen_unapproved(units, officer):
    from tests.conscription.selection_factories import fit_people, frozen_list

    campaign = campaign_with_quota(units, officer, dhop_army=2)
    commune = campaign.communes.select_related("unit", "campaign").get(unit=units["DHOP"])
    fit_people(units["DHOP"], 3)
    return commune, frozen_list(officer, commune, approve=False)


def test_the_list_is_approved_by_the_authority_of_the_day(units, personas):
    from muster.conscription.selection.services import lists as list_services

    officer = personas["district_officer"]
    _commune, frozen = _frozen_unapproved(units, officer)
    with pytest.raises(ValidationError):  # the commune does not approve its own list
        list_services.selection_approve(
            actor=personas["commune_commander"],
            selection_list=frozen,
            approved_on=dt.date(2025, 1, 15),
            approval_number="1/QĐ-UBND",
        )
    with pytest.raises(ValidationError, match=r"handover|giao quân"):
        list_services.selection_approve(
            actor=officer,
            selection_list=frozen,
            approved_on=dt.date(2025, 2, 13),
            approval_number="1/QĐ-UBND",
        )
    approved = list_services.selection_approve(
        actor=officer,
        selection_list=frozen,
        approved_on=dt.date(2025, 1, 15),
        approval_number="1/QĐ-UBND",
    )
    assert approved.approval_authority == "district_chairman"
    with pytest.raises(ValidationError, match=r"already|đã được"):
        list_services.selection_approve(
            actor=officer,
            selection_list=approved,
            approved_on=dt.date(2025, 1, 16),
            approval_number="2/QĐ-UBND",
        )


def test_after_the_reform_the_provincial_chairman_needs_the_councils_proposal():
    code, title, _citation, needs = authorities.callup_list_authority(AFTER)
    assert (code, needs) == ("provincial_chairman", True)
    assert title == "Chủ tịch UBND tỉnh"
    assert authorities.callup_list_authority(BEFORE)[0] == "district_chairman"


def test_the_page_records_the_approval(units, personas, client):
    officer = personas["district_officer"]
    _commune, frozen = _frozen_unapproved(units, officer)
    client.force_login(officer)
    url = reverse("campaigns:selection_detail", args=[frozen.public_id])
    page = client.get(url)
    assert "Chủ tịch UBND huyện" in page.content.decode()
    bad = client.post(url, {"action": "approve", "a-approved_on": "15/01/2025"})
    assert bad.status_code == 400
    done = client.post(
        url,
        {"action": "approve", "a-approved_on": "15/01/2025", "a-approval_number": "15/QĐ-UBND"},
    )
    assert done.status_code == 302
    frozen.refresh_from_db()
    assert (frozen.approved_on, frozen.approval_number) == (dt.date(2025, 1, 15), "15/QĐ-UBND")


# ----------------------------------------------------------------------------- place of reporting


def test_the_decision_names_the_place_of_reporting(
    police_commune, units, personas, client, tmp_path
):
    officer = personas["district_officer"]
    named = decisions_services.decision_issue(
        actor=officer,
        commune=police_commune,
        person=make_fit(units["DHOP"], name="Có Nơi"),
        service="army",
        issued_on=dt.date(2025, 1, 20),
        report_place="Hội trường UBND xã Đức Hợp, 6 giờ 30",
    )
    default = decisions_services.decision_issue(
        actor=officer,
        commune=police_commune,
        person=measured(make_fit(units["DHOP"], name="Mặc Định"), height=170),
        service="police",
        issued_on=dt.date(2025, 1, 20),
    )
    assert named.report_place == "Hội trường UBND xã Đức Hợp, 6 giờ 30"
    assert default.report_place == "Trụ sở Ban Chỉ huy quân sự xã Đức Hợp"
    client.force_login(officer)
    pdf = client.get(reverse("campaigns:decision_pdf", args=[named.public_id]))
    path = tmp_path / "named.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Địa điểm có mặt: Hội trường UBND xã Đức Hợp, 6 giờ 30." in " ".join(text.split())
