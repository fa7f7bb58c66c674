"""The selection page: verdicts from the registry, the commander's decision into a component
and unit, a read-only officer refused, the conflict with the call-up's official list shown,
the decision documents opened back (PDF and Word, Vietnamese), a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

from django.urls import reverse
from docx import Document

from muster.militia.members import services as ms
from muster.militia.models import SelectionDecision
from muster.people.models import FamilyTie
from tests.core.factories import make_person
from tests.militia.factories import make_militia_unit
from tests.militia.reg_factories import on_official_list


def _register(personas, units, name, **kwargs):
    person = make_person(units["DHOP"], full_name=name, date_of_birth=dt.date(2001, 1, 1), **kwargs)
    ms.register_one(
        actor=personas["commune_clerk"],
        person=person,
        commune=units["DHOP"],
        on=dt.date(2026, 4, 20),
        source="other",
    )
    return person


def _url(units):
    """The page as of 04/05/2026 (the old Đức Hợp's personas otherwise see its last day)."""
    return reverse("militia:selection", args=[units["DHOP"].public_id]) + "?on=04/05/2026"


def test_commander_selects_into_a_unit_and_prints_the_decision(login, personas, units, tmp_path):
    platoon = make_militia_unit(units["DHOP"], name="Trung đội cơ động số 1")
    person = _register(personas, units, "Nguyễn Văn Tuấn")
    client = login(personas["commune_commander"])
    page = client.get(_url(units)).content.decode()
    assert "Nguyễn Văn Tuấn" in page and "Chủ tịch Ủy ban nhân dân cấp xã" in page
    response = client.post(
        _url(units),
        {
            "person": str(person.public_id),
            "kind": "select",
            "component": "mobile",
            "unit": str(platoon.public_id),
            "decided_on": "04/05/2026",
            "decision_ref": "15/QĐ-UBND",
        },
    )
    assert response.status_code == 302
    decision = SelectionDecision.objects.get(person=person)
    assert decision.membership.unit == platoon
    pdf = client.get(reverse("militia:decision_pdf", args=[decision.public_id]))
    path = tmp_path / "decision.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "QUYẾT ĐỊNH" in text and "Nguyễn Văn Tuấn" in text and "03/05/2030" in text
    assert "Số: 15/QĐ-UBND" in text
    word = client.get(reverse("militia:decision_docx", args=[decision.public_id]))
    body = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "công nhận công dân thực hiện nghĩa vụ tham gia Dân quân tự vệ" in body
    assert "Trung đội cơ động số 1" in body


def test_deferral_document_names_the_ground(login, personas, units):
    person = _register(personas, units, "Phạm Văn Học")
    person.study_status = "studying"
    person.save()
    client = login(personas["commune_commander"])
    page = client.get(_url(units)).content.decode()
    assert "Người đang học tập" in page
    client.post(
        _url(units),
        {
            "person": str(person.public_id),
            "kind": "defer",
            "ground": "11.1.h",
            "decided_on": "04/05/2026",
            "decision_ref": "16/QĐ-UBND",
        },
    )
    decision = SelectionDecision.objects.get(person=person)
    word = client.get(reverse("militia:decision_docx", args=[decision.public_id]))
    body = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Tạm hoãn thực hiện nghĩa vụ" in body and "Người đang học tập" in body


def test_a_refused_selection_stays_on_the_form(login, personas, units):
    person = _register(personas, units, "Cao Văn Xuân")
    FamilyTie.objects.create(
        person=person, relation="spouse", relative_name="Cao Thị Yến", serving_as_soldier=True
    )
    client = login(personas["commune_commander"])
    assert "Có chồng hoặc vợ là sĩ quan" in client.get(_url(units)).content.decode()
    response = client.post(
        _url(units),
        {
            "person": str(person.public_id),
            "kind": "select",
            "component": "mobile",
            "decided_on": "04/05/2026",
            "decision_ref": "17/QĐ-UBND",
        },
    )
    assert response.status_code == 400 and not SelectionDecision.objects.exists()


def test_readers_and_neighbours(login, personas, units):
    person = _register(personas, units, "Lý Văn Đọc")
    data = {
        "person": str(person.public_id),
        "kind": "select",
        "component": "mobile",
        "decided_on": "04/05/2026",
        "decision_ref": "1",
    }
    assert login(personas["district_officer"]).post(_url(units), data).status_code == 403
    assert login(personas["other_commander"]).get(_url(units)).status_code == 404


def test_call_up_official_list_is_shown_on_the_selection_page(login, personas, units):
    person = _register(personas, units, "Ông Văn Xung")
    on_official_list(person, units["DHOP"], year=2027)
    page = login(personas["commune_commander"]).get(_url(units)).content.decode()
    assert 'data-testid="commitment"' in page and "2027" in page


def test_selection_page_queries_do_not_grow_with_citizens(
    login, personas, units, django_assert_max_num_queries
):
    for i in range(12):
        p = _register(personas, units, f"Đỗ Văn Số {i}")
        FamilyTie.objects.create(
            person=p, relation="father", relative_name="Cha", is_martyr=i % 2 == 0
        )
    client = login(personas["commune_commander"])
    with django_assert_max_num_queries(25):
        assert client.get(_url(units)).status_code == 200
