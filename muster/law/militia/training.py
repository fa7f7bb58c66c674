"""Yearly training days (Law 48/2019 Art 28(1); TT 69/2020 Art 6). Pure: no Django.

* Year 1 of service: 15 days for every component except the standing militia.
* Year 2 onward: 12 days for mobile, maritime and the specialist components (air defence,
  artillery, reconnaissance, communications, engineering, chemical, medical); 7 for on-site.
* Standing militia: 60 days every year.

The year of service is counted from the day the member joined: year 1 runs to the day before
the first anniversary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.ages import age_on
from muster.law.book import rule
from muster.law.militia.enums import COMPONENT_LABELS, SPECIALIST_COMPONENTS, Component
from muster.law.rulebook import Rule
from muster.law.text import Text


@dataclass(frozen=True, slots=True)
class Requirement:
    component: Component
    year_of_service: int
    days: int
    rule: Rule

    @property
    def text(self) -> Text:
        label = COMPONENT_LABELS[self.component]
        return Text(
            f"{label.vi}, năm thứ {self.year_of_service}: {self.days} ngày huấn luyện.",
            f"{label.en}, year {self.year_of_service}: {self.days} training days.",
        )


def year_of_service(joined: dt.date, on: dt.date) -> int:
    """1 in the first year after ``joined``, 2 from the first anniversary, and so on."""
    if on < joined:
        raise ValueError("the day precedes joining")
    return age_on(joined, on) + 1


def required_days(component: Component, year: int, on: dt.date) -> Requirement:
    """The training days a member of ``component`` owes in year ``year`` of service, by the
    rule in force on ``on``."""
    if year < 1:
        raise ValueError("years of service start at 1")
    item = rule("militia.training.days", on)
    if component == Component.STANDING:
        days = item.int_param("standing_days")
    elif year == 1:
        days = item.int_param("first_year_days")
    elif component in SPECIALIST_COMPONENTS:
        days = item.int_param("specialist_days")
    else:
        days = item.int_param("on_site_days")
    return Requirement(component, year, days, item)


def requirement_on(component: Component, joined: dt.date, on: dt.date) -> Requirement:
    """The requirement of the service year that ``on`` falls in."""
    return required_days(component, year_of_service(joined, on), on)


def shortfall(component: Component, joined: dt.date, on: dt.date, days_done: int) -> int:
    """Training days still owed in the current service year (never negative)."""
    if days_done < 0:
        raise ValueError("days done cannot be negative")
    return max(0, requirement_on(component, joined, on).days - days_done)
