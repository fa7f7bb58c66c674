"""Deadlines of military-service registration (đăng ký nghĩa vụ quân sự) as dated data. Pure.

Each rule carries its citation and the dates it is in force; the rule that applies is the one in
force on the day of the triggering event (arrival, return, discharge, confirmation), so a March
2025 arrival is judged by the 10-working-day rule and an August 2025 arrival by the 5-day rule of
Law 98/2025/QH15 (in force 1 July 2025).

Counting (Civil Code 2015 Art 147(1), Art 148(5)): a period counts from the day after the event.
Working days (ngày làm việc) skip Saturdays, Sundays and the public holidays passed in; a period
in calendar days that ends on a day off runs to the end of the next working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from muster.law.calendar import add_days, add_working_days

#: Law 98/2025/QH15 (amending the Military Service Law among others) takes effect on this day.
LAW_98_2025 = dt.date(2025, 7, 1)
#: Law 78/2015/QH13 on Military Service took effect on this day.
LAW_78_2015 = dt.date(2016, 1, 1)

COUNTING = "Bộ luật Dân sự 2015 Điều 147, 148"


class Trigger(StrEnum):
    """The event that starts a citizen's or a commune's registration deadline."""

    TRANSFER_IN = "transfer_in"  # arrival at the new place of residence, work or study
    ABSENCE_RETURN = "absence_return"  # return from a temporary absence of 3 months or more
    RESERVE_REGISTRATION = "reserve_registration"  # discharged soldier reaches home
    REMOVAL_REPORT = "removal_report"  # confirmation of death, age, Art 13 or Art 14 case
    CERTIFICATE = "certificate"  # first registration → registration certificate handed over
    ADDITIONAL = "additional"  # change of post, education, health... → additional registration
    #: The registration call reaches the citizen at least N days BEFORE the registration day.
    CALL_NOTICE = "call_notice"
    #: Registration day → the commune's report to the level above.
    REGISTRATION_REPORT = "registration_report"


class PeriodUnit(StrEnum):
    WORKING_DAYS = "working_days"
    DAYS = "days"


@dataclass(frozen=True)
class DeadlineRule:
    trigger: Trigger
    amount: int
    unit: PeriodUnit
    valid_from: dt.date
    valid_to: dt.date | None  # inclusive; None while in force
    citation: str
    #: The same citation in English (the interface's second language).
    citation_en: str = ""
    #: False where the legal reference could not confirm the period from the text.
    confirmed: bool = True

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


_BEFORE_98 = LAW_98_2025 - dt.timedelta(days=1)
#: Decree 220/2025/NĐ-CP (7 Aug 2025, in force the same day) amends Decree 13/2016.
DECREE_220_2025 = dt.date(2025, 8, 7)
_BEFORE_220 = DECREE_220_2025 - dt.timedelta(days=1)

RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        Trigger.TRANSFER_IN, 10, PeriodUnit.WORKING_DAYS, LAW_78_2015, _BEFORE_98,
        "Luật NVQS 78/2015/QH13 Điều 17 (bản gốc): đăng ký trong 10 ngày làm việc kể từ ngày đến",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17 (original): register within 10 "
            "working days of arrival"
        ),
    ),
    DeadlineRule(
        Trigger.TRANSFER_IN, 5, PeriodUnit.WORKING_DAYS, LAW_98_2025, None,
        "Luật NVQS 78/2015/QH13 Điều 17, sửa đổi bởi Luật 98/2025/QH15: "
        "đăng ký trong 5 ngày làm việc kể từ ngày đến",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17, as amended by Law 98/2025/QH15: "
            "register within 5 working days of arrival"
        ),
    ),
    DeadlineRule(
        Trigger.ABSENCE_RETURN, 10, PeriodUnit.WORKING_DAYS, LAW_78_2015, _BEFORE_98,
        "Luật NVQS 78/2015/QH13 Điều 17 (bản gốc): đăng ký lại trong 10 ngày làm việc "
        "kể từ ngày trở về",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17 (original): register again within "
            "10 working days of return"
        ),
    ),
    DeadlineRule(
        Trigger.ABSENCE_RETURN, 5, PeriodUnit.WORKING_DAYS, LAW_98_2025, None,
        "Luật NVQS 78/2015/QH13 Điều 17, sửa đổi bởi Luật 98/2025/QH15: đăng ký lại trong "
        "5 ngày làm việc kể từ ngày trở về",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17, as amended by Law 98/2025/QH15: "
            "register again within 5 working days of return"
        ),
    ),
    DeadlineRule(
        Trigger.RESERVE_REGISTRATION, 15, PeriodUnit.WORKING_DAYS, LAW_78_2015, None,
        "Luật NVQS 78/2015/QH13 Điều 45: đăng ký quân nhân dự bị trong 15 ngày làm việc "
        "kể từ ngày về đến nơi cư trú",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 45: register as a reservist within 15 "
            "working days of reaching home"
        ),
    ),
    DeadlineRule(
        Trigger.REMOVAL_REPORT, 10, PeriodUnit.DAYS, LAW_78_2015, _BEFORE_98,
        "Luật NVQS 78/2015/QH13 Điều 17 (bản gốc): báo cáo cấp huyện trong 10 ngày",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17 (original): report to the district "
            "within 10 days"
        ),
    ),
    DeadlineRule(
        Trigger.REMOVAL_REPORT, 5, PeriodUnit.DAYS, LAW_98_2025, None,
        "Luật NVQS 78/2015/QH13 Điều 17, sửa đổi bởi Luật 98/2025/QH15: báo cáo Chủ tịch "
        "UBND cấp xã trong 5 ngày",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17, as amended by Law 98/2025/QH15: "
            "report to the commune People's Committee chairman within 5 days"
        ),
    ),
    DeadlineRule(
        Trigger.CERTIFICATE, 1, PeriodUnit.DAYS, LAW_78_2015, None,
        "Nghị định 13/2016/NĐ-CP Điều 4: cấp Giấy chứng nhận đăng ký NVQS trong 1 ngày",
        citation_en=(
            "Decree 13/2016/ND-CP Art 4: hand over the military-service registration "
            "certificate within 1 day"
        ),
    ),
    DeadlineRule(
        Trigger.ADDITIONAL, 10, PeriodUnit.DAYS, LAW_78_2015, _BEFORE_220,
        "Luật NVQS 78/2015/QH13 Điều 17; Nghị định 13/2016/NĐ-CP Điều 6: đăng ký bổ sung "
        "trong 10 ngày kể từ ngày có thay đổi",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17; Decree 13/2016/ND-CP Art 6: "
            "additional registration within 10 days of the change"
        ),
    ),
    DeadlineRule(
        Trigger.ADDITIONAL, 10, PeriodUnit.DAYS, DECREE_220_2025, None,
        "Luật NVQS 78/2015/QH13 Điều 17; Nghị định 13/2016/NĐ-CP Điều 6 (sửa đổi bởi Nghị định "
        "220/2025/NĐ-CP): đăng ký bổ sung trong 10 ngày kể từ ngày có thay đổi (chưa xác minh "
        "Nghị định 220/2025 có thay đổi thời hạn này hay không)",
        citation_en=(
            "Law 78/2015/QH13 (Military Service) Art 17; Decree 13/2016/ND-CP Art 6 (as "
            "amended by Decree 220/2025/ND-CP): additional registration within 10 days of "
            "the change (not verified whether Decree 220/2025 changed this period)"
        ),
        confirmed=False,
    ),
    DeadlineRule(
        Trigger.CALL_NOTICE, 10, PeriodUnit.DAYS, LAW_78_2015, _BEFORE_220,
        "Nghị định 13/2016/NĐ-CP Điều 4: lệnh gọi đăng ký NVQS phải đến tay công dân "
        "chậm nhất 10 ngày trước ngày đăng ký",
        citation_en=(
            "Decree 13/2016/ND-CP Art 4: the registration call reaches the citizen at least "
            "10 days before the registration day"
        ),
    ),
    DeadlineRule(
        Trigger.CALL_NOTICE, 10, PeriodUnit.DAYS, DECREE_220_2025, None,
        "Nghị định 13/2016/NĐ-CP Điều 4 (sửa đổi bởi Nghị định 220/2025/NĐ-CP): quyết định "
        "gọi đăng ký NVQS đến tay công dân chậm nhất 10 ngày trước ngày đăng ký (chưa xác "
        "minh Nghị định 220/2025 có thay đổi thời hạn này hay không)",
        citation_en=(
            "Decree 13/2016/ND-CP Art 4 (as amended by Decree 220/2025/ND-CP): the call to "
            "register reaches the citizen at least 10 days before the registration day (not "
            "verified whether Decree 220/2025 changed this period)"
        ),
        confirmed=False,
    ),
    DeadlineRule(
        Trigger.REGISTRATION_REPORT, 10, PeriodUnit.DAYS, LAW_78_2015, _BEFORE_220,
        "Nghị định 13/2016/NĐ-CP Điều 4: báo cáo kết quả đăng ký NVQS lên cấp trên trong "
        "10 ngày kể từ ngày đăng ký",
        citation_en=(
            "Decree 13/2016/ND-CP Art 4: report the registration to the level above within "
            "10 days of the registration day"
        ),
    ),
    DeadlineRule(
        Trigger.REGISTRATION_REPORT, 10, PeriodUnit.DAYS, DECREE_220_2025, None,
        "Nghị định 13/2016/NĐ-CP Điều 4 (sửa đổi bởi Nghị định 220/2025/NĐ-CP): báo cáo kết "
        "quả đăng ký NVQS lên cấp trên trong 10 ngày kể từ ngày đăng ký (chưa xác minh Nghị "
        "định 220/2025 có thay đổi thời hạn này hay không)",
        citation_en=(
            "Decree 13/2016/ND-CP Art 4 (as amended by Decree 220/2025/ND-CP): report the "
            "registration to the level above within 10 days of the registration day (not "
            "verified whether Decree 220/2025 changed this period)"
        ),
        confirmed=False,
    ),
)  # fmt: skip


class NoRuleError(LookupError):
    """No deadline rule is in force for that trigger on that day."""


def rule_for(trigger: Trigger | str, day: dt.date) -> DeadlineRule:
    """The rule for ``trigger`` in force on ``day`` (the day of the triggering event)."""
    for rule in RULES:
        if rule.trigger == trigger and rule.in_force_on(day):
            return rule
    raise NoRuleError(f"no {trigger} rule in force on {day.isoformat()}")


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    rule: DeadlineRule


def deadline(trigger: Trigger | str, day: dt.date, holidays: Collection[dt.date]) -> Deadline:
    """The last day to act for an event of kind ``trigger`` that happened on ``day``."""
    rule = rule_for(trigger, day)
    if rule.unit == PeriodUnit.WORKING_DAYS:
        return Deadline(add_working_days(day, rule.amount, holidays), rule)
    return Deadline(add_days(day, rule.amount, holidays), rule)


def notice_deadline(registration_day: dt.date) -> Deadline:
    """The last day a registration call may reach the citizen: ``N`` calendar days before
    ``registration_day`` under the rule in force on that day. A lead time, not a period to
    act in: a last day that is a day off does not move (delivering earlier is always
    allowed)."""
    rule = rule_for(Trigger.CALL_NOTICE, registration_day)
    return Deadline(registration_day - dt.timedelta(days=rule.amount), rule)


def is_late(due: dt.date, done_on: dt.date) -> bool:
    return done_on > due
