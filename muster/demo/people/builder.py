"""The people of the demo registry: each man and woman with schooling, work and family ties,
drawn from a seed (plain data, no database)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from muster.demo.people.plan import (
    CommuneInput,
    DemoPlan,
    PersonPlan,
    TiePlan,
    VillagePlan,
    _uuid,
    plan_villages,
)
from muster.demo.people.vocabulary import (
    ABROAD,
    COLLEGE_FIELDS,
    COLLEGES,
    CONTINUING_EDUCATION,
    FEMALE_GIVEN,
    FEMALE_MIDDLE_OLDER,
    FEMALE_MIDDLE_YOUNGER,
    FEMALE_SECOND_MIDDLE,
    FIELD_JOBS,
    GRADUATE_JOBS,
    GRADUATION_DAYS,
    HIGH_SCHOOL_DEFAULT,
    HIGH_SCHOOLS,
    ID_PROVINCES,
    JOBS,
    MALE_GIVEN,
    MALE_MIDDLE_OLDER,
    MALE_MIDDLE_YOUNGER,
    MEN_AGES,
    MEN_SHARE,
    MINORITIES,
    MINORITY_SHARE,
    MOBILE_PREFIXES,
    REFERENCE_DATE,
    RELIGIONS,
    SURNAMES,
    TIES_AGES,
    TRADE_FIELDS,
    TRADE_SCHOOLS,
    UNIVERSITIES,
    UNIVERSITY_BY_FIELD,
    UNIVERSITY_FIELDS,
    WAR_INVALID_CLASSES,
    WAR_INVALID_LOSS,
    WOMEN_AGES,
    WOMEN_SHARE,
    _Table,
)
from muster.law.ages import age_on, birth_range
from muster.people import national_id
from muster.people.models import HigherLevel, MaritalStatus, Relation, Sex, StudyMode, StudyStatus
from muster.people.reference import KINH

# --- People --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Education:
    school_grade: int
    in_school: bool
    higher_level: str = ""
    field_of_study: str = ""
    study_mode: str = ""
    study_status: str = ""
    study_end_date: dt.date | None = None
    school: str = ""  # where a full-time pupil or student studies now


class _PeopleBuilder:
    """Draws people one by one from one ``random.Random``; pure apart from its own state."""

    def __init__(self, rng: random.Random, reserved_ids: frozenset[str]) -> None:
        self.rng = rng
        self.taken_ids: set[str] = set(reserved_ids)

    # names

    def male_name(self, surname: str, birth_year: int) -> str:
        rng = self.rng
        middles = MALE_MIDDLE_OLDER if birth_year < 1992 else MALE_MIDDLE_YOUNGER
        middle = middles.pick(rng)
        while middle == surname:
            middle = middles.pick(rng)
        given = MALE_GIVEN.pick(rng)
        while given in (middle, surname):
            given = MALE_GIVEN.pick(rng)
        return f"{surname} {middle} {given}"

    def female_name(self, surname: str, birth_year: int) -> str:
        rng = self.rng
        middles = FEMALE_MIDDLE_OLDER if birth_year < 1995 else FEMALE_MIDDLE_YOUNGER
        middle = middles.pick(rng)
        given = FEMALE_GIVEN.pick(rng)
        while given == middle:
            given = FEMALE_GIVEN.pick(rng)
        if middle == "Thị" and rng.random() < 0.12:
            second = rng.choice(FEMALE_SECOND_MIDDLE)
            if second != given:
                middle = f"Thị {second}"
        return f"{surname} {middle} {given}"

    # identity

    def national_id(self, *, male: bool, birth_year: int) -> str:
        province = ID_PROVINCES.pick(self.rng)
        while True:
            number = national_id.make(
                province_code=province,
                male=male,
                birth_year=birth_year,
                serial=self.rng.randrange(1_000_000),
            )
            if number not in self.taken_ids:
                self.taken_ids.add(number)
                return number

    def phone(self) -> str:
        if self.rng.random() < 0.05:
            return ""
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10_000_000):07d}"

    # education

    def _graduation(self, year: int) -> dt.date:
        month, day = self.rng.choice(GRADUATION_DAYS)
        return dt.date(year, month, day)

    def _course(
        self, *, level: str, field: str, start_year: int, years: int, full_time: bool
    ) -> _Education | None:
        """A course started in September of ``start_year``; None if it has not started yet."""
        if start_year > REFERENCE_DATE.year - 1:
            return None
        end_year = start_year + years
        mode = StudyMode.FULL_TIME if full_time else StudyMode.OTHER
        expected_end = dt.date(end_year, 6, 30)
        end: dt.date | None
        if expected_end > REFERENCE_DATE:
            status, end = StudyStatus.STUDYING, expected_end
        elif self.rng.random() < 0.05:
            status, end = StudyStatus.DROPPED_OUT, None
        else:
            status, end = StudyStatus.GRADUATED, self._graduation(end_year)
        return _Education(
            school_grade=12,
            in_school=False,
            higher_level=level,
            field_of_study=field,
            study_mode=mode,
            study_status=status,
            study_end_date=end,
        )

    def education(self, *, sex: str, born: dt.date, high_school: str) -> _Education:
        rng = self.rng
        year = born.year
        # Cohorts are by calendar year: born 2007 → grade 12 in 2024–2025, born 2008 → grade 11.
        if year >= REFERENCE_DATE.year - 18:
            draw = rng.random()
            grade_now = 12 - (year - (REFERENCE_DATE.year - 18))
            if draw < 0.80:
                school = high_school if rng.random() < 0.9 else CONTINUING_EDUCATION
                return _Education(school_grade=grade_now - 1, in_school=True, school=school)
            if draw < 0.88:
                # Left after grade 9 for a three-year vocational course (trung cấp).
                trade = self._course(
                    level=HigherLevel.TRADE,
                    field=TRADE_FIELDS[sex].pick(rng),
                    start_year=year + 15,
                    years=3,
                    full_time=True,
                )
                assert trade is not None
                return replace(trade, school_grade=9, school=TRADE_SCHOOLS.pick(rng))
            left_at = 9 if rng.random() < 0.75 else rng.randint(6, 8)
            return _Education(school_grade=left_at, in_school=False)
        if year == REFERENCE_DATE.year - 19 and rng.random() < 0.04:
            # Repeating the last year of upper secondary school.
            return _Education(school_grade=11, in_school=True, school=high_school)

        p12 = 0.85 if year >= 1995 else 0.75 if year >= 1985 else 0.62
        if rng.random() < p12:
            grade = 12
        elif rng.random() < 0.85:
            grade = 9
        else:
            grade = rng.randint(5, 8)
        draw = rng.random()
        full_time = rng.random() < 0.92
        gap = 0 if rng.random() < 0.8 else (1 if rng.random() < 0.75 else 2)
        start = year + 18 + gap if full_time else min(year + rng.randint(20, 32), 2024)
        course: _Education | None = None
        school = ""
        if grade == 12 and draw < 0.20:
            field, years = UNIVERSITY_FIELDS[sex].pick(rng)
            school = UNIVERSITY_BY_FIELD.get(field) or UNIVERSITIES.pick(rng)
            course = self._course(
                level=HigherLevel.UNIVERSITY,
                field=field,
                start_year=start,
                years=years,
                full_time=full_time,
            )
            if (
                course is not None
                and course.study_status == StudyStatus.GRADUATED
                and course.study_end_date is not None
                and age_on(born, REFERENCE_DATE) >= 25
                and rng.random() < 0.05
            ):
                post = self._course(
                    level=HigherLevel.POSTGRADUATE,
                    field=field,
                    start_year=course.study_end_date.year + rng.randint(1, 4),
                    years=2,
                    full_time=rng.random() < 0.3,
                )
                course = post or course
        elif grade == 12 and draw < 0.28:
            school = COLLEGES.pick(rng)
            course = self._course(
                level=HigherLevel.COLLEGE,
                field=COLLEGE_FIELDS[sex].pick(rng),
                start_year=start,
                years=3,
                full_time=full_time,
            )
        elif (grade == 12 and draw < 0.36) or (grade == 9 and draw < 0.15):
            school = TRADE_SCHOOLS.pick(rng)
            course = self._course(
                level=HigherLevel.TRADE,
                field=TRADE_FIELDS[sex].pick(rng),
                start_year=start if grade == 12 else year + 15 + gap,
                years=2 if grade == 12 else 3,
                full_time=full_time or grade == 9,
            )
        if course is None:
            return _Education(school_grade=grade, in_school=False)
        studying = course.study_status == StudyStatus.STUDYING
        return replace(course, school_grade=grade, school=school if studying else "")

    def job(self, *, sex: str, education: _Education, commune_name: str) -> tuple[str, str]:
        rng = self.rng
        full_time_student = (
            education.study_status == StudyStatus.STUDYING
            and education.study_mode == StudyMode.FULL_TIME
        )
        if education.in_school:
            return "Học sinh", education.school
        if full_time_student:
            if education.higher_level == HigherLevel.TRADE:
                return "Học nghề", education.school
            if education.higher_level == HigherLevel.POSTGRADUATE:
                return "Học viên cao học", education.school
            return "Sinh viên", education.school
        occupation, workplace = JOBS[sex].pick(rng)
        while education.study_status == StudyStatus.STUDYING and workplace in ABROAD:
            occupation, workplace = JOBS[sex].pick(rng)  # a part-time student lives here
        # A degree or college diploma in hand (a postgraduate already holds a degree).
        qualified = education.higher_level == HigherLevel.POSTGRADUATE or (
            education.higher_level in (HigherLevel.UNIVERSITY, HigherLevel.COLLEGE)
            and education.study_status == StudyStatus.GRADUATED
        )
        if qualified and rng.random() < 0.75:
            occupation, workplace = GRADUATE_JOBS.pick(rng)
            for prefix, field_job, field_place in FIELD_JOBS:
                if education.field_of_study.startswith(prefix) and rng.random() < 0.7:
                    occupation, workplace = field_job, field_place
                    break
        return occupation, workplace.format(commune=commune_name)

    def marital_status(self, *, sex: str, age: int, in_school: bool) -> str:
        rng = self.rng
        if in_school:
            return MaritalStatus.SINGLE
        if sex == Sex.MALE:
            married = 0.0 if age < 20 else 0.15 if age < 25 else 0.55 if age < 30 else 0.88
        else:
            married = 0.1 if age < 20 else 0.4 if age < 25 else 0.75 if age < 30 else 0.9
        draw = rng.random()
        if draw < married:
            if age >= 28 and rng.random() < 0.04:
                return MaritalStatus.DIVORCED
            if age >= 35 and rng.random() < 0.01:
                return MaritalStatus.WIDOWED
            return MaritalStatus.MARRIED
        return MaritalStatus.SINGLE

    # family

    def family(self, *, surname: str, born: dt.date, own_name: str) -> tuple[TiePlan, ...]:
        """Father, mother and sometimes a brother, with the rare facts of Law 78/2015 Art 41.

        Rates (per man aged 17–27): martyr 0.1 % (liệt sĩ, father or a brother), war invalid
        0.3 % (thương binh hạng 1–4), sick soldier or Agent Orange victim 0.4 % (bệnh binh,
        nhiễm chất độc da cam, 41–90 %), a brother serving 3 %, a parent unable to work 2 %.
        """
        rng = self.rng
        year = born.year
        father_year = year - rng.randint(22, 38)
        mother_year = year - rng.randint(20, 34)
        father = TiePlan(
            public_id=_uuid(rng),
            relation=Relation.FATHER,
            relative_name=self.male_name(surname, father_year),
            relative_birth_year=father_year,
        )
        mother = TiePlan(
            public_id=_uuid(rng),
            relation=Relation.MOTHER,
            relative_name=self.female_name(SURNAMES.pick(rng), mother_year),
            relative_birth_year=mother_year,
        )
        brother: TiePlan | None = None
        if rng.random() < 0.25:
            brother = self._brother(surname, year, own_name, earliest=year - 8, latest=year + 8)

        # Rare, law-relevant facts: one draw decides the father's status.
        draw = rng.random()
        if draw < 0.001:
            if brother is None or rng.random() < 0.8:
                father = replace(father, is_martyr=True)
            else:
                brother = replace(brother, is_martyr=True)
        elif draw < 0.004:
            war_class = WAR_INVALID_CLASSES.pick(rng)
            low, high = WAR_INVALID_LOSS[war_class]
            father = replace(
                father,
                war_invalid_class=war_class,
                war_invalid_loss_pct=rng.randint(low, high),
                able_to_work=war_class != 1,
            )
        elif draw < 0.008:
            loss = rng.randint(41, 90)
            father = replace(father, sick_soldier_loss_pct=loss, able_to_work=loss < 81)
        if rng.random() < 0.03:
            serving = self._brother(surname, year, own_name, earliest=1999, latest=2006)
            if brother is None or brother.is_martyr:
                brother_serving = replace(serving, serving_as_soldier=True)
            else:
                brother = replace(
                    brother,
                    serving_as_soldier=True,
                    relative_birth_year=serving.relative_birth_year,
                )
                brother_serving = None
        else:
            brother_serving = None
        if rng.random() < 0.02:
            if rng.random() < 0.5:
                father = replace(father, able_to_work=False)
            else:
                mother = replace(mother, able_to_work=False)
        ties = [father, mother]
        ties += [tie for tie in (brother, brother_serving) if tie is not None]
        return tuple(ties)

    def _brother(
        self, surname: str, year: int, own_name: str, *, earliest: int, latest: int
    ) -> TiePlan:
        rng = self.rng
        years = [y for y in range(earliest, min(latest, 2020) + 1) if y != year]
        brother_year = rng.choice(years)
        name = self.male_name(surname, brother_year)
        while name == own_name:
            name = self.male_name(surname, brother_year)
        return TiePlan(
            public_id=_uuid(rng),
            relation=Relation.BROTHER,
            relative_name=name,
            relative_birth_year=brother_year,
        )

    # person

    def person(
        self,
        *,
        commune: CommuneInput,
        village_codes: _Table[str],
        sex: str,
        bounds: tuple[dt.date, dt.date],
    ) -> PersonPlan:
        rng = self.rng
        male = sex == Sex.MALE
        earliest, latest = bounds
        born = earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))
        age = age_on(born, REFERENCE_DATE)
        surname = SURNAMES.pick(rng)
        full_name = (
            self.male_name(surname, born.year) if male else self.female_name(surname, born.year)
        )
        ethnicity = MINORITIES.pick(rng) if rng.random() < MINORITY_SHARE else KINH
        education = self.education(
            sex=sex, born=born, high_school=HIGH_SCHOOLS.get(commune.key, HIGH_SCHOOL_DEFAULT)
        )
        occupation, workplace = self.job(sex=sex, education=education, commune_name=commune.name)
        # Party members (đảng viên) are admitted from 18 but in practice after 22 or so; civil
        # servants and teachers more often than others.
        party_rate = 0.3 if occupation in ("Công chức", "Giáo viên") else 0.02 if male else 0.01
        party = age > 22 and rng.random() < party_rate
        youth_union = age < 30 and rng.random() < 0.6
        ties = (
            self.family(surname=surname, born=born, own_name=full_name)
            if male and TIES_AGES[0] <= age <= TIES_AGES[1]
            else ()
        )
        return PersonPlan(
            commune_key=commune.key,
            village_code=village_codes.pick(rng),
            public_id=_uuid(rng),
            full_name=full_name,
            sex=sex,
            date_of_birth=born,
            national_id=self.national_id(male=male, birth_year=born.year),
            ethnicity=ethnicity,
            religion=RELIGIONS.pick(rng) if ethnicity == KINH else "",
            phone=self.phone(),
            occupation=occupation,
            workplace=workplace,
            school_grade=education.school_grade,
            in_school=education.in_school,
            higher_level=education.higher_level,
            field_of_study=education.field_of_study,
            study_mode=education.study_mode,
            study_status=education.study_status,
            study_end_date=education.study_end_date,
            party_member=party,
            youth_union_member=youth_union,
            marital_status=self.marital_status(sex=sex, age=age, in_school=education.in_school),
            ties=ties,
        )


def people_counts(population: int, scale: float) -> tuple[int, int]:
    """(men aged 17–45, women aged 18–40) generated for a commune of ``population``."""
    return round(population * MEN_SHARE * scale), round(population * WOMEN_SHARE * scale)


def build_people(
    communes: Sequence[CommuneInput],
    villages: Sequence[VillagePlan],
    rng: random.Random,
    *,
    scale: float = 1.0,
    reserved_ids: frozenset[str] = frozenset(),
) -> list[PersonPlan]:
    """Men aged 17–45 (23 % of the population) and women aged 18–40 (17 %) of each commune."""
    builder = _PeopleBuilder(rng, reserved_ids)
    men_bounds = birth_range(REFERENCE_DATE, *MEN_AGES)
    women_bounds = birth_range(REFERENCE_DATE, *WOMEN_AGES)
    people: list[PersonPlan] = []
    for commune in communes:
        own = [v for v in villages if v.commune_key == commune.key]
        if not own:
            raise ValueError(f"commune {commune.key} has no villages")
        village_codes = _Table((v.code, max(v.population, 1)) for v in own)
        men, women = people_counts(commune.population, scale)
        for sex, count, bounds in (
            (Sex.MALE, men, men_bounds),
            (Sex.FEMALE, women, women_bounds),
        ):
            for _ in range(count):
                people.append(
                    builder.person(
                        commune=commune, village_codes=village_codes, sex=sex, bounds=bounds
                    )
                )
    return people


def build_demo_plan(
    communes: Sequence[CommuneInput],
    *,
    seed: int,
    scale: float = 1.0,
    reserved_ids: frozenset[str] = frozenset(),
) -> DemoPlan:
    """The whole demo registry as plain data. Same inputs and seed → identical plan.

    Villages do not depend on ``scale``; people are drawn from a separate stream.
    """
    master = random.Random(seed)
    village_rng = random.Random(master.getrandbits(64))
    people_rng = random.Random(master.getrandbits(64))
    villages = plan_villages(communes, village_rng)
    people = build_people(communes, villages, people_rng, scale=scale, reserved_ids=reserved_ids)
    return DemoPlan(villages=tuple(villages), people=tuple(people))
