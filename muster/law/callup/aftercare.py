"""Dated rules after the handover and of citizens' entitlements during registration and the
health exams: the receiving unit's 7-day standards re-check (TT 148/2018 Art 7(3)) and the food
and travel allowance (Decree 13/2016 Art 12 as amended by Decree 220/2025).

Pure: no Django. Positions taken (each tested on its boundary):

* "Within 7 days of receipt" ends on ``handover + 7 days`` inclusive, like the 10-day health
  re-examination (``selection.reexam_due``): handed over on 04/03, a re-check on 11/03 is on
  time, on 12/03 late. Whether TT 68/2025 changed the 7 days is unverified
  (legal-reference.md §12 item 7), so the rule is flagged unconfirmed.
* A day attended for 4 hours or more counts as a full day, less as half a day (Art 12 as
  amended). The allowance for those not paid from the state budget is the basic daily food
  ration of an infantry soldier (tiền ăn cơ bản bộ binh); the legal reference gives no amount,
  so the amount is a dated default taken from TT 91/2019/TT-BQP (57.000 đ a day from
  01/07/2019), flagged unverified: later circulars may have raised it. Travel costs are the
  real costs, entered per citizen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import TT_148, TT_148_FROM

DECREE_13 = "Decree 13/2016/NĐ-CP (military-service registration)"
DECREE_220 = "Decree 220/2025/NĐ-CP (amending Decree 13/2016)"
TT_91_2019 = "TT 91/2019/TT-BQP (basic food ration)"
DECREE_13_FROM = dt.date(2016, 7, 1)
DECREE_220_FROM = dt.date(2025, 8, 7)
_BEFORE_220 = DECREE_220_FROM - dt.timedelta(days=1)
TT_91_FROM = dt.date(2019, 7, 1)

RULES: tuple[Rule, ...] = (
    make_rule(
        "handover.standards_recheck",
        "deadline",
        "Receiving unit re-checks the recruits' standards within 7 days of receipt",
        "Đơn vị nhận quân kiểm tra, xác minh lại tiêu chuẩn tân binh trong 7 ngày",
        (Citation(TT_148, "7", "3", None, "Standards re-check and replacements within 7 days."),),
        TT_148_FROM,
        confirmed=False,
        note="Whether TT 68/2025 changed the 7 days is unverified (legal-reference.md §12.7).",
        days=7,
    ),
    make_rule(
        "entitlement.allowance",
        "threshold",
        "Food and travel allowance per day attended at registration, screening and exams",
        "Tiền ăn, tiền đi lại trong thời gian đăng ký, khám sơ tuyển, khám tuyển",
        (Citation(DECREE_13, "12", None, None, "Original text."),),
        DECREE_13_FROM,
        _BEFORE_220,
        confirmed=False,
        note="The daily food ration (57.000 đ, TT 91/2019) may be stale; check the amount.",
        full_day_hours=4,
        daily_food=57000,
    ),
    make_rule(
        "entitlement.allowance",
        "threshold",
        "Food and travel allowance per day attended at registration, screening and exams",
        "Tiền ăn, tiền đi lại trong thời gian đăng ký, khám sơ tuyển, khám tuyển",
        (
            Citation(DECREE_13, "12"),
            Citation(DECREE_220, None, None, None, "Amends Art 12."),
            Citation(TT_91_2019, "3", None, None, "Basic food ration of an infantry soldier."),
        ),
        DECREE_220_FROM,
        confirmed=False,
        note="The daily food ration (57.000 đ, TT 91/2019) may be stale; check the amount.",
        full_day_hours=4,
        daily_food=57000,
    ),
)

BOOK = RuleBook(RULES)
rule = BOOK.rule


def citation_text(item: Rule) -> str:
    return "; ".join(c.label for c in item.citations)


def citation_text_vi(item: Rule) -> str:
    """The citations in Vietnamese, as stored on the records and printed."""
    return "; ".join(c.label_vi for c in item.citations)


# ----------------------------------------------------------------------------- 7-day re-check


def standards_recheck_due(handed_on: dt.date) -> dt.date:
    """The last day of the receiving unit's standards re-check (TT 148/2018 Art 7(3))."""
    days = rule("handover.standards_recheck", handed_on).int_param("days")
    return handed_on + dt.timedelta(days=days)


def standards_recheck_late(handed_on: dt.date, checked_on: dt.date) -> bool:
    return checked_on > standards_recheck_due(handed_on)


# ----------------------------------------------------------------------------- allowance


def day_fraction(hours: Decimal, day: dt.date) -> Decimal:
    """1 for a day attended 4 hours or more, ½ for less, 0 for none (Art 12)."""
    if hours <= 0:
        return Decimal(0)
    full = Decimal(rule("entitlement.allowance", day).int_param("full_day_hours"))
    return Decimal(1) if hours >= full else Decimal("0.5")


def daily_food(day: dt.date) -> int:
    """The food allowance of one full day attended on ``day`` (đồng)."""
    return rule("entitlement.allowance", day).int_param("daily_food")


def food_amount(hours: Decimal, day: dt.date) -> int:
    """The food allowance for ``hours`` attended on ``day``, in whole đồng."""
    return int(day_fraction(hours, day) * daily_food(day))
