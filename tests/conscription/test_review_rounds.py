"""The plan's review steps (phúc tra nắm nguồn, xét duyệt lần 1 and 2) against the province's
plan dates; their lists from the registry pool; the printed minutes; the screening call
decision (15 days); the "4 lấy 1" ratio and the ≤ 5 % standby on the board."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.conscription.selection import rounds
from muster.conscription.selection.models import ReviewKind, ReviewStep
from muster.conscription.selection.services import review as review_services
from muster.health.models import HealthCall, HealthSession
from muster.law.callup import campaign as rules
from muster.law.callup import selection as selection_rules
from tests.conscription.selection_factories import fit_people

PLAN = dt.date(2024, 8, 15)


def _pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _docx_text(data: bytes) -> str:
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# ----------------------------------------------------------------------------- pure rules


@pytest.mark.parametrize(
    ("held_on", "late"),
    [(PLAN - dt.timedelta(days=1), False), (PLAN, False), (PLAN + dt.timedelta(days=1), True)],
)
def test_a_plan_step_is_late_only_after_its_planned_day(held_on, late):
    assert rules.plan_step_late(held_on, PLAN) is late
    assert rules.plan_step_late(held_on, None) is False


@pytest.mark.parametrize(("called", "over"), [(11, False), (12, False), (13, True)])
def test_at_most_four_examined_per_quota_place(called, over):
    check = rules.ratio_check(quotas=(3,), exam_called=called, standby=0, on=dt.date(2024, 11, 1))
    assert check.exam_cap == 12
    assert check.exam_over is over


@pytest.mark.parametrize(("standby", "over"), [(2, False), (3, False), (4, True)])
def test_standby_at_most_five_percent_rounded_up_like_the_default(standby, over):
    check = rules.ratio_check(quotas=(59,), exam_called=0, standby=standby, on=dt.date(2026, 11, 1))
    assert check.standby_cap == 3  # 5 % of 59 = 2,95
    assert check.standby_over is over
    assert check.standby_cap == selection_rules.default_standby(59, dt.date(2026, 11, 1))


def test_the_standby_cap_adds_each_services_default():
    day = dt.date(2026, 11, 1)
    check = rules.ratio_check(quotas=(12, 1), exam_called=0, standby=2, on=day)
    assert check.standby_cap == 2  # army 12 → 1, police 1 → 1
    assert not check.standby_over


def test_the_ratio_rules_carry_tt_140_and_are_flagged_unverified():
    for code in ("campaign.ratio.exam_per_quota", "campaign.standby.cap"):
        item = rules.rule(code, dt.date(2026, 1, 1))
        assert not item.confirmed
        assert "TT 140/2015" in item.citations[0].label


@pytest.mark.parametrize(
    ("received", "late"),
    [(dt.date(2025, 9, 21), False), (dt.date(2025, 9, 22), False), (dt.date(2025, 9, 23), True)],
)
def test_the_screening_call_reaches_the_citizen_15_days_ahead(received, late):
    screening = dt.date(2025, 10, 7)  # latest day: 22/09/2025
    assert rules.latest_notice_day("campaign.notice.screening", screening) == dt.date(2025, 9, 22)
    assert rules.notice_is_late("campaign.notice.screening", received, screening) is late
    assert rules.rule("campaign.notice.screening", screening).confirmed
    assert not rules.rule("campaign.notice.screening", dt.date(2024, 10, 7)).confirmed


def test_the_approval_rounds_must_be_in_order():
    cal = rules.Calendar(
        year=2025,
        handover=dt.date(2025, 2, 13),
        first_approval_by=dt.date(2025, 1, 10),
        second_approval_by=dt.date(2025, 1, 5),
    )
    assert "approval_order" in rules.calendar_problems(cal)


# ----------------------------------------------------------------------------- rounds


def _plan(campaign):
    campaign.pool_review_by = PLAN
    campaign.first_approval_by = dt.date(2024, 8, 29)
    campaign.second_approval_by = dt.date(2025, 1, 13)
    campaign.save()


def _pool_review(actor, commune, held_on=PLAN):
    return review_services.review_step_record(
        actor=actor,
        commune=commune,
        kind=ReviewKind.POOL_REVIEW,
        held_on=held_on,
        chaired_by="Chỉ huy trưởng Ban CHQS xã",
        minutes="Phúc tra nắm nguồn công dân sẵn sàng nhập ngũ.",
        present=5,
        votes_for=5,
        votes_against=0,
        abstained=0,
    )


@pytest.mark.parametrize(
    ("held_on", "late"),
    [(dt.date(2024, 8, 14), False), (PLAN, False), (dt.date(2024, 8, 16), True)],
)
def test_the_pool_review_against_the_plan(commune, personas, held_on, late):
    _plan(commune.campaign)
    step = _pool_review(personas["commune_commander"], commune, held_on)
    commune.campaign.refresh_from_db()
    assert rounds.plan_due(step, commune.campaign) == PLAN
    assert rounds.plan_late(step, commune.campaign) is late


def test_the_pool_review_list_comes_from_the_registry_and_round_two_from_round_one(
    commune, units, personas
):
    _plan(commune.campaign)
    people = fit_people(units["DHOP"], 3)
    commander = personas["commune_commander"]
    step = _pool_review(commander, commune)
    added = review_services.review_list_fill(actor=commander, step=step)
    assert added >= 3
    listed = set(step.outcomes.values_list("person_id", flat=True))
    assert {p.pk for p in people} <= listed
    assert AuditEvent.objects.filter(action="selection.review.fill").count() == 1
    with pytest.raises(ValidationError):  # nothing left to add
        review_services.review_list_fill(actor=commander, step=step)
    with pytest.raises(PermissionDenied):  # the council's rounds are the council's
        council = review_services.review_step_record(
            actor=personas["service_council"],
            commune=commune,
            kind=ReviewKind.COUNCIL_REVIEW,
            round=1,
            held_on=dt.date(2024, 8, 29),
            chaired_by="Chủ tịch",
            members=9,
            present=8,
            minutes="Xét duyệt lần 1.",
            votes_for=7,
            votes_against=1,
            abstained=0,
        )
        review_services.review_list_fill(actor=commander, step=council)
    council = ReviewStep.objects.get(kind=ReviewKind.COUNCIL_REVIEW, round=1)
    assert not rounds.plan_late(council, commune.campaign)
    first = review_services.review_list_fill(actor=personas["service_council"], step=council)
    assert first >= 3
    council.outcomes.filter(person=people[0]).update(approved=False)
    second = review_services.review_step_record(
        actor=personas["service_council"],
        commune=commune,
        kind=ReviewKind.COUNCIL_REVIEW,
        round=2,
        held_on=dt.date(2025, 1, 14),
        chaired_by="Chủ tịch",
        members=9,
        present=8,
        minutes="Xét duyệt lần 2.",
        votes_for=7,
        votes_against=1,
        abstained=0,
    )
    assert rounds.plan_late(second, commune.campaign)  # plan: by 13/01/2025
    review_services.review_list_fill(actor=personas["service_council"], step=second)
    assert not second.outcomes.filter(person=people[0]).exists()
    assert second.outcomes.count() == first - 1


def test_a_list_the_meeting_did_not_carry_is_refused(commune, units, personas):
    fit_people(units["DHOP"], 1)
    step = review_services.review_step_record(
        actor=personas["commune_commander"],
        commune=commune,
        kind=ReviewKind.POOL_REVIEW,
        held_on=PLAN,
        chaired_by="Chỉ huy trưởng",
        minutes="Phúc tra.",
        present=6,
        votes_for=3,
        votes_against=3,
        abstained=0,
    )
    with pytest.raises(ValidationError):
        review_services.review_list_fill(actor=personas["commune_commander"], step=step)
    assert not step.outcomes.exists()


def _step_in(commune):
    return ReviewStep.objects.create(
        commune=commune,
        kind="council_review",
        held_on=dt.date(2025, 1, 8),
        chaired_by="Chủ tịch UBND xã",
        members=9,
        present=8,
        minutes="Biên bản",
        votes_for=8,
    )


def test_review_fill_access(client, personas, commune, units):
    fit_people(units["DHOP"], 1)
    step = _step_in(commune)
    url = reverse("campaigns:review_fill", args=[step.public_id])
    client.force_login(personas["service_council"])
    assert client.get(url).status_code == 405
    client.force_login(personas["leader"])
    assert client.post(url).status_code == 403
    client.force_login(personas["commune_commander"])  # the council's round: not his
    assert client.post(url).status_code == 403
    client.force_login(personas["service_council"])
    assert client.post(url).status_code == 302
    assert step.outcomes.exists()
    other = _step_in(commune.campaign.communes.exclude(unit=units["DHOP"]).first())
    client.force_login(personas["commune_commander"])
    assert client.post(reverse("campaigns:review_fill", args=[other.public_id])).status_code == 404


def test_the_minutes_print_with_the_list_and_the_plan(commune, units, personas, client, tmp_path):
    _plan(commune.campaign)
    fit_people(units["DHOP"], 2)
    step = _pool_review(personas["commune_commander"], commune, dt.date(2024, 8, 16))
    review_services.review_list_fill(actor=personas["commune_commander"], step=step)
    client.force_login(personas["commune_commander"])
    page = client.get(reverse("campaigns:review_detail", args=[step.public_id]))
    assert 'data-late="1"' in page.content.decode()
    pdf = client.get(reverse("campaigns:review_pdf", args=[step.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdftotext(pdf.content, tmp_path)
    assert "BIÊN BẢN PHÚC TRA NẮM NGUỒN" in text
    assert "15/08/2024" in text and "MUỘN" in text
    assert "Công dân 0" in text and "Đạt" in text
    word = client.get(reverse("campaigns:review_pdf", args=[step.public_id]), {"format": "docx"})
    assert "BIÊN BẢN PHÚC TRA NẮM NGUỒN" in _docx_text(word.content)


def test_the_screening_call_decision_prints_and_flags_late(units, personas, client, tmp_path):
    person = fit_people(units["DHOP"], 2)
    session = HealthSession.objects.create(
        kind="screening", unit=units["DHOP"], date=dt.date(2025, 10, 7), place="Trạm Y tế xã"
    )
    HealthCall.objects.create(session=session, person=person[0], notified_on=dt.date(2025, 9, 22))
    HealthCall.objects.create(session=session, person=person[1], notified_on=dt.date(2025, 9, 23))
    client.force_login(personas["commune_commander"])
    detail = client.get(reverse("health:session_detail", args=[session.public_id]))
    assert b"screening-call" in detail.content
    pdf = client.get(reverse("health:screening_call_pdf", args=[session.public_id]))
    text = _pdftotext(pdf.content, tmp_path)
    assert "QUYẾT ĐỊNH" in text and "sơ tuyển" in text
    assert "22/09/2025" in text and "Giao muộn" in text
    assert "Số công dân nhận muộn: 1" in text
    assert "Law 78/2015" in text
    url = reverse("health:screening_call_pdf", args=[session.public_id])
    word = _docx_text(client.get(url, {"format": "docx"}).content)
    assert "Giao muộn" in word and "sơ tuyển" in word


def test_the_board_shows_the_ratio_red_when_off(commune, units, personas, client):
    from muster.conscription.selection.models import SelectionList

    SelectionList.objects.create(commune=commune, service="army", standby=2)  # quota 3: cap 1
    client.force_login(personas["district_officer"])
    page = client.get(reverse("campaigns:campaign_board", args=[commune.campaign.public_id]))
    html = page.content.decode()
    assert 'data-testid="ratio-standby" data-off="1"' in html
    assert 'data-testid="ratio-note"' in html


@pytest.mark.parametrize(
    ("second", "refused"),
    [(dt.date(2024, 8, 28), True), (dt.date(2024, 8, 29), False), (dt.date(2024, 8, 30), False)],
)
def test_the_plan_days_are_entered_once_on_the_campaign(units, personas, second, refused):
    import dataclasses

    from muster.conscription.campaign import services as cs
    from tests.conscription.campaign_factories import CAL_2025

    cal = dataclasses.replace(
        CAL_2025, first_approval_by=dt.date(2024, 8, 29), second_approval_by=second
    )
    officer = personas["district_officer"]
    if refused:
        with pytest.raises(ValidationError) as caught:
            cs.campaign_create(actor=officer, unit=units["KD"], year=2025, call=1, calendar=cal)
        assert "Xét duyệt lần 2 phải sau lần 1." in str(caught.value)
        return
    campaign = cs.campaign_create(actor=officer, unit=units["KD"], year=2025, call=1, calendar=cal)
    assert (campaign.first_approval_by, campaign.second_approval_by) == (
        dt.date(2024, 8, 29),
        second,
    )


def test_the_campaign_form_asks_for_the_plan_days(client, personas):
    client.force_login(personas["district_officer"])
    page = client.get(reverse("campaigns:campaign_create")).content.decode()
    assert 'name="first_approval_by"' in page and 'name="second_approval_by"' in page
