"""The call-up campaign: dated rules, quotas and their split, decisions, the public check."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Allocation, QuotaHistory
from muster.conscription.decisions import selectors as decisions_selectors
from muster.conscription.decisions import services as decisions_services
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.law.callup import authorities
from muster.law.callup import campaign as rules
from tests.conscription.campaign_factories import issue_decision, make_campaign, make_fit, set_quota
from tests.core.factories import make_person

# ----------------------------------------------------------------------------- pure rules


def test_callup_authority_changes_on_1_july_2025():
    before = authorities.callup_authority(dt.date(2025, 6, 30))
    after = authorities.callup_authority(dt.date(2025, 7, 1))
    assert before.code == "district_commander"
    assert after.code == "commune_chairman"
    assert "34(6)" in after.citation and "98/2025" in after.citation


def test_quota_authority_by_date():
    assert authorities.quota_authority(dt.date(2025, 6, 30))[0] == "district_chairman"
    assert authorities.quota_authority(dt.date(2025, 7, 1))[0] == "provincial_chairman"


@pytest.mark.parametrize(
    ("delivered", "late"),
    [(dt.date(2025, 1, 29), False), (dt.date(2025, 1, 30), True), (dt.date(2025, 1, 1), False)],
)
def test_callup_notice_15_days_on_time_14_late(delivered, late):
    assert rules.notice_is_late("campaign.notice.callup", delivered, dt.date(2025, 2, 13)) is late


def test_deadlines_from_the_calendar():
    cal = rules.Calendar(
        year=2025,
        handover=dt.date(2025, 2, 13),
        screening_start=dt.date(2024, 10, 7),
        screening_end=dt.date(2024, 10, 22),
        exam_start=dt.date(2024, 11, 1),
        exam_end=dt.date(2024, 12, 31),
    )
    due = {(d.code, d.title_vi): d.due for d in rules.deadlines(cal)}
    assert due[("campaign.notice.screening", "Giao quyết định gọi sơ tuyển")] == dt.date(
        2024, 9, 22
    )
    assert due[("campaign.notice.exam", "Giao quyết định gọi khám sức khỏe")] == dt.date(
        2024, 10, 17
    )
    assert due[("campaign.notice.callup", "Giao quyết định gọi nhập ngũ")] == dt.date(2025, 1, 29)
    assert due[("campaign.reexam", "Đơn vị khám phúc tra xong")] == dt.date(2025, 2, 23)
    assert due[("campaign.replacement", "Hoàn thành bù đổi")] == dt.date(2025, 2, 28)
    posted = [d for d in rules.deadlines(cal) if d.code == "campaign.posting.results"]
    assert [d.due for d in posted] == [dt.date(2024, 11, 11), dt.date(2025, 1, 20)]
    # Before Law 98/2025 the screening notice is applied by analogy: flagged unconfirmed.
    screening = next(d for d in rules.deadlines(cal) if d.code == "campaign.notice.screening")
    assert screening.confirmed is False


def test_default_exam_window_and_replacement_cap():
    assert rules.default_exam_window(2026) == (dt.date(2025, 11, 1), dt.date(2025, 12, 31))
    assert rules.replacement_cap(150, dt.date(2025, 2, 13)) == 3
    assert rules.replacement_cap(49, dt.date(2025, 2, 13)) == 0


# ----------------------------------------------------------------------------- campaign


def test_campaign_create_seeds_communes_and_refuses_duplicates(units, personas):
    officer = personas["district_officer"]
    campaign = make_campaign(officer, units["KD"])
    codes = set(campaign.communes.values_list("unit__code", flat=True))
    assert units["DHOP"].code in codes and units["DT"].code in codes
    assert AuditEvent.objects.filter(action="campaign.create").count() == 1
    with pytest.raises(ValidationError) as err:
        make_campaign(officer, units["KD"])
    assert "year" in err.value.message_dict


def test_campaign_create_refuses_commune_unit_and_bad_calendar(units, personas):
    officer = personas["district_officer"]
    with pytest.raises(ValidationError) as err:
        make_campaign(officer, units["DHOP"])
    assert "unit" in err.value.message_dict
    bad = cs.CalendarInput(
        exam_start=dt.date(2024, 12, 31),
        exam_end=dt.date(2024, 11, 1),
        handover_start=dt.date(2025, 2, 13),
    )
    with pytest.raises(ValidationError):
        cs.campaign_create(actor=officer, unit=units["KD"], year=2025, call=1, calendar=bad)


def test_commune_roles_cannot_create_and_leader_is_refused(units, personas):
    with pytest.raises(PermissionDenied):
        make_campaign(personas["leader"], units["KD"])
    with pytest.raises(ValidationError):  # a commune commander's area does not hold Kim Động
        make_campaign(personas["commune_commander"], units["KD"])


# ----------------------------------------------------------------------------- quotas


@pytest.fixture
def campaign(units, personas):
    officer = personas["district_officer"]
    campaign = make_campaign(officer, units["KD"])
    # Reported pools (the registry of the test world is almost empty).
    for i, commune in enumerate(campaign.communes.select_related("unit")):
        cs.pool_set(actor=officer, commune=commune, stored_pool=10 + 5 * (i % 3))
    return campaign


def _finals(campaign, service):
    return {
        a.commune.unit.code: a.final
        for a in Allocation.objects.filter(
            commune__campaign=campaign, service=service
        ).select_related("commune__unit")
    }


def test_quota_split_adds_up_and_is_certified(campaign, personas):
    officer = personas["district_officer"]
    set_quota(officer, campaign, source_document="QĐ 123/QĐ-UBND")
    set_quota(officer, campaign, value=4, service="police", source_document="QĐ 124/QĐ-UBND")
    assert sum(_finals(campaign, "army").values()) == 30
    assert sum(_finals(campaign, "police").values()) == 4
    campaign.refresh_from_db()
    assert campaign.certificate["method"].startswith("muster-apportion")
    assert {s["service"] for s in campaign.certificate["services"]} == {"army", "police"}


def test_override_keeps_the_sum_and_names_the_authority_of_the_day(campaign, personas, units):
    officer = personas["district_officer"]
    set_quota(officer, campaign)
    commune = campaign.communes.get(unit=units["DHOP"])
    computed = Allocation.objects.get(commune=commune, service="army").computed
    override = {
        "actor": officer,
        "commune": commune,
        "service": "army",
        "value": computed + 1,
        "on": dt.date(2024, 12, 5),
    }
    with pytest.raises(ValidationError):
        cs.override_set(**override, reason=" ")
    cs.override_set(**override, reason="Đơn vị nhận quân đề nghị")
    row = Allocation.objects.get(commune=commune, service="army")
    assert (row.computed, row.final) == (computed, computed + 1)
    assert row.override_authority.startswith("Chủ tịch UBND huyện")
    assert sum(_finals(campaign, "army").values()) == 30


def test_quota_above_the_pools_is_refused_without_writing(campaign, personas):
    with pytest.raises(ValidationError):
        set_quota(personas["district_officer"], campaign, value=10_000)
    assert not campaign.quotas.exists()
    assert not Allocation.objects.filter(commune__campaign=campaign).exists()


def test_quota_page_shows_change_from_last_year(client, campaign, personas, units):
    officer = personas["district_officer"]
    QuotaHistory.objects.create(unit=units["DHOP"], year=2024, service="army", quota=1)
    set_quota(officer, campaign)
    client.force_login(personas["commune_commander"])
    response = client.get(reverse("campaigns:campaign_quotas", args=[campaign.public_id]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.commune.unit.code for r in rows] == [units["DHOP"].code]  # own commune only
    assert rows[0].last_year == {"army": 1}
    assert rows[0].change == rows[0].quota_total - 1


def test_quota_post_bad_input_rerenders_and_wrong_role_is_403(client, campaign, personas):
    url = reverse("campaigns:campaign_quotas", args=[campaign.public_id])
    client.force_login(personas["district_officer"])
    response = client.post(url, {"action": "quota", "q-service": "army", "q-value": "x"})
    assert response.status_code == 400
    assert not campaign.quotas.exists()
    response = client.post(
        url,
        {
            "action": "quota",
            "q-service": "army",
            "q-value": "9",
            "q-source_document": "QĐ 9",
            "q-received_on": "01/12/2024",
        },
    )
    assert response.status_code == 302
    assert campaign.quotas.get().value == 9
    client.force_login(personas["leader"])
    assert client.post(url, {"action": "resplit"}).status_code == 403


def _pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_certificate_json_and_pdf(client, campaign, personas, tmp_path, units):
    set_quota(personas["district_officer"], campaign, source_document="QĐ 123/QĐ-UBND")
    client.force_login(personas["leader"])
    data = json.loads(
        client.get(reverse("campaigns:certificate_json", args=[campaign.public_id])).content
    )
    assert sum(r["army_final"] for r in data["final"]) == 30
    assert data["certificate"]["inputs"]["quotas"] == {"army": 30}
    pdf = client.get(reverse("campaigns:certificate_pdf", args=[campaign.public_id]))
    text = _pdftotext(pdf.content, tmp_path)
    assert "CHỨNG NHẬN PHÂN BỔ CHỈ TIÊU" in text
    assert units["DHOP"].name in text


# ----------------------------------------------------------------------------- decisions


@pytest.fixture
def split(campaign, personas):
    set_quota(personas["district_officer"], campaign)
    return campaign


def _issue(officer, campaign, unit, person, day=dt.date(2025, 1, 20)):
    return issue_decision(officer, campaign.communes.get(unit=unit), person, issued_on=day)


def test_decisions_numbered_per_authority_without_gaps(split, personas, units):
    officer = personas["district_officer"]
    a = _issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn A"))
    b = _issue(officer, split, units["DT"], make_fit(units["DT"], name="Lê Văn B"))
    assert (a.number, b.number) == (1, 2)  # the district commander numbers the district
    assert a.authority == b.authority == f"district_commander:{units['KD'].code}"
    assert a.signer.startswith("CHỈ HUY TRƯỞNG")
    assert len(a.token) >= 32 and a.token_hash != a.token


def test_a_second_decision_for_the_same_citizen_is_refused(split, personas, units):
    officer = personas["district_officer"]
    person = make_fit(units["DHOP"])
    _issue(officer, split, units["DHOP"], person)
    with pytest.raises(ValidationError):
        _issue(officer, split, units["DHOP"], person)
    assert CallupDecision.objects.count() == 1


def test_citizen_with_a_definite_bar_is_refused(split, personas, units):
    too_old = make_person(units["DHOP"], date_of_birth=dt.date(1990, 1, 1))
    with pytest.raises(ValidationError):
        _issue(personas["district_officer"], split, units["DHOP"], too_old)


def test_issuing_beyond_the_commune_quota_is_refused(split, personas, units):
    officer = personas["district_officer"]
    commune = split.communes.get(unit=units["DHOP"])
    cs.override_set(
        actor=officer, commune=commune, service="army", value=1, reason="x", on=dt.date(2025, 1, 2)
    )
    _issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn A"))
    with pytest.raises(ValidationError):
        _issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn B"))


def test_delivery_14_days_before_handover_is_flagged(split, personas, units, client):
    officer = personas["district_officer"]
    on_time = _issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn A"))
    late = _issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn B"))
    decisions_services.decision_deliver(
        actor=officer, decision=on_time, delivered_on=dt.date(2025, 1, 29), delivered_to="bố"
    )
    decisions_services.decision_deliver(
        actor=officer, decision=late, delivered_on=dt.date(2025, 1, 30), delivered_to="bản thân"
    )
    assert not decisions_selectors.delivery_late(on_time)
    assert decisions_selectors.delivery_late(late)
    client.force_login(officer)
    response = client.get(reverse("campaigns:campaign_board", args=[split.public_id]))
    row = next(r for r in response.context["rows"] if r.commune.unit_id == units["DHOP"].pk)
    assert (row.decisions, row.delivered, row.late_deliveries) == (2, 2, 1)


def test_decision_pdf_has_vietnamese_text_and_verification_address(
    split, personas, units, client, tmp_path
):
    decision = _issue(personas["district_officer"], split, units["DHOP"], make_fit(units["DHOP"]))
    client.force_login(personas["commune_commander"])
    pdf = client.get(reverse("campaigns:decision_pdf", args=[decision.public_id]))
    assert pdf.status_code == 200
    text = _pdftotext(pdf.content, tmp_path)
    assert "LỆNH GỌI CÔNG DÂN NHẬP NGŨ" in text
    assert "Nguyễn Văn An" in text
    assert decision.token in text.replace("\n", "").replace(" ", "")


def test_issue_form_wrong_id_rerenders(split, personas, client):
    client.force_login(personas["district_officer"])
    url = reverse("campaigns:decision_list", args=[split.public_id])
    response = client.post(
        url, {"national_id": "033099000001", "service": "army", "issued_on": "20/01/2025"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["national_id"]
    client.force_login(personas["leader"])
    assert client.post(url, {}).status_code == 403


# ----------------------------------------------------------------------------- public page


def test_public_page_shows_what_the_paper_shows_and_no_more(split, personas, units, client):
    person = make_fit(units["DHOP"], born=dt.date(2004, 5, 17))
    decision = _issue(personas["district_officer"], split, units["DHOP"], person)
    url = reverse("campaigns:verify", args=[decision.token])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert person.full_name in html and "2004" in html
    assert person.national_id not in html
    assert "17/05/2004" not in html and "2004-05-17" not in html
    assert units["DHOP"].name in html  # printed on the decision (issue 16 item 6)
    decisions_services.decision_revoke(
        actor=personas["district_officer"], decision=decision, reason="Sai"
    )
    assert client.get(url).context["decision"].status == DecisionStatus.REVOKED


def test_wrong_tokens_are_throttled(client, db):
    for i in range(20):
        assert client.get(reverse("campaigns:verify", args=[f"wrong{i}"])).status_code == 404
    assert client.get(reverse("campaigns:verify", args=["wrong-again"])).status_code == 429
    # Another address is not affected.
    other = client.get(reverse("campaigns:verify", args=["x"]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 404


def test_a_shared_address_full_of_wrong_tokens_still_verifies_a_genuine_decision(
    split, personas, units, client
):
    """The throttle costs the guesser only: a genuine token is answered from a throttled
    address (a commune office, or every citizen behind one proxy) (issue 15, item 11)."""
    decision = _issue(personas["district_officer"], split, units["DHOP"], make_fit(units["DHOP"]))
    for i in range(decisions_services.THROTTLE_MISSES):
        assert client.get(reverse("campaigns:verify", args=[f"wrong{i}"])).status_code == 404
    assert client.get(reverse("campaigns:verify", args=["wrong-again"])).status_code == 429
    response = client.get(reverse("campaigns:verify", args=[decision.token]))
    assert response.status_code == 200
    assert response.context["decision"] == decision


def test_a_refused_wrong_token_does_not_extend_the_throttle(client, db):
    from muster.conscription.decisions.models import VerificationMiss

    for i in range(decisions_services.THROTTLE_MISSES + 5):
        client.get(reverse("campaigns:verify", args=[f"wrong{i}"]))
    assert VerificationMiss.objects.count() == decisions_services.THROTTLE_MISSES


def test_behind_a_trusted_proxy_wrong_tokens_count_per_client(client, db, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for i in range(decisions_services.THROTTLE_MISSES):
        response = client.get(
            reverse("campaigns:verify", args=[f"w{i}"]), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy
        )
        assert response.status_code == 404
    url = reverse("campaigns:verify", args=["x"])
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 404


def test_public_page_is_get_only(client, db):
    assert client.post(reverse("campaigns:verify", args=["x"])).status_code == 405


# ----------------------------------------------------------------------------- demo


def test_demo_campaign_is_complete_and_idempotent(units, personas, client):
    from muster.demo.callup.campaign2025 import demo_quotas, load_demo_campaign
    from muster.demo.people.writer import generate_demo_registry

    generate_demo_registry(units=units, seed=7, scale=0.02)
    campaign = load_demo_campaign(units=units, scale=0.02)
    assert campaign is not None
    assert load_demo_campaign(units=units, scale=0.02) is None
    # 128 army and 15 police at full scale; a small registry gets a quota it can fill.
    assert demo_quotas(1.0) == {"army": 128, "police": 15}
    assert sum(_finals(campaign, "army").values()) == demo_quotas(0.02)["army"]
    assert sum(_finals(campaign, "police").values()) == demo_quotas(0.02)["police"]
    assert QuotaHistory.objects.filter(year=2024, service="army").count() == (
        campaign.communes.count()
    )
    decisions = CallupDecision.objects.filter(campaign=campaign)
    assert decisions.count() >= 2
    assert sorted(decisions.values_list("number", flat=True)) == list(
        range(1, decisions.count() + 1)
    )
    assert any(decisions_selectors.delivery_late(d) for d in decisions)
    client.force_login(personas["district_officer"])
    page = client.get(reverse("campaigns:campaign_quotas", args=[campaign.public_id]))
    assert page.status_code == 200
    assert all(r.change is not None for r in page.context["rows"])


def test_board_queries_do_not_grow_with_decisions(
    split, personas, units, client, django_assert_max_num_queries
):
    officer = personas["district_officer"]
    client.force_login(officer)
    url = reverse("campaigns:campaign_board", args=[split.public_id])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i, key in enumerate(("DHOP", "DT", "DHOP")):
        _issue(officer, split, units[key], make_fit(units[key], name=f"Trần Văn {i}"))
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200
