"""Health sessions: calls and the 15-day notice, station results scored by TT 105, the class
with its T flag, the 6-month validity, the engine's facts, the books (2k, 2l, 2b) and access."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.conscription.eligibility.selectors import facts_for_person
from muster.health.models import HealthCall, HealthSession, SessionKind, StationResult
from muster.health.services import (
    ResultInput,
    call_citizens,
    record_station_result,
    session_create,
)
from muster.law.health import exam as exam_rule
from muster.law.health import rules
from muster.people.models import Sex
from tests.core.factories import make_person
from tests.health.factories import EXAM_DAY, called, conclude


def _screening(personas, units, unit_key="DHOP", actor="commune_commander", place=None):
    """A screening session of the commune on EXAM_DAY."""
    return session_create(
        actor=personas[actor],
        kind=SessionKind.SCREENING,
        unit=units[unit_key],
        date=EXAM_DAY,
        place=place if place is not None else "Trạm y tế xã Đức Hợp",
    )


def _physique(personas, call, height, weight="60", chest="85"):
    return record_station_result(
        actor=personas["health_council"],
        call=call,
        station="physique",
        data=ResultInput(height_cm=height, weight_kg=weight, chest_cm=chest),
    )


def _score(personas, call, station, score):
    return record_station_result(
        actor=personas["health_council"], call=call, station=station, data=ResultInput(score=score)
    )


def _finish(personas, call) -> HealthCall:
    """Enter every required station not entered yet as a pass (score 1, tests negative), unless
    a standard already failed, and conclude: the class then comes from the stations the test
    entered itself."""
    entered = {r.station: r.score for r in call.results.all()}
    if not exam_rule.failed(entered, EXAM_DAY):
        for station in exam_rule.all_stations("male", EXAM_DAY):
            if station in entered:
                continue
            if station == "physique":
                data = ResultInput(height_cm="170", weight_kg="60", chest_cm="85")
            elif station == "eyes":
                data = ResultInput(right_eye="10", left_eye="10")
            elif station in exam_rule.TESTS:
                data = ResultInput(positive=False)
            else:
                data = ResultInput(score="1")
            record_station_result(
                actor=personas["health_council"], call=call, station=station, data=data
            )
    return conclude(personas, call)


# ------------------------------------------------------------------------ notice (15 days)


@pytest.mark.parametrize(
    ("notified", "late"),
    [(dt.date(2024, 11, 1), False), (dt.date(2024, 11, 2), True), (EXAM_DAY, True)],
)
def test_notice_at_15_days_is_on_time_and_at_14_late(personas, units, exam, notified, late):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person, notified)
    assert (EXAM_DAY - notified).days in (15, 14, 0)
    assert call.notice_late is late


def test_notice_rule_of_law_98_counts_15_days():
    day = dt.date(2025, 11, 16)
    assert rules.notice_days(day) == 15
    assert not rules.notice_is_late(dt.date(2025, 11, 1), day)
    assert rules.notice_is_late(dt.date(2025, 11, 2), day)


def test_notice_rule_before_law_98_falls_back_to_15_days():
    day = dt.date(2025, 3, 16)
    assert rules.notice_days(day) == 15
    assert not rules.notice_is_late(dt.date(2025, 3, 1), day)
    assert rules.notice_is_late(dt.date(2025, 3, 2), day)


def test_notice_after_the_session_is_refused(personas, units, exam):
    person = make_person(units["DHOP"])
    with pytest.raises(ValidationError) as err:
        call_citizens(
            actor=personas["district_officer"],
            session=exam,
            people=[person],
            notified_on=EXAM_DAY + dt.timedelta(days=1),
        )
    assert "notified_on" in err.value.message_dict
    assert not HealthCall.objects.exists()


def test_only_campaign_roles_call_and_only_inside_the_area(personas, units, exam):
    person = make_person(units["DT"])
    with pytest.raises(PermissionDenied):
        call_citizens(
            actor=personas["health_council"], session=exam, people=[person], notified_on=None
        )
    # The Đức Hợp commander cannot call into the district's session.
    with pytest.raises(ValidationError):
        call_citizens(
            actor=personas["commune_commander"], session=exam, people=[person], notified_on=None
        )


def test_screening_needs_a_commune_unit(personas, units):
    with pytest.raises(ValidationError) as err:
        _screening(personas, units, "KD", "district_officer", place="x")
    assert "unit" in err.value.message_dict


# --------------------------------------------------------------------- scoring integration


@pytest.mark.parametrize(
    ("height", "score"),
    [("157", 3), ("160", 2), ("162.4", 2), ("162.5", 1), ("163", 1), ("156.4", 4)],
)
def test_height_rows_and_half_up_rounding(personas, units, exam, height, score):
    call = called(personas, exam, make_person(units["DHOP"]))
    result = _physique(personas, call, height)
    assert result.score == score
    call.refresh_from_db()
    assert call.health_class is None  # recorded, not concluded
    call = _finish(personas, call)
    assert call.health_class == score
    assert call.concluded_on == EXAM_DAY


@pytest.mark.parametrize(("weight", "bmi", "score"), [("74", "18.50", 1), ("73.9", "18.48", 4)])
def test_bmi_boundary_18_5(personas, units, exam, weight, bmi, score):
    call = called(personas, exam, make_person(units["DHOP"]))
    result = _physique(personas, call, "200", weight=weight)
    assert result.bmi == Decimal(bmi)
    assert result.score == score
    call = _finish(personas, call)
    assert call.bmi == Decimal(bmi)


def test_woman_needs_no_chest_and_man_does(personas, units, exam):
    woman = make_person(
        units["DHOP"], full_name="Lê Thị Hoa", sex=Sex.FEMALE, date_of_birth=dt.date(2004, 2, 2)
    )
    call = called(personas, exam, woman)
    assert _physique(personas, call, "154", weight="50", chest="").score == 1
    man = called(personas, exam, make_person(units["DHOP"]))
    with pytest.raises(ValidationError) as err:
        _physique(personas, man, "170", chest="")
    assert "chest_cm" in err.value.message_dict


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ResultInput(height_cm="abc", weight_kg="60", chest_cm="85"), "height_cm"),
        (ResultInput(height_cm="170.25", weight_kg="60", chest_cm="85"), "height_cm"),
        (ResultInput(height_cm="0", weight_kg="60", chest_cm="85"), "height_cm"),
    ],
)
def test_bad_measurements_are_refused_without_writing(personas, units, exam, data, field):
    call = called(personas, exam, make_person(units["DHOP"]))
    with pytest.raises(ValidationError) as err:
        record_station_result(
            actor=personas["health_council"], call=call, station="physique", data=data
        )
    assert field in err.value.message_dict
    assert not StationResult.objects.exists()


def test_eyes_scored_from_acuity_and_refraction(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    result = record_station_result(
        actor=personas["health_council"],
        call=call,
        station="eyes",
        data=ResultInput(
            right_eye="6", left_eye="6", right_corrected="10", left_corrected="10", myopia="2.5"
        ),
    )
    # Myopia below 3 D is scored by corrected acuity (10/10, 20/10 → 1) + 1 = 2.
    assert result.score == 2
    call = _finish(personas, call)
    assert call.myopia == Decimal("2.5")
    high = record_station_result(
        actor=personas["health_council"],
        call=call,
        station="eyes",
        data=ResultInput(right_eye="6", left_eye="6", myopia="3"),
    )
    assert high.score == 4
    assert StationResult.objects.filter(call=call, station="eyes").count() == 1


def test_class_is_the_worst_score_and_carries_t_only_when_every_worst_is_t(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    _physique(personas, call, "170")
    _score(personas, call, "surgery", "3T")
    call = _finish(personas, call)
    assert (call.health_class, call.class_temporary, call.class_label) == (3, True, "3T")
    assert call.decisive == "surgery"
    _score(personas, call, "internal", "3")
    call = conclude(personas, call)
    assert (call.health_class, call.class_temporary) == (3, False)
    _score(personas, call, "ent", "5T")
    call = conclude(personas, call)
    assert call.class_label == "5T"
    assert AuditEvent.objects.filter(action="health.conclude").count() == 3


@pytest.mark.parametrize("score", ["0", "7", "x", "", "3X"])
def test_other_station_scores_outside_1_to_6_are_refused(personas, units, exam, score):
    call = called(personas, exam, make_person(units["DHOP"]))
    with pytest.raises(ValidationError):
        _score(personas, call, "surgery", score)


def test_gynaecology_only_for_women_and_only_the_health_role_enters(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    with pytest.raises(ValidationError):
        _score(personas, call, "gynaecology", "1")
    with pytest.raises(PermissionDenied):
        record_station_result(
            actor=personas["district_officer"],
            call=call,
            station="surgery",
            data=ResultInput(score="1"),
        )


@pytest.mark.parametrize(
    ("code", "item"),
    [("F20", 1), ("F29.9", 1), ("G40", 2), ("H54.4", 4), ("C50.1", 8), ("D46", 8), ("Z21", 9)],
)
def test_exempt_illness_codes(code, item):
    found = rules.exempt_illness(code)
    assert found is not None and found.item == item


@pytest.mark.parametrize("code", ["F30", "H54.5", "D10", "J45", "abc", ""])
def test_codes_off_the_list(code):
    assert rules.exempt_illness(code) is None


def test_exempt_illness_is_stored_and_reaches_the_engine(personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    with pytest.raises(ValidationError):
        record_station_result(
            actor=personas["health_council"],
            call=call,
            station="psychiatry",
            data=ResultInput(score="6", exempt_icd="J45"),
        )
    record_station_result(
        actor=personas["health_council"],
        call=call,
        station="psychiatry",
        data=ResultInput(score="6", exempt_icd="f20.0"),
    )
    call = conclude(personas, call)  # a failed standard: concluded at once
    assert call.exempt_icd == "F20.0"
    assert facts_for_person(person=person, on=EXAM_DAY).registration_exempt_condition


# ------------------------------------------------------------------ validity and the engine


def test_validity_is_six_months_from_the_conclusion():
    concluded = dt.date(2025, 11, 16)
    assert rules.valid_until(concluded) == dt.date(2026, 5, 15)
    assert rules.is_valid_on(concluded, dt.date(2026, 5, 15))
    assert not rules.is_valid_on(concluded, dt.date(2026, 5, 16))
    assert rules.valid_until(dt.date(2025, 8, 31)) == dt.date(2026, 2, 27)


def test_latest_valid_result_feeds_the_engine_until_it_expires(personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _physique(personas, call, "165")
    record_station_result(
        actor=personas["health_council"],
        call=call,
        station="eyes",
        data=ResultInput(right_eye="10", left_eye="10", myopia="1.75"),
    )
    _score(personas, call, "surgery", "2T")
    _finish(personas, call)
    facts = facts_for_person(person=person, on=dt.date(2025, 5, 15))
    assert facts.health_class == 2
    assert facts.health_class_temporary
    assert facts.myopia_dioptres == 1.75
    assert facts.bmi is not None and round(facts.bmi, 2) == round(60 / 1.65**2, 2)
    expired = facts_for_person(person=person, on=dt.date(2025, 5, 16))
    assert expired.health_class is None and expired.bmi is None
    before = facts_for_person(person=person, on=EXAM_DAY - dt.timedelta(days=1))
    assert before.health_class is None


def test_a_screening_class_is_not_the_councils_conclusion(personas, units):
    screening = _screening(personas, units)
    person = make_person(units["DHOP"])
    call_citizens(
        actor=personas["commune_commander"], session=screening, people=[person], notified_on=None
    )
    call = HealthCall.objects.get(person=person)
    _physique(personas, call, "170")
    assert facts_for_person(person=person, on=EXAM_DAY).health_class is None


# ------------------------------------------------------------------------------- the books


@pytest.fixture
def examined(personas, units, exam):
    """Đức Hợp: classes 1 and 4T; Đồng Thanh: one called, not examined."""
    a = called(personas, exam, make_person(units["DHOP"], full_name="Nguyễn Văn An"))
    b = called(personas, exam, make_person(units["DHOP"], full_name="Trần Văn Bình"))
    called(personas, exam, make_person(units["DT"], full_name="Lê Văn Cường"))
    _physique(personas, a, "170")
    _finish(personas, a)
    _physique(personas, b, "170")
    _score(personas, b, "surgery", "4T")
    conclude(personas, b)
    return exam


def _book(client, session, form, fmt=""):
    url = reverse("health:session_book", kwargs={"public_id": session.public_id})
    return client.get(url, {"form": form, "format": fmt} if fmt else {"form": form})


def test_form_2b_counts_match_an_independent_count(login, personas, examined):
    client = login(personas["leader"])
    response = _book(client, examined, "2b", "xlsx")
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {
        r[1]: r
        for r in ws.iter_rows(values_only=True)
        if r and r[1] in ("Đức Hợp", "Đồng Thanh", "Tổng cộng")
    }
    # Independent count from the stored calls.
    calls = HealthCall.objects.filter(session=examined)
    dhop = calls.filter(person__registration_unit__name="Đức Hợp")
    assert rows["Đức Hợp"][2:11] == (
        dhop.count(),
        dhop.exclude(health_class=None).count(),
        *[dhop.filter(health_class=k).count() for k in range(1, 7)],
        dhop.filter(health_class__lte=3).count(),
    )
    assert rows["Đức Hợp"][2:11] == (2, 2, 1, 0, 0, 1, 0, 0, 1)
    assert rows["Đồng Thanh"][2:4] == (1, 0)
    assert rows["Tổng cộng"][2:4] == (calls.count(), calls.exclude(health_class=None).count())


def test_form_2l_and_2b_list_in_pdf(login, personas, examined):
    client = login(personas["health_council"])
    response = _book(client, examined, "2l", "pdf")
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Mẫu 2l" in text
    assert "Nguyễn Văn An" in text and "Lê Văn Cường" in text
    assert "4T" in text
    listing = _book(client, examined, "2b-list", "xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(listing.content)).active
    names = {r[1]: r[4] for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], int)}
    assert names == {"Nguyễn Văn An": "1", "Trần Văn Bình": "4T"}
    screen = _book(client, examined, "2b")
    assert screen.status_code == 200 and "Tổng cộng" in screen.content.decode()


def test_form_2k_for_a_screening_session(login, personas, units):
    screening = _screening(personas, units)
    people = [make_person(units["DHOP"], full_name=f"Phạm Văn {n}") for n in ("Dũng", "Em")]
    call_citizens(
        actor=personas["commune_commander"],
        session=screening,
        people=people,
        notified_on=dt.date(2024, 11, 5),
    )
    client = login(personas["commune_commander"])
    response = _book(client, screening, "2k", "xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    data = [r for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    assert len(data) == HealthCall.objects.filter(session=screening).count() == 2
    assert all(r[5] == "Muộn" for r in data)  # 11 days' notice
    pdf = _book(client, screening, "2k", "pdf")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Mẫu 2k" in text and "Phạm Văn Dũng" in text
    assert _book(client, screening, "2l").status_code == 404


# ---------------------------------------------------------------------------- pages, access


def test_result_entry_page_saves_and_moves_to_the_next_citizen(login, personas, units, exam):
    first = called(personas, exam, make_person(units["DHOP"], full_name="Nguyễn Văn An"))
    second = called(personas, exam, make_person(units["DHOP"], full_name="Nguyễn Văn Bảo"))
    client = login(personas["health_council"])
    url = (
        reverse("health:result_entry", kwargs={"public_id": first.public_id}) + "?station=physique"
    )
    page = client.get(url)
    assert page.status_code == 200
    assert b"autofocus" in page.content and b"next-citizen" in page.content
    response = client.post(url, {"height_cm": "162,5", "weight_kg": "60", "chest_cm": "85"})
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("health:result_entry", kwargs={"public_id": second.public_id})
    )
    first.refresh_from_db()
    assert first.results.get().score == 1
    assert first.health_class is None  # the council concludes when the exam is complete
    bad = client.post(url, {"height_cm": "abc", "weight_kg": "60", "chest_cm": "85"})
    assert bad.status_code == 400
    assert "Nhập một số" in bad.content.decode() or "Enter a number" in bad.content.decode()


def test_call_page_flags_unknown_ids_and_late_notice(login, personas, units, exam):
    person = make_person(units["DHOP"])
    client = login(personas["district_officer"])
    url = reverse("health:session_call", kwargs={"public_id": exam.public_id})
    bad = client.post(url, {"national_ids": "012345678901", "notified_on": "01/11/2024"})
    assert bad.status_code == 400
    assert not HealthCall.objects.exists()
    ok = client.post(url, {"national_ids": person.national_id, "notified_on": "02/11/2024"})
    assert ok.status_code == 302
    assert HealthCall.objects.get().notice_late


def test_person_page_shows_the_latest_result(login, personas, units, exam):
    person = make_person(units["DHOP"])
    call = called(personas, exam, person)
    _physique(personas, call, "158")
    client = login(personas["commune_clerk"])
    html = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert 'id="health"' in html and 'id="dossiers"' in html


@pytest.fixture
def sessions(personas, units, exam):
    """An examination session in Kim Động and a screening session in each of DHOP and DT."""
    dhop = _screening(personas, units, place="Trạm y tế")
    dt_session = _screening(personas, units, "DT", "other_commander", place="Trạm y tế")
    call_in = called(personas, dhop, make_person(units["DHOP"]))
    call_citizens(
        actor=personas["other_commander"],
        session=dt_session,
        people=[make_person(units["DT"])],
        notified_on=None,
    )
    call_out = HealthCall.objects.get(session=dt_session)
    return {"in": dhop, "out": dt_session, "call_in": call_in, "call_out": call_out}


SESSION_URLS = ("health:session_detail", "health:session_call", "health:session_book")


@pytest.mark.parametrize("name", [*SESSION_URLS, "health:result_entry"])
def test_access_anonymous_out_of_scope_wrong_role_allowed(client, personas, sessions, name):
    key = "call_" if name == "health:result_entry" else ""
    inside = reverse(name, kwargs={"public_id": sessions[f"{key}in"].public_id})
    outside = reverse(name, kwargs={"public_id": sessions[f"{key}out"].public_id})
    response = client.get(inside)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(personas["commune_clerk"])  # Đức Hợp, registry only
    assert client.get(outside).status_code == 404
    expected_clerk = 200 if name in ("health:session_detail", "health:session_book") else 403
    assert client.get(inside).status_code == expected_clerk
    allowed = "health_council" if name == "health:result_entry" else "commune_commander"
    client.force_login(personas[allowed])
    assert client.get(inside).status_code == 200


@pytest.mark.parametrize(
    ("name", "persona", "status"),
    [
        ("health:session_list", "leader", 200),
        ("health:session_create", "commune_commander", 200),
        ("health:session_create", "health_council", 403),
        ("health:session_create", "leader", 403),
    ],
)
def test_list_and_create_pages(client, personas, name, persona, status):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(personas[persona])
    assert client.get(reverse(name)).status_code == status


def test_create_page_refuses_bad_input_with_a_message(login, personas, units):
    client = login(personas["commune_commander"])
    response = client.post(
        reverse("health:session_create"),
        {"kind": "screening", "unit": units["DHOP"].public_id, "date": "31/02/2025", "place": ""},
    )
    assert response.status_code == 400
    assert "dd/mm/yyyy" in response.content.decode()


def test_session_pages_cost_constant_queries(client, personas, units, exam):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas["health_council"])

    def cost(name, **params):
        url = reverse(name, kwargs={"public_id": exam.public_id})
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        for _ in range(n):
            call = called(personas, exam, make_person(units["DHOP"]))
            _physique(personas, call, "165")
            _score(personas, call, "surgery", "2")

    add(2)
    few = [cost("health:session_detail"), cost("health:session_book", form="2l")]
    add(20)
    many = [cost("health:session_detail"), cost("health:session_book", form="2l")]
    assert many == few
    assert max(many) <= 12


def test_an_acuity_reading_above_10_10_is_kept_and_scored_as_10_10(personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"]))
    result = record_station_result(
        actor=personas["health_council"],
        call=call,
        station="eyes",
        data=ResultInput(right_eye="12", left_eye="11"),
    )
    assert (result.right_eye, result.left_eye, result.score) == (12, 11, 1)
    with pytest.raises(ValidationError) as err:
        record_station_result(
            actor=personas["health_council"],
            call=call,
            station="eyes",
            data=ResultInput(right_eye="21", left_eye="10"),
        )
    assert "right_eye" in err.value.message_dict


def test_an_examination_outside_1_nov_31_dec_is_created_with_a_warning(personas, units, client):
    from django.urls import reverse
    from django.utils import translation

    officer = personas["ptkv_officer"]
    client.force_login(officer)
    with translation.override("vi"):
        page = client.post(
            reverse("health:session_create"),
            {
                "kind": "examination",
                "unit": str(units["PTKV1"].public_id),
                "date": "20/10/2026",
                "place": "Trung tâm y tế khu vực",
            },
            follow=True,
        )
    assert page.status_code == 200
    assert "nằm ngoài thời gian luật định" in page.content.decode()
    assert HealthSession.objects.filter(date=dt.date(2026, 10, 20)).exists()
