"""Selection lists: the callable pool from the registry, commit → freeze → reveal, anyone
re-deriving the order from the published pool and seed, volunteers, and decisions that follow
the frozen list."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.conscription.decisions import services as decisions_services
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.selection import selectors as sel
from muster.conscription.selection.models import SelectionState
from muster.conscription.selection.services import lists as list_services
from muster.conscription.selection.services import review as review_services
from muster.conscription.selection.services import volunteers as volunteer_services
from muster.law.callup import draw as selection
from muster.law.callup import selection as selection_rules
from muster.people.models import HigherLevel, Sex, StudyStatus
from tests.conscription.campaign_factories import issue_decision, verify_political
from tests.conscription.selection_factories import (
    council_review,
    examine,
    fit_people,
    frozen_list,
    make_person,
)


def _volunteer(officer, campaign, person, applied_on, *, service="army", **extra):
    return volunteer_services.volunteer_record(
        actor=officer,
        campaign=campaign,
        person=person,
        service=service,
        applied_on=applied_on,
        **extra,
    )


@pytest.fixture
def people(units):
    return fit_people(units["DHOP"], 7)


# ----------------------------------------------------------------------------- rules


@pytest.mark.parametrize(("quota", "standby"), [(0, 0), (1, 1), (20, 1), (21, 2), (40, 2), (41, 3)])
def test_default_standby_is_5_percent_rounded_up(quota, standby):
    assert selection_rules.default_standby(quota, dt.date(2025, 2, 13)) == standby


def test_standby_rule_is_marked_unconfirmed_with_its_citations():
    item = selection_rules.rule("selection.standby", dt.date(2025, 2, 13))
    assert item.confirmed is False
    assert "TT 140/2015" in selection_rules.citation_text(item)


# ----------------------------------------------------------------------------- the pool


def test_pool_takes_callable_examined_citizens_and_says_who_is_left_out(
    campaign, commune, units, officer
):
    dhop = units["DHOP"]
    plain = fit_people(dhop, 1, prefix="Đủ")[0]
    unfit = make_person(dhop, full_name="Loại Bốn", date_of_birth=dt.date(2004, 3, 1))
    examine(unfit, health_class=4)
    make_person(dhop, full_name="Chưa Khám", date_of_birth=dt.date(2004, 3, 2))
    graduate = fit_people(dhop, 1, prefix="Cử nhân")[0]
    graduate.study_status, graduate.higher_level = StudyStatus.GRADUATED, HigherLevel.UNIVERSITY
    graduate.save()
    minority = fit_people(dhop, 1, prefix="Dân tộc")[0]
    minority.ethnicity = "03"  # Tày
    minority.save()
    # At school (41.1.g): deferred unless he volunteers (Art 41(3)).
    pupil = fit_people(dhop, 1, prefix="Học sinh")[0]
    pupil.in_school = True
    pupil.save()
    refused = fit_people(dhop, 1, prefix="Không duyệt")[0]
    council_review(
        commune,
        votes_for=7,
        votes_against=1,
        abstained=0,
        outcomes=(review_services.OutcomeInput(person=refused, approved=False),),
    )
    pool = sel.build_pool(commune=commune, service="army")
    members = {m.person.pk: m.candidate for m in pool.members}
    assert set(members) == {plain.pk, graduate.pk, minority.pk}
    assert members[graduate.pk].graduate and not members[plain.pk].graduate
    assert members[minority.pk].ethnic_minority
    left = {p.pk: key for key, items in pool.excluded.items() for p, _detail in items}
    assert left == {
        unfit.pk: "not_callable",
        pupil.pk: "not_callable",
        refused.pk: "council_refused",
    }
    assert pool.not_examined == 1
    _volunteer(officer, campaign, pupil, dt.date(2024, 12, 20))
    members = {
        m.person.pk: m.candidate for m in sel.build_pool(commune=commune, service="army").members
    }
    assert members[pupil.pk].volunteer is True  # the waiver applies, and he ranks first


def test_a_woman_is_in_the_pool_only_as_a_volunteer(campaign, commune, units, officer):
    woman = make_person(
        units["DHOP"], full_name="Lê Thị Hoa", sex=Sex.FEMALE, date_of_birth=dt.date(2004, 6, 1)
    )
    woman.school_grade = 12
    woman.save()
    examine(woman, health_class=2)
    verify_political(woman)
    assert sel.build_pool(commune=commune, service="army").members == []
    _volunteer(officer, campaign, woman, dt.date(2025, 1, 2))
    assert [m.person for m in sel.build_pool(commune=commune, service="army").members] == [woman]
    # Applying for the army does not make her a police volunteer.
    assert sel.build_pool(commune=commune, service="police").members == []


# ----------------------------------------------------------------------------- commit, freeze


def test_commit_publishes_the_hash_and_hides_the_seed_until_frozen(
    commune, people, officer, client
):
    opened = list_services.selection_open(actor=officer, commune=commune, service="army")
    assert (opened.state, opened.quota, opened.standby) == (SelectionState.DRAFT, 3, 1)
    committed = list_services.selection_commit(actor=officer, selection_list=opened)
    assert committed.commitment == hashlib.sha256(committed.seed.encode()).hexdigest()
    assert len(committed.seed) == 64 and committed.committed_at is not None
    client.force_login(officer)
    page = client.get(reverse("campaigns:selection_detail", args=[committed.public_id]))
    assert committed.commitment in page.content.decode()
    assert committed.seed not in page.content.decode()
    pool_url = reverse("campaigns:selection_pool_json", args=[committed.public_id])
    assert client.get(pool_url).status_code == 404  # published once frozen
    event = AuditEvent.objects.get(action="selection.commit")
    assert committed.seed not in json.dumps(event.changes)
    frozen = list_services.selection_freeze(actor=officer, selection_list=committed)
    page = client.get(reverse("campaigns:selection_detail", args=[frozen.public_id]))
    assert frozen.seed in page.content.decode()
    assert page.context["verified"] is True
    assert [e.list_kind for e in sel.entries_of(frozen)] == ["official"] * 3 + ["standby"] + [
        "remaining"
    ] * 3


def test_anyone_rederives_the_order_from_the_published_pool_and_seed(
    commune, people, officer, client, tmp_path
):
    frozen = frozen_list(officer, commune, standby=2)
    client.force_login(officer)
    pool = json.loads(
        client.get(reverse("campaigns:selection_pool_json", args=[frozen.public_id])).content
    )
    result = json.loads(
        client.get(reverse("campaigns:selection_result_json", args=[frozen.public_id])).content
    )
    # Only what the order uses: no names, no ID numbers, no other health details.
    assert {tuple(sorted(r)) for r in pool} == {
        ("education", "ethnic_minority", "graduate", "health_class", "id", "volunteer")
    }
    text = json.dumps(pool, ensure_ascii=False) + json.dumps(result, ensure_ascii=False)
    assert all(p.national_id not in text and p.full_name not in text for p in people)
    # Re-derive by hand with the pure function ...
    candidates = [selection.parse_candidate(r, "x")[0] for r in pool]
    assert selection.commit(result["seed"]) == result["commitment"]
    again = selection.rank(
        candidates, result["seed"], quota=result["quota"], standby=result["standby"]
    )
    assert [e.public_id for e in again.entries] == [e["public_id"] for e in result["entries"]]
    assert [e.list for e in again.entries] == [e["list"] for e in result["entries"]]
    assert selection.verify(
        result["commitment"], result["seed"], candidates, selection.ranked_from_json(result)
    )
    # ... and with the command a commune officer runs.
    (tmp_path / "pool.json").write_text(json.dumps(pool))
    (tmp_path / "result.json").write_text(json.dumps(result))
    from io import StringIO

    out = StringIO()
    call_command(
        "rank", str(tmp_path / "pool.json"), verify=str(tmp_path / "result.json"), stdout=out
    )
    assert json.loads(out.getvalue())["verified"] is True
    out = StringIO()
    call_command(
        "rank",
        str(tmp_path / "pool.json"),
        seed=result["seed"],
        quota=result["quota"],
        standby=result["standby"],
        stdout=out,
    )
    assert json.loads(out.getvalue())["entries"] == json.loads(json.dumps(result["entries"]))


def test_a_changed_pool_or_seed_fails_verification(commune, people, officer, tmp_path):
    frozen = frozen_list(officer, commune)
    pool = sel.published_pool(frozen)
    result = sel.published_result(frozen)
    ranked = selection.ranked_from_json(result)
    candidates = [selection.parse_candidate(r, "x")[0] for r in pool]
    assert selection.verify(frozen.commitment, frozen.seed, candidates, ranked)
    # A citizen quietly dropped from the pool, or one with a better grade recorded.
    assert not selection.verify(frozen.commitment, frozen.seed, candidates[1:], ranked)
    regraded = [{**pool[0], "education": (pool[0]["education"] + 1) % 13}, *pool[1:]]
    changed = [selection.parse_candidate(r, "x")[0] for r in regraded]
    assert not selection.verify(frozen.commitment, frozen.seed, changed, ranked)
    # Another seed: the commitment does not match it, nor (re-committed) the order.
    other = selection.new_seed()
    assert not selection.verify(frozen.commitment, other, candidates, ranked)
    assert not selection.verify(selection.commit(other), other, candidates, ranked)
    # The command refuses a tampered pool with a non-zero exit.
    (tmp_path / "pool.json").write_text(json.dumps(pool[1:]))
    (tmp_path / "result.json").write_text(json.dumps(result))
    with pytest.raises(CommandError, match=r"Verification failed|Kiểm tra không khớp"):
        call_command("rank", str(tmp_path / "pool.json"), verify=str(tmp_path / "result.json"))
    # And the page says so when the stored entries are altered.
    assert sel.verifies(frozen) is True
    first, second = frozen.entries.get(place=1), frozen.entries.get(place=2)
    for entry, place in ((first, 99), (second, 1), (first, 2)):  # swap two places
        entry.place = place
        entry.save(update_fields=["place"])
    assert sel.verifies(frozen) is False


def test_bad_transitions_are_refused_in_vietnamese(commune, people, officer):
    opened = list_services.selection_open(actor=officer, commune=commune, service="army")
    with translation.override("vi"), pytest.raises(ValidationError) as err:
        list_services.selection_freeze(actor=officer, selection_list=opened)
    assert "Hãy công bố mã cam kết" in err.value.messages[0]
    list_services.selection_commit(actor=officer, selection_list=opened)
    with pytest.raises(ValidationError):  # committed once only: no seed shopping
        list_services.selection_commit(actor=officer, selection_list=opened)
    frozen = list_services.selection_freeze(actor=officer, selection_list=opened)
    for change in (
        lambda: list_services.selection_freeze(actor=officer, selection_list=frozen),
        lambda: list_services.selection_commit(actor=officer, selection_list=frozen),
        lambda: list_services.selection_set_standby(
            actor=officer, selection_list=frozen, standby=4
        ),
    ):
        with translation.override("vi"), pytest.raises(ValidationError) as err:
            change()
        assert "Danh sách đã chốt" in err.value.messages[0]
    with pytest.raises(ValidationError):
        list_services.selection_open(actor=officer, commune=commune, service="army")


def test_a_pool_smaller_than_the_quota_cannot_be_frozen(commune, units, officer):
    fit_people(units["DHOP"], 2)
    opened = list_services.selection_open(actor=officer, commune=commune, service="army")
    list_services.selection_commit(actor=officer, selection_list=opened)
    with pytest.raises(ValidationError, match="2"):
        list_services.selection_freeze(actor=officer, selection_list=opened)
    opened.refresh_from_db()
    assert opened.state == SelectionState.COMMITTED and not opened.entries.exists()


def test_roles_and_area(commune, people, personas):
    opened = list_services.selection_open(
        actor=personas["commune_commander"], commune=commune, service="army"
    )
    for persona in ("leader", "service_council", "commune_clerk"):
        with pytest.raises(PermissionDenied):
            list_services.selection_commit(actor=personas[persona], selection_list=opened)
    with pytest.raises(ValidationError):  # Đồng Thanh's commander: outside his area
        list_services.selection_commit(actor=personas["other_commander"], selection_list=opened)


def test_pages_post_transitions_and_show_errors(commune, people, personas, client):
    client.force_login(personas["commune_commander"])
    index = reverse("campaigns:selection_index", args=[commune.campaign.public_id])
    response = client.post(index, {"commune": commune.public_id, "service": "army"})
    assert response.status_code == 302
    opened = commune.selection_lists.get()
    url = reverse("campaigns:selection_detail", args=[opened.public_id])
    assert client.post(url, {"action": "freeze"}).status_code == 400  # not committed: refused
    assert client.post(url, {"action": "s-standby", "s-standby": "x"}).status_code == 400
    assert client.post(url, {"action": "standby", "s-standby": "2"}).status_code == 302
    assert client.post(url, {"action": "commit"}).status_code == 302
    pdf = client.get(reverse("campaigns:selection_pdf", args=[opened.public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.post(url, {"action": "freeze"}).status_code == 302
    opened.refresh_from_db()
    assert (opened.state, opened.standby) == (SelectionState.FROZEN, 2)
    client.force_login(personas["leader"])
    assert client.post(url, {"action": "commit"}).status_code == 403
    assert client.get(url).status_code == 200


def test_the_printed_list_carries_commitment_seed_and_names(
    commune, people, officer, client, tmp_path
):
    from tests.conscription.test_campaign import _pdftotext

    frozen = frozen_list(officer, commune)
    client.force_login(officer)
    text = _pdftotext(
        client.get(reverse("campaigns:selection_pdf", args=[frozen.public_id])).content, tmp_path
    )
    flat = text.replace("\n", " ")
    assert "DANH SÁCH CÔNG DÂN THEO THỨ TỰ TUYỂN CHỌN" in text
    assert frozen.commitment[:32] in flat.replace(" ", "")
    assert frozen.seed[:32] in flat.replace(" ", "")
    assert people[0].full_name in text


# ----------------------------------------------------------------------------- decisions


def test_decisions_follow_the_frozen_list(commune, people, officer, units):
    opened = list_services.selection_open(actor=officer, commune=commune, service="army")
    list_services.selection_commit(actor=officer, selection_list=opened)
    with pytest.raises(ValidationError, match=r"freeze|chốt"):
        issue_decision(officer, commune, people[0])
    frozen = list_services.selection_freeze(actor=officer, selection_list=opened)
    # Frozen is not enough: the district chairman approves the list first (Art 34(3)).
    with pytest.raises(ValidationError, match=r"not yet approved|chưa được phê duyệt"):
        decisions_services.decision_issue(
            actor=officer,
            commune=commune,
            person=people[0],
            service="army",
            issued_on=dt.date(2025, 1, 20),
        )
    frozen = list_services.selection_approve(
        actor=officer,
        selection_list=frozen,
        approved_on=dt.date(2025, 1, 15),
        approval_number="15/QĐ-UBND",
    )
    entries = sel.entries_of(frozen)
    official = [e.person for e in entries if e.list_kind == "official"]
    standby = [e.person for e in entries if e.list_kind == "standby"]
    remaining = [e.person for e in entries if e.list_kind == "remaining"]

    def issue(person):
        return issue_decision(officer, commune, person)

    with pytest.raises(ValidationError, match=r"official|chính thức"):
        issue(remaining[0])
    with pytest.raises(ValidationError):  # standby: no vacancy yet
        issue(standby[0])
    first = issue(official[0])
    decisions_services.decision_revoke(actor=officer, decision=first, reason="chuyển đi nơi khác")
    # A vacancy: the next standby citizen may be called before the handover.
    replacement = issue(standby[0])
    assert replacement.status == DecisionStatus.VALID
    with pytest.raises(ValidationError):  # the one vacancy is filled, and he is not listed
        issue(remaining[1])


def test_no_list_keeps_the_earlier_behaviour(commune, people, officer):
    decision = issue_decision(officer, commune, people[0])
    assert decision.number == 1


def test_issue_for_the_official_list_in_one_action(commune, people, officer, units):
    # Issued before any list: flagged on the list's page.
    early = issue_decision(officer, commune, people[6], issued_on=dt.date(2025, 1, 15))
    decisions_services.decision_revoke(actor=officer, decision=early, reason="chờ danh sách")
    frozen = frozen_list(officer, commune)
    result = list_services.issue_official(
        actor=officer, selection_list=frozen, issued_on=dt.date(2025, 1, 20)
    )
    assert [d.number for d in result.issued] == [2, 3, 4]
    official = [e.person_id for e in sel.entries_of(frozen) if e.list_kind == "official"]
    assert [d.person_id for d in result.issued] == official
    assert result.skipped == []
    again = list_services.issue_official(
        actor=officer, selection_list=frozen, issued_on=dt.date(2025, 1, 21)
    )
    assert again.issued == [] and again.skipped == []
    assert AuditEvent.objects.filter(action="selection.issue_official").count() == 2


def test_decisions_held_outside_the_list_are_flagged(commune, people, officer, client):
    early = issue_decision(officer, commune, people[0], issued_on=dt.date(2025, 1, 15))
    frozen = frozen_list(officer, commune)
    on_list = {e.person_id for e in frozen.entries.filter(list_kind__in=["official", "standby"])}
    flagged = sel.off_list_decisions(frozen)
    assert flagged == ([] if early.person_id in on_list else [early])


# ----------------------------------------------------------------------------- volunteers


def test_volunteer_application_and_withdrawal(campaign, commune, units, officer):
    pupil = fit_people(units["DHOP"], 1, prefix="Học sinh")[0]
    pupil.in_school = True
    pupil.save()
    fit_people(units["DHOP"], 3)
    with pytest.raises(ValidationError, match=r"not callable|chưa đủ điều kiện gọi"):
        issue_decision(officer, commune, pupil)
    app = _volunteer(officer, campaign, pupil, dt.date(2024, 12, 20), note="Đơn viết tay")
    with pytest.raises(ValidationError):
        _volunteer(officer, campaign, pupil, dt.date(2024, 12, 21), service="police")
    frozen = frozen_list(officer, commune)
    first = sel.entries_of(frozen)[0]
    assert (first.person_id, first.volunteer, first.list_kind) == (pupil.pk, True, "official")
    # The waiver of Art 41(3) applies to the decision too.
    decision = issue_decision(officer, commune, pupil)
    with pytest.raises(ValidationError, match=r"revoke|thu hồi"):
        volunteer_services.volunteer_withdraw(
            actor=officer, volunteer=app, withdrawn_on=dt.date(2025, 1, 22), reason="gia đình"
        )
    decisions_services.decision_revoke(actor=officer, decision=decision, reason="rút đơn")
    withdrawn = volunteer_services.volunteer_withdraw(
        actor=officer, volunteer=app, withdrawn_on=dt.date(2025, 1, 22), reason="gia đình"
    )
    assert withdrawn.withdrawn_on == dt.date(2025, 1, 22)
    with pytest.raises(ValidationError):
        volunteer_services.volunteer_withdraw(
            actor=officer, volunteer=app, withdrawn_on=dt.date(2025, 1, 23), reason="lần nữa"
        )
    with pytest.raises(ValidationError):  # the list is frozen: a new application is refused
        _volunteer(officer, campaign, pupil, dt.date(2025, 1, 24))


def test_volunteer_page_records_and_refuses_unknown_ids(campaign, units, personas, client):
    person = fit_people(units["DHOP"], 1)[0]
    client.force_login(personas["commune_commander"])
    url = reverse("campaigns:volunteer_list", args=[campaign.public_id])
    bad = client.post(
        url,
        {
            "action": "record",
            "v-national_id": "1" * 12,
            "v-service": "army",
            "v-applied_on": "20/12/2024",
        },
    )
    assert bad.status_code == 400
    assert (
        client.post(
            url,
            {
                "action": "record",
                "v-national_id": person.national_id,
                "v-service": "army",
                "v-applied_on": "20/12/2024",
            },
        ).status_code
        == 302
    )
    assert CallupDecision.objects.count() == 0
    assert person.volunteer_applications.get().service == "army"
    client.force_login(personas["leader"])
    assert client.post(url, {"action": "record"}).status_code == 403
