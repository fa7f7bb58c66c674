"""The organisation's services on a real database: establishing units with the authority of
their day, dissolving, filling the standard structure, assigning members (component checked,
over-establishment warned), appointing and dismissing commanders, reviews, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muster.audit.models import AuditEvent
from muster.law.militia.enums import Component, Force, Level, Post
from muster.militia.models import Appointment, CadreReview, MilitiaUnit
from muster.militia.organisation import cadre_services as cadres
from muster.militia.organisation import services as svc
from muster.militia.organisation.selectors import organisation_of_commune
from tests.core.factories import make_person, make_village
from tests.militia.factories import make_member, make_militia_unit

BEFORE = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def dhop(units):
    return units["DHOP"]


@pytest.fixture
def villages(dhop):
    return [make_village(dhop, "DH01"), make_village(dhop, "DH02")]


def _establish(actor, holder, **kw):
    values = {
        "component": Component.MOBILE,
        "level": Level.PLATOON,
        "name": "Trung đội cơ động",
        "establishment": 31,
        "established_on": REFORM,
        "decision_ref": "12/QĐ-BCHQS",
    }
    values.update(kw)
    return svc.unit_establish(actor=actor, holder=holder, **values)


def test_establishing_stores_the_authority_of_the_day(personas, dhop, villages):
    actor = personas["commune_commander"]
    before = _establish(
        actor,
        dhop,
        component=Component.ON_SITE,
        level=Level.SQUAD,
        village=villages[0],
        name="Tiểu đội thôn 1",
        established_on=BEFORE,
    )
    after = _establish(
        actor,
        dhop,
        component=Component.ON_SITE,
        level=Level.SQUAD,
        village=villages[1],
        name="Tiểu đội thôn 2",
        established_on=REFORM,
    )
    assert before.authority == "district_commander"
    assert "Điều 22" in before.legal_citation
    assert after.authority == "commune_commander"
    assert "Luật 98/2025" in after.legal_citation or "98/2025" in after.legal_citation
    assert AuditEvent.objects.filter(action="militia.unit_establish").count() == 2


def test_establishing_checks_village_and_agency(personas, dhop, villages, units):
    actor = personas["commune_commander"]
    with pytest.raises(ValidationError) as error:
        _establish(actor, dhop, component=Component.ON_SITE, level=Level.SQUAD)
    assert "village" in error.value.message_dict
    other = make_village(units["DT"], "DT01")
    with pytest.raises(ValidationError):
        _establish(actor, dhop, component=Component.ON_SITE, level=Level.SQUAD, village=other)
    with pytest.raises(ValidationError) as error:
        _establish(actor, dhop, force=Force.SELF_DEFENCE)
    assert "agency" in error.value.message_dict
    unit = _establish(
        actor,
        dhop,
        force=Force.SELF_DEFENCE,
        agency="Công ty May Hưng Yên",
        level=Level.PLATOON,
        name="Trung đội tự vệ",
    )
    assert unit.force == "self_defence" and unit.authority == "provincial_commander"


def test_readers_and_other_communes_are_refused(personas, dhop):
    with pytest.raises(PermissionDenied):
        _establish(personas["leader"], dhop)
    with pytest.raises(ValidationError):
        _establish(personas["other_commander"], dhop)


def test_dissolution_refused_while_members_serve_then_recorded(personas, dhop):
    actor = personas["commune_commander"]
    unit = _establish(actor, dhop)
    member = make_member(make_person(dhop), unit=unit)
    with pytest.raises(ValidationError) as error:
        svc.unit_dissolve(
            actor=actor,
            unit=unit,
            ended_on=dt.date(2025, 9, 1),
            decision_ref="20/QĐ",
            reason="Sáp nhập",
        )
    assert "còn đội viên" in str(error.value)
    member.unit = None
    member.save()
    svc.unit_dissolve(
        actor=actor,
        unit=unit,
        ended_on=dt.date(2025, 9, 1),
        decision_ref="20/QĐ",
        reason="Sáp nhập",
    )
    unit.refresh_from_db()
    assert (unit.ended_on, unit.end_decision_ref) == (dt.date(2025, 9, 1), "20/QĐ")
    with pytest.raises(ValidationError):
        svc.unit_dissolve(
            actor=actor,
            unit=unit,
            ended_on=dt.date(2025, 9, 2),
            decision_ref="21/QĐ",
            reason="x",
        )


def test_structure_fill_creates_only_the_missing_units(personas, dhop, villages):
    actor = personas["commune_commander"]
    _establish(
        actor,
        dhop,
        component=Component.ON_SITE,
        level=Level.SQUAD,
        village=villages[0],
        name="Tiểu đội thôn DH01",
    )
    missing = svc.missing_standard_units(holder=dhop, on=REFORM)
    assert [(m.component, getattr(m.village, "pk", None)) for m in missing] == [
        (Component.ON_SITE, villages[1].pk),
        (Component.MOBILE, None),
    ]
    created = svc.structure_fill(actor=actor, holder=dhop, on=REFORM, decision_ref="5/QĐ")
    assert len(created) == 2
    assert svc.missing_standard_units(holder=dhop, on=REFORM) == []
    assert svc.structure_fill(actor=actor, holder=dhop, on=REFORM, decision_ref="6/QĐ") == []


def test_assignment_checks_the_component_and_warns_over_establishment(personas, dhop):
    actor = personas["commune_commander"]
    unit = make_militia_unit(dhop, establishment=1)
    on_site = make_member(make_person(dhop, full_name="Lê Văn An"), component="on_site")
    with pytest.raises(ValidationError) as error:
        svc.member_assign(actor=actor, membership=on_site, unit=unit)
    assert "thành phần" in str(error.value)
    first = make_member(make_person(dhop, full_name="Lê Văn Bình"))
    second = make_member(make_person(dhop, full_name="Lê Văn Cường"))
    assert svc.member_assign(actor=actor, membership=first, unit=unit) == []
    warnings = svc.member_assign(actor=actor, membership=second, unit=unit)
    assert len(warnings) == 1 and "vượt biên chế 1" in warnings[0]
    second.refresh_from_db()
    assert second.unit_id == unit.pk
    assert AuditEvent.objects.filter(action="militia.member_assign").count() == 2


def _appoint(actor, holder, person, post=Post.COMMANDER, day=REFORM, **kw):
    return cadres.appointment_create(
        actor=actor,
        holder=holder,
        person=person,
        post=post,
        appointed_on=day,
        decision_ref=kw.pop("decision_ref", "101/QĐ-UBND"),
        **kw,
    )


def test_commander_appointed_by_the_provincial_chairman_since_the_reform(personas, dhop):
    actor = personas["commune_commander"]
    old = _appoint(actor, dhop, make_person(dhop, full_name="Phạm Văn Hùng"), day=BEFORE)
    assert old.authority == "district_chairman"
    cadres.appointment_dismiss(
        actor=actor, appointment=old, ended_on=BEFORE, reason="moved", decision_ref="9/QĐ"
    )
    new = _appoint(actor, dhop, make_person(dhop, full_name="Đỗ Văn Minh"))
    assert new.authority == "provincial_chairman"
    with pytest.raises(ValidationError) as error:
        _appoint(actor, dhop, make_person(dhop, full_name="Vũ Văn Tâm"))
    assert "miễn nhiệm trước" in str(error.value)


def test_unit_posts_need_their_unit_and_command_posts_none(personas, dhop):
    actor = personas["commune_commander"]
    unit = make_militia_unit(dhop)
    person = make_person(dhop)
    with pytest.raises(ValidationError):
        _appoint(actor, dhop, person, post=Post.MOBILE_PLATOON_LEADER)
    with pytest.raises(ValidationError):
        _appoint(actor, dhop, person, post=Post.COMMANDER, unit=unit)
    item = _appoint(actor, dhop, person, post=Post.MOBILE_PLATOON_LEADER, unit=unit)
    assert item.authority == "commune_commander"


def test_dismissal_needs_grounds_and_records_the_authority(personas, dhop):
    actor = personas["commune_commander"]
    item = _appoint(actor, dhop, make_person(dhop))
    with pytest.raises(ValidationError) as error:
        cadres.appointment_dismiss(
            actor=actor,
            appointment=item,
            ended_on=dt.date(2025, 10, 1),
            reason="dismissed",
            decision_ref="33/QĐ",
        )
    assert "note" in error.value.message_dict
    cadres.appointment_dismiss(
        actor=actor,
        appointment=item,
        ended_on=dt.date(2025, 10, 1),
        reason="dismissed",
        decision_ref="33/QĐ",
        note="Không hoàn thành nhiệm vụ",
    )
    item.refresh_from_db()
    assert (item.end_reason, item.end_authority) == ("dismissed", "provincial_chairman")
    assert AuditEvent.objects.filter(action="militia.dismiss").exists()


def test_degree_flag_for_the_commander_without_the_degree(personas, dhop):
    actor = personas["commune_commander"]
    _appoint(actor, dhop, make_person(dhop, full_name="Không Bằng"))
    _appoint(
        actor,
        dhop,
        make_person(dhop, full_name="Có Bằng"),
        post=Post.DEPUTY_COMMANDER,
        grassroots_degree=True,
    )
    org = organisation_of_commune(user=actor, commune=dhop, day=dt.date(2025, 8, 1))
    flags = {r.appointment.person.full_name: r.degree_missing for r in org.command}
    assert flags == {"Không Bằng": True, "Có Bằng": False}
    assert org.degree_missing == 1
    before = organisation_of_commune(user=actor, commune=dhop, day=BEFORE)
    assert before.command == []


def test_one_review_a_year_corrected_in_place(personas, dhop):
    actor = personas["commune_commander"]
    item = _appoint(actor, dhop, make_person(dhop))
    cadres.cadre_review_record(actor=actor, appointment=item, year=2025, rating="good")
    cadres.cadre_review_record(
        actor=actor, appointment=item, year=2025, rating="excellent", note="Hoàn thành xuất sắc"
    )
    assert list(CadreReview.objects.values_list("year", "rating")) == [(2025, "excellent")]
    with pytest.raises(ValidationError):
        cadres.cadre_review_record(actor=actor, appointment=item, year=2024, rating="good")
    assert Appointment.objects.count() == 1 and MilitiaUnit.objects.count() == 0
