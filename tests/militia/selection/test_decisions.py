"""Selection, deferral and exemption (Law 48/2019 Arts 10–11 as amended by Law 98/2025) on
the registry's facts: a selection creates the membership with the term of its component; each
ground of Art 11 defers or exempts with its citation; a volunteer is admitted over the grounds
Art 11(3) lets him waive and refused over the others; the authority is the one of the day
(before and after 01/07/2025); conflicts with the call-up's official list are shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muster.audit.models import AuditEvent
from muster.law.militia.grounds import DEFERRAL_CODES, EXEMPTION_CODES
from muster.militia.members import services as ms
from muster.militia.members.selectors import other_commitments, standing_members
from muster.militia.selection import services as ss
from muster.militia.selection.models import SelectionDecision
from muster.people.models import FamilyTie
from tests.core.factories import make_person
from tests.militia.factories import make_militia_unit
from tests.militia.reg_factories import on_official_list

DAY = dt.date(2026, 5, 4)


@pytest.fixture
def registered(personas, units):
    """Register a DHOP citizen on 01/06/2025 (before the reform, so decisions on either side
    of 01/07/2025 can be tested)."""

    def _make(name: str, born: dt.date = dt.date(2000, 1, 1), sex: str = "M"):
        person = make_person(units["DHOP"], full_name=name, date_of_birth=born, sex=sex)
        ms.register_one(
            actor=personas["commune_clerk"],
            person=person,
            commune=units["DHOP"],
            on=dt.date(2025, 6, 1),
            source="other",
        )
        return person

    return _make


def _decide(personas, units, person, kind="select", on=DAY, **kwargs):
    return ss.selection_decide(
        actor=personas["commune_commander"],
        person=person,
        commune=units["DHOP"],
        kind=kind,
        on=on,
        decision_ref=kwargs.pop("decision_ref", "15/QĐ-UBND"),
        **kwargs,
    )


def test_selection_creates_the_membership_with_its_term(personas, units, registered):
    platoon = make_militia_unit(units["DHOP"])
    person = registered("Nguyễn Văn Tuấn")
    decision = _decide(personas, units, person, component="mobile", unit=platoon)
    member = decision.membership
    assert (member.component, member.unit, member.joined_on) == ("mobile", platoon, DAY)
    assert member.term_ends_on == dt.date(2030, 5, 3)
    assert decision.authority == member.authority == "commune_chairman"
    assert AuditEvent.objects.filter(action="militia.decision.select").count() == 1
    standing = _decide(personas, units, registered("Lê Văn Sáng"), component="standing")
    assert standing.membership.term_ends_on == dt.date(2028, 5, 3)
    with pytest.raises(ValidationError):  # serving already
        _decide(personas, units, person, component="mobile")


def test_unit_must_match_commune_and_component(personas, units, registered):
    platoon = make_militia_unit(units["DHOP"])
    with pytest.raises(ValidationError) as caught:
        _decide(personas, units, registered("Đinh Văn Quý"), component="on_site", unit=platoon)
    assert "unit" in caught.value.message_dict


@pytest.mark.parametrize("ground", DEFERRAL_CODES)
def test_each_deferral_ground(personas, units, registered, ground):
    decision = _decide(personas, units, registered(f"Hoàng Văn {ground}"), "defer", ground=ground)
    point = ground.rsplit(".", 1)[1]
    assert f"điểm {point} khoản 1 Điều 11" in decision.citation
    assert decision.membership is None


@pytest.mark.parametrize("ground", EXEMPTION_CODES)
def test_each_exemption_ground(personas, units, registered, ground):
    decision = _decide(personas, units, registered(f"Phan Văn {ground}"), "exempt", ground=ground)
    point = ground.rsplit(".", 1)[1]
    assert f"điểm {point} khoản 2 Điều 11" in decision.citation


def test_a_ground_of_the_wrong_clause_is_refused(personas, units, registered):
    with pytest.raises(ValidationError) as caught:
        _decide(personas, units, registered("Tạ Văn Vinh"), "defer", ground="11.2.a")
    assert "ground" in caught.value.message_dict


def test_spouse_in_the_army_defers_but_a_volunteer_is_admitted(personas, units, registered):
    person = registered("Cao Văn Xuân")
    FamilyTie.objects.create(
        person=person, relation="spouse", relative_name="Cao Thị Yến", serving_as_soldier=True
    )
    assert ss.verdict_for(person, on=DAY, fit=True).status == "deferred"
    with pytest.raises(ValidationError) as caught:
        _decide(personas, units, person, component="mobile")
    assert "11(1)" in str(caught.value) or "Quân đội" in str(caught.value)
    decision = _decide(personas, units, person, component="mobile", volunteer=True)
    assert decision.volunteer and decision.membership.volunteer
    assert "khoản 3 Điều 11" in decision.membership.legal_citation


def test_martyr_parent_exempts_and_a_volunteer_is_admitted(personas, units, registered):
    person = registered("Mai Văn Đạt")
    FamilyTie.objects.create(
        person=person, relation="father", relative_name="Mai Văn Hùng", is_martyr=True
    )
    verdict = ss.verdict_for(person, on=DAY, fit=True)
    assert verdict.status == "exempt" and [g.code for g in verdict.grounds] == ["11.2.a"]
    assert _decide(personas, units, person, component="on_site", volunteer=True).membership


def test_a_student_volunteer_is_refused(personas, units, registered):
    person = registered("Trịnh Văn Học")
    person.study_status = "studying"
    person.save()
    with pytest.raises(ValidationError):
        _decide(personas, units, person, component="mobile", volunteer=True)
    refused = _decide(personas, units, person, "refuse", volunteer=True)
    assert (refused.kind, refused.ground) == ("refuse", "11.1.h")
    with pytest.raises(ValidationError):  # a non-volunteer is deferred, not refused
        _decide(personas, units, registered("Trịnh Văn Khác"), "refuse")


def test_a_volunteer_past_45_is_admitted_to_50(personas, units, registered):
    old = registered("Kiều Văn Lão", born=dt.date(1978, 1, 1))  # 48 on DAY
    with pytest.raises(ValidationError):
        _decide(personas, units, old, component="on_site")
    assert _decide(personas, units, old, component="on_site", volunteer=True).membership
    older = registered("Kiều Văn Già", born=dt.date(1975, 1, 1))  # 51
    with pytest.raises(ValidationError):
        _decide(personas, units, older, component="on_site", volunteer=True)


@pytest.mark.parametrize(
    ("day", "authority"),
    [(dt.date(2025, 6, 30), "district_chairman"), (dt.date(2025, 7, 1), "commune_chairman")],
)
def test_deferral_authority_of_the_day(personas, units, registered, day, authority):
    decision = _decide(
        personas, units, registered("Lương Văn Minh"), "defer", on=day, ground="11.1.e"
    )
    assert decision.authority == authority


def test_only_the_commune_command_decides_for_registered_citizens(personas, units, registered):
    person = registered("Quách Văn Nam")
    with pytest.raises(PermissionDenied):
        ss.selection_decide(
            actor=personas["district_officer"],
            person=person,
            commune=units["DHOP"],
            kind="select",
            on=DAY,
            decision_ref="1",
            component="mobile",
        )
    stranger = make_person(units["DHOP"], full_name="Chưa Đăng Ký")
    with pytest.raises(ValidationError) as caught:
        _decide(personas, units, stranger, component="mobile")
    assert "person" in caught.value.message_dict
    assert SelectionDecision.objects.count() == 0


def test_standing_member_on_the_callup_official_list_is_shown_both_ways(
    personas, units, registered
):
    person = registered("Ông Văn Xung")
    _decide(personas, units, person, component="standing")
    assert other_commitments([person.pk]) == {}
    on_official_list(person, units["DHOP"], year=2027)
    found = other_commitments([person.pk])[person.pk]
    assert len(found) == 1 and "2027" in found[0]
    assert person.pk in standing_members([person.pk])
    past = registered("Cũ Văn Năm")
    on_official_list(past, units["DHOP"], year=2020)  # a past campaign's list binds no one now
    assert other_commitments([past.pk]) == {}
