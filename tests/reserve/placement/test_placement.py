"""The placement run: what it stores is the pure engine's result, a re-run replaces the area's
current placement and keeps the old one, the reasons are shown, refusals and access, the
registry commitment, the run page's query count and the Excel list read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from muster.audit.models import AuditEvent
from muster.core.registry import registry
from muster.law.reserve.placement import place
from muster.militia.members.selectors import conflicts_of
from muster.militia.selection.services import verdict_for
from muster.reserve.models import CloseSpecialty, NotPlaced, Placement, PlacementRun
from muster.reserve.placement.services import close_table, engine_inputs, ident, run_placement
from tests.militia.factories import make_member
from tests.reserve.unit_factories import make_reservist, make_unit

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 5, 2)


@pytest.fixture
def world(units):
    """Đức Hợp: a main-force combat unit (BB ×4, spare 10 % → 1) and a local combat-support
    unit (LX ×2); seven reservists: one past every age limit (47), one without a class, one TT
    close to BB, one living in Đồng Thanh, a driver of 37 (too old for combat, not support)."""
    dhop, dt_ = units["DHOP"], units["DT"]
    main = make_unit(dhop, posts={"BB": 4}, code="C1")
    local = make_unit(dhop, posts={"LX": 2}, role="support", force="local", code="C2")
    people = {
        "bb1": make_reservist(dhop, specialty="BB", name="Nguyễn Văn An"),
        "bb2": make_reservist(dhop, specialty="BB", reserve_class=2, name="Lê Văn Ba"),
        "bb3": make_reservist(dt_, specialty="BB", name="Phạm Văn Cư"),
        "tt": make_reservist(dhop, specialty="TT", name="Đỗ Văn Dũng"),
        "old": make_reservist(dhop, specialty="BB", born=dt.date(1978, 1, 1), name="Vũ Văn Già"),
        "lx": make_reservist(dhop, specialty="LX", born=dt.date(1988, 1, 1), name="Hoàng Văn Lái"),
        "none": make_reservist(dhop, specialty="BB", reserve_class=None, name="Trịnh Văn Khuyết"),
    }
    CloseSpecialty.objects.create(area=units["KD"], post_specialty="BB", reservist_specialty="TT")
    return {"main": main, "local": local, "people": people}


def test_stored_placement_is_the_engine_result(personas, units, world):
    officer = personas["district_officer"]
    run = run_placement(actor=officer, area=units["KD"], day=DAY)
    _rows, people, _units, pure_units, posts = engine_inputs(units["KD"], DAY)
    expected = place(DAY, people, pure_units, posts, close_table(units["KD"]))
    stored = {
        (ident(p.reservist_id), ident(p.unit_id), p.specialty, p.spare, p.right_specialty, p.stage)
        for p in Placement.objects.filter(run=run)
    }
    assert stored == {
        (p.reservist, p.unit, p.specialty, p.spare, p.right_specialty, p.stage)
        for p in expected.placements
    }
    assert {
        ident(n.reservist_id) for n in NotPlaced.objects.filter(run=run, outcome="refused")
    } == {r.reservist for r in expected.refusals}
    assert run.placed == len(expected.placements) and run.refused == len(expected.refusals)
    p = world["people"]
    # BB ×4 full: bb1, bb2, bb3 (another commune) and tt (close); the spare finds nobody left.
    in_main = set(
        Placement.objects.filter(run=run, unit=world["main"]).values_list("reservist", flat=True)
    )
    assert in_main == {p["bb1"].pk, p["bb2"].pk, p["bb3"].pk, p["tt"].pk}
    # The driver of 37 goes to the combat-support unit; the soldier of 47 is past every limit.
    assert Placement.objects.get(run=run, reservist=p["lx"]).unit == world["local"]
    refused = {n.reservist_id: n for n in NotPlaced.objects.filter(run=run)}
    assert set(refused) == {p["old"].pk, p["none"].pk}
    assert "quá độ tuổi" in refused[p["old"].pk].reason_vi
    assert "Điều 17" in refused[p["old"].pk].citations_vi
    strength = run.strengths.get(unit=world["main"])
    assert (strength.establishment, strength.strength, strength.spare_target, strength.spare) == (
        4,
        4,
        1,
        0,
    )
    assert strength.right_specialty == 3 and strength.right_rate == 75
    close = Placement.objects.get(run=run, reservist=p["tt"])
    assert not close.right_specialty
    assert close.explanation_vi.startswith("Chuyên nghiệp quân sự gần (TT cho vị trí BB)")
    assert "Điều 16" in close.citations_vi
    assert not Placement.objects.get(run=run, reservist=p["bb3"]).own_area
    event = AuditEvent.objects.get(action="reserve.placement_run")
    assert event.changes["placed"] == run.placed


def test_rerun_replaces_the_current_placement_and_keeps_the_old(personas, units, world):
    officer = personas["district_officer"]
    first = run_placement(actor=officer, area=units["KD"], day=DAY)
    p = world["people"]
    placed = registry.commitments_by_name["reserve.placed"]
    registered = registry.commitments_by_name["reserve.registered"]
    pid = p["bb1"].person_id
    assert pid in placed.persons([pid]) and pid not in registered.persons([pid])
    # A new BB reservist: the right specialty fills the four posts, TT (close) moves to the spare.
    newcomer = make_reservist(units["DHOP"], specialty="BB", name="Bùi Văn Mới")
    second = run_placement(actor=officer, area=units["KD"], day=DAY)
    first.refresh_from_db()
    assert not first.current and first.replaced_at is not None and second.current
    assert Placement.objects.filter(run=first).count() == first.placed  # history kept
    current = set(
        Placement.objects.filter(run__current=True, unit=world["main"]).values_list(
            "reservist", flat=True
        )
    )
    assert current == {p["bb1"].pk, p["bb2"].pk, p["bb3"].pk, newcomer.pk, p["tt"].pk}
    moved = Placement.objects.get(run=second, reservist=p["tt"])
    assert moved.spare and moved.stage == 3
    assert not Placement.objects.get(run=second, reservist=p["bb2"]).spare
    assert PlacementRun.objects.filter(current=True).count() == 1
    # A commune's own run is refused while the district's placement covers it.
    with pytest.raises(ValidationError) as error:
        run_placement(actor=officer, area=units["DHOP"], day=DAY)
    assert "__all__" in error.value.message_dict


def test_commune_run_is_replaced_by_a_run_of_the_area_above(personas, units, world):
    commune = run_placement(actor=personas["commune_commander"], area=units["DHOP"], day=DAY)
    assert commune.current
    run_placement(actor=personas["district_officer"], area=units["KD"], day=DAY)
    commune.refresh_from_db()
    assert not commune.current


def test_placed_standing_militia_member_is_a_conflict(personas, units, world):
    person = world["people"]["bb1"].person
    member = make_member(person, component="standing")
    assert [r.code for r in conflicts_of(member, DAY)] == []
    run_placement(actor=personas["district_officer"], area=units["KD"], day=DAY)
    assert "placed_reservist" in [r.code for r in conflicts_of(member, DAY)]


def test_placed_reservist_is_exempt_from_militia_selection(personas, units, world):
    person = world["people"]["bb1"].person
    assert "11.2.c" not in [g.code for g in verdict_for(person, on=DAY).grounds]
    run_placement(actor=personas["district_officer"], area=units["KD"], day=DAY)
    verdict = verdict_for(person, on=DAY)
    assert [g.code for g in verdict.grounds] == ["11.2.c"] and verdict.status == "exempt"
    # An unplaced reservist (the one refused for age) is not exempt on that ground.
    old = world["people"]["old"].person
    assert "11.2.c" not in [g.code for g in verdict_for(old, on=DAY).grounds]


def test_run_is_refused_to_readers_and_other_areas(personas, units, world):
    with pytest.raises(PermissionDenied):
        run_placement(actor=personas["leader"], area=units["KD"], day=DAY)
    with pytest.raises(ValidationError):
        run_placement(actor=personas["other_commander"], area=units["DHOP"], day=DAY)
    with pytest.raises(ValidationError) as error:
        run_placement(actor=personas["district_officer"], area=units["KD"], day=dt.date(2099, 1, 1))
    assert "day" in error.value.message_dict
    assert not PlacementRun.objects.exists()
    assert not AuditEvent.objects.filter(action="reserve.placement_run").exists()


def test_pages_show_the_run_the_reasons_and_the_refused(client, personas, units, world):
    client.force_login(personas["district_officer"])
    url = reverse("reserve:placement", args=[units["KD"].public_id])
    assert client.post(url, {"day": "xx"}).status_code == 400
    response = client.post(url, {"day": DAY.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    with translation.override("vi"):
        page = client.get(url).content.decode()
        assert 'data-testid="strengths"' in page and "75,0" in page
        unit_page = client.get(reverse("reserve:unit", args=[world["main"].public_id]))
        text = unit_page.content.decode()
        assert "Chuyên nghiệp quân sự gần (TT cho vị trí BB)" in text
        assert "Nguyễn Văn An" in text
        refused = client.get(reverse("reserve:not_placed", args=[units["KD"].public_id]))
        assert "Vũ Văn Già" in refused.content.decode()
        assert "Trịnh Văn Khuyết" in refused.content.decode()
        unplaced = client.get(
            reverse("reserve:not_placed", args=[units["KD"].public_id]), {"outcome": "unplaced"}
        )
        assert "Vũ Văn Già" not in unplaced.content.decode()
        detail = client.get(reverse("reserve:reservist", args=[world["people"]["tt"].public_id]))
        assert 'data-testid="placement"' in detail.content.decode()
        assert "C1" in detail.content.decode()
    client.force_login(personas["leader"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"day": DAY.strftime("%d/%m/%Y")}).status_code == 403
    # Links only to what the reader may open: Đồng Thanh's commander sees his reservist's
    # unit in Đức Hợp by name; Đức Hợp's commander sees the Đồng Thanh reservist unlinked.
    bb3 = world["people"]["bb3"]
    client.force_login(personas["commune_commander"])
    main_page = client.get(reverse("reserve:unit", args=[world["main"].public_id]))
    assert "Phạm Văn Cư" in main_page.content.decode()
    assert str(bb3.public_id) not in main_page.content.decode()
    client.force_login(personas["other_commander"])
    own = client.get(reverse("reserve:reservist", args=[bb3.public_id])).content.decode()
    assert "C1" in own and str(world["main"].public_id) not in own
    assert client.get(url).status_code == 404
    assert client.get(reverse("reserve:unit", args=[world["main"].public_id])).status_code == 404


def test_run_page_reads_in_a_bounded_number_of_queries(client, personas, units, world):
    officer = personas["district_officer"]
    client.force_login(officer)
    url = reverse("reserve:placement", args=[units["KD"].public_id])
    run_placement(actor=officer, area=units["KD"], day=DAY)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(6):
        make_unit(units["DHOP"], posts={"BB": 2, "LX": 1}, code=f"X{i}")
        make_reservist(units["DHOP"], specialty="BB", name=f"Người {i}")
    run_placement(actor=officer, area=units["KD"], day=DAY)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(few.captured_queries) <= 15


def test_excel_placement_list_reads_back(client, personas, units, world):
    officer = personas["district_officer"]
    client.force_login(officer)
    url = reverse("reserve:placement_xlsx", args=[units["KD"].public_id])
    assert client.get(url).status_code == 404  # nothing run yet
    run = run_placement(actor=officer, area=units["KD"], day=DAY)
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    body = [r for r in rows[header + 1 :] if isinstance(r[0], int)]
    assert len(body) == run.placed
    names = {r[2] for r in body}
    assert {"Nguyễn Văn An", "Đỗ Văn Dũng", "Hoàng Văn Lái"} <= names
    tt = next(r for r in body if r[2] == "Đỗ Văn Dũng")
    assert tt[6] == "TT" and tt[7] == "BB" and tt[8] == "Gần"
    assert tt[11].startswith("Chuyên nghiệp quân sự gần")


def test_a_commune_commander_cannot_appoint_a_cadre_from_another_commune(personas, units, world):
    """The Khung B form offers only the reader's own reservists, and the service refuses a
    reservist of another commune even when the unit is in the actor's area."""
    from muster.reserve.payments.services import appoint

    run_placement(actor=personas["district_officer"], area=units["KD"], day=DAY)
    with pytest.raises(ValidationError, match=r"outside your area|ngoài địa bàn"):
        appoint(
            actor=personas["commune_commander"],
            unit=world["main"],
            reservist=world["people"]["bb3"],
            post="squad_leader",
            appointed_on=DAY,
        )
