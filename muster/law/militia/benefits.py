"""The militia's other allowances and the standing and maritime militia's benefits (Decree
72/2020 as amended by Decree 16/2025 from 23 Mar 2025; the rules in ``benefit_rules``). Pure:
no Django. Amounts are whole đồng, rounded half up.

* **Service months** (for seniority and the one-off payment): the periods held are added up
  (an interrupted service counts in total); each period counts its whole calendar months
  (from the 5th to the 4th of a later month); the days left over by periods already ended are
  pooled, every 30 of them one more month.
* **Seniority** (phụ cấp thâm niên): none before 60 months; 5 % at 60, then 1 % more at each
  further full 12 months (59 → 0 %, 60 → 5 %, 71 → 5 %, 72 → 6 %).
* **Special defence** (phụ cấp đặc thù quốc phòng, quân sự): 50 % of the post allowance held.
* **The deputy commander's one-off payment** on leaving, without social insurance, after 60
  months: 1.5 months of the post allowance held on the last day, for each full year served.
* **Sea duty** of maritime militia: a daily allowance and meals each day, plus the captain's
  or engineer's extra.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from muster.law.book import rule, rule_or_none
from muster.law.militia.allowances import Amount, maritime_allowance, sea_captain_allowance
from muster.law.militia.enums import Post
from muster.law.money import Line
from muster.law.rulebook import Citation, Rule
from muster.law.text import Text, vi_date

#: A period held: first day, and the first day it no longer holds (None: still held).
Period = tuple[dt.date, dt.date | None]
_DAY = dt.timedelta(days=1)


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` ``months`` later, held to the month's last day (31/01 + 1 month: 28/02)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def _whole_months(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole months from ``start`` up to ``end`` (exclusive) and the days left over."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and _add_months(start, months) > end:
        months -= 1
    months = max(months, 0)
    return months, (end - _add_months(start, months)).days


def service_months(periods: Iterable[Period], on: dt.date) -> int:
    """The months served by the end of ``on`` over ``periods``: periods that touch are joined;
    each counts its whole months; the days left over by the periods already ended are pooled,
    30 days to a month (the month in progress of a period still held does not count)."""
    cut = on + _DAY
    spans = sorted((start, cut if stop is None else min(stop, cut)) for start, stop in periods)
    joined: list[list[dt.date]] = []
    for start, end in spans:
        if end <= start:
            continue
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    months, days = 0, 0
    for start, end in joined:
        whole, rest = _whole_months(start, end)
        months += whole
        if end < cut:
            days += rest
    return months + days // 30


@dataclass(frozen=True, slots=True)
class Share:
    """A percentage of the post allowance held, with the rule behind it."""

    percent: int
    rules: tuple[Rule, ...]

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for r in self.rules for c in r.citations))


def _posts(item: Rule) -> frozenset[str]:
    return frozenset(str(item.parameters["posts"]).split(","))


def seniority_share(post: Post, months: int, on: dt.date) -> Share | None:
    """The seniority percentage of ``post`` after ``months`` of service on ``on``; None when
    the post has none or no rule is in force. 0 % before the minimum months."""
    item = rule_or_none("militia.allowance.seniority", on)
    if item is None or post.value not in _posts(item):
        return None
    minimum = item.int_param("min_months")
    if months < minimum:
        return Share(0, (item,))
    extra_years = (months - minimum) // 12
    return Share(
        item.int_param("first_percent") + extra_years * item.int_param("percent_per_year"), (item,)
    )


def special_defence_share(post: Post, on: dt.date) -> Share | None:
    """The special defence percentage of ``post`` on ``on``; None for a post without it."""
    item = rule_or_none("militia.allowance.special_defence", on)
    if item is None or post.value not in _posts(item):
        return None
    return Share(item.int_param("percent"), (item,))


def deputy_one_off(last_day: dt.date, months: int, monthly: int) -> Amount | None:
    """The one-off payment of a deputy commander without social insurance who leaves after
    ``last_day`` having served ``months``, on the post allowance ``monthly`` held then; None
    below the minimum months."""
    item = rule("militia.allowance.deputy_one_off", last_day)
    if months < item.int_param("min_months"):
        return None
    years = months // 12
    tenths = item.int_param("tenths_of_month_per_year")
    return Amount(_half_up(Decimal(monthly) * tenths * years / 10), "once", (item,))


@dataclass(frozen=True, slots=True)
class Entitlement:
    """A benefit without a sum to pay here (insurance, food at the army's ration)."""

    text: Text
    rules: tuple[Rule, ...]

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for r in self.rules for c in r.citations))


STANDING_BENEFITS = ("militia.benefit.standing_insurance", "militia.benefit.standing_food")


def standing_entitlements(on: dt.date) -> tuple[Entitlement, ...]:
    """The standing militia's benefits in force on ``on`` that carry no sum here."""
    out = []
    for code in STANDING_BENEFITS:
        item = rule_or_none(code, on)
        if item is not None:
            out.append(Entitlement(Text(item.title_vi, item.title), (item,)))
    return tuple(out)


def sea_duty_line(days: Iterable[dt.date], *, captain: bool = False) -> Line:
    """Days of sea-island protection duty of a maritime member: each day the daily allowance
    and meals of that day, plus the captain's or engineer's extra when ``captain``."""
    chosen = sorted(days)
    if not chosen:
        raise ValueError("sea duty lasts at least one day")
    total = 0
    rules: list[Rule] = []
    for day in chosen:
        paid = list(maritime_allowance(day))
        if captain:
            paid.append(sea_captain_allowance(day))
        total += sum(a.amount for a in paid)
        rules += [r for a in paid for r in a.rules if r not in rules]
    span = f"{vi_date(chosen[0])}–{vi_date(chosen[-1])}"
    span_en = f"{chosen[0]:%d/%m/%Y}–{chosen[-1]:%d/%m/%Y}"
    extra_vi = ", có phụ cấp thuyền trưởng, máy trưởng" if captain else ""
    extra_en = ", with the captain's or engineer's extra" if captain else ""
    return Line(
        Text(
            f"Trợ cấp và tiền ăn khi làm nhiệm vụ trên biển, {len(chosen)} ngày ({span}){extra_vi}",
            f"Sea duty allowance and meals, {len(chosen)} days ({span_en}){extra_en}",
        ),
        total,
        tuple(rules),
    )
