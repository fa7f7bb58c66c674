"""The 12-digit citizen ID number (số CCCD): format, province, sex/century and year digits."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.people import national_id
from muster.people.national_id import check, make, sex_century_digit


def codes(number, **facts):
    return [problem.code for problem in check(number, **facts)]


def test_well_formed_number_without_facts_is_valid():
    assert check("033099123456") == []


@pytest.mark.parametrize(
    "number", ["03309912345a", "0330 9912345", "033-99123456", "", "٠٣٣٠٩٩١٢٣٤٥٦"]
)
def test_non_digits_are_refused(number):
    assert codes(number) == ["digits"]


@pytest.mark.parametrize("number", ["03309912345", "0330991234567", "033"])
def test_wrong_length_is_refused(number):
    assert codes(number) == ["length"]


def test_unknown_province_is_refused():
    assert "003" not in national_id.PROVINCE_CODES
    assert codes("003099123456") == ["province"]


@pytest.mark.parametrize("province", ["001", "033", "034", "030", "096"])
def test_known_provinces_pass(province):
    assert codes(f"{province}099123456") == []


def test_century_digit_for_1999_and_2000_births():
    assert sex_century_digit(male=True, birth_year=1999) == 0
    assert sex_century_digit(male=False, birth_year=1999) == 1
    assert sex_century_digit(male=True, birth_year=2000) == 2
    assert sex_century_digit(male=False, birth_year=2000) == 3
    assert codes("033099123456", male=True, birth_date=dt.date(1999, 12, 31)) == []
    assert codes("033200123456", male=True, birth_date=dt.date(2000, 1, 1)) == []
    # A 2000 birth written with the 1900s digit (and the reverse) is caught.
    assert codes("033000123456", male=True, birth_date=dt.date(2000, 1, 1)) == ["sex_century"]
    assert codes("033299123456", male=True, birth_date=dt.date(1999, 12, 31)) == ["sex_century"]


def test_female_and_male_digits_differ():
    born = dt.date(2005, 6, 1)
    assert codes("033205123456", male=True, birth_date=born) == []
    assert codes("033305123456", male=False, birth_date=born) == []
    assert codes("033305123456", male=True, birth_date=born) == ["sex_century"]
    assert codes("033205123456", male=False, birth_date=born) == ["sex_century"]


def test_year_digits_must_match_birth_year():
    assert codes("033206123456", male=True, birth_date=dt.date(2005, 6, 1)) == ["year"]
    assert codes("033195123456", male=False, birth_date=dt.date(1959, 6, 1)) == ["year"]


def test_all_problems_are_reported_together():
    assert codes("003306123456", male=True, birth_date=dt.date(2005, 6, 1)) == [
        "province",
        "sex_century",
        "year",
    ]


def test_facts_are_only_checked_when_both_are_given():
    assert codes("033305123456", male=True) == []
    assert codes("033305123456", birth_date=dt.date(1980, 1, 1)) == []


def test_birth_year_outside_supported_centuries():
    with pytest.raises(ValueError):
        sex_century_digit(male=True, birth_year=1899)
    # 1899 ends in 99 like 1999, but no 4th digit stands for the 1800s.
    assert codes("033099123456", male=True, birth_date=dt.date(1899, 1, 1)) == ["sex_century"]


@pytest.mark.parametrize(
    ("male", "year"), [(True, 1979), (False, 1984), (True, 2008), (False, 2007)]
)
def test_make_builds_numbers_that_check_accepts(male, year):
    number = make(province_code="033", male=male, birth_year=year, serial=1_234_567)
    assert len(number) == 12
    assert number.endswith("234567")  # the serial wraps to six digits
    assert check(number, male=male, birth_date=dt.date(year, 5, 5)) == []
