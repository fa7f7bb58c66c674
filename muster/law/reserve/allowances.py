"""Allowances of the mobilisation reserve (Decree 79/2020; base salary Decree 73/2024). Pure: no
Django. Amounts are whole đồng (VND), rounded half up; each line carries its rules, so a line
whose rule the legal reference does not confirm says so.

* Khung B cadres: a quarterly amount by post, for at least 45 days in the post that quarter.
* Reserve officers placed in a unit: a monthly amount for at least 15 days in the unit that
  month; professional soldiers, NCOs and soldiers: a yearly amount for at least 6 consecutive
  months in the unit that year.
* During a training call, for a reservist not paid from the state budget: an officer gets the
  monthly salary of his rank ÷ 26 for each day, each day at the base salary in force that day
  (salary = base salary × his coefficient); an NCO or soldier gets his rank allowance (base
  salary × coefficient, at the base salary of the call's first day): half a month for 5–15
  days, a month for 16–31 days. Under 5 days, or longer than 31, the legal reference states no
  amount and nothing is computed (``None`` with the reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from muster.law.book import rule_or_none
from muster.law.money import Line, half_up
from muster.law.reserve.training_enums import KHUNG_B_POST_LABELS, KhungBPost
from muster.law.rulebook import Rule
from muster.law.text import Text

_DAY = dt.timedelta(days=1)


def _vi(value: Decimal) -> str:
    """A coefficient the Vietnamese way: 4,2."""
    return f"{value.normalize():f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class NoLine:
    """Why nothing is paid: the reason in both languages, with the rules read."""

    reason: Text
    rules: tuple[Rule, ...] = ()


def base_salary(on: dt.date) -> Rule | None:
    """The base salary rule in force on ``on``; None before the first one the book knows."""
    return rule_or_none("reserve.base_salary", on)


def khung_b_amount(post: KhungBPost, on: dt.date) -> Rule | None:
    return rule_or_none(f"reserve.allowance.khung_b.{post.value}", on)


def khung_b_line(post: KhungBPost, *, year: int, quarter: int, days_in_post: int) -> Line | NoLine:
    """A Khung B cadre's allowance for the quarter, by the rule in force on its last day."""
    if not 1 <= quarter <= 4:
        raise ValueError("quarters are 1 to 4")
    last_month = quarter * 3
    last_day = (dt.date(year + (last_month == 12), last_month % 12 + 1, 1)) - _DAY
    item = khung_b_amount(post, last_day)
    label = KHUNG_B_POST_LABELS[post]
    if item is None:
        return NoLine(Text("Chưa có quy định phụ cấp vào ngày này.", "No allowance rule that day."))
    need = item.int_param("min_days")
    if days_in_post < need:
        return NoLine(
            Text(
                f"Giữ chức vụ {days_in_post} ngày trong quý, chưa đủ {need} ngày.",
                f"{days_in_post} days in the post this quarter, fewer than {need}.",
            ),
            (item,),
        )
    return Line(
        Text(
            f"Phụ cấp {label.vi}, quý {quarter}/{year}",
            f"Allowance, {label.en}, quarter {quarter}/{year}",
        ),
        item.int_param("amount"),
        (item,),
    )


def officer_month_line(*, year: int, month: int, days_in_unit: int) -> Line | NoLine:
    """A reserve officer's monthly allowance for being placed in a unit."""
    first = dt.date(year, month, 1)
    item = rule_or_none("reserve.allowance.officer_placed", first)
    if item is None:
        return NoLine(Text("Chưa có quy định phụ cấp vào ngày này.", "No allowance rule that day."))
    need = item.int_param("min_days")
    if days_in_unit < need:
        return NoLine(
            Text(
                f"Có {days_in_unit} ngày trong đơn vị, chưa đủ {need} ngày.",
                f"{days_in_unit} days in the unit, fewer than {need}.",
            ),
            (item,),
        )
    return Line(
        Text(
            f"Phụ cấp sĩ quan dự bị xếp vào đơn vị, tháng {month:02d}/{year}",
            f"Allowance of a reserve officer placed in a unit, {month:02d}/{year}",
        ),
        item.int_param("amount"),
        (item,),
    )


def soldier_year_line(*, year: int, consecutive_months: int) -> Line | NoLine:
    """A professional soldier's, NCO's or soldier's yearly allowance for being placed."""
    item = rule_or_none("reserve.allowance.soldier_placed", dt.date(year, 12, 31))
    if item is None:
        return NoLine(Text("Chưa có quy định phụ cấp vào ngày này.", "No allowance rule that day."))
    need = item.int_param("min_months")
    if consecutive_months < need:
        return NoLine(
            Text(
                f"Có {consecutive_months} tháng liên tục trong đơn vị, chưa đủ {need} tháng.",
                f"{consecutive_months} consecutive months in the unit, fewer than {need}.",
            ),
            (item,),
        )
    return Line(
        Text(
            f"Phụ cấp quân nhân dự bị xếp vào đơn vị, năm {year}",
            f"Allowance of a reservist placed in a unit, {year}",
        ),
        item.int_param("amount"),
        (item,),
    )


def training_line(
    *,
    officer: bool,
    first: dt.date,
    last: dt.date,
    days: int,
    coefficient: Decimal | None,
    state_paid: bool = False,
) -> Line | NoLine:
    """The allowance of ``days`` days of training between ``first`` and ``last`` for a
    reservist whose salary (officer) or rank allowance (NCO, soldier) is ``coefficient`` × the
    base salary; nothing for one paid from the state budget."""
    if days < 0 or (days and last < first):
        raise ValueError("bad days")
    item = rule_or_none("reserve.allowance.training", first)
    if item is None:
        return NoLine(Text("Chưa có quy định phụ cấp vào ngày này.", "No allowance rule that day."))
    if state_paid:
        return NoLine(
            Text(
                "Hưởng lương từ ngân sách nhà nước: cơ quan, đơn vị chi trả.",
                "Paid from the state budget: his employer pays.",
            ),
            (item,),
        )
    if coefficient is None or coefficient <= 0:
        return NoLine(
            Text("Chưa nhập hệ số lương, phụ cấp quân hàm.", "No pay coefficient entered."),
            (item,),
        )
    if officer:
        total = Decimal(0)
        rules: list[Rule] = [item]
        divisor = item.int_param("day_divisor")
        for offset in range(days):
            day = first + offset * _DAY
            base = base_salary(day)
            if base is None:
                return NoLine(
                    Text(
                        f"Chưa có mức lương cơ sở ngày {day:%d/%m/%Y}.",
                        f"No base salary in the rule book on {day:%d/%m/%Y}.",
                    ),
                    (item,),
                )
            total += Decimal(base.int_param("amount")) * coefficient / divisor
            if base not in rules:
                rules.append(base)
        return Line(
            Text(
                f"Lương theo cấp bậc (hệ số {_vi(coefficient)}) chia {divisor}, {days} ngày",
                f"Salary of the rank (coefficient {coefficient}) ÷ {divisor}, {days} days",
            ),
            half_up(total),
            tuple(rules),
        )
    half_from, half_to = item.int_param("half_month_from"), item.int_param("half_month_to")
    full_to = item.int_param("full_month_to")
    if days < half_from or days > full_to:
        return NoLine(
            Text(
                f"{days} ngày: quy định chỉ nêu mức cho {half_from}–{full_to} ngày.",
                f"{days} days: the rule gives amounts for {half_from}–{full_to} days only.",
            ),
            (item,),
        )
    base = base_salary(first)
    if base is None:
        return NoLine(
            Text(
                f"Chưa có mức lương cơ sở ngày {first:%d/%m/%Y}.",
                f"No base salary in the rule book on {first:%d/%m/%Y}.",
            ),
            (item,),
        )
    share = Decimal(1) / 2 if days <= half_to else Decimal(1)
    amount = half_up(Decimal(base.int_param("amount")) * coefficient * share)
    shown = ("1/2 tháng", "half a month") if share < 1 else ("01 tháng", "one month")
    return Line(
        Text(
            f"Phụ cấp quân hàm (hệ số {_vi(coefficient)}), {days} ngày: {shown[0]}",
            f"Rank allowance (coefficient {coefficient}), {days} days: {shown[1]}",
        ),
        amount,
        (item, base),
    )
