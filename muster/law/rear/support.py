"""The rear policy's checks, on the dated rules of ``rules``: who is covered, what a support
case is worth, the yearly caps and the procedure's deadlines. Pure: no Django.

* A case counts in the calendar year of its event date (31 Dec and 1 Jan are two years).
* The house cap counts the soldier's house cases; the illness cap counts one relative's
  illness cases; the death support has one case per person.
* The decision is due 2 working days after the regiment receives the file
  (``muster.law.calendar.add_working_days``); missing papers 30 days after the file was sent, a
  last day that is a day off rolling forward (``add_days``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from muster.law.calendar import add_days, add_working_days
from muster.law.rear.rules import REAR_RULES
from muster.law.rulebook import Rule, RuleBook
from muster.law.text import Text, en_number, vi_number

BOOK = RuleBook(REAR_RULES)


class RelativeKind(StrEnum):
    FATHER = "father"
    MOTHER = "mother"
    FATHER_IN_LAW = "father_in_law"
    MOTHER_IN_LAW = "mother_in_law"
    GUARDIAN = "guardian"
    SPOUSE = "spouse"
    CHILD = "child"
    ADOPTED_CHILD = "adopted_child"


#: Every kind above is covered (Decree 27/2016 Art 6); brothers and sisters are not.
COVERED: frozenset[str] = frozenset(k.value for k in RelativeKind)
CHILDREN: frozenset[str] = frozenset({RelativeKind.CHILD, RelativeKind.ADOPTED_CHILD})


def is_covered(relation: str) -> bool:
    """Whether a relative of this kind (a ``RelativeKind`` value) is covered."""
    return relation in COVERED


class SupportKind(StrEnum):
    HOUSE = "house"
    ILLNESS = "illness"
    DEATH = "death"


RULE_OF: dict[SupportKind, str] = {
    SupportKind.HOUSE: "rear.support.house",
    SupportKind.ILLNESS: "rear.support.illness",
    SupportKind.DEATH: "rear.support.death",
}


def support_rule(kind: SupportKind, day: dt.date) -> Rule:
    """The rule of ``kind`` in force on the event day (``NoRuleInForce`` before 2016)."""
    return BOOK.rule(RULE_OF[kind], day)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What a case is worth and why it is refused (``refusals`` empty: it may be granted)."""

    kind: SupportKind
    rule: Rule
    amount: int
    refusals: tuple[Text, ...]

    @property
    def granted(self) -> bool:
        return not self.refusals

    @property
    def confirmed(self) -> bool:
        return self.rule.confirmed


def in_year(days: Sequence[dt.date], year: int) -> int:
    """How many of ``days`` fall in calendar ``year``."""
    return sum(1 for d in days if d.year == year)


def _money(amount: int) -> Text:
    return Text(f"{vi_number(amount)} đồng", f"{en_number(amount)} VND")


def assess(
    kind: SupportKind,
    event_on: dt.date,
    *,
    relation: str | None = None,
    earlier: Sequence[dt.date] = (),
    ill_days: int | None = None,
    hospital_days: int | None = None,
) -> Assessment:
    """Assess one case. ``earlier``: the event days of the cases already counted against the
    same cap (the soldier's house cases; the relative's illness cases; the relative's death
    case); ``ill_days`` / ``hospital_days``: the illness (one hospital stay)."""
    rule = support_rule(kind, event_on)
    refusals: list[Text] = []
    if kind is not SupportKind.HOUSE and relation is not None and not is_covered(relation):
        refusals.append(
            Text(
                "Người này không thuộc thân nhân được hưởng chế độ hậu phương quân đội",
                "This person is not a relative covered by the rear policy",
            )
        )
    if kind is SupportKind.ILLNESS:
        need_ill = rule.int_param("min_ill_days")
        need_stay = rule.int_param("min_hospital_days")
        if (ill_days or 0) < need_ill and (hospital_days or 0) < need_stay:
            refusals.append(
                Text(
                    f"Chưa đủ điều kiện: ốm đau từ {need_ill} ngày (01 tháng) trở lên hoặc "
                    f"điều trị tại bệnh viện từ {need_stay:02d} ngày trở lên trong một lần",
                    f"Not eligible: ill for {need_ill} days (1 month) or more, or in hospital "
                    f"for {need_stay} days or more in one stay",
                )
            )
    cap = rule.int_param("per_year")
    if kind is SupportKind.DEATH:
        if earlier:
            refusals.append(
                Text(
                    "Thân nhân này đã được trợ cấp khi chết hoặc mất tích",
                    "This relative has already had the death or missing support",
                )
            )
    elif in_year(earlier, event_on.year) >= cap:
        whom = (
            Text("mỗi quân nhân", "per soldier")
            if kind is SupportKind.HOUSE
            else Text("mỗi thân nhân", "per relative")
        )
        refusals.append(
            Text(
                f"Đã đủ {cap:02d} lần trợ cấp trong năm {event_on.year} ({whom.vi}): không "
                f"quá {cap:02d} lần một năm theo {rule.citations[0].label_vi}",
                f"Already {cap} cases in {event_on.year} ({whom.en}): at most {cap} a year "
                f"under {rule.citations[0].label}",
            )
        )
    return Assessment(kind, rule, rule.int_param("amount"), tuple(refusals))


def cap_left(kind: SupportKind, year: int, earlier: Sequence[dt.date]) -> int | None:
    """Cases left in ``year`` under the cap of ``kind`` (None: no yearly cap)."""
    if kind is SupportKind.DEATH:
        return None
    cap = support_rule(kind, dt.date(year, 12, 31)).int_param("per_year")
    return max(0, cap - in_year(earlier, year))


def decision_due(received_on: dt.date, holidays: Collection[dt.date]) -> dt.date:
    """The day by which the regiment decides: 2 working days after it received the file."""
    rule = BOOK.rule("rear.procedure.decide", received_on)
    return add_working_days(received_on, rule.int_param("working_days"), holidays)


def papers_due(sent_on: dt.date, holidays: Collection[dt.date]) -> dt.date:
    """The day by which missing papers are supplied: 30 days after the file was sent."""
    rule = BOOK.rule("rear.procedure.missing_papers", sent_on)
    return add_days(sent_on, rule.int_param("days"), holidays)


def money(amount: int) -> Text:
    """``3.000.000 đồng`` / ``3,000,000 VND``."""
    return _money(amount)
