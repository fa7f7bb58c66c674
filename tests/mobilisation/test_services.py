"""Call-out orders through their services: drafting checks who may sign on the day; only the
roster can be called; issuing freezes the lines and records the notification; a line cannot be
marked before the order is issued nor after it is closed; two clerks marking the same line
keep the first record; every change is audited; who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from muster.audit.models import AuditEvent
from muster.mobilisation.models import CallOutLine, CallOutOrder
from muster.mobilisation.orders import services
from muster.mobilisation.rosters import services as roster_services
from tests.concurrency import needs_postgres, run_threads
from tests.mobilisation.factories import DAY, at, make_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(units):
    return make_roster(units["DHOP"])


def draft(actor, commune, **extra):
    values = {
        "kind": "disaster",
        "number": "12/LHĐ",
        "authority": "commune_chairman",
        "signed_by": "Nguyễn Văn Chủ",
        "ordered_at": at(DAY, 6),
        "assembly_place": "Trụ sở UBND xã Đức Hợp",
        "assembly_at": at(DAY, 8),
        "hazard": "flood",
    } | extra
    return services.order_create(actor=actor, commune=commune, **values)


def issued(actor, roster, **extra):
    order = draft(actor, roster["commune"], **extra)
    services.order_add_group(actor=actor, order=order, force="militia", group="all")
    services.order_add_group(actor=actor, order=order, force="asset", group="all")
    return services.order_issue(actor=actor, order=order, at=at(DAY, 7))


def test_who_signs_depends_on_the_day(personas, roster):
    actor = personas["commune_commander"]
    commune = roster["commune"]
    with pytest.raises(ValidationError) as error:
        draft(actor, commune, authority="district_chairman")
    assert "authority" in error.value.message_dict
    before = draft(
        actor,
        commune,
        number="1/2025",
        kind="drill",
        authority="district_chairman",
        ordered_at=at(dt.date(2025, 6, 30), 7),
        assembly_at=at(dt.date(2025, 6, 30), 9),
    )
    assert before.authority == "district_chairman" and not before.basis_confirmed
    assert "chưa xác minh" in before.basis_vi
    assert not CallOutOrder.objects.filter(authority="district_chairman", number="12/LHĐ").exists()


def test_bad_input_is_refused_whole(personas, roster):
    actor = personas["commune_commander"]
    with pytest.raises(ValidationError) as error:
        draft(
            actor,
            roster["commune"],
            number=" ",
            signed_by="",
            assembly_place="",
            assembly_at=at(DAY, 5),
        )
    assert {"number", "signed_by", "assembly_place", "assembly_at"} <= set(error.value.message_dict)
    draft(actor, roster["commune"])
    with pytest.raises(ValidationError):
        draft(actor, roster["commune"])  # the same number twice
    assert CallOutOrder.objects.count() == 1


def test_only_the_roster_can_be_called_and_bulk_add_picks_a_group(personas, roster, units):
    actor = personas["commune_commander"]
    order = draft(actor, roster["commune"])
    elsewhere = make_roster(units["DT"], tag="dt")
    with pytest.raises(ValidationError):
        services.order_add_lines(actor=actor, order=order, members=elsewhere["members"][:1])
    assert (
        services.order_add_group(
            actor=actor, order=order, force="militia", group="component:mobile"
        )
        == 3
    )
    assert (
        services.order_add_group(actor=actor, order=order, force="reservist", group="class:1") == 2
    )
    assert (
        services.order_add_group(
            actor=actor, order=order, force="militia", group=f"unit:{roster['squad'].public_id}"
        )
        == 1
    )
    # Adding again adds nobody twice.
    assert services.order_add_group(actor=actor, order=order, force="militia", group="all") == 0
    assert services.order_add_group(actor=actor, order=order, force="other", group="all") == 1
    with pytest.raises(ValidationError):
        services.order_add_group(actor=actor, order=order, force="militia", group="unit:xyz")
    assert order.lines.count() == 7
    assert order.lines.get(force="other").headcount == 12
    assert order.lines.filter(notified_at__isnull=False).count() == 0


def test_issuing_freezes_the_lines_and_records_the_notification(personas, roster):
    actor = personas["commune_clerk"]
    empty = draft(actor, roster["commune"], number="E/1")
    with pytest.raises(ValidationError):
        services.order_issue(actor=actor, order=empty, at=at(DAY, 7))
    order = issued(actor, roster)
    assert order.status == "issued" and order.issued_at == at(DAY, 7)
    assert set(order.lines.values_list("notified_at", flat=True)) == {at(DAY, 7)}
    assert "khoản 16 Điều 10" in order.basis_vi  # the militia's deployment is cited
    with pytest.raises(ValidationError):
        services.order_add_group(actor=actor, order=order, force="reservist", group="all")
    with pytest.raises(ValidationError):
        services.order_remove_line(actor=actor, line=order.lines.first())
    with pytest.raises(ValidationError):
        services.order_issue(actor=actor, order=order)
    assert order.lines.count() == 6


def test_a_line_cannot_be_marked_before_the_order_is_issued(personas, roster):
    actor = personas["commune_clerk"]
    order = draft(actor, roster["commune"])
    services.order_add_group(actor=actor, order=order, force="militia", group="all")
    line = order.lines.first()
    with pytest.raises(ValidationError):
        services.line_mark(actor=actor, line=line, mark="arrived", at=at(DAY, 7))
    line.refresh_from_db()
    assert line.arrived_at is None and line.acknowledged_at is None


def test_marks_arrival_absence_and_their_order(personas, roster):
    actor = personas["commune_clerk"]
    order = issued(actor, roster)
    first, second, third = order.lines.filter(force="militia")[:3]
    with pytest.raises(ValidationError):  # before the order was issued
        services.line_mark(actor=actor, line=first, mark="arrived", at=at(DAY, 6))
    assert services.line_mark(actor=actor, line=first, mark="arrived", at=at(DAY, 8, 5))
    first.refresh_from_db()
    assert first.acknowledged_at == first.arrived_at == at(DAY, 8, 5)
    with pytest.raises(ValidationError):  # an absence needs its reason
        services.line_mark(actor=actor, line=second, mark="absent", at=at(DAY, 8))
    assert services.line_mark(
        actor=actor, line=second, mark="absent", at=at(DAY, 8), reason="Đi làm ăn xa"
    )
    assert not services.line_mark(
        actor=actor, line=first, mark="absent", at=at(DAY, 9), reason="x"
    )  # arrived stays arrived
    assert services.line_mark(actor=actor, line=third, mark="acknowledged", at=at(DAY, 7, 30))
    second.refresh_from_db()
    assert second.absent and second.absent_reason == "Đi làm ăn xa"
    assert AuditEvent.objects.filter(action="mobilisation.line_mark").count() == 3


def test_a_closed_order_is_frozen(personas, roster):
    actor = personas["commune_commander"]
    order = issued(actor, roster)
    line = order.lines.first()
    with pytest.raises(ValidationError):
        services.order_close(actor=actor, order=order, at=at(DAY, 6))
    services.order_close(actor=actor, order=order, at=at(DAY, 18))
    with pytest.raises(ValidationError):
        services.line_mark(actor=actor, line=line, mark="arrived", at=at(DAY, 19))
    with pytest.raises(ValidationError):
        services.order_close(actor=actor, order=order)
    with pytest.raises(ValidationError):
        services.order_add_group(actor=actor, order=order, force="militia", group="all")
    line.refresh_from_db()
    assert line.arrived_at is None
    assert AuditEvent.objects.filter(action="mobilisation.order_close").count() == 1


def test_two_clerks_marking_the_same_line_keep_the_first(personas, roster):
    """Both hold the same stale line; the conditional update lets only the first write."""
    order = issued(personas["commune_commander"], roster)
    phone = order.lines.filter(force="militia").first()
    desk = CallOutLine.objects.get(pk=phone.pk)
    first = services.line_mark(
        actor=personas["commune_commander"], line=phone, mark="arrived", at=at(DAY, 8, 1)
    )
    second = services.line_mark(
        actor=personas["commune_clerk"], line=desk, mark="arrived", at=at(DAY, 8, 9)
    )
    assert (first, second) == (True, False)
    phone.refresh_from_db()
    assert phone.arrived_at == at(DAY, 8, 1)
    assert AuditEvent.objects.filter(action="mobilisation.line_mark").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_once_on_postgres(personas, roster):
    needs_postgres()
    order = issued(personas["commune_commander"], roster)
    line = order.lines.filter(force="militia").first()
    clerks = [personas["commune_commander"], personas["commune_clerk"]]
    results: list[bool] = []

    def work(i):
        stale = CallOutLine.objects.select_related("order").get(pk=line.pk)
        results.append(
            services.line_mark(actor=clerks[i], line=stale, mark="arrived", at=at(DAY, 8, i))
        )

    assert run_threads(2, work) == []
    assert sorted(results) == [False, True]
    assert AuditEvent.objects.filter(action="mobilisation.line_mark").count() == 1
    connection.close()


def test_who_may_call_out(personas, roster):
    with pytest.raises(PermissionDenied):
        draft(personas["leader"], roster["commune"])
    with pytest.raises(ValidationError):  # outside his area: a message (the pages 404)
        draft(personas["other_commander"], roster["commune"])
    order = issued(personas["district_officer"], roster)  # the regional officer of the area
    with pytest.raises(PermissionDenied):
        services.line_mark(
            actor=personas["service_council"], line=order.lines.first(), mark="arrived"
        )
    with pytest.raises(PermissionDenied):
        roster_services.other_force_add(
            actor=personas["auditor"],
            commune=roster["commune"],
            name="Đội",
            organisation="Hội Chữ thập đỏ",
            headcount=5,
            available_from=DAY,
        )
    assert AuditEvent.objects.filter(action="mobilisation.order_issue").count() == 1


def test_other_forces_join_and_leave_the_roster(personas, units):
    from muster.mobilisation.rosters.selectors import other_forces_on

    actor = personas["commune_clerk"]
    commune = units["DHOP"]
    with pytest.raises(ValidationError) as error:
        roster_services.other_force_add(
            actor=actor, commune=commune, name=" ", organisation="", headcount=0, available_from=DAY
        )
    assert {"name", "organisation", "headcount"} <= set(error.value.message_dict)
    team = roster_services.other_force_add(
        actor=actor,
        commune=commune,
        name="Đội xung kích",
        organisation="Đoàn Thanh niên",
        headcount=10,
        available_from=DAY,
    )
    with pytest.raises(ValidationError):
        roster_services.other_force_end(actor=actor, force=team, on=DAY)
    roster_services.other_force_end(actor=actor, force=team, on=DAY + dt.timedelta(days=30))
    assert list(other_forces_on(commune, DAY + dt.timedelta(days=29))) == [team]
    assert not other_forces_on(commune, DAY + dt.timedelta(days=30)).exists()
    assert AuditEvent.objects.filter(action__startswith="mobilisation.other_force").count() == 2
