"""Cases against an organisation or an individual outside the registry (Decree 218/2025):
opened through the service with the band of the day and its remedial measure, refused for the
wrong offender, the wrong role (403) or area, decided within the organisation's band, shown on
the case page and printed with the remedial measure in Vietnamese."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.conscription.violations.models import ViolationCase, ViolationState
from muster.conscription.violations.selectors import candidates as case_candidates
from muster.conscription.violations.services import cases as violation_cases
from muster.conscription.violations.services import offenders as violation_offenders
from muster.conscription.violations.services import penalties as violation_penalties
from muster.health.models import HealthCall, HealthSession
from tests.conscription.violation_factories import open_case
from tests.core.factories import make_person

D = dt.date
M = 1_000_000
SCHOOL = "Trường THPT Đức Hợp"
ACT_DAY, DECISION_DAY = D(2025, 9, 10), D(2025, 9, 20)


def _open(actor, unit, *, kind="org_no_report", day=ACT_DAY, subject="organisation", name=SCHOOL):
    return violation_offenders.case_open_offender(
        actor=actor,
        subject=subject,
        offender_name=name,
        offender_address="Thôn 1, xã Đức Hợp",
        unit=unit,
        kind=kind,
        occurred_on=day,
        facts="Không báo cáo danh sách học sinh nam trong độ tuổi đăng ký NVQS.",
    )


def _decide(case, actor, fine, on=DECISION_DAY):
    violation_cases.notice_serve(
        actor=actor, case=case, served_on=on, served_to="Hiệu trưởng", content="Giấy mời"
    )
    return violation_penalties.penalty_decide(
        actor=actor,
        case=case,
        decision_number="5/QĐ-XPHC",
        decided_on=on,
        decided_by="Chủ tịch UBND xã Đức Hợp",
        fine_amount=fine,
    )


def test_an_organisation_case_end_to_end(officer, units):
    case = _open(officer, units["DHOP"])
    assert case.person is None and case.is_organisation and case.offender_label == SCHOOL
    assert (case.fine_min, case.fine_max) == (20 * M, 30 * M)
    assert case.decree == "NĐ 218/2025" and case.penalty_citation.endswith("Điều 8")
    assert case.remedial_measures.startswith("Buộc báo cáo") and not case.remedial_confirmed
    event = AuditEvent.objects.get(action="violation.open_offender")
    assert event.changes["subject"] == "organisation" and SCHOOL in event.object_repr
    with pytest.raises(ValidationError) as err:
        _decide(case, officer, 31 * M)
    assert "fine_amount" in err.value.message_dict
    decided = _decide(case, officer, 25 * M)
    assert decided.state == ViolationState.PENALISED and decided.fine_amount == 25 * M
    assert AuditEvent.objects.get(action="violation.decide").changes["remedial_measures"]
    violation_penalties.payment_record(
        actor=officer, case=decided, paid_on=D(2025, 9, 25), amount=25 * M
    )
    # A second failure of the same school after the fine was paid is a repeat.
    again = _open(officer, units["DHOP"], day=D(2025, 12, 1), name="trường thpt  Đức Hợp")
    assert again.repeat_of == decided


def test_an_organisation_obstructing_has_the_doubled_band_up_to_its_maximum(officer, units):
    case = _open(officer, units["DHOP"], kind="obstructed_callup", name="Công ty TNHH May Hưng")
    assert (case.fine_min, case.fine_max) == (80 * M, 100 * M) and not case.band_confirmed
    assert case.remedial_measures == ""
    assert _decide(case, officer, 90 * M).fine_amount == 90 * M  # above 75M: an organisation


def test_a_relative_outside_the_registry_obstructing_the_exam(officer, units):
    case = _open(
        officer, units["DHOP"], kind="obstructed_exam", subject="individual", name="Nguyễn Văn Bố"
    )
    assert (case.fine_min, case.fine_max) == (20 * M, 30 * M) and not case.is_organisation
    # A new offence of Decree 218/2025: none the day before it took effect.
    with pytest.raises(ValidationError) as err:
        _open(
            officer,
            units["DHOP"],
            kind="obstructed_exam",
            subject="individual",
            name="Nguyễn Văn Bố",
            day=D(2025, 8, 4),
        )
    assert "occurred_on" in err.value.message_dict


def test_a_citizen_of_the_registry_obstructing_the_callup(officer, units):
    father = make_person(units["DHOP"], full_name="Lê Văn Cha", date_of_birth=D(1970, 1, 1))
    case = open_case(father, kind="obstructed_callup", occurred_on=D(2025, 8, 4), actor=officer)
    assert case.penalty_citation.endswith("Điều 7 khoản 2") and (case.fine_min, case.fine_max) == (
        40 * M,
        50 * M,
    )
    with pytest.raises(ValidationError) as err:
        open_case(father, kind="org_no_report", occurred_on=D(2025, 9, 1), actor=officer)
    assert "kind" in err.value.message_dict


def test_an_obstruction_case_hides_none_of_the_citizens_own_candidates(officer, units, campaign):
    dhop = units["DHOP"]
    exam = HealthSession.objects.create(
        kind="examination", unit=dhop, date=D(2024, 11, 20), place="Trạm y tế xã"
    )
    man = make_person(dhop, full_name="Vắng Khám", date_of_birth=D(2004, 1, 1))
    HealthCall.objects.create(session=exam, person=man, notified_on=D(2024, 11, 1))
    # The same day he also obstructed his brother's examination call (a third party's act).
    case = open_case(man, kind="obstructed_callup", occurred_on=D(2024, 11, 20), actor=officer)
    assert case.penalty_citation.endswith("Điều 7 khoản 2")
    found = case_candidates.candidates(user=officer, campaign=campaign, today=D(2025, 3, 1))
    assert [(c.person, c.kind) for c in found.items] == [(man, "absent_exam")]


def test_offender_refusals(officer, units, personas):
    for kind, subject in (("absent_exam", "organisation"), ("org_no_report", "individual")):
        with pytest.raises(ValidationError) as err:
            _open(officer, units["DHOP"], kind=kind, subject=subject)
        assert "kind" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _open(officer, units["DHOP"], day=D(2025, 8, 4))  # no band before Decree 218/2025
    assert "occurred_on" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _open(officer, units["DHOP"], name="  ")
    assert "offender_name" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _open(officer, units["KD"])  # a district is no commune
    assert "unit" in err.value.message_dict
    with pytest.raises(ValidationError):
        _open(personas["other_commander"], units["DHOP"])  # outside his area
    for persona in ("leader", "commune_clerk", "health_council"):
        with pytest.raises(PermissionDenied):
            _open(personas[persona], units["DHOP"])
    _open(officer, units["DHOP"])
    with pytest.raises(ValidationError) as err:
        _open(officer, units["DHOP"])
    assert "__all__" in err.value.message_dict
    assert ViolationCase.objects.count() == 1


def test_exactly_one_offender_in_the_database(officer, units):
    case = _open(officer, units["DHOP"])
    man = make_person(units["DHOP"], full_name="Lê Văn Hai", date_of_birth=D(2005, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ViolationCase.objects.filter(pk=case.pk).update(person=man)
    with pytest.raises(IntegrityError), transaction.atomic():
        ViolationCase.objects.filter(pk=case.pk).update(offender_name="")


def test_the_page_opens_a_case_and_the_pdf_prints_the_remedy(
    officer, units, login, tmp_path, personas
):
    client = login(officer)
    url = reverse("campaigns:violation_create_offender")
    assert client.get(url).status_code == 200
    data = {
        "subject": "organisation",
        "offender_name": SCHOOL,
        "offender_address": "Thôn 1",
        "unit": str(units["DHOP"].public_id),
        "kind": "org_report_inaccurate",
        "occurred_on": "10/09/2025",
        "facts": "Báo cáo sai số lượng.",
    }
    assert client.post(url, {**data, "kind": "absent_exam"}).status_code == 400
    response = client.post(url, data)
    assert response.status_code == 302
    case = ViolationCase.objects.get()
    assert (case.fine_min, case.fine_max) == (15 * M, 20 * M)
    page = client.get(reverse("campaigns:violation_detail", args=[case.public_id]))
    assert SCHOOL in page.content.decode() and "Buộc báo cáo" in page.content.decode()
    _decide(case, officer, 18 * M)
    pdf = client.get(reverse("campaigns:violation_pdf", args=[case.public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "case.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "Tổ chức vi phạm",
        SCHOOL,
        "Biện pháp khắc phục hậu quả: Buộc báo cáo đầy đủ, chính xác",
        "Quyết định xử phạt số 5/QĐ-XPHC",
        "18.000.000 đồng",
        "Nghị định 218/2025/NĐ-CP, Điều 8",
    ):
        assert expected in flat, expected
    # A role that cannot handle violations is refused the page (403).
    assert login(personas["leader"]).post(url, data).status_code == 403


def test_a_citizen_case_pdf_prints_the_forced_service(officer, units, login, tmp_path):
    man = make_person(units["DHOP"], full_name="Lê Văn Ba", date_of_birth=D(2005, 1, 1))
    case = open_case(man, kind="refused_callup", occurred_on=D(2025, 2, 13), actor=officer)
    assert case.remedial_confirmed and "lệnh gọi nhập ngũ" in case.remedial_measures
    pdf = login(officer).get(reverse("campaigns:violation_pdf", args=[case.public_id]))
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf.content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    assert "Biện pháp khắc phục hậu quả: Buộc chấp hành lệnh gọi nhập ngũ" in text
