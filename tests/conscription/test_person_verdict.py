"""A citizen's page shows the call-up verdict on a chosen date, every reason with its citation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from muster.conscription.eligibility.selectors import facts_for_person, verdict_for_person
from muster.people.models import FamilyTie, HigherLevel, Relation, StudyMode, StudyStatus
from muster.people.registration.models import BarKind, RegistrationBar
from tests.core.factories import make_person

ON = dt.date(2025, 6, 15)
BORN_20 = dt.date(2005, 3, 14)  # 20 on ON
# The Vietnamese page cites in Vietnamese (điểm, khoản, Điều, then the document).
ART_41_2_A = "điểm a khoản 2 Điều 41 Luật Nghĩa vụ quân sự 78/2015/QH13"


def _page(client, user, person, on: str | None = None):
    client.force_login(user)
    url = reverse("people:person_detail", args=[person.public_id])
    return client.get(url, {"on": on} if on is not None else {})


def _tie(person, relation, **facts):
    return FamilyTie.objects.create(
        person=person, relation=relation, relative_name="Nguyễn Văn Liệt", **facts
    )


def _codes(reasons) -> list[str]:
    return [r.code for r in reasons]


def test_martyr_father_exempts_and_the_page_shows_41_2_a_with_its_citation(client, personas, units):
    person = make_person(units["DHOP"], date_of_birth=BORN_20)
    _tie(person, Relation.FATHER, is_martyr=True)
    verdict = verdict_for_person(person=person, on=ON)
    assert verdict is not None
    assert not verdict.callable
    assert _codes(verdict.exemptions) == ["41.2.a"]
    assert "age_under" not in _codes(verdict.reasons)
    assert "age_over" not in _codes(verdict.reasons)
    # What the registry cannot know yet is reported, not guessed.
    assert "health_class_unknown" in _codes(verdict.reasons)
    assert "political_unknown" in _codes(verdict.reasons)

    response = _page(client, personas["commune_clerk"], person, "15/06/2025")
    assert response.status_code == 200
    assert response.context["verdict_on"] == ON
    html = response.content.decode()
    assert "Điều kiện gọi nhập ngũ ngày 15/06/2025" in html
    assert 'title="41.2.a"' in html
    assert f"<cite>{ART_41_2_A}</cite>" in html
    assert 'title="health_class_unknown"' in html and "Chưa có phân loại sức khỏe." in html
    assert "Chưa đủ điều kiện gọi nhập ngũ" in html


def test_the_day_before_the_18th_birthday_is_age_under(db, units):
    person = make_person(units["DHOP"], date_of_birth=dt.date(2007, 6, 16))
    _tie(person, Relation.FATHER, is_martyr=True)
    verdict = verdict_for_person(person=person, on=ON)
    assert verdict is not None
    assert "age_under" in _codes(verdict.reasons)
    on_birthday = verdict_for_person(person=person, on=dt.date(2025, 6, 16))
    assert on_birthday is not None
    assert "age_under" not in _codes(on_birthday.reasons)


def test_a_brother_serving_defers_41_1_d(db, units):
    person = make_person(units["DHOP"], date_of_birth=BORN_20)
    _tie(person, Relation.BROTHER, serving_as_soldier=True)
    verdict = verdict_for_person(person=person, on=ON)
    assert verdict is not None
    assert _codes(verdict.deferrals) == ["41.1.d"]
    assert verdict.exemptions == ()


def test_a_full_time_university_student_defers_41_1_g(db, units):
    person = make_person(units["DHOP"], date_of_birth=BORN_20)
    person.higher_level = HigherLevel.UNIVERSITY
    person.study_mode = StudyMode.FULL_TIME
    person.study_status = StudyStatus.STUDYING
    person.save()
    verdict = verdict_for_person(person=person, on=ON)
    assert verdict is not None
    assert _codes(verdict.deferrals) == ["41.1.g"]
    person.study_mode = StudyMode.OTHER
    person.save()
    part_time = verdict_for_person(person=person, on=ON)
    assert part_time is not None
    assert part_time.deferrals == ()


def test_family_facts_map_to_the_engine_grounds(db, units):
    person = make_person(units["DHOP"], date_of_birth=BORN_20)
    _tie(person, Relation.MOTHER, war_invalid_class=2)
    _tie(person, Relation.FATHER, sick_soldier_loss_pct=70)
    _tie(person, Relation.BROTHER, is_martyr=True)
    facts = facts_for_person(person=person, on=ON)
    assert facts.child_of_class2_invalid
    assert facts.brother_of_martyr
    assert facts.parent_work_capacity_loss == 70
    assert not facts.child_of_martyr_or_class1_invalid
    assert not facts.sole_breadwinner
    assert facts.health_class is None
    assert facts.political == "unknown"
    verdict = verdict_for_person(person=person, on=ON)
    assert verdict is not None
    assert _codes(verdict.deferrals) == ["41.1.c"]
    assert _codes(verdict.exemptions) == ["41.2.b", "41.2.c"]


def test_a_registration_bar_counts_only_while_it_lasts(db, units):
    person = make_person(units["DHOP"], date_of_birth=BORN_20)
    RegistrationBar.objects.create(
        person=person,
        kind=BarKind.BARRED_ART13,
        ground="Serving a sentence",
        legal_citation="Law 78/2015 Art 13(1)(a)",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 6, 30),
    )
    during = verdict_for_person(person=person, on=ON)
    after = verdict_for_person(person=person, on=dt.date(2025, 7, 1))
    assert during is not None and after is not None
    assert during.registration == "barred"
    assert "registration_barred" in _codes(during.reasons)
    assert after.registration == "registered"


def test_a_bad_date_falls_back_to_today_and_an_old_date_has_no_verdict(client, personas, units):
    person = make_person(units["DHOP"], date_of_birth=BORN_20)
    response = _page(client, personas["commune_clerk"], person, "31/02/2025")
    assert response.status_code == 200
    assert response.context["verdict_on"] == timezone.localdate()
    assert response.context["verdict_bad_date"]
    assert "31/02/2025" in response.content.decode()

    default = _page(client, personas["commune_clerk"], person)
    assert default.status_code == 200
    assert default.context["verdict_on"] == timezone.localdate()
    assert not default.context["verdict_bad_date"]

    old = _page(client, personas["commune_clerk"], person, "01/01/2010")
    assert old.status_code == 200
    assert old.context["verdict"] is None
    assert "20/11/2018" in old.content.decode()


@pytest.mark.parametrize("ties", [0, 5])
def test_the_person_page_query_count_stays_bounded(
    client, personas, units, ties, django_assert_max_num_queries
):
    person = make_person(units["DHOP"], date_of_birth=BORN_20)
    for _ in range(ties):
        _tie(person, Relation.BROTHER, serving_as_soldier=True)
    client.force_login(personas["commune_clerk"])
    url = reverse("people:person_detail", args=[person.public_id])
    # 13, +1 for the evidence documents, +4 for health and dossiers (the engine reads both,
    # the page shows both), +3 for the call-up card (decisions, volunteering, violations),
    # +1 for the notice that the clerk's unit (the old Đức Hợp) ended and what it became,
    # +1 for the registration calls he received (the registration card lists them),
    # +1 for the rear-policy card (support cases where he is the soldier or the relative).
    with django_assert_max_num_queries(24):
        response = client.get(url, {"on": "15/06/2025"})
    assert response.status_code == 200
