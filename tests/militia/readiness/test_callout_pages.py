"""The call-out pages: order, live board (htmx polling every 10 s, a bounded number of
queries whatever the members), answers recorded from the phone, closing; 403 and 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from muster.militia.models import CallOut, CallOutMember
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit
from tests.militia.readiness.factories import at, make_callout


@pytest.fixture
def platoon(units):
    unit = make_militia_unit(units["DHOP"])
    for i in range(3):
        make_member(make_person(units["DHOP"], full_name=f"Đinh Văn Hải {i}"), unit=unit)
    return unit


def test_commander_orders_a_call_out_and_records_answers(login, personas, units, platoon):
    client = login(personas["commune_commander"])
    dhop = units["DHOP"]
    new = reverse("militia:callout_new", args=[dhop.public_id])
    assert str(platoon.public_id) in client.get(new).content.decode()
    bad = client.post(new, {"kind": "real", "purpose": "storm", "ordered_by": "", "units": []})
    assert bad.status_code == 400
    when = timezone.localtime() - dt.timedelta(minutes=30)
    response = client.post(
        new,
        {
            "kind": "real",
            "purpose": "storm",
            "ordered_by": "Chỉ huy trưởng",
            "order_ref": "Lệnh 03",
            "ordered_at": when.strftime("%d/%m/%Y %H:%M"),
            "units": [str(platoon.public_id)],
        },
    )
    callout = CallOut.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("militia:callout", args=[callout.public_id])
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 10s"' in page and "Đinh Văn Hải 2" in page
    member = callout.members.select_related("membership").first()
    mark = reverse("militia:callout_mark", args=[callout.public_id])
    board = client.post(
        mark,
        {"member": str(member.membership.public_id), "mark": "arrived"},
        HTTP_HX_REQUEST="true",
    )
    assert board.status_code == 200
    text = board.content.decode()
    assert 'id="callout-board"' in text and "<html" not in text
    assert "data-total-arrived>1<" in text and "data-total-answered>1<" in text
    assert (
        client.post(mark, {"member": str(member.membership.public_id), "mark": "x"}).status_code
        == 302
    )
    close = client.post(reverse("militia:callout_close", args=[callout.public_id]))
    assert close.status_code == 302
    callout.refresh_from_db()
    assert callout.closed_at is not None
    closed_page = client.get(reverse("militia:callout", args=[callout.public_id])).content.decode()
    assert "hx-trigger" not in closed_page  # a closed call-out no longer polls
    readiness = client.get(reverse("militia:readiness", args=[dhop.public_id])).content.decode()
    assert reverse("militia:callout", args=[callout.public_id]) in readiness


def test_mark_and_close_are_post_only_and_guarded(client, personas, units, platoon):
    callout = make_callout(
        units["DHOP"], list(platoon.members.all()), ordered_at=at(dt.date(2025, 9, 1))
    )
    member = CallOutMember.objects.filter(callout=callout).select_related("membership").first()
    data = {"member": str(member.membership.public_id), "mark": "acknowledged"}
    for name in ("militia:callout_mark", "militia:callout_close"):
        url = reverse(name, args=[callout.public_id])
        client.force_login(personas["commune_commander"])
        assert client.get(url).status_code == 405
        client.force_login(personas["leader"])
        assert client.post(url, data).status_code == 403
        client.force_login(personas["other_commander"])
        assert client.post(url, data).status_code == 404
    client.force_login(personas["commune_clerk"])
    url = reverse("militia:callout_mark", args=[callout.public_id])
    assert client.post(url, {"member": "not-a-uuid", "mark": "acknowledged"}).status_code == 404
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.acknowledged_at is not None
    client.force_login(personas["leader"])
    assert (
        client.post(reverse("militia:callout_new", args=[units["DHOP"].public_id]), {}).status_code
        == 403
    )


def test_live_board_query_count_does_not_grow_with_members(
    client, personas, units, django_assert_max_num_queries
):
    dhop = units["DHOP"]
    small_unit = make_militia_unit(dhop, name="Tiểu đội 1")
    big_unit = make_militia_unit(dhop, name="Tiểu đội 2")
    small = [
        make_member(make_person(dhop, full_name=f"Mai Văn {i}"), unit=small_unit) for i in range(2)
    ]
    big = [
        make_member(make_person(dhop, full_name=f"Lý Văn {i}"), unit=big_unit) for i in range(25)
    ]
    client.force_login(personas["commune_commander"])
    for members in (small, big):
        callout = make_callout(dhop, members)
        CallOutMember.objects.filter(callout=callout).update(
            acknowledged_at=at(dt.date(2025, 9, 1), 9)
        )
        url = reverse("militia:callout_live", args=[callout.public_id])
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
        assert f"data-total-answered>{len(members)}<" in response.content.decode()
