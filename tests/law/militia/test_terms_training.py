"""Term ends (Art 8), completion (Art 13), 24 months of standing service as military service
(Law 78/2015 Art 4(4)(a)), class-1 reserve on completion, and the yearly training days
(Art 28; TT 69/2020 Art 6)."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.militia import terms, training
from muster.law.militia.enums import SPECIALIST_COMPONENTS, Component

D = dt.date


@pytest.mark.parametrize(
    ("component", "start", "end", "extension_end"),
    [
        (Component.ON_SITE, D(2022, 3, 1), D(2026, 2, 28), D(2028, 2, 29)),
        (Component.MOBILE, D(2021, 7, 15), D(2025, 7, 14), D(2027, 7, 14)),
        (Component.STANDING, D(2024, 3, 1), D(2026, 2, 28), D(2028, 2, 29)),
        (Component.STANDING, D(2024, 2, 29), D(2026, 2, 28), D(2028, 2, 28)),
    ],
)
def test_term_end_and_max_extension(component, start, end, extension_end):
    assert terms.term_end(start, component) == end
    assert terms.max_extension_end(start, component) == extension_end
    assert terms.extension_allowed(start, component, extension_end)
    assert not terms.extension_allowed(start, component, extension_end + dt.timedelta(days=1))
    assert not terms.extension_allowed(start, component, end)


def test_completion_is_recognised_from_the_last_day_of_the_term_or_extension():
    start = D(2022, 3, 1)
    assert not terms.can_recognise_completion(start, Component.ON_SITE, D(2026, 2, 27))
    assert terms.can_recognise_completion(start, Component.ON_SITE, D(2026, 2, 28))
    assert terms.can_recognise_completion(start, Component.ON_SITE, D(2026, 3, 1))
    extended = D(2027, 2, 28)
    assert not terms.can_recognise_completion(
        start, Component.ON_SITE, D(2026, 3, 1), extended_until=extended
    )
    assert terms.can_recognise_completion(
        start, Component.ON_SITE, extended, extended_until=extended
    )


@pytest.mark.parametrize(
    ("on", "counts"),
    [(D(2026, 3, 14), False), (D(2026, 3, 15), True), (D(2026, 3, 16), True)],
)
def test_24_months_of_standing_militia_count_as_military_service(on, counts):
    start = D(2024, 3, 15)
    assert terms.counts_as_military_service(start, on, Component.STANDING) is counts
    assert terms.counts_as_military_service(start, on, Component.MOBILE) is False
    assert terms.standing_service_reached(start) == D(2026, 3, 15)


def test_24_months_from_29_february_are_reached_on_1_march():
    assert terms.standing_service_reached(D(2024, 2, 29)) == D(2026, 3, 1)
    assert not terms.counts_as_military_service(D(2024, 2, 29), D(2026, 2, 28), Component.STANDING)


@pytest.mark.parametrize(
    ("component", "months", "reserve_class"),
    [
        (Component.STANDING, 0, 1),
        (Component.ON_SITE, 3, 1),
        (Component.ON_SITE, 2.9, None),
        (Component.ARTILLERY, 3, 1),
        (Component.MARITIME, 0, None),
    ],
)
def test_class_1_reserve_on_completion(component, months, reserve_class):
    assert terms.reserve_class_on_completion(component, months, D(2026, 1, 1)) == reserve_class


@pytest.mark.parametrize(
    ("on", "year"),
    [(D(2024, 3, 1), 1), (D(2025, 2, 28), 1), (D(2025, 3, 1), 2), (D(2027, 3, 1), 4)],
)
def test_year_of_service(on, year):
    assert training.year_of_service(D(2024, 3, 1), on) == year


def test_training_days_per_component_and_year():
    on = D(2026, 1, 1)
    assert training.required_days(Component.ON_SITE, 1, on).days == 15
    assert training.required_days(Component.ON_SITE, 2, on).days == 7
    for component in SPECIALIST_COMPONENTS:
        assert training.required_days(component, 1, on).days == 15
        assert training.required_days(component, 3, on).days == 12
    assert training.required_days(Component.STANDING, 1, on).days == 60
    assert training.required_days(Component.STANDING, 2, on).days == 60
    requirement = training.required_days(Component.MOBILE, 2, on)
    assert requirement.text.vi == "Dân quân cơ động, năm thứ 2: 12 ngày huấn luyện."
    assert requirement.rule.citations[1].label.endswith("Art 6")


def test_training_shortfall():
    joined = D(2025, 3, 1)
    assert training.shortfall(Component.ON_SITE, joined, D(2025, 12, 1), 10) == 5
    assert training.shortfall(Component.ON_SITE, joined, D(2026, 3, 1), 10) == 0
    assert training.shortfall(Component.STANDING, joined, D(2026, 3, 1), 45) == 15
    with pytest.raises(ValueError):
        training.shortfall(Component.ON_SITE, joined, D(2025, 12, 1), -1)
    with pytest.raises(ValueError):
        training.year_of_service(joined, D(2025, 2, 28))


@pytest.mark.parametrize(
    ("returns", "report"),
    [(D(2026, 4, 30), False), (D(2026, 5, 1), True), (None, True)],
)
def test_an_absence_of_3_months_or_more_is_reported(returns, report):
    assert terms.absence_must_be_reported(D(2026, 2, 1), returns, D(2026, 2, 1)) is report
    assert terms.absence_must_be_reported(D(2025, 2, 1), returns, D(2025, 6, 30)) is False
