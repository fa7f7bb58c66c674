"""Registration for militia service (Law 48/2019 Art 9 as amended by Law 98/2025): the
commune's citizens turning 18 registered in one step from the military-service registration
results, idempotently; the exempt recorded with their reason; one new resident or new staff;
removal; the absences of 3 months or more that were not reported."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muster.audit.models import AuditEvent
from muster.militia.members import services as ms
from muster.militia.members.selectors import absences_of_commune, april_candidates
from muster.militia.models import MilitiaRegistration
from tests.core.factories import make_person
from tests.militia.factories import make_member
from tests.militia.reg_factories import exempt_art14, registered_at_17

APRIL = dt.date(2026, 4, 15)


@pytest.fixture
def eighteen(units):
    dhop = units["DHOP"]
    return {
        "an": registered_at_17(dhop, full_name="Nguyễn Văn An"),
        "binh": registered_at_17(dhop, full_name="Trần Văn Bình", born=dt.date(2008, 12, 31)),
        "sick": make_person(dhop, full_name="Lê Văn Cường", date_of_birth=dt.date(2008, 2, 1)),
        "woman": make_person(
            dhop, full_name="Phạm Thị Dung", sex="F", date_of_birth=dt.date(2008, 7, 7)
        ),
        "older": registered_at_17(dhop, full_name="Vũ Văn Em", born=dt.date(2007, 1, 1)),
        "elsewhere": registered_at_17(units["DT"], full_name="Đỗ Văn Phúc"),
    }


def test_one_step_registers_the_communes_18_year_olds_from_the_registration_results(
    personas, units, eighteen
):
    exempt_art14(eighteen["sick"], start=dt.date(2025, 4, 10))
    result = ms.register_from_april(
        actor=personas["commune_clerk"], commune=units["DHOP"], year=2026, on=APRIL
    )
    assert (result.registered, result.exempt, result.already) == (2, 1, 0)
    rows = {r.person.full_name: r for r in MilitiaRegistration.objects.select_related("person")}
    assert set(rows) == {"Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"}
    assert all(r.source == "april" and r.registered_on == APRIL for r in rows.values())
    sick = rows["Lê Văn Cường"]
    assert sick.exempt and "Bại não (G80)" in sick.exempt_reason
    assert "điểm c khoản 1 Điều 9" in sick.exempt_reason
    assert "Luật Dân quân tự vệ" in rows["Nguyễn Văn An"].legal_citation
    event = AuditEvent.objects.get(action="militia.register_april")
    assert event.changes["registered"] == 2


def test_running_it_again_changes_nothing(personas, units, eighteen):
    clerk = personas["commune_clerk"]
    ms.register_from_april(actor=clerk, commune=units["DHOP"], year=2026, on=APRIL)
    again = ms.register_from_april(actor=clerk, commune=units["DHOP"], year=2026, on=APRIL)
    assert (again.registered, again.exempt, again.already) == (0, 0, 2)
    assert MilitiaRegistration.objects.count() == 2


def test_a_citizen_without_registration_results_is_listed_but_not_registered(units, eighteen):
    rows = {
        c.person.full_name: c for c in april_candidates(commune=units["DHOP"], year=2026, on=APRIL)
    }
    assert set(rows) == {"Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Thị Dung"}
    assert not rows["Phạm Thị Dung"].from_registration
    assert rows["Nguyễn Văn An"].registered_on == dt.date(2025, 4, 10)


def test_only_the_commune_military_command_registers_in_its_own_area(personas, units, eighteen):
    with pytest.raises(PermissionDenied):
        ms.register_from_april(
            actor=personas["district_officer"], commune=units["DHOP"], year=2026, on=APRIL
        )
    with pytest.raises(ValidationError):
        ms.register_from_april(
            actor=personas["commune_clerk"], commune=units["DT"], year=2026, on=APRIL
        )


def test_the_day_must_be_in_the_year_and_not_in_the_future(personas, units):
    clerk = personas["commune_clerk"]
    with pytest.raises(ValidationError) as caught:
        ms.register_from_april(
            actor=clerk, commune=units["DHOP"], year=2026, on=dt.date(2025, 4, 15)
        )
    assert "on" in caught.value.message_dict
    with pytest.raises(ValidationError):
        ms.register_from_april(
            actor=clerk, commune=units["DHOP"], year=2099, on=dt.date(2099, 4, 1)
        )


def test_register_one_new_resident_workplace_and_exempt(personas, units, eighteen):
    clerk = personas["commune_clerk"]
    woman = eighteen["woman"]
    reg = ms.register_one(
        actor=clerk, person=woman, commune=units["DHOP"], on=APRIL, source="new_resident"
    )
    assert reg.source == "new_resident" and not reg.exempt
    with pytest.raises(ValidationError) as caught:
        ms.register_one(
            actor=clerk, person=woman, commune=units["DHOP"], on=APRIL, source="new_resident"
        )
    assert "person" in caught.value.message_dict
    worker = make_person(
        units["DHOP"], full_name="Hoàng Văn Giang", date_of_birth=dt.date(1990, 1, 1)
    )
    with pytest.raises(ValidationError) as caught:
        ms.register_one(
            actor=clerk, person=worker, commune=units["DHOP"], on=APRIL, source="workplace"
        )
    assert "agency" in caught.value.message_dict
    staff = ms.register_one(
        actor=clerk,
        person=worker,
        commune=units["DHOP"],
        on=APRIL,
        source="workplace",
        agency="Công ty May Hưng Yên",
    )
    assert staff.agency == "Công ty May Hưng Yên"
    ill = make_person(units["DHOP"], full_name="Ngô Văn Hải", date_of_birth=dt.date(1995, 1, 1))
    exempt = ms.register_one(
        actor=clerk,
        person=ill,
        commune=units["DHOP"],
        on=APRIL,
        source="new_resident",
        exempt_reason="Khuyết tật vận động",
    )
    assert exempt.exempt and exempt.exempt_reason.startswith("Khuyết tật vận động")


def test_too_young_is_refused(personas, units):
    child = make_person(units["DHOP"], full_name="Lý Văn Khoa", date_of_birth=dt.date(2009, 1, 1))
    with pytest.raises(ValidationError) as caught:
        ms.register_one(
            actor=personas["commune_clerk"],
            person=child,
            commune=units["DHOP"],
            on=APRIL,
            source="new_resident",
        )
    assert "person" in caught.value.message_dict


def test_removal_closes_the_registration_unless_serving(personas, units, eighteen):
    clerk = personas["commune_clerk"]
    ms.register_from_april(actor=clerk, commune=units["DHOP"], year=2026, on=APRIL)
    an = MilitiaRegistration.objects.get(person=eighteen["an"])
    binh = MilitiaRegistration.objects.get(person=eighteen["binh"])
    make_member(eighteen["binh"], joined_on=dt.date(2026, 5, 1))
    with pytest.raises(ValidationError):
        ms.registration_remove(
            actor=clerk, registration=binh, on=dt.date(2026, 6, 1), reason="Chuyển đi"
        )
    done = ms.registration_remove(
        actor=clerk, registration=an, on=dt.date(2026, 6, 1), reason="Chuyển đi"
    )
    assert done.ended_on == dt.date(2026, 6, 1) and done.end_reason == "Chuyển đi"
    # registered again later: the one-step registration finds him as new
    again = ms.register_from_april(
        actor=clerk, commune=units["DHOP"], year=2026, on=dt.date(2026, 6, 2)
    )
    assert again.registered == 1


def test_an_unreported_absence_of_three_months_is_flagged(personas, units):
    member = make_member(make_person(units["DHOP"], full_name="Bùi Văn Lâm"))
    clerk = personas["commune_clerk"]
    left = dt.date(2026, 3, 1)
    ms.absence_record(actor=clerk, membership=member, left_on=left)
    day_before = dt.date(2026, 5, 31)
    rows = absences_of_commune(user=clerk, commune=units["DHOP"], day=day_before)
    assert [r.flagged for r in rows] == [False]
    rows = absences_of_commune(user=clerk, commune=units["DHOP"], day=dt.date(2026, 6, 1))
    assert [r.flagged for r in rows] == [True]
    ms.absence_record(
        actor=clerk,
        membership=member,
        left_on=dt.date(2026, 7, 1),
        returns_on=dt.date(2026, 11, 1),
        reported_on=dt.date(2026, 7, 1),
    )
    rows = absences_of_commune(user=clerk, commune=units["DHOP"], day=dt.date(2026, 12, 1))
    assert [(r.must_report, r.flagged) for r in rows] == [(True, True), (True, False)]
    with pytest.raises(ValidationError):
        ms.absence_record(
            actor=clerk, membership=member, left_on=left, returns_on=dt.date(2026, 2, 1)
        )
