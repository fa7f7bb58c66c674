"""Discharge reception and the reservist register: the class computed and explained, the
15-working-day deadline across a holiday, the pages, access and audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from muster.audit.labels import ACTION_LABELS
from muster.audit.models import AuditEvent
from muster.core.models import Holiday
from muster.core.registry import registry
from muster.people.registration.models import EventKind, RegistrationEvent
from muster.reserve.discharge.services import receive_discharged, registration_due
from muster.reserve.models import DischargeReception, Reservist
from muster.reserve.register.services import register_reservist, remove_reservist
from tests.core.factories import make_person
from tests.militia.factories import make_member
from tests.reserve.factories import recruit_of

pytestmark = pytest.mark.django_db


def _receive(actor, person, *, start, end, home, on=None):
    return receive_discharged(
        actor=actor,
        person=person,
        commune=person.registration_unit,
        service_started_on=start,
        discharged_on=end,
        arrived_home_on=home,
        on=on or home,
    )


def _register(actor, person, on, **kw):
    return register_reservist(
        actor=actor,
        person=person,
        commune=person.registration_unit,
        kind=kw.pop("kind", "nco_soldier"),
        certificate_number=kw.pop("certificate_number", "DB-001"),
        on=on,
        **kw,
    )


def test_24_months_of_service_make_class_one_with_the_cited_ground(personas, units):
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2003, 5, 1))
    _receive(
        clerk, person, start=dt.date(2023, 3, 1), end=dt.date(2025, 2, 28), home=dt.date(2025, 3, 3)
    )
    reservist = _register(clerk, person, dt.date(2025, 3, 10), specialty_code="121")
    assert reservist.reserve_class == 1
    assert reservist.class_reason_vi.startswith("Hạng một: đã phục vụ tại ngũ 24 tháng (")
    assert "Điều 24" in reservist.class_reason_vi
    assert reservist.class_reason_en.startswith("Class 1: served 24 months in the army")
    assert reservist.group_on(dt.date(2025, 3, 10)).group.value == "A"


def test_5_months_of_service_make_class_two(personas, units):
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2004, 5, 1))
    _receive(
        clerk, person, start=dt.date(2024, 9, 1), end=dt.date(2025, 1, 31), home=dt.date(2025, 2, 3)
    )
    reservist = _register(clerk, person, dt.date(2025, 2, 5))
    assert reservist.reserve_class == 2
    assert reservist.class_reason_vi.startswith("Hạng hai: mới phục vụ tại ngũ 5 tháng (")
    assert "Điều 24" in reservist.class_reason_vi


@pytest.mark.parametrize(
    ("last_day", "klass"), [(dt.date(2025, 2, 27), 2), (dt.date(2025, 2, 28), 1)]
)
def test_class_one_from_6_full_months_of_service(personas, units, last_day, klass):
    """Art 24 (the rule book's ``reserve.class1.army_service``): class 1 from 6 months
    served; 01/09/2024 through 27/02/2025 is 5 months 27 days (class 2), through 28/02/2025
    exactly 6 months (class 1)."""
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2003, 5, 1))
    _receive(clerk, person, start=dt.date(2024, 9, 1), end=last_day, home=dt.date(2025, 3, 3))
    assert _register(clerk, person, dt.date(2025, 3, 10)).reserve_class == klass


def test_completed_standing_militia_is_class_one_without_army_service(personas, units):
    from muster.militia.models import Membership

    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2001, 5, 1))
    member = make_member(person, component="standing", joined_on=dt.date(2022, 3, 1), years=2)
    Membership.objects.filter(pk=member.pk).update(status="completed", ended_on=dt.date(2024, 3, 1))
    reservist = _register(clerk, person, dt.date(2025, 3, 10))
    assert reservist.reserve_class == 1
    assert "dân quân thường trực" in reservist.class_reason_vi


def test_no_ground_refuses_the_class(personas, units):
    person = make_person(units["DHOP"], date_of_birth=dt.date(2004, 5, 1))
    with pytest.raises(ValidationError) as error:
        _register(personas["commune_clerk"], person, dt.date(2025, 3, 10))
    assert "Không có căn cứ xếp hạng" in str(error.value)


@pytest.fixture
def april_holidays(db):
    """30/04 and 01/05/2025 (Wednesday, Thursday) are the only days off in the window."""
    Holiday.objects.filter(date__range=(dt.date(2025, 4, 1), dt.date(2025, 6, 30))).delete()
    for day in (dt.date(2025, 4, 30), dt.date(2025, 5, 1)):
        Holiday.objects.create(date=day, name="Lễ")


def test_15_working_days_skip_weekends_and_the_holidays(april_holidays):
    # Friday 25/04/2025: 28, 29 | 30/04, 01/05 off | 2, 5–9, 12–16, 19, 20 → Tuesday 20/05.
    due, citation = registration_due(dt.date(2025, 4, 25))
    assert due == dt.date(2025, 5, 20)
    assert "Điều 45" in citation


@pytest.mark.parametrize(
    ("registered", "late"),
    [(dt.date(2025, 5, 19), False), (dt.date(2025, 5, 20), False), (dt.date(2025, 5, 21), True)],
)
def test_registration_late_from_the_day_after_the_deadline(
    april_holidays, personas, units, registered, late
):
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2003, 5, 1))
    reception = _receive(
        clerk,
        person,
        start=dt.date(2023, 4, 1),
        end=dt.date(2025, 3, 31),
        home=dt.date(2025, 4, 25),
    )
    assert reception.registration_due_on == dt.date(2025, 5, 20)
    _register(clerk, person, registered)
    # The people-side reserve registration (Art 45) is written through its own service.
    event = RegistrationEvent.objects.get(person=person, kind=EventKind.RESERVE_REGISTRATION)
    assert (event.due_date, event.is_late, event.certificate_number) == (
        dt.date(2025, 5, 20),
        late,
        "DB-001",
    )


def test_receive_register_and_find_him_on_the_register(client, personas, units):
    clerk = personas["commune_clerk"]
    commune = units["DHOP"]
    person = make_person(commune, full_name="Trần Văn Hùng", date_of_birth=dt.date(2003, 5, 1))
    recruit_of(person)  # handed over on 15/02/2023: 24 months end on 14/02/2025
    client.force_login(clerk)
    returns = reverse("reserve:returns", args=[commune.public_id])
    page = client.get(returns, {"on": "01/02/2025"}).content.decode()
    assert "Trần Văn Hùng" in page and "14/02/2025" in page
    response = client.post(
        reverse("reserve:receive", args=[commune.public_id]),
        {
            "national_id": person.national_id,
            "discharged_on": "14/02/2025",
            "arrived_home_on": "17/02/2025",
            "on": "17/02/2025",
            "return_note": "Trở lại Công ty May Hưng Yên",
        },
    )
    assert response.status_code == 302
    reception = DischargeReception.objects.get(person=person)
    assert reception.service_started_on == dt.date(2023, 2, 15)  # from the handover
    assert reception.recruit is not None
    response = client.post(
        reverse("reserve:register", args=[commune.public_id]),
        {
            "national_id": person.national_id,
            "kind": "nco_soldier",
            "certificate_number": "DB-77",
            "specialty_code": "121",
            "specialty_name": "Bộ binh",
            "rank": "Hạ sĩ",
            "on": "24/02/2025",
        },
    )
    assert response.status_code == 302
    reservist = Reservist.objects.get(person=person)
    assert reservist.reserve_class == 1
    register = reverse("reserve:register", args=[commune.public_id])
    with translation.override("vi"):
        page = client.get(register, {"on": "01/03/2025", "class": "1", "group": "A"})
    assert "Trần Văn Hùng" in page.content.decode()
    assert (
        "Trần Văn Hùng"
        not in client.get(register, {"on": "01/03/2025", "class": "2"}).content.decode()
    )
    assert (
        "Trần Văn Hùng"
        not in client.get(register, {"on": "01/03/2025", "specialty": "999"}).content.decode()
    )
    detail = client.get(
        reverse("reserve:reservist", args=[reservist.public_id]), {"on": "01/03/2025"}
    )
    text = detail.content.decode()
    assert "Hạng một: đã phục vụ tại ngũ 24 tháng" in text and "Điều 24" in text
    assert "Nhóm A" in text
    received = client.get(returns, {"on": "01/03/2025"}).content.decode()
    assert "24/02/2025" in received  # registered on, beside the due date


def test_late_unregistered_soldier_is_red_on_the_returns_page(
    client, personas, units, april_holidays
):
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], full_name="Lê Văn Muộn", date_of_birth=dt.date(2003, 5, 1))
    _receive(
        clerk,
        person,
        start=dt.date(2023, 4, 1),
        end=dt.date(2025, 3, 31),
        home=dt.date(2025, 4, 25),
    )
    client.force_login(clerk)
    url = reverse("reserve:returns", args=[units["DHOP"].public_id])
    assert 'data-testid="late"' not in client.get(url, {"on": "20/05/2025"}).content.decode()
    assert 'data-testid="late"' in client.get(url, {"on": "21/05/2025"}).content.decode()


def test_registered_commitment_names_the_class(personas, units):
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2003, 5, 1))
    _receive(
        clerk, person, start=dt.date(2023, 3, 1), end=dt.date(2025, 2, 28), home=dt.date(2025, 3, 3)
    )
    _register(clerk, person, dt.date(2025, 3, 10))
    commitment = registry.commitments_by_name["reserve.registered"]
    with translation.override("vi"):
        assert commitment.persons([person.pk]) == {
            person.pk: f"Quân nhân dự bị, hạng một ({units['DHOP'].name})"
        }


def test_roles_and_areas_are_enforced(client, personas, units):
    person = make_person(units["DHOP"], date_of_birth=dt.date(2003, 5, 1))
    with pytest.raises(PermissionDenied):
        _receive(
            personas["leader"],
            person,
            start=dt.date(2023, 3, 1),
            end=dt.date(2025, 2, 28),
            home=dt.date(2025, 3, 3),
        )
    with pytest.raises((PermissionDenied, ValidationError)):
        _receive(
            personas["other_commander"],
            person,
            start=dt.date(2023, 3, 1),
            end=dt.date(2025, 2, 28),
            home=dt.date(2025, 3, 3),
        )
    client.force_login(personas["leader"])
    post = {"national_id": person.national_id, "discharged_on": "28/02/2025"}
    assert (
        client.post(reverse("reserve:receive", args=[units["DHOP"].public_id]), post).status_code
        == 403
    )
    assert (
        client.post(reverse("reserve:register", args=[units["DHOP"].public_id]), post).status_code
        == 403
    )
    client.force_login(personas["other_commander"])
    assert (
        client.post(reverse("reserve:receive", args=[units["DHOP"].public_id]), post).status_code
        == 404
    )
    assert (
        client.get(reverse("reserve:register", args=[units["DHOP"].public_id])).status_code == 404
    )


def test_changes_are_audited_with_labels(personas, units):
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2003, 5, 1))
    _receive(
        clerk, person, start=dt.date(2023, 3, 1), end=dt.date(2025, 2, 28), home=dt.date(2025, 3, 3)
    )
    reservist = _register(clerk, person, dt.date(2025, 3, 10))
    remove_reservist(actor=clerk, reservist=reservist, on=dt.date(2025, 6, 1), code="died")
    actions = set(
        AuditEvent.objects.filter(action__startswith="reserve.").values_list("action", flat=True)
    )
    assert actions == {"reserve.receive", "reserve.register", "reserve.remove"}
    with translation.override("vi"):
        assert str(ACTION_LABELS["reserve.receive"]) == "Tiếp nhận quân nhân xuất ngũ"
        assert str(ACTION_LABELS["reserve.register"]) == "Đăng ký quân nhân dự bị"
    # Off the register: a second registration is possible again.
    assert Reservist.objects.get(pk=reservist.pk).removed_on == dt.date(2025, 6, 1)


def test_register_page_reads_in_a_bounded_number_of_queries(
    client, personas, units, django_assert_max_num_queries
):
    from muster.reserve.models import Reservist as R

    commune = units["DHOP"]
    client.force_login(personas["commune_commander"])
    url = reverse("reserve:register", args=[commune.public_id])

    def add(n):
        for i in range(n):
            person = make_person(commune, full_name=f"Người {i}", date_of_birth=dt.date(2000, 1, 1))
            R.objects.create(
                person=person,
                holder=commune,
                kind="nco_soldier",
                reserve_class=1 + i % 2,
                registered_on=dt.date(2025, 1, 1),
                certificate_number=f"C{i}",
            )

    add(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"on": "01/03/2025"}).status_code == 200
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, {"on": "01/03/2025"})
    assert page.content.decode().count("/reserve/reservist/") == 23
