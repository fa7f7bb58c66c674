"""Reserve units (Khung B): creating, editing, posts, ending, close specialties; permissions,
areas, audit and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from muster.audit.labels import ACTION_LABELS
from muster.audit.models import AuditEvent
from muster.reserve.models import CloseSpecialty, ReserveUnit, UnitPost
from muster.reserve.units import services
from tests.reserve.unit_factories import make_unit

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 1)


def _create(actor, area, **kw):
    values = {
        "code": "C1",
        "name": "Đại đội 1",
        "role": "combat",
        "force": "main",
        "established_on": DAY,
    }
    values.update(kw)
    return services.create_unit(actor=actor, area=area, **values)


def test_create_edit_posts_and_end_are_audited(personas, units):
    officer = personas["district_officer"]
    unit = _create(officer, units["DHOP"], spare_percent=12, decision="QĐ 12")
    services.set_post(
        actor=officer,
        unit=unit,
        specialty_code="bb",
        specialty_name="Bộ binh",
        kind="nco_soldier",
        rank="",
        count=20,
    )
    post = services.set_post(
        actor=officer,
        unit=unit,
        specialty_code="BB",
        specialty_name="",
        kind="nco_soldier",
        rank="",
        count=25,
    )
    assert post.count == 25 and post.specialty_code == "BB" and post.specialty_name == "Bộ binh"
    assert UnitPost.objects.filter(unit=unit).count() == 1
    services.edit_unit(
        actor=officer,
        unit=unit,
        code="C1",
        name="Đại đội bộ binh 1",
        role="support",
        force="local",
        established_on=DAY,
        spare_percent=None,
    )
    unit.refresh_from_db()
    assert (unit.name, unit.role, unit.force, unit.spare_percent) == (
        "Đại đội bộ binh 1",
        "support",
        "local",
        None,
    )
    services.remove_post(actor=officer, post=post)
    services.end_unit(
        actor=officer, unit=unit, ended_on=dt.date(2025, 4, 1), decision="QĐ 30", reason="Giải thể"
    )
    assert ReserveUnit.objects.get(pk=unit.pk).ended_on == dt.date(2025, 4, 1)
    actions = list(
        AuditEvent.objects.filter(action__startswith="reserve.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reserve.unit_create",
        "reserve.post_set",
        "reserve.post_set",
        "reserve.unit_edit",
        "reserve.post_remove",
        "reserve.unit_end",
    ]
    with translation.override("vi"):
        assert str(ACTION_LABELS["reserve.unit_create"]) == "Thành lập đơn vị dự bị động viên"
        assert str(ACTION_LABELS["reserve.placement_run"]) == (
            "Sắp xếp quân nhân dự bị vào đơn vị dự bị động viên"
        )
    with pytest.raises(ValidationError):  # ended: no more changes
        services.set_post(
            actor=officer,
            unit=unit,
            specialty_code="BB",
            specialty_name="",
            kind="nco_soldier",
            rank="",
            count=3,
        )


@pytest.mark.parametrize(("percent", "ok"), [(9, False), (10, True), (15, True), (16, False)])
def test_spare_percent_is_bounded_by_art_15(personas, units, percent, ok):
    officer = personas["district_officer"]
    if ok:
        assert _create(officer, units["DHOP"], spare_percent=percent).spare_percent == percent
    else:
        with pytest.raises(ValidationError) as error:
            _create(officer, units["DHOP"], spare_percent=percent)
        assert "spare_percent" in error.value.message_dict
        assert not ReserveUnit.objects.exists()


def test_bad_input_is_refused_with_messages_and_nothing_written(personas, units):
    officer = personas["district_officer"]
    _create(officer, units["DHOP"])
    with pytest.raises(ValidationError) as error:
        _create(officer, units["DHOP"], name=" ", role="tank")
    assert {"code", "name", "role"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError):
        _create(officer, units["DHOP"], code="C2", established_on=dt.date(2099, 1, 1))
    assert ReserveUnit.objects.count() == 1
    assert AuditEvent.objects.filter(action="reserve.unit_create").count() == 1


def test_services_refuse_roles_and_other_areas(personas, units):
    with pytest.raises(PermissionDenied):
        _create(personas["leader"], units["DHOP"])
    with pytest.raises(ValidationError):
        _create(personas["other_commander"], units["DHOP"])
    unit = make_unit(units["DHOP"], posts={"BB": 5})
    with pytest.raises(ValidationError):
        services.end_unit(
            actor=personas["other_commander"],
            unit=unit,
            ended_on=dt.date(2025, 4, 1),
            decision="QĐ",
            reason="x",
        )
    with pytest.raises(PermissionDenied):
        services.add_close_specialty(
            actor=personas["auditor"],
            area=units["KD"],
            post_specialty="BB",
            reservist_specialty="TT",
        )
    assert not AuditEvent.objects.filter(action__startswith="reserve.").exists()


def test_close_specialties_are_kept_once_and_removed(personas, units):
    officer = personas["district_officer"]
    row = services.add_close_specialty(
        actor=officer, area=units["KD"], post_specialty="bb", reservist_specialty="tt"
    )
    assert (row.post_specialty, row.reservist_specialty) == ("BB", "TT")
    with pytest.raises(ValidationError):
        services.add_close_specialty(
            actor=officer, area=units["KD"], post_specialty="BB", reservist_specialty="TT"
        )
    with pytest.raises(ValidationError):
        services.add_close_specialty(
            actor=officer, area=units["KD"], post_specialty="BB", reservist_specialty="BB"
        )
    services.remove_close_specialty(actor=officer, row=row)
    assert not CloseSpecialty.objects.exists()


def test_pages_create_a_unit_and_its_posts(client, personas, units):
    client.force_login(personas["commune_commander"])
    area = units["DHOP"]
    url = reverse("reserve:unit_create", args=[area.public_id])
    bad = client.post(url, {"code": "", "name": "X", "role": "combat", "force": "main"})
    assert bad.status_code == 400
    response = client.post(
        url,
        {
            "code": "D1",
            "name": "Đại đội 1",
            "role": "combat",
            "force": "main",
            "spare_percent": "10",
            "established_on": "01/03/2025",
        },
    )
    unit = ReserveUnit.objects.get(code="D1")
    assert response.status_code == 302 and response.url == reverse(
        "reserve:unit", args=[unit.public_id]
    )
    page = reverse("reserve:unit", args=[unit.public_id])
    added = client.post(
        page,
        {
            "action": "post",
            "specialty_code": "BB",
            "specialty_name": "Bộ binh",
            "kind": "nco_soldier",
            "count": "30",
        },
    )
    assert added.status_code == 302
    assert UnitPost.objects.get(unit=unit).count == 30
    listing = client.get(reverse("reserve:units", args=[area.public_id]), {"on": "02/03/2025"})
    text = listing.content.decode()
    assert "D1" in text and ">30<" in text and "table-responsive" in text
    client.force_login(personas["leader"])  # reads, does not write
    assert client.get(page).status_code == 200
    assert client.post(page, {"action": "post"}).status_code == 403
    client.force_login(personas["other_commander"])
    assert client.get(page).status_code == 404


def test_close_page_adds_and_removes_and_unit_page_ends(client, personas, units):
    client.force_login(personas["district_officer"])
    url = reverse("reserve:close", args=[units["KD"].public_id])
    assert client.post(url, {"action": "add", "post_specialty": "BB"}).status_code == 400
    added = client.post(
        url, {"action": "add", "post_specialty": "BB", "reservist_specialty": "SM", "note": ""}
    )
    assert added.status_code == 302
    row = CloseSpecialty.objects.get()
    with translation.override("vi"):
        page = client.get(reverse("reserve:close", args=[units["DHOP"].public_id]))
        assert "Chuyên nghiệp quân sự gần" in page.content.decode()  # read from the area above
    bad = client.post(url, {"action": "remove", "row": "not-a-uuid"})
    assert bad.status_code == 404
    # Only the keeper's page removes a row: Đức Hợp's page does not find Kim Động's.
    other = client.post(
        reverse("reserve:close", args=[units["DHOP"].public_id]),
        {"action": "remove", "row": str(row.public_id)},
    )
    assert other.status_code == 404
    assert client.post(url, {"action": "remove", "row": str(row.public_id)}).status_code == 302
    assert not CloseSpecialty.objects.exists()
    unit = make_unit(units["DHOP"], posts={"BB": 5})
    stranger = make_unit(units["DHOP"], posts={"TT": 2})
    page = reverse("reserve:unit", args=[unit.public_id])
    foreign = UnitPost.objects.get(unit=stranger)
    assert client.post(page, {"action": "remove", "post": foreign.pk}).status_code == 404
    assert client.post(page, {"action": "end", "ended_on": "01/04/2025"}).status_code == 400
    ended = client.post(
        page, {"action": "end", "ended_on": "01/04/2025", "decision": "QĐ 9", "reason": "Giải thể"}
    )
    assert ended.status_code == 302
    assert ReserveUnit.objects.get(pk=unit.pk).ended_on == dt.date(2025, 4, 1)
    # An ended unit's post cannot be removed: a message, no 500, nothing deleted.
    post = UnitPost.objects.get(unit=unit)
    assert client.post(page, {"action": "remove", "post": post.pk}).status_code == 302
    assert UnitPost.objects.filter(pk=post.pk).exists()
