import datetime as dt

from muster.law.ages import age_on, birth_range, years_before

D = dt.date


def test_leap_day_birthday_counts_from_first_of_march():
    assert age_on(D(2008, 2, 29), D(2026, 2, 28)) == 17
    assert age_on(D(2008, 2, 29), D(2026, 3, 1)) == 18


def test_years_before_clamps_29_february():
    assert years_before(D(2028, 2, 29), 3) == D(2025, 2, 28)
    assert years_before(D(2025, 6, 30), 18) == D(2007, 6, 30)


def test_birth_range_matches_age_on_at_both_edges():
    day = D(2025, 1, 1)
    earliest, latest = birth_range(day, 17, 45)
    assert (earliest, latest) == (D(1979, 1, 2), D(2008, 1, 1))
    assert age_on(latest, day) == 17 and age_on(latest + dt.timedelta(days=1), day) == 16
    assert age_on(earliest, day) == 45 and age_on(earliest - dt.timedelta(days=1), day) == 46
