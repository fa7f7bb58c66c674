"""Registry services: Vietnamese messages, nothing half-written, audit before/after."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.core.dates import today
from muster.geo.models import Unit
from muster.people import national_id
from muster.people.models import Person, Sex
from muster.people.services import person_create, person_update

BIRTH = dt.date(2008, 5, 10)
GOOD_ID = national_id.make(province_code="033", male=True, birth_year=2008, serial=4242)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _create(actor, unit, **overrides):
    data = {
        "full_name": "Lê Văn Nam",
        "sex": Sex.MALE,
        "date_of_birth": BIRTH,
        "national_id": GOOD_ID,
        "registration_unit": unit,
        "on": dt.date(2025, 4, 15),
    }
    data.update(overrides)
    return person_create(actor=actor, reason="Đăng ký lần đầu", **data)


def _counts():
    return Person.objects.count(), AuditEvent.objects.count()


def test_create_writes_person_and_audit(personas, units):
    person = _create(personas["commune_clerk"], units["DHOP"])
    assert person.name_search == "le van nam"
    event = AuditEvent.objects.get(action="people.person_create", object_id=str(person.public_id))
    assert event.changes["national_id"] == [None, GOOD_ID]
    assert event.changes["registration_unit"] == [None, units["DHOP"].code]
    assert event.actor == personas["commune_clerk"]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("03320800x123", "chỉ gồm chữ số"),
        ("0332080001", "đúng 12 chữ số"),
        ("999208004242", "mã tỉnh"),
        (national_id.make(province_code="033", male=False, birth_year=2008, serial=1), "số thứ 4"),
        (national_id.make(province_code="033", male=True, birth_year=2007, serial=1), "năm sinh"),
    ],
)
def test_malformed_id_is_refused_in_vietnamese_and_nothing_written(
    personas, units, number, message
):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _create(personas["commune_clerk"], units["DHOP"], national_id=number)
    assert any(message in m for m in exc.value.message_dict["national_id"])
    assert _counts() == before


def test_future_birth_date_is_refused(personas, units):
    before = _counts()
    future = today() + dt.timedelta(days=30)
    number = national_id.make(province_code="033", male=True, birth_year=future.year, serial=9)
    with pytest.raises(ValidationError) as exc:
        _create(personas["commune_clerk"], units["DHOP"], date_of_birth=future, national_id=number)
    assert exc.value.message_dict["date_of_birth"] == ["Ngày sinh không được ở tương lai."]
    assert _counts() == before


def test_duplicate_id_is_refused(personas, units):
    _create(personas["commune_clerk"], units["DHOP"])
    with pytest.raises(ValidationError) as exc:
        _create(personas["commune_clerk"], units["DHOP"], full_name="Người khác")
    assert "national_id" in exc.value.message_dict


def test_registration_unit_out_of_scope_or_not_commune_or_not_valid(personas, units):
    clerk = personas["commune_clerk"]
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _create(clerk, units["DT"])
    assert exc.value.message_dict["registration_unit"] == ["Xã này nằm ngoài địa bàn của bạn."]
    with pytest.raises(ValidationError) as exc:
        _create(personas["district_officer"], units["KD"])
    assert "registration_unit" in exc.value.message_dict
    # Đức Hợp (old) ended on 30/6/2025: registering on a later date is refused.
    with pytest.raises(ValidationError) as exc:
        _create(clerk, units["DHOP"], on=dt.date(2025, 8, 1))
    assert exc.value.message_dict["registration_unit"] == [
        "Xã Đức Hợp (1997–2025) không còn tồn tại ngày 01/08/2025; từ 01/07/2025 là Xã Đức Hợp."
    ]
    assert _counts() == before


def test_residence_village_must_be_under_the_commune(personas, units):
    clerk = personas["commune_clerk"]
    village = Unit.objects.create(
        code="V-DT-1",
        kind="village",
        name="Thôn 1",
        parent=units["DT"],
        valid_from=dt.date(1997, 1, 1),
        path=units["DT"].path + "99999999/",
    )
    with pytest.raises(ValidationError) as exc:
        _create(clerk, units["DHOP"], residence_unit=village)
    assert "residence_unit" in exc.value.message_dict


def test_update_records_before_and_after(personas, units):
    clerk = personas["commune_clerk"]
    person = _create(clerk, units["DHOP"])
    updated = person_update(
        actor=clerk,
        person=person,
        changes={"phone": "0912345678", "full_name": "Lê Văn Nam "},
        reason="Bổ sung số điện thoại",
    )
    assert updated.phone == "0912345678"
    event = AuditEvent.objects.filter(action="people.person_update").get()
    assert event.changes == {"phone": ["", "0912345678"]}
    assert event.reason == "Bổ sung số điện thoại"


def test_update_with_bad_value_writes_nothing(personas, units):
    clerk = personas["commune_clerk"]
    person = _create(clerk, units["DHOP"])
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        person_update(
            actor=clerk,
            person=person,
            changes={"date_of_birth": dt.date(2099, 1, 1)},
            reason="Sửa",
        )
    assert "date_of_birth" in exc.value.message_dict
    assert _counts() == before
    person.refresh_from_db()
    assert person.date_of_birth == BIRTH


def test_update_requires_a_reason(personas, units):
    clerk = personas["commune_clerk"]
    person = _create(clerk, units["DHOP"])
    with pytest.raises(ValidationError) as exc:
        person_update(actor=clerk, person=person, changes={"phone": "0900000000"}, reason=" ")
    assert "reason" in exc.value.message_dict


def test_update_out_of_scope_is_refused(personas, units):
    person = _create(personas["commune_clerk"], units["DHOP"])
    with pytest.raises(ValidationError):
        person_update(
            actor=personas["other_commander"], person=person, changes={"phone": "1"}, reason="x"
        )


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Lê Văn\u202e maN", "U+202E"),  # right-to-left override: shows as "Lê Văn Nam"
        ("Lê\u200b Văn Nam", "U+200B"),  # zero-width space: never found by search
        ("Lê Văn\u200d Nam", "U+200D"),  # zero-width joiner
        ("Lê Văn Nam\ufeff", "U+FEFF"),  # byte-order mark
        ("Lê Văn\x00 Nam", "U+0000"),
        ("Lê Văn\x1b Nam", "U+001B"),
        ("Lê Văn \u3164Nam", "U+3164"),  # Hangul filler: a letter that prints nothing
        ("Lê Văn Nam\ue000", "U+E000"),  # private use
    ],
)
def test_invisible_or_control_characters_in_a_name_are_refused(personas, units, name, shown):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _create(personas["commune_clerk"], units["DHOP"], full_name=name)
    message = " ".join(caught.value.message_dict["full_name"])
    assert shown in message and "ký tự ẩn" in message
    assert _counts() == before
    person = _create(personas["commune_clerk"], units["DHOP"])
    with pytest.raises(ValidationError):
        person_update(
            actor=personas["commune_clerk"], person=person, changes={"full_name": name}, reason="x"
        )
    person.refresh_from_db()
    assert person.full_name == "Lê Văn Nam"


def test_a_name_is_stored_nfc_with_one_space_and_found_by_search(personas, units):
    decomposed = "Le\u0302 Va\u0306n\u00a0\u00a0 Nam\t"  # "Lê Văn Nam" typed with combining marks
    person = _create(personas["commune_clerk"], units["DHOP"], full_name=decomposed)
    assert person.full_name == "Lê Văn Nam" and person.name_search == "le van nam"
    person = person_update(
        actor=personas["commune_clerk"],
        person=person,
        changes={"full_name": "  Lê  Văn\u00a0Nam "},
        reason="x",
    )
    assert person.full_name == "Lê Văn Nam"
