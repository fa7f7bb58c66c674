"""The one-off allowances a discharged NCO or soldier is owed (Decree 27/2016 Arts 7–8, Law
78/2015 Art 50(3)), each with its rule, the reason of its amount and its citation. Pure: no
Django. Amounts are whole đồng (VND), counted in the base salary in force on the day of the
discharge (his last day of service).

* One-off discharge allowance: 2 months' base salary per full year served; the remaining whole
  months count 1 month of base salary from 1 to 6 months, 2 months from 7 months; remaining
  days under a month count nothing. 24 months served: 4 months' base salary.
* Extra allowance for 25 to under 30 months served: 1 month of the rank allowance, 2 months at
  30; its amount depends on the rank, so it is given in months, not in đồng.
* Job-creation allowance: 6 months' base salary when he served the full 24-month term.
* Farewell meeting 50,000 VND; travel and vocational training support without an amount.

The rules are in :mod:`muster.law.reserve.discharge_rules` (all ⚠ unverified there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law import book
from muster.law.reserve.classes import Served
from muster.law.rulebook import Rule
from muster.law.text import Text, en_number, vi_number


@dataclass(frozen=True, slots=True)
class Allowance:
    """One allowance: ``amount`` in đồng, or None when the law gives none (``months`` of the
    rank allowance for the extra allowance)."""

    rule: Rule
    reason: Text
    amount: int | None = None
    months: int | None = None

    @property
    def confirmed(self) -> bool:
        return self.rule.confirmed

    @property
    def citation_vi(self) -> str:
        return "; ".join(c.label_vi for c in self.rule.citations)

    @property
    def citation_en(self) -> str:
        return "; ".join(c.label for c in self.rule.citations)


@dataclass(frozen=True, slots=True)
class DischargeAllowances:
    served: Served
    base_salary: Rule | None  # None: no base salary in the book on that day
    items: tuple[Allowance, ...]

    @property
    def total(self) -> int:
        """The sum of the amounts in đồng (the rank allowance months are not in it)."""
        return sum(a.amount for a in self.items if a.amount is not None)

    @property
    def confirmed(self) -> bool:
        return all(a.confirmed for a in self.items) and (
            self.base_salary is None or self.base_salary.confirmed
        )


def _money(amount: int) -> Text:
    return Text(f"{vi_number(amount)} đồng", f"{en_number(amount)} VND")


def allowance_months(served: Served, rule: Rule) -> int:
    """Months of base salary of the one-off discharge allowance for ``served``."""
    years, rest = divmod(served.months, 12)
    months = years * rule.int_param("months_per_year")
    if rest >= 1:
        low = rest <= rule.int_param("remainder_split")
        months += rule.int_param("remainder_low" if low else "remainder_high")
    return months


def discharge_allowances(served: Served, discharged_on: dt.date) -> DischargeAllowances:
    """The allowances owed for ``served`` months of active service ending on ``discharged_on``.
    Before Decree 27/2016 is in force: none; without a base salary in the book on that day the
    allowances in base-salary months are listed without an amount."""
    allowance = book.rule_or_none("reserve.discharge.allowance", discharged_on)
    if allowance is None:
        return DischargeAllowances(served, None, ())
    base = book.rule_or_none("reserve.base_salary", discharged_on)
    salary = base.int_param("amount") if base is not None else None
    items: list[Allowance] = []

    months = allowance_months(served, allowance)
    amount = months * salary if salary is not None else None
    items.append(
        Allowance(
            allowance,
            Text(
                f"Trợ cấp xuất ngũ một lần: {served.vi} phục vụ = {months} tháng lương cơ sở"
                + (f" × {vi_number(salary)} đồng" if salary is not None else ""),
                f"One-off discharge allowance: {served.en} served = {months} months' base salary"
                + (f" × {en_number(salary)} VND" if salary is not None else ""),
            ),
            amount,
            months,
        )
    )

    bonus = book.rule("reserve.discharge.rank_bonus", discharged_on)
    if served.months >= bonus.int_param("from_months"):
        full = served.months >= bonus.int_param("full_months")
        extra = bonus.int_param("months_full" if full else "months_low")
        items.append(
            Allowance(
                bonus,
                Text(
                    f"Trợ cấp thêm: {served.vi} phục vụ = {extra} tháng phụ cấp quân hàm hiện "
                    "hưởng",
                    f"Extra allowance: {served.en} served = {extra} months of his rank allowance",
                ),
                None,
                extra,
            )
        )

    job = book.rule("reserve.discharge.job_creation", discharged_on)
    if served.months >= job.int_param("term_months"):
        job_months = job.int_param("months")
        items.append(
            Allowance(
                job,
                Text(
                    f"Trợ cấp tạo việc làm: {job_months} tháng lương cơ sở",
                    f"Job-creation allowance: {job_months} months' base salary",
                ),
                job_months * salary if salary is not None else None,
                job_months,
            )
        )

    farewell = book.rule("reserve.discharge.farewell", discharged_on)
    items.append(
        Allowance(
            farewell,
            Text(
                f"Gặp mặt, chia tay: {_money(farewell.int_param('amount')).vi}",
                f"Farewell meeting: {_money(farewell.int_param('amount')).en}",
            ),
            farewell.int_param("amount"),
        )
    )
    for code, vi, en in (
        (
            "reserve.discharge.travel",
            "Tiền tàu xe và phụ cấp đi đường: đơn vị thanh toán theo thực tế",
            "Travel costs and travel allowance: paid by the unit as incurred",
        ),
        (
            "reserve.discharge.vocational",
            "Hỗ trợ học nghề (thẻ học nghề)",
            "Vocational training support (vocational training card)",
        ),
    ):
        items.append(Allowance(book.rule(code, discharged_on), Text(vi, en)))
    return DischargeAllowances(served, base, tuple(items))
