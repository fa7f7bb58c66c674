"""Registry list filters (village, age on a date, status, education, family facts) against
counts computed independently from the generated data, and constant queries per page."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muster.law.ages import age_on
from muster.people.models import FamilyTie, HigherLevel, Relation
from muster.people.registration.models import BarKind, EventKind, RegistrationBar, RegistrationEvent
from muster.people.selectors import PersonFilter, search_people
from tests.core.factories import make_person, make_village

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 9, 1)
LEVELS = ["", "", "trade", "college", "university", "postgraduate"]


def _village(units, code, name):
    return make_village(units["DHOP"], code, name)


@pytest.fixture
def registry(units):
    """60 citizens with seeded random facts; returns (villages, specs) to count by hand."""
    rng = random.Random(20250901)
    villages = [_village(units, "DHOP-V1", "Thôn Một"), _village(units, "DHOP-V2", "Thôn Hai")]
    specs = []
    for i in range(60):
        unit = units["DHOP"] if i % 6 else units["DT"]
        village = rng.choice([None, *villages]) if unit == units["DHOP"] else None
        born = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 14))
        person = make_person(
            unit, full_name=f"Nguyễn Văn Số {i:02d}", date_of_birth=born, residence_unit=village
        )
        grade = rng.randrange(6, 13)
        level = rng.choice(LEVELS)
        person.school_grade, person.higher_level = grade, level
        person.save(update_fields=["school_grade", "higher_level"])
        spec = {
            "pk": person.pk,
            "unit": unit.pk,
            "village": village.pk if village else None,
            "born": born,
            "grade": grade,
            "level": level,
            "martyr": False,
            "invalid": False,
            "sibling": False,
            "status": "",
        }
        fact = rng.randrange(5)
        if fact == 1:
            FamilyTie.objects.create(
                person=person, relation=Relation.FATHER, relative_name="x", is_martyr=True
            )
            spec["martyr"] = True
        elif fact == 2:
            FamilyTie.objects.create(
                person=person, relation=Relation.MOTHER, relative_name="x", sick_soldier_loss_pct=61
            )
            spec["invalid"] = True
        elif fact == 3:
            FamilyTie.objects.create(
                person=person, relation=Relation.BROTHER, relative_name="x", serving_as_soldier=True
            )
            spec["sibling"] = True
        elif fact == 4:  # a martyr brother is not a martyr parent; a serving father not a sibling
            FamilyTie.objects.create(
                person=person, relation=Relation.BROTHER, relative_name="x", is_martyr=True
            )
            FamilyTie.objects.create(
                person=person, relation=Relation.FATHER, relative_name="x", serving_as_soldier=True
            )
        state = rng.randrange(6)
        if state >= 1:
            RegistrationEvent.objects.create(
                person=person, kind=EventKind.FIRST_REGISTRATION, event_date=dt.date(2024, 4, 1),
                unit=unit,
            )  # fmt: skip
            spec["status"] = "registered"
        if state == 2:
            RegistrationBar.objects.create(
                person=person, kind=BarKind.BARRED_ART13, ground="x", legal_citation="x",
                start_date=dt.date(2025, 1, 1),
            )  # fmt: skip
            spec["status"] = "barred"
        if state == 3:
            RegistrationBar.objects.create(
                person=person, kind=BarKind.EXEMPT_ART14, ground="x", legal_citation="x",
                start_date=dt.date(2025, 2, 1),
            )  # fmt: skip
            spec["status"] = "exempt"
        if state == 4:  # an Art 13 status that ended before ON: registered again
            RegistrationBar.objects.create(
                person=person, kind=BarKind.BARRED_ART13, ground="x", legal_citation="x",
                start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 8, 31),
            )  # fmt: skip
        if state == 5:
            RegistrationEvent.objects.create(
                person=person, kind=EventKind.REMOVAL, event_date=dt.date(2025, 8, 1),
                trigger_date=dt.date(2025, 7, 30), unit=unit,
            )  # fmt: skip
            spec["status"] = "removed"
        specs.append(spec)
    return villages, specs


def _all_pks(user, filters, **kw) -> set[int]:
    page = search_people(user=user, filters=filters, page_size=1000, **kw)
    assert page.next_cursor is None
    return {p.pk for p in page.people}


def _expected(specs, units, keep) -> set[int]:
    dhop = units["DHOP"].pk
    return {s["pk"] for s in specs if s["unit"] == dhop and keep(s)}


def test_filters_match_independent_counts(registry, units, personas):
    villages, specs = registry
    user = personas["commune_clerk"]  # Đức Hợp only
    cases = [
        (PersonFilter(on=ON, village_ids=frozenset({villages[0].pk})),
         lambda s: s["village"] == villages[0].pk),
        (PersonFilter(on=ON, min_age=18, max_age=25),
         lambda s: 18 <= age_on(s["born"], ON) <= 25),
        (PersonFilter(on=dt.date(2020, 1, 1), max_age=17),
         lambda s: age_on(s["born"], dt.date(2020, 1, 1)) <= 17),
        (PersonFilter(on=ON, grade_min=9, grade_max=11), lambda s: 9 <= s["grade"] <= 11),
        (PersonFilter(on=ON, higher_level="any"), lambda s: s["level"] != ""),
        (PersonFilter(on=ON, higher_level=HigherLevel.UNIVERSITY),
         lambda s: s["level"] == "university"),
        (PersonFilter(on=ON, martyr_parent=True), lambda s: s["martyr"]),
        (PersonFilter(on=ON, invalid_parent=True), lambda s: s["invalid"]),
        (PersonFilter(on=ON, sibling_serving=True), lambda s: s["sibling"]),
        *[
            (PersonFilter(on=ON, status=status), lambda s, st=status: s["status"] == st)
            for status in ("registered", "barred", "exempt", "removed")
        ],
        (PersonFilter(on=ON, status="registered", min_age=20, grade_min=10),
         lambda s: s["status"] == "registered" and age_on(s["born"], ON) >= 20
         and s["grade"] >= 10),
    ]  # fmt: skip
    for filters, keep in cases:
        expected = _expected(specs, units, keep)
        assert _all_pks(user, filters) == expected, filters
    # Every status case is non-trivial in the seeded data.
    for status in ("registered", "barred", "exempt", "removed"):
        assert _expected(specs, units, lambda s, st=status: s["status"] == st)
    # Before the removal was confirmed the citizen was still registered.
    removed = _expected(specs, units, lambda s: s["status"] == "removed")
    assert removed <= _all_pks(user, PersonFilter(on=dt.date(2025, 7, 29), status="registered"))


def test_keyset_pages_with_filters_cover_every_row_once(registry, units, personas):
    _villages, specs = registry
    user = personas["district_officer"]
    filters = PersonFilter(on=ON, min_age=15)
    seen: list[int] = []
    after = ""
    while True:
        page = search_people(user=user, filters=filters, page_size=7, after=after)
        seen += [p.pk for p in page.people]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert len(seen) == len(set(seen))
    assert set(seen) == {s["pk"] for s in specs if age_on(s["born"], ON) >= 15}


def test_queries_are_constant_for_page_sizes_5_and_50(registry, personas):
    user = personas["district_officer"]
    filters = PersonFilter(on=ON, min_age=10, status="registered", grade_min=6, martyr_parent=False)
    search_people(user=user, page_size=1)  # warms the user's scope cache (geo.scope.scope_of)
    counts = []
    for size in (5, 50):
        with CaptureQueriesContext(connection) as ctx:
            page = search_people(user=user, query="nguyen van", filters=filters, page_size=size)
        assert page.people
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_list_view_queries_do_not_grow_with_rows(client, registry, personas, units):
    villages, _specs = registry
    client.force_login(personas["district_officer"])
    url = reverse("people:person_list")
    counts = []
    for params in (
        {"q": "so 0", "status": "registered", "on": "01/09/2025", "min_age": "10"},  # few rows
        {"q": "nguyen", "status": "registered", "on": "01/09/2025", "min_age": "1"},  # a full page
        {"q": "", "status": "removed", "on": "01/09/2025", "min_age": "1"},
    ):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, counts
    counts = []
    for village in villages:  # a commune and one of its villages: same cost per village
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                url, {"unit": str(units["DHOP"].public_id), "village": str(village.public_id)}
            )
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, counts


def test_bad_filter_values_show_a_message_not_a_500(client, registry, personas):
    client.force_login(personas["district_officer"])
    response = client.get(
        reverse("people:person_list"),
        {"min_age": "30", "max_age": "20", "on": "31/02/2025", "grade_min": "x"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tuổi đến không được nhỏ hơn tuổi từ." in body
    assert "Nhập ngày theo dạng dd/mm/yyyy." in body
