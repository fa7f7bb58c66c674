"""The organisation's pages: the commune's organisation (bounded queries), the forms posting to
the services, the decisions opened back from PDF and Word, the province's target against the
actual share on the strength page, and the denied paths (403 for readers, 404 out of area)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muster.accounts.services import system_actor
from muster.geo.services import unit_create
from muster.law.militia.enums import Post
from muster.militia.models import Appointment, MilitiaUnit, StrengthTarget
from muster.militia.organisation import cadre_services as cadres
from muster.militia.selectors import strength_by_commune
from muster.militia.targets.services import strength_target_set
from tests.core.factories import make_person, make_village
from tests.militia.factories import make_member, make_militia_unit

REFORM = dt.date(2025, 7, 1)


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_establish_page_posts_to_the_service(login, personas, units):
    dhop = units["DHOP"]
    village = make_village(dhop, "DH01")
    client = login(personas["commune_commander"])
    url = reverse("militia:unit_establish", args=[dhop.public_id])
    page = client.get(url)
    assert page.status_code == 200 and "Thẩm quyền quyết định" in page.content.decode()
    response = client.post(
        url,
        {
            "name": "Tiểu đội thôn DH01",
            "force": "militia",
            "agency": "",
            "component": "on_site",
            "level": "squad",
            "village": str(village.public_id),
            "parent": "",
            "establishment": "10",
            "established_on": "01/08/2025",
            "decision_ref": "7/QĐ-BCHQS",
        },
    )
    unit = MilitiaUnit.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{unit.public_id}/")
    assert unit.authority == "commune_commander" and unit.village == village
    bad = client.post(
        url,
        {
            "name": "x",
            "force": "militia",
            "component": "on_site",
            "level": "squad",
            "establishment": "10",
            "established_on": "01/08/2025",
            "decision_ref": "8",
        },
    )
    assert bad.status_code == 400


def test_readers_get_403_on_post_and_other_communes_404(login, personas, units):
    dhop = units["DHOP"]
    unit = make_militia_unit(dhop)
    leader = login(personas["leader"])
    assert (
        leader.post(reverse("militia:unit_establish", args=[dhop.public_id]), {}).status_code == 403
    )
    assert (
        leader.post(reverse("militia:unit_dissolve", args=[unit.public_id]), {}).status_code == 403
    )
    assert (
        leader.post(reverse("militia:structure_fill", args=[dhop.public_id]), {}).status_code == 403
    )
    officer = login(personas["district_officer"])
    assert (
        officer.post(reverse("militia:unit_assign", args=[unit.public_id]), {}).status_code == 403
    )
    assert officer.get(reverse("militia:organisation", args=[dhop.public_id])).status_code == 200
    other = login(personas["other_commander"])
    for name in ("militia:unit", "militia:unit_dissolve", "militia:unit_assign"):
        assert other.get(reverse(name, args=[unit.public_id])).status_code == 404
    assert other.get(reverse("militia:organisation", args=[dhop.public_id])).status_code == 404


def test_assign_page_refuses_a_mismatch_and_warns_over_establishment(login, personas, units):
    dhop = units["DHOP"]
    unit = make_militia_unit(dhop, establishment=1)
    client = login(personas["commune_clerk"])
    url = reverse("militia:unit_assign", args=[unit.public_id])
    wrong = make_member(make_person(dhop, full_name="Trần Văn Tại Chỗ"), component="on_site")
    response = client.post(url, {"membership": str(wrong.public_id)})
    assert response.status_code == 400 and "thành phần" in response.content.decode()
    first = make_member(make_person(dhop, full_name="Trần Văn Một"))
    second = make_member(make_person(dhop, full_name="Trần Văn Hai"))
    client.post(url, {"membership": str(first.public_id)})
    response = client.post(url, {"membership": str(second.public_id)}, follow=True)
    assert "hiện có 2 người, vượt biên chế 1" in response.content.decode()
    assert response.content.decode().count("Trần Văn Hai") >= 1


def test_appoint_dismiss_and_decisions_opened_back(login, personas, units, tmp_path):
    dhop = units["DHOP"]
    person = make_person(dhop, full_name="Nguyễn Văn Chỉ Huy")
    client = login(personas["commune_commander"])
    response = client.post(
        reverse("militia:appoint", args=[dhop.public_id]),
        {
            "person": "",
            "person_id": str(person.public_id),
            "post": "commander",
            "unit": "",
            "appointed_on": "01/07/2025",
            "decision_ref": "1234/QĐ-UBND",
            "without_social_insurance": "on",
        },
    )
    item = Appointment.objects.get()
    assert response.status_code == 302 and item.authority == "provincial_chairman"
    assert item.without_social_insurance  # the deputy's one-off payment depends on it
    page = client.get(reverse("militia:appointment", args=[item.public_id])).content.decode()
    assert "alert-danger" in page  # no grassroots degree recorded
    assert "không tham gia" in page or "does not take part" in page
    pdf = client.get(reverse("militia:appointment_document", args=[item.public_id]))
    text = _pdf_text(pdf.content, tmp_path)
    assert "QUYẾT ĐỊNH" in text and "Nguyễn Văn Chỉ Huy" in text and "1234/QĐ-UBND" in text
    assert "ỦY BAN NHÂN DÂN TỈNH" in text
    word = client.get(
        reverse("militia:appointment_document", args=[item.public_id]),
        {"format": "docx"},
    )
    assert "Bổ nhiệm Ông/bà Nguyễn Văn Chỉ Huy" in _docx_text(word.content)
    missing = client.get(
        reverse("militia:appointment_document", args=[item.public_id]) + "?kind=dismissal"
    )
    assert missing.status_code == 404
    response = client.post(
        reverse("militia:appointment_dismiss", args=[item.public_id]),
        {
            "ended_on": "01/11/2025",
            "reason": "dismissed",
            "note": "Vi phạm kỷ luật",
            "decision_ref": "88/QĐ-UBND",
        },
    )
    assert response.status_code == 302
    word = client.get(
        reverse("militia:appointment_document", args=[item.public_id]),
        {"kind": "dismissal", "format": "docx"},
    )
    text = _docx_text(word.content)
    assert "Miễn nhiệm Ông/bà Nguyễn Văn Chỉ Huy" in text and "Vi phạm kỷ luật" in text
    pdf = client.get(
        reverse("militia:appointment_document", args=[item.public_id]) + "?kind=dismissal"
    )
    assert "88/QĐ-UBND" in _pdf_text(pdf.content, tmp_path)
    review = client.post(
        reverse("militia:appointment_review", args=[item.public_id]),
        {"year": "2025", "rating": "not_fulfilled", "note": ""},
    )
    assert review.status_code == 302 and item.reviews.get().rating == "not_fulfilled"
    assert (
        login(personas["leader"])
        .post(reverse("militia:appointment_review", args=[item.public_id]), {})
        .status_code
        == 403
    )


def test_organisation_page_queries_do_not_grow(
    login, personas, units, django_assert_max_num_queries
):
    dhop = units["DHOP"]
    actor = personas["commune_commander"]
    for i in range(6):
        village = make_village(dhop, f"DH{i:02d}")
        unit = make_militia_unit(
            dhop,
            name=f"Tiểu đội {i}",
            component="on_site",
            level="squad",
            village=village,
            establishment=10,
        )
        make_member(make_person(dhop, full_name=f"Đội viên {i}"), unit=unit, component="on_site")
        cadres.appointment_create(
            actor=actor,
            holder=dhop,
            person=make_person(dhop, full_name=f"Tiểu đội trưởng {i}"),
            post=Post.SQUAD_LEADER,
            appointed_on=REFORM,
            decision_ref=f"{i}/QĐ",
            unit=unit,
        )
    cadres.appointment_create(
        actor=actor,
        holder=dhop,
        person=make_person(dhop),
        post=Post.COMMANDER,
        appointed_on=REFORM,
        decision_ref="1/QĐ",
    )
    client = login(actor)
    url = reverse("militia:organisation", args=[dhop.public_id]) + "?on=01/08/2025"
    with django_assert_max_num_queries(16):
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Tiểu đội 5" in text and "Tiểu đội trưởng 5" in text


def test_target_against_the_actual_share(login, personas, units):
    dhop, province = units["DHOP"], units["HY"]
    make_member(make_person(dhop), joined_on=dt.date(2025, 1, 1))
    officer = personas["district_officer"]
    strength_target_set(
        actor=officer,
        province=province,
        year=2025,
        ratio_pct=Decimal("1.5"),
        decision_ref="456/QĐ-UBND",
    )
    rows = {r.commune.code: r for r in strength_by_commune(user=officer, day=dt.date(2025, 3, 1))}
    row = rows[dhop.code]
    assert row.target_pct == Decimal("1.5") and row.below_target
    page = login(officer).get(reverse("militia:index") + "?on=01/03/2025").content.decode()
    assert "text-danger fw-bold" in page and "456/QĐ-UBND" in page
    assert not {
        r.commune.code: r for r in strength_by_commune(user=officer, day=dt.date(2024, 3, 1))
    }[dhop.code].below_target


def test_only_target_keepers_of_the_province_record_targets(login, personas, units):
    url = reverse("militia:targets")
    data = {
        "province": str(units["HY"].public_id),
        "year": "2025",
        "ratio_pct": "1,5",
        "decision_ref": "1/QĐ",
        "citation": "",
    }
    assert login(personas["commune_commander"]).post(url, data).status_code == 403
    assert login(personas["leader"]).post(url, data).status_code == 403
    # A province outside the officer's area is not offered (the form refuses it).
    other = unit_create(
        actor=system_actor(),
        code="01",
        kind="province",
        name="Hà Nội",
        parent=None,
        valid_from=dt.date(2008, 8, 1),
    )
    outside = {**data, "province": str(other.public_id)}
    assert login(personas["district_officer"]).post(url, outside).status_code == 400
    with pytest.raises(ValidationError):
        strength_target_set(
            actor=personas["district_officer"],
            province=other,
            year=2025,
            ratio_pct=Decimal("1"),
            decision_ref="x",
        )
    officer = login(personas["district_officer"])
    assert officer.post(url, data).status_code == 302
    assert StrengthTarget.objects.get().ratio_pct == Decimal("1.5")
    assert "1/QĐ" in officer.get(url).content.decode()
