"""Call-outs: ordering one calls the members serving in the units chosen; each member's answer
(acknowledged, arrived, not reached) is recorded once even when two people record it; closing
ends the members' days of duty; who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from muster.audit.models import AuditEvent
from muster.militia.models import CallOutMember, MembershipStatus
from muster.militia.readiness import services
from muster.militia.readiness.selectors import callout_board, readiness_of_commune
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit

DAY = dt.date(2025, 9, 1)


def order_time(hour=6):
    return timezone.make_aware(dt.datetime.combine(DAY, dt.time(hour, 0)))


@pytest.fixture
def force(units):
    dhop = units["DHOP"]
    platoon = make_militia_unit(dhop, name="Trung đội cơ động")
    squad = make_militia_unit(dhop, name="Tiểu đội thôn 1", component="on_site", level="squad")
    other = make_militia_unit(units["DT"], name="Trung đội Đồng Thanh")
    people = [make_person(dhop, full_name=f"Hoàng Văn Nam {i}") for i in range(5)]
    members = [
        make_member(people[0], unit=platoon),
        make_member(people[1], unit=platoon),
        make_member(people[2], unit=squad, component="on_site"),
        make_member(people[3], unit=platoon, joined_on=dt.date(2025, 10, 1)),  # after the order
        make_member(people[4], unit=platoon),
    ]
    left = members[4]
    left.status, left.ended_on, left.end_reason = MembershipStatus.LEFT, dt.date(2025, 8, 1), "x"
    left.save()
    return {"dhop": dhop, "platoon": platoon, "squad": squad, "other": other, "members": members}


def call(actor, force, units=None, **extra):
    return services.callout_create(
        actor=actor,
        commune=force["dhop"],
        kind="real",
        purpose="flood",
        ordered_by="Chỉ huy trưởng BCHQS xã Đức Hợp",
        order_ref="Lệnh 01/LĐ",
        ordered_at=extra.pop("ordered_at", order_time()),
        units=units or [force["platoon"], force["squad"]],
        **extra,
    )


def test_ordering_calls_the_members_serving_in_the_units_chosen(personas, force):
    callout = call(personas["commune_clerk"], force)
    called = set(callout.members.values_list("membership__person__full_name", flat=True))
    assert called == {"Hoàng Văn Nam 0", "Hoàng Văn Nam 1", "Hoàng Văn Nam 2"}
    assert AuditEvent.objects.filter(action="militia.callout_create").count() == 1
    only_squad = call(personas["commune_clerk"], force, units=[force["squad"]])
    assert only_squad.members.count() == 1


@pytest.mark.parametrize(
    ("which", "extra", "field"),
    [
        ("other", {}, "units"),
        ("none", {}, "units"),
        ("platoon", {"ordered_at": timezone.now() + dt.timedelta(hours=2)}, "ordered_at"),
        ("platoon", {"kind": "picnic"}, "kind"),
    ],
)
def test_ordering_is_validated(personas, force, which, extra, field):
    chosen = {"other": [force["other"]], "none": [], "platoon": [force["platoon"]]}[which]
    kwargs = {"kind": extra.pop("kind")} if "kind" in extra else {}
    with pytest.raises(ValidationError) as refused:
        if kwargs:
            services.callout_create(
                actor=personas["commune_commander"],
                commune=force["dhop"],
                purpose="flood",
                ordered_by="x",
                ordered_at=order_time(),
                units=chosen,
                **kwargs,
            )
        else:
            services.callout_create(
                actor=personas["commune_commander"],
                commune=force["dhop"],
                kind="exercise",
                purpose="drill",
                ordered_by="x",
                ordered_at=extra.get("ordered_at", order_time()),
                units=chosen or [],
            )
    assert field in refused.value.message_dict


def test_readers_and_other_communes_cannot_order(personas, force):
    with pytest.raises(PermissionDenied):
        call(personas["leader"], force)
    with pytest.raises(ValidationError):
        call(personas["other_commander"], force)


def test_acknowledge_arrive_not_reached_and_the_counts(personas, force):
    actor = personas["commune_commander"]
    callout = call(actor, force)
    m0, m1, m2 = (
        CallOutMember.objects.get(callout=callout, membership=force["members"][i]) for i in range(3)
    )
    assert services.callout_mark(actor=actor, member=m0, mark="acknowledged", at=order_time(7))
    assert services.callout_mark(actor=actor, member=m1, mark="arrived", at=order_time(8))
    assert services.callout_mark(actor=actor, member=m2, mark="not_reached", at=order_time(8))
    m1.refresh_from_db()
    assert m1.acknowledged_at == m1.arrived_at == order_time(8)  # arriving answers the call
    board = callout_board(callout)
    rows = {u.unit.name: u for u in board.units}
    platoon, squad = rows["Trung đội cơ động"], rows["Tiểu đội thôn 1"]
    assert (platoon.called, platoon.answered, platoon.arrived, platoon.waiting) == (2, 2, 1, 0)
    assert (squad.called, squad.answered, squad.not_reached, squad.waiting) == (1, 0, 1, 0)
    assert (board.called, board.answered, board.arrived, board.not_reached) == (3, 2, 1, 1)
    # A member not reached who calls back later is recorded as answering.
    assert services.callout_mark(actor=actor, member=m2, mark="acknowledged", at=order_time(9))
    m2.refresh_from_db()
    assert m2.acknowledged_at and not m2.not_reached
    # Answered members cannot be marked not reached.
    assert not services.callout_mark(actor=actor, member=m0, mark="not_reached")
    with pytest.raises(ValidationError):
        services.callout_mark(actor=actor, member=m0, mark="arrived", at=order_time(5))


def test_two_records_of_the_same_answer_keep_the_first(personas, force):
    """The commander (phone) and the clerk (desk) press "answered" at once: both hold the same
    stale row; the conditional update lets only the first write, and one event is recorded."""
    callout = call(personas["commune_commander"], force)
    phone = CallOutMember.objects.get(callout=callout, membership=force["members"][0])
    desk = CallOutMember.objects.get(pk=phone.pk)
    first = services.callout_mark(
        actor=personas["commune_commander"], member=phone, mark="acknowledged", at=order_time(7)
    )
    second = services.callout_mark(
        actor=personas["commune_clerk"], member=desk, mark="acknowledged", at=order_time(9)
    )
    assert (first, second) == (True, False)
    phone.refresh_from_db()
    assert phone.acknowledged_at == order_time(7)
    assert AuditEvent.objects.filter(action="militia.callout_mark").count() == 1


def test_closing_ends_the_call_out(personas, force):
    actor = personas["commune_commander"]
    callout = call(actor, force)
    member = callout.members.first()
    with pytest.raises(ValidationError):
        services.callout_close(actor=actor, callout=callout, at=order_time(5))
    closed = services.callout_close(actor=actor, callout=callout, at=order_time(18))
    assert closed.closed_at == order_time(18) and not closed.is_open
    with pytest.raises(ValidationError):
        services.callout_close(actor=actor, callout=callout)
    with pytest.raises(ValidationError):
        services.callout_mark(actor=actor, member=member, mark="acknowledged", at=order_time(19))
    member.refresh_from_db()
    assert member.acknowledged_at is None
    with pytest.raises(PermissionDenied):
        services.callout_close(actor=personas["leader"], callout=callout)
    assert AuditEvent.objects.filter(action="militia.callout_close").count() == 1


def test_readiness_counts_serving_members_per_unit_and_component(personas, force):
    ready = readiness_of_commune(user=personas["commune_commander"], commune=force["dhop"], day=DAY)
    per_unit = {r.unit.name: r.serving for r in ready.units}
    assert per_unit == {"Trung đội cơ động": 2, "Tiểu đội thôn 1": 1}
    assert {c.component: c.serving for c in ready.components} == {"mobile": 2, "on_site": 1}
    assert ready.serving == 3
    call(personas["commune_commander"], force)
    ready = readiness_of_commune(user=personas["commune_commander"], commune=force["dhop"], day=DAY)
    assert {r.unit.name: r.on_callout for r in ready.units} == {
        "Trung đội cơ động": 2,
        "Tiểu đội thôn 1": 1,
    }
    outsider = readiness_of_commune(
        user=personas["other_commander"], commune=force["dhop"], day=DAY
    )
    assert outsider.units == [] and outsider.serving == 0
