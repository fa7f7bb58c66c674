"""Reservist classes from the law text (Law 78/2015 Art 24), groups A/B by age (Art 26) and the
class 2 → 1 conversion (Decree 14/2016 Arts 13–15), at their boundaries."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from muster.law.reserve.classes import (
    Served,
    ServiceFacts,
    conversion,
    group_on,
    reserve_class,
)
from muster.law.reserve.enums import Group, ReserveClass, Sex

DAY = dt.date(2026, 6, 1)
BORN = dt.date(2000, 3, 15)  # aged 26 on DAY: past the call-up age
YOUNG = dt.date(2004, 3, 15)  # aged 22 on DAY
ENGLISH_IN_VI = re.compile(r"Law \d+/|\bArts? \d|\bDecree \d|months|Class \d|served")


def man(**facts) -> ServiceFacts:
    return ServiceFacts(Sex.MALE, facts.pop("birth", YOUNG), **facts)


def cls(facts: ServiceFacts, day: dt.date = DAY) -> ReserveClass | None:
    return reserve_class(facts, day).reserve_class


# ------------------------------------------------------------------ counting service


def test_served_counts_whole_months_from_the_first_day():
    assert Served.between(dt.date(2025, 3, 1), dt.date(2025, 8, 29)) == Served(5, 29)
    assert Served.between(dt.date(2025, 3, 1), dt.date(2025, 8, 30)) == Served(5, 30)
    assert Served.between(dt.date(2025, 3, 1), dt.date(2025, 8, 31)) == Served(6, 0)
    assert Served.between(dt.date(2025, 1, 31), dt.date(2025, 2, 28)) == Served(1, 0)
    assert Served.between(dt.date(2023, 2, 20), dt.date(2025, 2, 19)) == Served(24, 0)
    with pytest.raises(ValueError):
        Served.between(dt.date(2025, 3, 2), dt.date(2025, 3, 1))


# ------------------------------------------------------------------ class 1 and class 2


def test_army_service_six_months_is_class_one_five_months_29_days_class_two():
    short = man(army_service=Served.between(dt.date(2025, 3, 1), dt.date(2025, 8, 29)))
    full = man(army_service=Served.between(dt.date(2025, 3, 1), dt.date(2025, 8, 31)))
    assert cls(short) is ReserveClass.TWO
    assert cls(full) is ReserveClass.ONE
    assert reserve_class(short, DAY).grounds[0].rule.code == "reserve.class2.army_service"
    assert reserve_class(full, DAY).grounds[0].rule.code == "reserve.class1.army_service"


def test_combat_makes_a_short_service_class_one():
    verdict = reserve_class(man(army_service=Served(2, 10), combat=True), DAY)
    assert verdict.reserve_class is ReserveClass.ONE
    assert [g.rule.code for g in verdict.grounds] == [
        "reserve.class1.combat",
        "reserve.class2.army_service",
    ]
    # The explanation keeps the grounds of the class it gives.
    assert "dưới" not in verdict.explanation.vi and "2 tháng" not in verdict.explanation.vi


@pytest.mark.parametrize(
    ("months", "expected", "code"),
    [
        (Served(11, 29), ReserveClass.TWO, "reserve.class2.police"),
        (Served(12, 0), ReserveClass.TWO, "reserve.class2.police_gap"),
        (Served(19, 30), ReserveClass.TWO, "reserve.class2.police_gap"),
        (Served(20, 0), ReserveClass.ONE, "reserve.class1.police"),
    ],
)
def test_police_service_twenty_months(months, expected, code):
    verdict = reserve_class(man(police_service=months), DAY)
    assert verdict.reserve_class is expected
    assert verdict.grounds[0].rule.code == code
    # The 12–19 months gap is a default the legal reference does not confirm.
    assert verdict.confirmed is (code != "reserve.class2.police_gap")


def test_commune_police_thirty_six_consecutive_months():
    assert cls(man(commune_police_consecutive=Served(35, 30))) is None  # aged 22, never served
    assert cls(man(commune_police_consecutive=Served(36))) is ReserveClass.ONE
    older = man(birth=BORN, commune_police_consecutive=Served(35, 30))
    assert cls(older) is ReserveClass.TWO  # past call-up age, never served


def test_militia_completion_or_three_months_training():
    assert cls(man(militia_standing_completed=True)) is ReserveClass.ONE
    assert cls(man(militia_training_months=2)) is None
    three = reserve_class(man(militia_training_months=3), DAY)
    assert three.reserve_class is ReserveClass.ONE
    assert three.citations[0].point == "e"
    assert "điểm e khoản 2 Điều 24" in three.explanation.vi


def test_six_months_concentrated_training_of_a_class_two_soldier():
    assert cls(man(army_service=Served(3), concentrated_training_months=5)) is ReserveClass.TWO
    assert cls(man(army_service=Served(3), concentrated_training_months=6)) is ReserveClass.ONE


def test_professional_soldiers_and_defence_workers():
    assert cls(man(professional_soldier=True)) is ReserveClass.ONE
    assert cls(man(defence_worker=True, defence_worker_from_soldier=True)) is ReserveClass.ONE
    assert cls(man(defence_worker=True)) is ReserveClass.TWO


def test_women_registered_under_art_12_2_are_class_two():
    woman = ServiceFacts(Sex.FEMALE, dt.date(1998, 1, 1), registered_art_12_2=True)
    assert cls(woman) is ReserveClass.TWO
    assert cls(ServiceFacts(Sex.FEMALE, dt.date(1998, 1, 1))) is None


def test_men_past_call_up_age_who_never_served():
    born = dt.date(2000, 6, 2)
    # Aged 25 on 01/06/2026 (call-up age to the end of 25): not yet a reservist.
    assert cls(man(birth=born)) is None
    # The 26th birthday: past call-up age, class 2.
    assert cls(man(birth=born), dt.date(2026, 6, 2)) is ReserveClass.TWO
    # Deferred for college: call-up age to the end of 27.
    assert cls(man(birth=born, studied_deferral=True), dt.date(2026, 6, 2)) is None
    assert cls(man(birth=born, studied_deferral=True), dt.date(2028, 6, 2)) is ReserveClass.TWO


def test_no_ground_is_explained():
    verdict = reserve_class(man(), DAY)
    assert verdict.reserve_class is None
    assert verdict.explanation.vi.startswith("Không có căn cứ xếp hạng")


def test_explanation_in_vietnamese_with_its_citation():
    verdict = reserve_class(man(army_service=Served(24)), DAY)
    assert verdict.explanation.vi == (
        "Hạng một: đã phục vụ tại ngũ 24 tháng "
        "(khoản 2 Điều 24 Luật Nghĩa vụ quân sự 78/2015/QH13)."
    )
    assert verdict.explanation.en == (
        "Class 1: served 24 months in the army (Law 78/2015/QH13 (Military Service), Art 24(2))."
    )
    short = reserve_class(man(army_service=Served(5, 29)), DAY).explanation.vi
    assert short.startswith("Hạng hai: mới phục vụ tại ngũ 5 tháng 29 ngày")
    for facts in (man(army_service=Served(24)), man(police_service=Served(13)), man(birth=BORN)):
        text = reserve_class(facts, DAY).explanation.vi
        assert not ENGLISH_IN_VI.search(text), text


# ------------------------------------------------------------------ groups A and B


@pytest.mark.parametrize(
    ("sex", "birthday_age", "before", "on"),
    [
        (Sex.MALE, 36, Group.A, Group.B),
        (Sex.MALE, 46, Group.B, None),
        (Sex.FEMALE, 31, Group.A, Group.B),
        (Sex.FEMALE, 41, Group.B, None),
    ],
)
def test_groups_change_on_the_birthday(sex, birthday_age, before, on):
    birth = dt.date(1990, 1, 10)
    birthday = dt.date(1990 + birthday_age, 1, 10)
    assert group_on(sex, birth, birthday - dt.timedelta(days=1)).group is before
    assert group_on(sex, birth, birthday).group is on


def test_group_reasons_in_vietnamese():
    verdict = group_on(Sex.MALE, dt.date(1990, 1, 10), dt.date(2026, 1, 10))
    assert verdict.reason.vi == (
        "Nhóm B: 36 tuổi vào ngày 10/01/2026, từ 36 đến 45 tuổi "
        "(Điều 26 Luật Nghĩa vụ quân sự 78/2015/QH13)."
    )
    over = group_on(Sex.FEMALE, dt.date(1985, 1, 10), dt.date(2026, 1, 10))
    assert over.group is None
    assert over.reason.vi.startswith("Đã hết 40 tuổi vào ngày 10/01/2026")
    assert over.rule.code == "reserve.ages"


# ------------------------------------------------------------------ conversion 2 → 1


@pytest.mark.parametrize(("sex", "limit"), [(Sex.MALE, 35), (Sex.FEMALE, 30)])
def test_conversion_age_limits(sex, limit):
    birth = dt.date(1990, 1, 10)
    facts = ServiceFacts(
        sex,
        birth,
        army_service=Served(3) if sex is Sex.MALE else None,
        registered_art_12_2=sex is Sex.FEMALE,
    )
    last_day = dt.date(1990 + limit + 1, 1, 9)
    ok = conversion(facts, last_day)
    assert ok.eligible and ok.training_months_left == 6
    assert ok.reason.vi.startswith(f"Hạng hai, {limit} tuổi: được huấn luyện chuyển hạng một")
    late = conversion(facts, last_day + dt.timedelta(days=1))
    assert not late.eligible
    assert late.reason.vi.startswith(f"Đã hết {limit} tuổi vào ngày")
    assert "Nghị định 14/2016/NĐ-CP" in late.reason.vi


def test_conversion_counts_training_and_ends_in_class_one():
    facts = man(army_service=Served(3), concentrated_training_months=4)
    assert conversion(facts, DAY).training_months_left == 2
    trained = man(army_service=Served(3), concentrated_training_months=6)
    assert cls(trained) is ReserveClass.ONE
    assert not conversion(trained, DAY).eligible
    assert not conversion(man(army_service=Served(8)), DAY).eligible
