"""Allowances of the militia (Law 48/2019 Arts 33–34; Decree 72/2020 Arts 7, 8, 11 as amended
by Decree 16/2025 from 23 Mar 2025). Pure: no Django. Amounts are whole đồng (VND).

* A post allowance (phụ cấp chức vụ) is paid by the month. A month that straddles a change of
  amount (March 2025) is paid day by day: each day at the amount in force that day, the month
  summed and rounded half up to the đồng.
* The village militia leader's monthly allowance and the daily work allowance are floors: the
  province sets the rate, at least the amount here (``floor=True``).
* A session (đợt làm nhiệm vụ) is paid per day at the rate of that day: the province's rate
  when given (never below the floor), else the floor; a member whose term was extended gets
  the top-up on each day (a fixed sum before 23 Mar 2025, 50 % of the daily rate since).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from muster.law.book import rule, rule_or_none
from muster.law.militia.enums import POST_LABELS, Post
from muster.law.money import Line
from muster.law.money import half_up as _half_up
from muster.law.rulebook import Citation, Rule
from muster.law.text import Text, vi_date, vi_number

Per = Literal["month", "day", "once"]
_DAY = dt.timedelta(days=1)
#: Unit commands a village militia leader may also hold (Decree 72/2020 Art 7).
UNIT_COMMANDS = frozenset({Post.SQUAD_LEADER, Post.PLATOON_LEADER})


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum with the rule versions behind it; ``floor``: the law's minimum, the province
    sets the rate."""

    amount: int
    per: Per
    rules: tuple[Rule, ...]
    floor: bool = False

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for r in self.rules for c in r.citations))


def post_allowance(post: Post, on: dt.date) -> Amount | None:
    """The monthly post allowance of ``post`` on ``on``; None for a post without an amount in
    the legal reference (the assistant) or a day before Decree 72/2020."""
    item = rule_or_none(f"militia.allowance.post.{post.value}", on)
    if item is None:
        return None
    return Amount(item.int_param("amount"), "month", (item,))


def village_leader_allowance(on: dt.date, leads: Post | None = None) -> Amount:
    """The village militia leader's post allowance, plus the share of the squad or platoon
    leader's allowance when he also leads the on-site squad or platoon (100 % since 23 Mar
    2025, 20 % before)."""
    if leads is not None and leads not in UNIT_COMMANDS:
        raise ValueError(f"a village militia leader cannot also hold {leads}")
    base = rule("militia.allowance.post.village_leader", on)
    amount = base.int_param("amount")
    rules: tuple[Rule, ...] = (base,)
    if leads is not None:
        share = rule("militia.allowance.village_leader_unit", on)
        unit = rule(f"militia.allowance.post.{leads.value}", on)
        extra = Decimal(unit.int_param("amount")) * share.int_param("extra_percent") / 100
        amount += _half_up(extra)
        rules += (share, unit)
    return Amount(amount, "month", rules)


def village_leader_monthly(on: dt.date) -> Amount:
    """The village militia leader's monthly allowance: at least this (the province decides)."""
    item = rule("militia.allowance.village_leader_monthly", on)
    return Amount(item.int_param("min_amount"), "month", (item,), floor=True)


def daily_work_allowance(on: dt.date) -> Amount:
    """The daily work allowance of on-site, mobile and specialist militia: at least this."""
    item = rule("militia.allowance.daily_work", on)
    return Amount(item.int_param("min_amount"), "day", (item,), floor=True)


def extension_top_up(on: dt.date, daily_rate: int | None = None) -> Amount:
    """The top-up per day of a member whose term was extended: 59.600 đ before 23 Mar 2025,
    then at least 50 % of the daily rate (the floor's when no rate is given)."""
    item = rule("militia.allowance.extension_top_up", on)
    if "percent_of_daily" in item.parameters:
        daily = daily_work_allowance(on)
        rate = daily.amount if daily_rate is None else daily_rate
        amount = _half_up(Decimal(rate) * item.int_param("percent_of_daily") / 100)
        return Amount(amount, "day", (item, *daily.rules), floor=True)
    return Amount(item.int_param("min_amount"), "day", (item,), floor=True)


def maritime_allowance(on: dt.date) -> tuple[Amount, Amount]:
    """Maritime militia on sea-island protection duty: (daily allowance, meals per day)."""
    item = rule("militia.allowance.maritime", on)
    return (
        Amount(item.int_param("daily"), "day", (item,)),
        Amount(item.int_param("meals"), "day", (item,)),
    )


def sea_captain_allowance(on: dt.date) -> Amount:
    """The extra daily allowance of a boat captain or engineer at sea."""
    item = rule("militia.allowance.sea_captain", on)
    return Amount(item.int_param("daily"), "day", (item,))


def standing_completion_allowance(on: dt.date, years_served: int) -> Amount:
    """The one-off allowance of standing militia at completion (unverified since 23 Mar
    2025: the old amount is kept)."""
    item = rule("militia.allowance.standing_completion", on)
    return Amount(item.int_param("per_year") * years_served, "once", (item,))


# ------------------------------------------------------------------------------ lines


def month_line(post: Post, year: int, month: int, leads: Post | None = None) -> Line | None:
    """A member's post allowance for a month (each day at the amount of that day); None when
    the post has no amount on any day of the month."""
    days_in_month = calendar.monthrange(year, month)[1]
    total = Decimal(0)
    rules: list[Rule] = []
    for day_number in range(1, days_in_month + 1):
        day = dt.date(year, month, day_number)
        if post == Post.VILLAGE_LEADER:
            found: Amount | None = village_leader_allowance(day, leads)
        else:
            found = post_allowance(post, day)
        if found is None:
            continue
        total += Decimal(found.amount) / days_in_month
        rules += [r for r in found.rules if r not in rules]
    if not rules:
        return None
    label = POST_LABELS[post]
    return Line(
        Text(
            f"Phụ cấp chức vụ {label.vi}, tháng {month:02d}/{year}",
            f"Post allowance, {label.en}, {month:02d}/{year}",
        ),
        _half_up(total),
        tuple(rules),
    )


def session_line(
    first_day: dt.date, days: int, *, rate: int | None = None, extended: bool = False
) -> Line:
    """A session of ``days`` consecutive days of duty from ``first_day``: each day at the
    province's ``rate`` (never below the floor of the day) or the floor, plus the extension
    top-up for a member whose term was extended."""
    if days < 1:
        raise ValueError("a session lasts at least one day")
    total = 0
    rules: list[Rule] = []
    for offset in range(days):
        day = first_day + offset * _DAY
        floor = daily_work_allowance(day)
        if rate is not None and rate < floor.amount:
            raise ValueError(f"{rate} is below the floor of {floor.amount} on {day.isoformat()}")
        paid = [floor]
        total += floor.amount if rate is None else rate
        if extended:
            top_up = extension_top_up(day, rate)
            total += top_up.amount
            paid.append(top_up)
        rules += [r for a in paid for r in a.rules if r not in rules]
    last = first_day + (days - 1) * _DAY
    shown = f"{vi_number(rate)} đ/ngày" if rate is not None else "mức sàn"
    shown_en = f"{rate:,} VND/day" if rate is not None else "the floor rate"
    return Line(
        Text(
            f"Trợ cấp ngày công lao động {days} ngày ({vi_date(first_day)}–{vi_date(last)}, "
            f"{shown})" + (", có trợ cấp tăng thêm khi kéo dài thời hạn" if extended else ""),
            f"Daily work allowance, {days} days ({first_day:%d/%m/%Y}–{last:%d/%m/%Y}, "
            f"{shown_en})" + (", with the extension top-up" if extended else ""),
        ),
        total,
        tuple(rules),
    )
