"""Examinations as TT 105/2023 Art 8(5),(6) runs them: every required station of two rounds,
a completeness check before the council concludes, the lab round (drug and HIV tests) feeding
the engine, and a correction after the conclusion re-opening it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.conscription.eligibility.selectors import facts_for_person, verdict_for_person
from muster.health.models import HealthCall, SessionKind, StationResult
from muster.health.services import (
    ResultInput,
    call_citizens,
    conclude_examination,
    record_station_result,
    session_create,
)
from muster.people.models import Sex
from tests.core.factories import make_person
from tests.health.factories import EXAM_DAY, called, conclude

ON = dt.date(2025, 1, 10)
CLINICAL = ("surgery", "dermatology", "ent", "teeth", "internal", "neurology", "psychiatry")


def _enter(personas, call, station, **data):
    return record_station_result(
        actor=personas["health_council"], call=call, station=station, data=ResultInput(**data)
    )


def _physique(personas, call, height="170"):
    return _enter(personas, call, "physique", height_cm=height, weight_kg="60", chest_cm="85")


def _round_one(personas, call, *, score="1"):
    """Every station of round 1 a man passes (a woman's physique needs no chest)."""
    if call.person.sex == Sex.FEMALE:
        _enter(personas, call, "physique", height_cm="158", weight_kg="50")
    else:
        _physique(personas, call)
    _enter(personas, call, "eyes", right_eye="10", left_eye="10")
    for station in CLINICAL:
        _enter(personas, call, station, score=score)
    _enter(personas, call, "imaging", score="1")


def _round_two(personas, call, *, drug=False, hiv=False):
    _enter(personas, call, "lab", score="2")
    _enter(personas, call, "drug_test", positive=drug)
    _enter(personas, call, "hiv_test", positive=hiv)


def test_physique_alone_is_not_a_conclusion_and_the_refusal_names_the_missing(
    personas, units, exam
):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _physique(personas, call)
    call.refresh_from_db()
    assert call.health_class is None and call.concluded_on is None
    assert facts_for_person(person=person, on=ON).health_class is None
    with translation.override("vi"), pytest.raises(ValidationError) as err:
        conclude(personas, call)
    text = " ".join(err.value.messages)
    for name in ("Ngoại khoa", "Mắt", "Tâm thần", "Chẩn đoán hình ảnh", "Xét nghiệm ma túy"):
        assert name in text, name
    assert "Thể lực" not in text
    assert "105/2023" in text and "Điều 8" in text
    assert "Sản phụ khoa" not in text  # a man is not examined in gynaecology
    call.refresh_from_db()
    assert call.health_class is None


def test_a_failed_standard_concludes_at_once(personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _physique(personas, call)
    _enter(personas, call, "surgery", score="4")
    call = conclude(personas, call)
    assert (call.health_class, call.concluded_on, call.decisive) == (4, EXAM_DAY, "surgery")
    assert AuditEvent.objects.filter(action="health.conclude").count() == 1
    facts = facts_for_person(person=person, on=ON)
    assert facts.health_class == 4


def test_a_complete_exam_concludes_with_the_worst_scored_station(personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _round_one(personas, call)
    _round_two(personas, call)
    call = conclude(personas, call)
    assert (call.health_class, call.class_label) == (2, "2")
    assert call.decisive == "lab"
    assert call.bmi is not None and not call.drug_positive and call.exempt_icd == ""
    verdict = verdict_for_person(person=person, on=ON)
    assert verdict is not None
    assert "health_class_unknown" not in [r.code for r in verdict.reasons]


def test_round_two_is_refused_before_round_one_is_complete(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    _physique(personas, call)
    with pytest.raises(ValidationError) as err:
        _enter(personas, call, "lab", score="1")
    assert "station" in err.value.message_dict
    assert not StationResult.objects.filter(call=call, station="lab").exists()


def test_round_two_is_refused_after_a_failed_round_one(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    _round_one(personas, call)
    _enter(personas, call, "teeth", score="4")
    with pytest.raises(ValidationError):
        _enter(personas, call, "drug_test", positive=False)


def test_a_test_takes_negative_or_positive_not_a_score(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    _round_one(personas, call)
    with pytest.raises(ValidationError) as err:
        _enter(personas, call, "drug_test", score="1")
    assert "positive" in err.value.message_dict


def test_positive_drug_test_bars_the_call_up_as_drug_addiction(personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _round_one(personas, call)
    _round_two(personas, call, drug=True)
    call = conclude(personas, call)
    assert call.drug_positive and call.health_class == 2
    verdict = verdict_for_person(person=person, on=ON)
    assert verdict is not None and not verdict.callable
    assert "drug_addiction" in [r.code for r in verdict.reasons]


def test_positive_hiv_test_records_the_registration_exempt_illness(personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _round_one(personas, call)
    _round_two(personas, call, hiv=True)
    assert StationResult.objects.get(call=call, station="hiv_test").exempt_icd == "Z21"
    call = conclude(personas, call)
    assert call.exempt_icd == "Z21"
    assert facts_for_person(person=person, on=ON).registration_exempt_condition
    with pytest.raises(ValidationError):
        _enter(personas, call, "hiv_test", positive=True, exempt_icd="F20")


def test_a_correction_after_the_conclusion_reopens_it(personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _round_one(personas, call)
    _round_two(personas, call)
    conclude(personas, call)
    _enter(personas, call, "ent", score="3")
    call.refresh_from_db()
    assert call.health_class is None and call.concluded_on is None
    event = AuditEvent.objects.filter(action="health.result").order_by("-seq").first()
    assert event is not None and event.changes.get("reopened") is True
    assert facts_for_person(person=person, on=ON).health_class is None
    assert conclude(personas, call).health_class == 3


def test_a_woman_needs_gynaecology_and_a_man_must_not_get_it(personas, units, exam):
    woman = make_person(
        units["DHOP"], full_name="Lê Thị Hoa", sex=Sex.FEMALE, date_of_birth=dt.date(2004, 2, 2)
    )
    call = called(personas, exam, woman)
    _round_one(personas, call)  # the men's stations only
    with pytest.raises(ValidationError):
        _enter(personas, call, "lab", score="1")  # round 1 is not complete for a woman
    with translation.override("vi"), pytest.raises(ValidationError) as err:
        conclude(personas, call)
    assert "Sản phụ khoa" in " ".join(err.value.messages)
    _enter(personas, call, "gynaecology", score="1")
    _round_two(personas, call)
    assert conclude(personas, call).health_class == 2
    man = called(personas, exam, make_person(units["DHOP"]))
    with pytest.raises(ValidationError):
        _enter(personas, man, "gynaecology", score="1")


def test_only_the_health_role_concludes(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    _physique(personas, call, height="150")
    with pytest.raises(PermissionDenied):
        conclude_examination(actor=personas["district_officer"], call=call)


def test_a_screening_is_not_concluded_as_an_examination(personas, units):
    screening = session_create(
        actor=personas["commune_commander"],
        kind=SessionKind.SCREENING,
        unit=units["DHOP"],
        date=EXAM_DAY,
        place="Trạm y tế xã Đức Hợp",
    )
    person = make_person(units["DHOP"])
    call_citizens(
        actor=personas["commune_commander"], session=screening, people=[person], notified_on=None
    )
    call = HealthCall.objects.get(person=person)
    _physique(personas, call)
    call.refresh_from_db()
    assert call.health_class == 1  # the screening's own result, as before
    with pytest.raises(ValidationError):
        conclude(personas, call)
    with pytest.raises(ValidationError):
        _enter(personas, call, "drug_test", positive=False)


# ------------------------------------------------------------------------------- pages


def test_conclude_page_refuses_with_the_missing_stations_and_then_concludes(
    login, personas, units, exam
):
    call = called(personas, exam, make_person(units["DHOP"], full_name="Nguyễn Văn An"))
    _physique(personas, call)
    client = login(personas["health_council"])
    url = reverse("health:conclude", kwargs={"public_id": call.public_id})
    assert client.get(url).status_code == 405
    refused = client.post(url)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Ngoại khoa" in html and "Điều 8" in html
    detail = client.get(reverse("health:session_detail", kwargs={"public_id": exam.public_id}))
    assert "Kết luận" in detail.content.decode()
    _enter(personas, call, "surgery", score="5")
    done = client.post(url)
    assert done.status_code == 302
    call.refresh_from_db()
    assert call.health_class == 5


def test_result_entry_page_takes_a_test_result(login, personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    _round_one(personas, call)
    client = login(personas["health_council"])
    url = reverse("health:result_entry", kwargs={"public_id": call.public_id})
    page = client.get(url + "?station=drug_test")
    assert page.status_code == 200
    response = client.post(url + "?station=drug_test", {"positive": "positive"})
    assert response.status_code == 302
    assert StationResult.objects.get(call=call, station="drug_test").positive is True
    early = called(personas, exam, make_person(units["DHOP"]))
    refused = client.post(
        reverse("health:result_entry", kwargs={"public_id": early.public_id}) + "?station=lab",
        {"score": "1"},
    )
    assert refused.status_code == 400


def test_conclude_access_anonymous_wrong_role_out_of_scope(client, personas, units, exam):
    inside = called(personas, exam, make_person(units["DHOP"]))
    outside = called(personas, exam, make_person(units["DT"]))
    _physique(personas, inside, height="150")  # physique 6: concludable at once
    url = reverse("health:conclude", kwargs={"public_id": inside.public_id})
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(personas["commune_clerk"])  # Đức Hợp, no EDIT_HEALTH
    assert client.post(url).status_code == 403
    client.force_login(personas["other_commander"])  # Đồng Thanh: Đức Hợp is outside
    assert client.post(url).status_code == 404
    client.force_login(personas["health_council"])
    other = reverse("health:conclude", kwargs={"public_id": outside.public_id})
    assert client.post(other).status_code == 400  # the district is its area; nothing entered
    assert client.post(url).status_code == 302
    inside.refresh_from_db()
    assert inside.health_class == 6
