"""The synthetic demo registry: deterministic, plausible, valid IDs, idempotent load."""

from __future__ import annotations

import collections
import datetime as dt
import functools
import io

import pytest
from django.core.management import call_command

from muster.audit.models import AuditEvent
from muster.audit.selectors import verify_chain
from muster.core.text import fold
from muster.demo.people.builder import build_demo_plan, people_counts
from muster.demo.people.plan import CommuneInput, DemoPlan
from muster.demo.people.vocabulary import DUC_TRUNG, REFERENCE_DATE, WAR_INVALID_LOSS
from muster.demo.people.writer import demo_communes, generate_demo_registry
from muster.geo.models import ChangeKind, Unit, UnitChange
from muster.law.ages import age_on
from muster.people import national_id
from muster.people.models import FamilyTie, Person

SCALE = 0.02
LAST_DAY = dt.date(2025, 6, 30)
REFORM_DAY = dt.date(2025, 7, 1)


@pytest.fixture
def communes(units):
    return demo_communes(units)


@pytest.fixture
def plan(communes):
    return build_demo_plan(communes, seed=11, scale=SCALE)


@functools.cache
def _full_plan(communes: tuple[CommuneInput, ...]) -> DemoPlan:
    return build_demo_plan(communes, seed=2025, scale=1.0)


@pytest.fixture
def full_plan(communes):
    """The full-size plan (pure, built once, no database writes): for rates of rare facts."""
    return _full_plan(tuple(communes))


# --- the pure plan -------------------------------------------------------------------------


def test_the_fifteen_communes_of_2025_with_their_successors(communes):
    assert len(communes) == 15
    assert sum(c.population for c in communes) == 118_000
    successors = {c.key: [key for key, _code in c.successors] for c in communes}
    assert successors["LB_T"] == ["LB25"]
    assert successors["DHOP"] == ["DHOP25"]
    assert successors["NT"] == ["HC25", "SN25"]  # partial split of Ngọc Thanh
    assert all(successors.values())


def test_same_seed_gives_the_same_plan(communes, plan):
    again = build_demo_plan(communes, seed=11, scale=SCALE)
    assert again == plan
    assert [p.national_id for p in again.people] == [p.national_id for p in plan.people]
    assert [p.public_id for p in again.people] == [p.public_id for p in plan.people]


def test_another_seed_gives_other_people(communes, plan):
    other = build_demo_plan(communes, seed=12, scale=SCALE)
    assert len(other.people) == len(plan.people)
    assert {p.national_id for p in other.people} != {p.national_id for p in plan.people}
    assert [p.full_name for p in other.people] != [p.full_name for p in plan.people]


def test_villages_do_not_depend_on_scale(communes, plan):
    assert build_demo_plan(communes, seed=11, scale=2 * SCALE).villages == plan.villages


def test_counts_are_proportional_to_scale(communes, plan):
    double = build_demo_plan(communes, seed=11, scale=2 * SCALE)
    # Rounding per commune and sex: at most one person each of 30 counts.
    assert abs(len(double.people) - 2 * len(plan.people)) <= 30
    full = sum(sum(people_counts(c.population, 1.0)) for c in communes)
    assert full == pytest.approx(48_380, abs=15)
    assert len(plan.people) == pytest.approx(full * SCALE, abs=15)
    by_commune = collections.Counter((p.commune_key, p.sex) for p in plan.people)
    for commune in communes:
        men, women = people_counts(commune.population, SCALE)
        assert by_commune[(commune.key, "M")] == men
        assert by_commune[(commune.key, "F")] == women


def test_every_id_is_valid_unique_and_matches_sex_and_birth(full_plan):
    ids = [p.national_id for p in full_plan.people]
    assert len(set(ids)) == len(ids)
    for person in full_plan.people:
        assert (
            national_id.check(
                person.national_id, male=person.sex == "M", birth_date=person.date_of_birth
            )
            == []
        )
    provinces = collections.Counter(i[:3] for i in ids)
    assert set(provinces) == {"033", "034", "001", "030"}
    assert provinces["033"] / len(ids) > 0.85


def test_ages_on_the_reference_date(full_plan):
    men = [age_on(p.date_of_birth, REFERENCE_DATE) for p in full_plan.people if p.sex == "M"]
    women = [age_on(p.date_of_birth, REFERENCE_DATE) for p in full_plan.people if p.sex == "F"]
    assert min(men) == 16 and max(men) == 45
    assert min(women) == 18 and max(women) == 40


def test_names_look_vietnamese(full_plan):
    surnames = collections.Counter(p.full_name.split()[0] for p in full_plan.people)
    share = surnames["Nguyễn"] / len(full_plan.people)
    assert 0.34 < share < 0.42
    assert surnames.most_common(3)[1][0] == "Trần"
    women = [p.full_name for p in full_plan.people if p.sex == "F"]
    men = [p.full_name for p in full_plan.people if p.sex == "M"]
    assert sum(" Thị " in name for name in women) / len(women) > 0.4
    assert not any(" Thị " in name for name in men)
    assert sum(" Văn " in name for name in men) / len(men) > 0.3


def test_education_is_consistent_with_age(full_plan):
    for p in full_plan.people:
        age = age_on(p.date_of_birth, REFERENCE_DATE)
        if p.in_school:
            assert age <= 18 and p.school_grade in (9, 10, 11)
            assert p.occupation == "Học sinh" and p.marital_status == "single"
        if not p.higher_level:
            assert not (p.field_of_study or p.study_mode or p.study_status or p.study_end_date)
            continue
        assert p.field_of_study and p.study_mode and p.study_status
        if p.higher_level in ("university", "college", "postgraduate"):
            assert p.school_grade == 12
        if p.study_status == "studying":
            assert p.study_end_date is not None and p.study_end_date > REFERENCE_DATE
        elif p.study_status == "graduated":
            assert p.study_end_date is not None and p.study_end_date <= REFERENCE_DATE
            assert p.study_end_date.year - p.date_of_birth.year >= 17
        else:
            assert p.study_end_date is None
    levels = collections.Counter(p.higher_level for p in full_plan.people)
    total = len(full_plan.people)
    assert 0.12 < (levels["university"] + levels["postgraduate"]) / total < 0.18
    assert 0.04 < levels["college"] / total < 0.08
    assert 0.07 < levels["trade"] / total < 0.13
    students = [p for p in full_plan.people if p.occupation == "Sinh viên"]
    assert students and all(p.study_mode == "full_time" for p in students)


def test_minorities_party_and_youth_union_rates(full_plan):
    people = full_plan.people
    minorities = sum(p.ethnicity != "01" for p in people) / len(people)
    assert 0.002 < minorities < 0.01
    men_over_22 = [
        p for p in people if p.sex == "M" and age_on(p.date_of_birth, REFERENCE_DATE) > 22
    ]
    assert 0.01 < sum(p.party_member for p in men_over_22) / len(men_over_22) < 0.04
    assert not any(p.party_member for p in people if age_on(p.date_of_birth, REFERENCE_DATE) <= 22)
    under_30 = [p for p in people if age_on(p.date_of_birth, REFERENCE_DATE) < 30]
    assert 0.55 < sum(p.youth_union_member for p in under_30) / len(under_30) < 0.65
    assert all(len(p.phone) == 10 and p.phone.startswith("0") for p in people if p.phone)


def test_family_ties_only_for_men_17_to_27(full_plan):
    for p in full_plan.people:
        age = age_on(p.date_of_birth, REFERENCE_DATE)
        if p.sex == "M" and 16 <= age <= 27:
            relations = [t.relation for t in p.ties]
            assert relations[:2] == ["father", "mother"]
            assert set(relations[2:]) <= {"brother"}
            father, mother = p.ties[0], p.ties[1]
            assert father.relative_name.split()[0] == p.full_name.split()[0]
            assert 20 <= p.date_of_birth.year - father.relative_birth_year <= 40
            assert 18 <= p.date_of_birth.year - mother.relative_birth_year <= 36
        else:
            assert p.ties == ()


def test_rare_law_relevant_facts(full_plan):
    ties = [t for p in full_plan.people for t in p.ties]
    men = sum(1 for p in full_plan.people if p.ties)
    martyrs = [t for t in ties if t.is_martyr]
    invalids = [t for t in ties if t.war_invalid_class is not None]
    sick = [t for t in ties if t.sick_soldier_loss_pct is not None]
    serving = [t for t in ties if t.serving_as_soldier]
    unable = [t for t in ties if not t.able_to_work]
    assert 0 < len(martyrs) < men * 0.003
    assert men * 0.001 < len(invalids) < men * 0.006
    assert men * 0.002 < len(sick) < men * 0.008
    assert men * 0.02 < len(serving) < men * 0.045
    assert men * 0.01 < len(unable) < men * 0.04
    for tie in invalids:
        low, high = WAR_INVALID_LOSS[tie.war_invalid_class]
        assert low <= tie.war_invalid_loss_pct <= high
    assert all(41 <= t.sick_soldier_loss_pct <= 90 for t in sick)
    # Both sides of the Art 41 thresholds (61–80 % deferral, 81 %+ exemption) occur.
    assert any(61 <= t.sick_soldier_loss_pct <= 80 for t in sick)
    assert any(t.sick_soldier_loss_pct >= 81 for t in sick)
    for tie in serving:
        assert tie.relation == "brother"
        assert 18 <= REFERENCE_DATE.year - tie.relative_birth_year <= 27


# --- the writer ----------------------------------------------------------------------------


@pytest.fixture
def loaded(units):
    return generate_demo_registry(units=units, seed=11, scale=SCALE)


def commune_units(units):
    kd = units["KD"]
    return [u for u in units.values() if u.parent_id == kd.pk and u.is_valid_on(LAST_DAY)]


def test_writer_stores_the_plan(units, plan, loaded):
    assert loaded.people == len(plan.people) == Person.objects.count()
    assert loaded.family_ties == FamilyTie.objects.count() == sum(len(p.ties) for p in plan.people)
    assert set(Person.objects.values_list("national_id", flat=True)) == {
        p.national_id for p in plan.people
    }
    assert set(Person.objects.values_list("public_id", flat=True)) == {
        p.public_id for p in plan.people
    }
    assert not Person.objects.filter(is_synthetic=False).exists()
    for person in Person.objects.select_related("residence_unit"):
        assert person.name_search == fold(person.full_name)
        assert person.residence_unit.parent_id == person.registration_unit_id
        assert (
            national_id.check(
                person.national_id, male=person.sex == "M", birth_date=person.date_of_birth
            )
            == []
        )


def test_villages_cover_every_commune(units, loaded):
    communes = commune_units(units)
    assert len(communes) == 15
    village_total = 0
    for commune in communes:
        villages = list(Unit.objects.village_level().filter(parent=commune))
        village_total += len(villages)
        assert 5 <= len(villages) <= 9
        assert sum(v.population for v in villages) == commune.population
        for village in villages:
            assert village.valid_from == commune.valid_from
            assert village.valid_to == commune.valid_to
            assert village.population_synthetic and not village.code_verified
            assert village.code.startswith(f"{commune.code}-")
        expected_kind = "residential_group" if commune.kind == "town" else "village"
        assert {v.kind for v in villages} == {expected_kind}
    town = [v.name for v in Unit.objects.filter(parent=units["LB_T"])]
    assert "Tổ dân phố 1" in town
    # Every pre-reform village plus its 2025 row.
    assert loaded.villages == 2 * village_total == Unit.objects.village_level().count()


def test_duc_hop_has_duc_trung_and_it_continues_in_the_new_commune(units, loaded):
    duc_trung = Unit.objects.get(parent=units["DHOP"], name=DUC_TRUNG)
    change = UnitChange.objects.get(predecessor=duc_trung)
    assert change.kind == ChangeKind.REFORM
    assert change.effective_date == REFORM_DAY
    assert change.legal_basis == "NQ 1666/NQ-UBTVQH15"
    assert change.successor.name == DUC_TRUNG
    assert change.successor.parent == units["DHOP25"]
    assert change.successor.valid_from == REFORM_DAY and change.successor.valid_to is None


def test_every_village_continues_under_a_2025_commune(units, loaded):
    new_communes = {units[k].pk for k in ("LB25", "ND25", "HC25", "DHOP25", "SN25")}
    for commune in commune_units(units):
        for village in Unit.objects.filter(parent=commune):
            successor = UnitChange.objects.get(predecessor=village).successor
            assert successor.parent_id in new_communes
            assert successor.name == village.name and successor.kind == village.kind
    for key in ("LB25", "ND25", "HC25", "DHOP25"):
        names = list(Unit.objects.filter(parent=units[key]).values_list("name", flat=True))
        assert names and len(names) == len(set(names)), key
    assert Unit.objects.filter(parent=units["SN25"]).exists()  # part of Ngọc Thanh


def test_one_audit_event_for_the_registry_and_the_chain_holds(units, loaded):
    events = AuditEvent.objects.filter(action="people.demo_load")
    assert events.count() == 1
    event = events.get()
    assert event.scope_unit == units["KD"]
    assert event.changes["people"] == [None, loaded.people]
    assert event.reason == "synthetic demo data"
    problem = verify_chain()[1]
    assert problem is None


def test_second_generation_adds_no_people_and_no_villages(units, loaded):
    counts = (Person.objects.count(), Unit.objects.count(), UnitChange.objects.count())
    again = generate_demo_registry(units=units, seed=11, scale=SCALE)
    assert (again.people, again.family_ties, again.villages) == (0, 0, 0)
    assert (Person.objects.count(), Unit.objects.count(), UnitChange.objects.count()) == counts


def test_load_demo_twice_adds_nothing(db):
    call_command("load_demo", scale=SCALE, stdout=io.StringIO())
    counts = (
        Person.objects.count(),
        FamilyTie.objects.count(),
        Unit.objects.count(),
        AuditEvent.objects.count(),
    )
    assert counts[0] > 0
    call_command("load_demo", scale=SCALE, stdout=io.StringIO())
    assert (
        Person.objects.count(),
        FamilyTie.objects.count(),
        Unit.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
