"""Handover: receiving units and the numbers each takes, the handover record and its PDF, the
unit's re-examination within 10 days, returns with both health forms, replacements from the
standby list within 15 days and 2 %, and the campaign board's indicators."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muster.accounts.services import system_actor
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover import services as hs
from muster.conscription.handover.models import Recruit, Replacement, ReturnReason
from muster.law.callup import selection as selection_rules
from tests.conscription.campaign_factories import dhop_commune, issue_decision
from tests.conscription.selection_factories import (
    HANDOVER,
    campaign_with_quota,
    fit_people,
    handed_over,
    issued_list,
)

# ----------------------------------------------------------------------------- pure rules


@pytest.mark.parametrize(
    ("rechecked", "late"),
    [(dt.date(2025, 2, 13), False), (dt.date(2025, 2, 23), False), (dt.date(2025, 2, 24), True)],
)
def test_reexamination_within_10_days_inclusive(rechecked, late):
    assert selection_rules.reexam_late(HANDOVER, rechecked) is late


@pytest.mark.parametrize(
    ("replaced", "late"), [(dt.date(2025, 2, 28), False), (dt.date(2025, 3, 1), True)]
)
def test_replacement_within_15_days_inclusive(replaced, late):
    assert selection_rules.replacement_late(HANDOVER, replaced) is late


@pytest.mark.parametrize(
    ("count", "quota", "over"),
    [(1, 49, True), (1, 50, False), (2, 50, True), (3, 150, False), (4, 150, True)],
)
def test_the_2_percent_cap_rounds_down(count, quota, over):
    assert selection_rules.replacement_over_cap(count, quota, HANDOVER) is over


def test_who_organises_the_handover_changes_on_1_july_2025():
    before = selection_rules.handover_organiser(dt.date(2025, 6, 30))
    after = selection_rules.handover_organiser(dt.date(2025, 7, 1))
    assert before.organiser_vi == "Ủy ban nhân dân huyện"
    assert after.organiser_vi == "Ủy ban nhân dân tỉnh"
    assert after.ceremony_vi == "Ban Chỉ huy phòng thủ khu vực"
    assert "35(2)" in after.citation and "98/2025" in after.citation


# ----------------------------------------------------------------------------- the world


@pytest.fixture
def listed(commune, units, officer):
    """Six callable citizens: 3 official, 3 standby, decisions for the official ones."""
    return issued_list(officer, commune, people=6, standby=3)


@pytest.fixture
def handover(listed, commune, officer):
    return handed_over(officer, commune)


def _standby(listed):
    return [e.person for e in listed.entries.filter(list_kind="standby").order_by("place")]


def _recheck(officer, recruit, on, *, health_class, fit=True):
    return hs.recruit_recheck(
        actor=officer, recruit=recruit, rechecked_on=on, fit=fit, health_class=health_class
    )


def _returned(officer, recruit, *, on=dt.date(2025, 2, 20), kind=ReturnReason.PROCEDURE):
    return hs.recruit_return(
        actor=officer,
        recruit=recruit,
        returned_on=on,
        reason_kind=kind,
        reason="Hồ sơ thiếu xác minh chính trị",
    )


# ----------------------------------------------------------------------------- units, plans


def test_receiving_units_and_the_numbers_each_takes(commune, officer, personas):
    army = hs.receiving_unit_create(actor=officer, code="D395", name="Sư đoàn 395", service="army")
    other = hs.receiving_unit_create(actor=officer, code="L513", name="Lữ đoàn 513", service="army")
    police = hs.receiving_unit_create(
        actor=officer, code="CAT", name="Công an tỉnh", service="police"
    )
    with pytest.raises(ValidationError) as err:
        hs.receiving_unit_create(actor=officer, code="D395", name="Trùng", service="army")
    assert "code" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        hs.receiving_unit_create(actor=personas["leader"], code="X", name="X", service="army")
    hs.plan_set(actor=officer, commune=commune, receiving_unit=army, number=2)
    hs.plan_set(actor=officer, commune=commune, receiving_unit=other, number=1)
    with pytest.raises(ValidationError, match="3"):  # 2 + 2 is more than the quota of 3
        hs.plan_set(actor=officer, commune=commune, receiving_unit=other, number=2)
    with pytest.raises(ValidationError):  # no police quota split for this campaign
        hs.plan_set(actor=officer, commune=commune, receiving_unit=police, number=1)
    assert hs.plan_set(actor=officer, commune=commune, receiving_unit=other, number=0) is None
    assert commune.handover_plans.get().number == 2
    with pytest.raises(ValidationError):  # another commune's commander
        hs.plan_set(
            actor=personas["other_commander"], commune=commune, receiving_unit=army, number=1
        )


# ----------------------------------------------------------------------------- the record


def test_the_handover_record_takes_the_communes_valid_decisions(listed, commune, officer):
    unit = hs.receiving_unit_create(actor=officer, code="D395", name="Sư đoàn 395", service="army")
    decisions = list(CallupDecision.objects.filter(commune=commune, status="valid"))
    record = {
        "actor": officer,
        "commune": commune,
        "receiving_unit": unit,
        "handed_on": HANDOVER,
        "place": "Sân vận động huyện",
        "locality_signer": "Nguyễn Văn Hùng",
        "unit_signer": "Trần Quốc Toản",
    }
    with pytest.raises(ValidationError, match="chốt quân số"):
        hs.handover_record(**record, decisions=decisions)
    hs.plan_set(actor=officer, commune=commune, receiving_unit=unit, number=2)
    with pytest.raises(ValidationError, match="vượt quân số"):
        hs.handover_record(**record, decisions=decisions)
    with pytest.raises(ValidationError) as err:
        hs.handover_record(**{**record, "handed_on": dt.date(2025, 2, 12)}, decisions=decisions[:2])
    assert "handed_on" in err.value.message_dict
    police = hs.receiving_unit_create(actor=officer, code="CAT", name="Công an", service="police")
    with pytest.raises(ValidationError, match="lực lượng kia"):
        hs.handover_record(**{**record, "receiving_unit": police}, decisions=decisions[:1])
    first = hs.handover_record(**record, decisions=decisions[:2])
    assert first.recruits.count() == 2
    with pytest.raises(ValidationError, match="Đã giao"):
        hs.handover_record(**record, decisions=decisions[:1])
    cs_revoked = decisions[2]
    cs_revoked.status = DecisionStatus.REVOKED
    cs_revoked.save()
    hs.plan_set(actor=officer, commune=commune, receiving_unit=unit, number=3)
    with pytest.raises(ValidationError, match="không có quyết định"):
        hs.handover_record(**record, decisions=[cs_revoked])


def test_a_closed_handover_leaves_the_dates_of_its_forms_empty(handover, client, officer):
    """Handed over in February 2025: past the 10 and 15 days, today is no default."""
    client.force_login(officer)
    recruit = handover.recruits.first()
    page = client.get(reverse("campaigns:recruit_detail", args=[recruit.public_id]))
    assert page.context["recheck_form"]["rechecked_on"].value() is None
    assert page.context["return_form"]["returned_on"].value() is None
    assert page.context["replacement_form"]["replaced_on"].value() is None


def test_the_printed_handover_record(handover, client, officer, tmp_path):
    client.force_login(officer)
    response = client.get(reverse("campaigns:handover_pdf", args=[handover.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "bb.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "BIÊN BẢN GIAO NHẬN QUÂN" in text
    assert "ỦY BAN NHÂN DÂN HUYỆN" in text  # who organised a handover on 13/02/2025
    assert "Nguyễn Văn Hùng" in text and "Trần Quốc Toản" in text
    for recruit in handover.recruits.select_related("decision__person"):
        assert recruit.decision.person.full_name in text
    assert "23/02/2025" in text and "28/02/2025" in text  # the 10- and 15-day deadlines
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout
    assert "DejaVu" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())  # emb


# ----------------------------------------------------------------------------- after handover


def test_reexamination_after_10_days_is_recorded_with_a_warning(handover, officer):
    first, second = handover.recruits.order_by("decision__number")[:2]
    assert _recheck(officer, first, dt.date(2025, 2, 23), health_class=2) == []
    warnings = _recheck(officer, second, dt.date(2025, 2, 24), health_class=1)
    assert len(warnings) == 1 and "23/02/2025" in warnings[0]
    second.refresh_from_db()
    assert second.rechecked_on == dt.date(2025, 2, 24)  # recorded, not refused
    with pytest.raises(ValidationError) as err:
        _recheck(officer, first, dt.date(2025, 2, 20), health_class=4)
    assert "health_class" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _recheck(officer, first, dt.date(2025, 2, 12), fit=False, health_class=4)
    assert "rechecked_on" in err.value.message_dict


def test_a_return_for_health_needs_the_unfit_finding_and_both_forms(handover, officer):
    recruit = handover.recruits.first()
    health = {
        "actor": officer,
        "recruit": recruit,
        "returned_on": dt.date(2025, 2, 21),
        "reason_kind": ReturnReason.HEALTH,
        "reason": "Phát hiện bệnh tim bẩm sinh",
    }
    with pytest.raises(ValidationError) as err:
        hs.recruit_return(**health)
    assert {"reason_kind", "council_form_ref", "recheck_form_ref"} <= set(err.value.message_dict)
    _recheck(officer, recruit, dt.date(2025, 2, 20), fit=False, health_class=5)
    returned = hs.recruit_return(
        **health, council_form_ref="Phiếu SK số 12/HĐKSK", recheck_form_ref="Phiếu PT số 3/D395"
    )
    assert returned.recruit == recruit
    with pytest.raises(ValidationError):
        hs.recruit_return(
            **health, council_form_ref="Phiếu SK số 12/HĐKSK", recheck_form_ref="Phiếu PT số 3"
        )
    with pytest.raises(ValidationError):  # a returned recruit is not re-examined again
        _recheck(officer, recruit, dt.date(2025, 2, 22), health_class=1)


def test_a_replacement_takes_the_next_standby_citizen(handover, listed, officer, commune):
    recruits = list(handover.recruits.order_by("decision__number").select_related("decision"))
    standby = _standby(listed)
    last_number = max(CallupDecision.objects.values_list("number", flat=True))
    result = hs.replacement_record(
        actor=officer, returned=_returned(officer, recruits[0]), replaced_on=dt.date(2025, 2, 28)
    )
    replacement = result.replacement
    assert replacement.decision.person == standby[0]
    assert replacement.decision.number == last_number + 1  # the campaign's numbering
    assert replacement.decision.status == DecisionStatus.VALID
    recruits[0].decision.refresh_from_db()
    assert recruits[0].decision.status == DecisionStatus.REPLACED
    assert replacement.late is False
    # The locality gave this unit 3 recruits: 2 % of 3 is 0, so any replacement is over the cap.
    assert replacement.over_cap is True and len(result.warnings) == 1
    late = hs.replacement_record(
        actor=officer, returned=_returned(officer, recruits[1]), replaced_on=dt.date(2025, 3, 1)
    )
    assert late.replacement.late is True and late.replacement.decision.person == standby[1]
    assert any("28/02/2025" in w for w in late.warnings)
    with pytest.raises(ValidationError, match="đã được bù đổi"):
        hs.replacement_record(
            actor=officer, returned=recruits[0].returned, replaced_on=dt.date(2025, 3, 2)
        )
    valid = CallupDecision.objects.filter(commune=commune, status=DecisionStatus.VALID)
    assert valid.count() == 3  # the quota, never more
    assert len(set(valid.values_list("person_id", flat=True))) == 3


def test_the_citizens_pages_show_decision_handover_return_and_replacement(
    client, handover, listed, officer, personas
):
    """The registry page of each citizen carries his call-up story, linked; a citizen who was
    never called says so. The card costs the same number of queries with or without it."""
    recruit = handover.recruits.order_by("decision__number").select_related("decision").first()
    returned = _returned(officer, recruit)
    result = hs.replacement_record(
        actor=officer, returned=returned, replaced_on=dt.date(2025, 2, 28)
    )
    first, second = recruit.decision, result.replacement.decision
    client.force_login(personas["commune_commander"])

    def page(person):
        url = reverse("people:person_detail", kwargs={"public_id": person.public_id})
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        return html, len(queries)

    html, called_queries = page(first.person)
    assert reverse("campaigns:decision_detail", kwargs={"public_id": first.public_id}) in html
    assert reverse("campaigns:recruit_detail", kwargs={"public_id": recruit.public_id}) in html
    assert f"Lệnh gọi công dân nhập ngũ số {first.number}/2025 ngày 20/01/2025" in html
    assert "Bàn giao ngày 13/02/2025 cho Sư đoàn D395" in html
    assert "trả về ngày 20/02/2025" in html
    html, _ = page(second.person)
    assert reverse("campaigns:decision_detail", kwargs={"public_id": second.public_id}) in html
    assert f"thay {first.person.full_name}" in html
    assert (
        client.get(
            reverse("campaigns:decision_detail", kwargs={"public_id": second.public_id})
        ).status_code
        == 200
    )

    never = fit_people(handover.commune.unit, 1, prefix="Chưa gọi")[0]
    html, never_queries = page(never)
    assert "Chưa có quyết định gọi nhập ngũ, đơn tình nguyện hay vụ vi phạm." in html
    assert never_queries == called_queries


def test_within_the_cap_when_the_locality_gives_the_unit_enough(units, officer, personas):
    campaign = campaign_with_quota(units, officer, dhop_army=3, army=150)
    commune = dhop_commune(campaign, units)
    issued_list(officer, commune, people=4, standby=1)
    handover = handed_over(officer, commune)
    unit = handover.receiving_unit
    for other in campaign.communes.exclude(pk=commune.pk):
        quota = other.allocations.get(service="army").final
        if quota:
            hs.plan_set(actor=officer, commune=other, receiving_unit=unit, number=quota)
    assert hs.locality_quota_with(campaign.pk, unit) == 150
    assert hs.replacement_cap_for(campaign.pk, unit, HANDOVER) == 3
    result = hs.replacement_record(
        actor=officer,
        returned=_returned(officer, handover.recruits.first()),
        replaced_on=dt.date(2025, 2, 25),
    )
    assert (result.replacement.late, result.replacement.over_cap, result.warnings) == (
        False,
        False,
        [],
    )


def test_passing_over_the_next_standby_citizen_needs_a_reason(handover, listed, officer):
    recruits = list(handover.recruits.order_by("decision__number"))
    standby = _standby(listed)
    returned = _returned(officer, recruits[0])
    with pytest.raises(ValidationError) as err:
        hs.replacement_record(
            actor=officer, returned=returned, replaced_on=dt.date(2025, 2, 22), person=standby[1]
        )
    assert "skip_reason" in err.value.message_dict
    remaining = listed.entries.filter(list_kind="remaining").first()
    outsider = remaining.person if remaining else recruits[1].decision.person
    with pytest.raises(ValidationError) as err:
        hs.replacement_record(
            actor=officer, returned=returned, replaced_on=dt.date(2025, 2, 22), person=outsider
        )
    assert "person" in err.value.message_dict
    chosen = hs.replacement_record(
        actor=officer,
        returned=returned,
        replaced_on=dt.date(2025, 2, 22),
        person=standby[1],
        skip_reason="Người dự phòng thứ nhất đang điều trị tại bệnh viện",
    )
    assert chosen.replacement.decision.person == standby[1]
    assert chosen.replacement.skip_reason.startswith("Người dự phòng")
    # The first standby citizen is still the next one.
    nxt = hs.replacement_record(
        actor=officer, returned=_returned(officer, recruits[1]), replaced_on=dt.date(2025, 2, 23)
    )
    assert nxt.replacement.decision.person == standby[0]
    assert nxt.replacement.skip_reason == ""
    hs.replacement_record(
        actor=officer, returned=_returned(officer, recruits[2]), replaced_on=dt.date(2025, 2, 23)
    )
    # Every standby citizen is called: a replacement of a replacement has nobody left.
    extra = hs.handover_record(
        actor=officer,
        commune=handover.commune,
        receiving_unit=handover.receiving_unit,
        handed_on=dt.date(2025, 2, 24),
        place="",
        locality_signer="A",
        unit_signer="B",
        decisions=list(
            CallupDecision.objects.filter(
                commune=handover.commune, status="valid", recruit__isnull=True
            )
        ),
    )
    again = _returned(officer, extra.recruits.first(), on=dt.date(2025, 2, 25))
    with pytest.raises(ValidationError, match="hết"):
        hs.replacement_record(actor=officer, returned=again, replaced_on=dt.date(2025, 2, 26))


def test_no_frozen_list_no_replacement(units, officer):
    campaign = campaign_with_quota(units, officer, dhop_army=2)
    commune = dhop_commune(campaign, units)

    for person in fit_people(units["DHOP"], 2):
        issue_decision(officer, commune, person)
    handover = handed_over(officer, commune)
    with pytest.raises(ValidationError, match="dự phòng"):
        hs.replacement_record(
            actor=officer,
            returned=_returned(officer, handover.recruits.first()),
            replaced_on=dt.date(2025, 2, 22),
        )


# ----------------------------------------------------------------------------- the board


def _board_row(client, campaign, commune):
    response = client.get(reverse("campaigns:campaign_board", args=[campaign.public_id]))
    assert response.status_code == 200
    return response, next(r for r in response.context["rows"] if r.commune.pk == commune.pk)


def test_the_board_counts_selection_handover_and_replacements(
    handover, listed, commune, campaign, officer, client
):
    client.force_login(officer)
    response, row = _board_row(client, campaign, commune)
    assert (row.after.selected, row.after.handed_over, row.after.returned) == (3, 3, 0)
    assert row.after.replacements == 0
    assert row.after.late_reexams == 3  # not re-examined, and the 10 days are long past
    assert response.context["replacements_total"] == 0
    recruits = list(handover.recruits.order_by("decision__number"))
    for recruit, day in zip(recruits, (22, 23, 25), strict=True):
        _recheck(officer, recruit, dt.date(2025, 2, day), health_class=1)
    hs.replacement_record(
        actor=officer, returned=_returned(officer, recruits[0]), replaced_on=dt.date(2025, 2, 26)
    )
    response, row = _board_row(client, campaign, commune)
    assert (row.after.returned, row.after.replacements, row.after.late_reexams) == (1, 1, 1)
    assert response.context["replacements_total"] == 1
    html = response.content.decode()
    assert 'data-testid="replacements"><span class="badge text-bg-danger">1</span>' in html


def test_board_queries_do_not_grow_with_recruits_and_replacements(
    listed, commune, campaign, officer, client
):
    client.force_login(officer)
    url = reverse("campaigns:campaign_board", args=[campaign.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    handover = handed_over(officer, commune)
    for recruit in handover.recruits.all()[:2]:
        hs.replacement_record(
            actor=officer, returned=_returned(officer, recruit), replaced_on=dt.date(2025, 2, 26)
        )
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)
    assert Replacement.objects.count() == 2


# ----------------------------------------------------------------------------- pages


def test_handover_pages_record_and_list(listed, commune, campaign, personas, client):
    commander = personas["commune_commander"]
    client.force_login(commander)
    index = reverse("campaigns:handover_index", args=[campaign.public_id])
    assert (
        client.post(
            index,
            {
                "action": "unit",
                "u-code": "D395",
                "u-name": "Sư đoàn 395",
                "u-service": "army",
            },
        ).status_code
        == 302
    )
    unit = hs.receiving_unit_create(
        actor=system_actor(), code="L513", name="Lữ đoàn 513", service="army"
    )
    plan = {
        "action": "plan",
        "p-commune": str(commune.public_id),
        "p-receiving_unit": str(unit.public_id),
        "p-number": "9",
    }
    too_many = client.post(index, plan)
    assert too_many.status_code == 400 and "vượt chỉ tiêu chốt" in too_many.content.decode()
    assert client.post(index, {**plan, "p-number": "3"}).status_code == 302
    new = reverse("campaigns:handover_new", args=[commune.public_id])
    fragment = client.get(new, {"receiving_unit": str(unit.public_id)}, HTTP_HX_REQUEST="true")
    decisions = list(CallupDecision.objects.filter(commune=commune, status="valid"))
    assert all(d.person.full_name in fragment.content.decode() for d in decisions)
    form = {
        "receiving_unit": str(unit.public_id),
        "handed_on": "13/02/2025",
        "place": "Sân vận động",
        "locality_signer": "Nguyễn Văn Hùng",
        "unit_signer": "",
        "decisions": [str(d.public_id) for d in decisions],
    }
    bad = client.post(new, form)
    assert bad.status_code == 400
    done = client.post(new, {**form, "unit_signer": "Trần Quốc Toản"})
    assert done.status_code == 302
    assert Recruit.objects.count() == 3
    recruit = Recruit.objects.order_by("decision__number").first()
    page = reverse("campaigns:recruit_detail", args=[recruit.public_id])
    late = client.post(
        page,
        {"action": "recheck", "c-rechecked_on": "25/02/2025", "c-fit": "0", "c-health_class": "5"},
        follow=True,
    )
    assert "quá hạn" in late.content.decode()
    refused = client.post(
        page,
        {
            "action": "return",
            "t-returned_on": "26/02/2025",
            "t-reason_kind": "health",
            "t-reason": "Bệnh tim",
        },
    )
    assert refused.status_code == 400
    assert (
        client.post(
            page,
            {
                "action": "return",
                "t-returned_on": "26/02/2025",
                "t-reason_kind": "health",
                "t-reason": "Bệnh tim",
                "t-council_form_ref": "12/HĐKSK",
                "t-recheck_form_ref": "3/PT",
            },
        ).status_code
        == 302
    )
    replaced = client.post(
        page, {"action": "replace", "b-replaced_on": "27/02/2025", "b-person": ""}, follow=True
    )
    assert "vượt 2" in replaced.content.decode()  # the locality's 3 with the unit: cap 0
    assert Replacement.objects.get().decision.person == _standby(listed)[0]
    client.force_login(personas["leader"])
    assert client.post(page, {"action": "recheck"}).status_code == 403
    assert client.get(page).status_code == 200
    detail = reverse("campaigns:handover_detail", args=[recruit.handover.public_id])
    assert client.get(detail).status_code == 200
    assert client.get(index).status_code == 200
