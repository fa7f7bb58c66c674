"""The month's allowance lines of a commune's militia (Decree 72/2020 Arts 7, 8, 11 as amended
by Decree 16/2025 from 23/03/2025; legal-reference §3 "Allowances"). The amounts come from the
rule book (``muster.law.militia.allowances``); this module only finds who is paid for what.

* **Post allowance** (phụ cấp chức vụ) of every appointment held in the month. A village
  militia leader who also leads the village's on-site squad or platoon is paid the two posts
  together as the law's village leader allowance (the share of the unit post: 20 % before
  23/03/2025, 100 % since), not the unit post a second time.
* **Village militia leader's monthly allowance** (phụ cấp hằng tháng của thôn đội trưởng): the
  province's amount (``ProvinceRate``) when it has set one not below the law's floor on the
  day, else the floor; the line says which.
* **Daily work allowance** (trợ cấp ngày công lao động) for each day of duty of on-site, mobile
  and specialist members (not standing or maritime militia, paid otherwise), at the province's
  daily rate or the floor; and the **extension top-up** (trợ cấp tăng thêm) on the days a
  member serves beyond his term because it was extended.
* **Sea duty** (trợ cấp và tiền ăn khi làm nhiệm vụ trên biển) of a maritime member's days at
  sea (``DutyDays.at_sea``: his call-out days), with the boat captain's extra.
* **Seniority, special defence, the deputy commander's one-off payment and the standing
  militia's completion allowance and entitlements**: ``extras.py``.

**A month across a change of amount** (March 2025): a monthly amount is paid day by day, each
day held at 1/(days in the month) of the amount in force that day, the line rounded half up to
the đồng, as ``law.militia.allowances.month_line`` does: the 22 days to 22/03/2025 at the old
amount, the 9 days from 23/03/2025 at the new. The same split pays a post held for part of a
month. Daily amounts are paid at the rate of each day.

Days of duty come from ``DUTY_SOURCES``: functions ``(commune, first, last) -> [DutyDays]``.
The readiness part gives the call-out days; the training part adds its session days there
(one line ``DUTY_SOURCES.append(training_duty_days)``) or passes ``sources=`` to
``month_lines``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import translation

from muster.core import lawtext
from muster.core.dated import not_ended_by, open_on
from muster.geo.models import Unit
from muster.law.militia import allowances as law
from muster.law.militia import benefits
from muster.law.militia.enums import POST_LABELS, Component, Post
from muster.law.rulebook import Rule
from muster.law.text import Text, vi_date
from muster.militia.allowances import extras
from muster.militia.allowances.line_types import KIND_ORDER, Kind, MonthLine, Source
from muster.militia.allowances.models import ProvinceRate, RateKind
from muster.militia.members.models import Membership
from muster.militia.organisation.models import Appointment
from muster.militia.readiness.selectors import callout_duty_spans
from muster.people.models import Person

#: Components paid the daily work allowance (Decree 72/2020 Art 11: on-site, mobile and
#: specialist militia; standing and maritime militia have their own regime).
DAILY_WORK_COMPONENTS = frozenset(Component) - {Component.STANDING, Component.MARITIME}


@dataclass(frozen=True)
class DutyDays:
    """Days a member was on duty (a call-out, a training session): paid by the day."""

    membership: Membership
    days: tuple[dt.date, ...]
    what: Text
    #: Duty on the sea and islands: a maritime member is paid the sea-duty allowance for it.
    at_sea: bool = False


DutySource = Callable[[Unit, dt.date, dt.date], list[DutyDays]]


@dataclass(frozen=True)
class Skipped:
    person: Person
    text: Text

    @property
    def label(self) -> str:
        return lawtext.text(self.text)


@dataclass(frozen=True)
class MonthList:
    commune: Unit
    first: dt.date
    last: dt.date
    lines: list[MonthLine]
    skipped: list[Skipped] = field(default_factory=list)
    #: Benefits without a sum on the list (the standing militia's insurance and food).
    entitlements: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(x.amount for x in self.lines)

    def total_of(self, kind: Kind) -> int:
        return sum(x.amount for x in self.lines if x.kind == kind)

    @property
    def rules(self) -> tuple[Rule, ...]:
        rules: list[Rule] = []
        for line in self.lines:
            _merge(rules, line.rules)
        return tuple(rules)

    @property
    def confirmed(self) -> bool:
        return all(x.confirmed for x in self.lines)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _holds(appointment: Appointment, day: dt.date) -> bool:
    return appointment.appointed_on <= day and (
        appointment.ended_on is None or day < appointment.ended_on
    )


def _merge(rules: list[Rule], more: Iterable[Rule]) -> None:
    rules.extend(r for r in more if r not in rules)


def _source(used: set[str]) -> Source:
    if len(used) == 1:
        only = next(iter(used))
        return "province" if only == "province" else "floor"
    return "mixed"


class _Rates:
    """The province's rates of one kind, each in force until the next one."""

    def __init__(self, rates: Sequence[ProvinceRate]) -> None:
        self._rates = sorted(rates, key=lambda r: r.valid_from, reverse=True)

    def on(self, day: dt.date, floor: int) -> tuple[int, ProvinceRate | None]:
        """The amount paid on ``day``: the province's, unless it is below the law's floor."""
        for rate in self._rates:
            if rate.valid_from <= day:
                return (rate.amount, rate) if rate.amount >= floor else (floor, None)
        return floor, None


def province_of(commune: Unit) -> int:
    """The id of the province above ``commune`` (the root of its path)."""
    return int(commune.path.split("/", 1)[0])


def _province_rates(commune: Unit) -> dict[str, _Rates]:
    rows = list(ProvinceRate.objects.filter(province_id=province_of(commune)))
    return {k: _Rates([r for r in rows if r.kind == k]) for k in RateKind.values}


def _post_lines(
    commune: Unit, first: dt.date, last: dt.date, rates: _Rates
) -> tuple[list[MonthLine], list[Skipped]]:
    appointments = list(
        Appointment.objects.filter(
            not_ended_by(first),
            holder=commune,
            appointed_on__lte=last,
        )
        .select_related("person", "unit")
        .order_by("person__name_search", "post", "appointed_on")
    )
    per_month = Decimal((last - first).days + 1)
    on_site_command: dict[int, list[Appointment]] = {}
    for a in appointments:
        if a.post in law.UNIT_COMMANDS and a.unit is not None and a.unit.component == "on_site":
            on_site_command.setdefault(a.person_id, []).append(a)
    village_days: dict[int, set[dt.date]] = {}
    for a in appointments:
        if a.post == Post.VILLAGE_LEADER:
            days = village_days.setdefault(a.person_id, set())
            days.update(d for d in _days(first, last) if _holds(a, d))
    lines: list[MonthLine] = []
    skipped: list[Skipped] = []
    for a in appointments:
        post = Post(a.post)
        label = POST_LABELS[post]
        total, held = Decimal(0), 0
        rules: list[Rule] = []
        monthly, decision = Decimal(0), ""
        used: set[str] = set()
        for day in _days(first, last):
            if not _holds(a, day):
                continue
            if post == Post.VILLAGE_LEADER:
                leads = next(
                    (Post(x.post) for x in on_site_command.get(a.person_id, []) if _holds(x, day)),
                    None,
                )
                amount: law.Amount | None = law.village_leader_allowance(day, leads)
                floor = law.village_leader_monthly(day)
                paid, rate = rates.on(day, floor.amount)
                monthly += Decimal(paid) / per_month
                used.add("province" if rate else "floor")
                decision = rate.decision if rate else decision
                _merge(rules, floor.rules)
            elif (
                a.person_id in village_days
                and day in village_days[a.person_id]
                and (a in on_site_command.get(a.person_id, []))
            ):
                continue  # paid within the village leader's allowance
            else:
                amount = law.post_allowance(post, day)
            if amount is None:
                continue
            held += 1
            total += Decimal(amount.amount) / per_month
            _merge(rules, amount.rules)
        if not held:
            if post == Post.ASSISTANT or law.post_allowance(post, last) is None:
                skipped.append(
                    Skipped(
                        a.person,
                        Text(
                            f"{label.vi}: chưa có mức phụ cấp trong tài liệu pháp lý",
                            f"{label.en}: no amount in the legal reference",
                        ),
                    )
                )
            continue
        month_text = f"{first:%m/%Y}"
        post_rules = tuple(
            r
            for r in rules
            if r.code.startswith("militia.allowance.post")
            or r.code == "militia.allowance.village_leader_unit"
        )
        lines.append(
            MonthLine(
                a.person,
                "post",
                Text(
                    f"Phụ cấp chức vụ {label.vi}, tháng {month_text}",
                    f"Post allowance, {label.en}, {month_text}",
                ),
                held,
                _half_up(total),
                post_rules,
                "law",
            )
        )
        if post == Post.VILLAGE_LEADER:
            source = _source(used)
            shown = {
                "province": Text("mức của tỉnh", "the province's amount"),
                "floor": Text("mức tối thiểu", "the floor"),
                "mixed": Text(
                    "mức của tỉnh và mức tối thiểu", "the province's amount and the floor"
                ),
            }[source]
            lines.append(
                MonthLine(
                    a.person,
                    "village_monthly",
                    Text(
                        f"Phụ cấp hằng tháng thôn đội trưởng, tháng {month_text} ({shown.vi})",
                        f"Village militia leader's monthly allowance, {month_text} ({shown.en})",
                    ),
                    held,
                    _half_up(monthly),
                    tuple(r for r in rules if r.code == "militia.allowance.village_leader_monthly"),
                    source,
                    decision if source != "floor" else "",
                )
            )
    return lines, skipped


def callout_duty_days(commune: Unit, first: dt.date, last: dt.date) -> list[DutyDays]:
    """The days of duty of members who arrived in the commune's closed call-outs."""
    out = []
    for span in callout_duty_spans(commune=commune, first=first, last=last):
        c = span.callout
        with translation.override("vi"):
            label_vi = str(c.get_purpose_display())
        with translation.override("en"):
            label_en = str(c.get_purpose_display())
        # Mid-sentence in Vietnamese: "Huy động lũ lụt", not "Huy động Lũ lụt".
        purpose_vi = label_vi[:1].lower() + label_vi[1:]
        out.append(
            DutyDays(
                span.membership,
                tuple(span.days),
                Text(
                    f"Huy động {purpose_vi} ngày {vi_date(c.ordered_at.date())}",
                    f"Call-out, {label_en.lower()}, {c.ordered_at:%d/%m/%Y}",
                ),
                at_sea=span.membership.component == Component.MARITIME,
            )
        )
    return out


#: Where days of duty come from; the training part appends its session days.
DUTY_SOURCES: list[DutySource] = [callout_duty_days]


def _is_captain(membership: Membership, day: dt.date) -> bool:
    """Whether the member commands a boat (squad leader of a maritime unit) on ``day``."""
    return Appointment.objects.filter(
        open_on(day, "appointed_on"),
        person_id=membership.person_id,
        post=Post.SQUAD_LEADER,
        unit__component=Component.MARITIME,
    ).exists()


def _sea_line(duty: DutyDays) -> MonthLine:
    """A maritime member's days of duty at sea: the sea-duty allowance and meals of each day,
    with the captain's extra when he commands a boat on the first day."""
    found = benefits.sea_duty_line(duty.days, captain=_is_captain(duty.membership, duty.days[0]))
    return MonthLine(
        duty.membership.person,
        "sea_duty",
        Text(f"{duty.what.vi}: {found.text.vi}", f"{duty.what.en}: {found.text.en}"),
        len(duty.days),
        found.amount,
        found.rules,
        "law",
    )


def _duty_lines(duties: list[DutyDays], rates: _Rates) -> tuple[list[MonthLine], list[Skipped]]:
    lines: list[MonthLine] = []
    skipped: list[Skipped] = []
    for duty in duties:
        m = duty.membership
        person = m.person
        if m.component == Component.MARITIME and duty.at_sea:
            lines.append(_sea_line(duty))
            continue
        if m.component not in DAILY_WORK_COMPONENTS:
            skipped.append(
                Skipped(
                    person,
                    Text(
                        f"{duty.what.vi}: {m.get_component_display()} không hưởng trợ cấp ngày "
                        "công lao động theo Điều 11",
                        f"{duty.what.en}: {m.get_component_display()} is not paid the daily "
                        "work allowance of Art 11",
                    ),
                )
            )
            continue
        total, top, top_days = 0, 0, 0
        rules: list[Rule] = []
        top_rules: list[Rule] = []
        used: set[str] = set()
        decision = ""
        for day in duty.days:
            floor = law.daily_work_allowance(day)
            paid, rate = rates.on(day, floor.amount)
            total += paid
            used.add("province" if rate else "floor")
            decision = rate.decision if rate else decision
            _merge(rules, floor.rules)
            if m.extended_to is not None and m.term_ends_on < day <= m.extended_to:
                extra = law.extension_top_up(day, paid)
                top += extra.amount
                top_days += 1
                _merge(top_rules, extra.rules)
        source = _source(used)
        shown = "mức của tỉnh" if source == "province" else "mức tối thiểu"
        shown_en = "the province's rate" if source == "province" else "the floor"
        if source == "mixed":
            shown, shown_en = "mức của tỉnh và mức tối thiểu", "the province's rate and the floor"
        days = len(duty.days)
        span = f"{vi_date(duty.days[0])}–{vi_date(duty.days[-1])}"
        span_en = f"{duty.days[0]:%d/%m/%Y}–{duty.days[-1]:%d/%m/%Y}"
        lines.append(
            MonthLine(
                person,
                "daily_work",
                Text(
                    f"Trợ cấp ngày công lao động: {duty.what.vi}, {days} ngày ({span}, {shown})",
                    f"Daily work allowance: {duty.what.en}, {days} days ({span_en}, {shown_en})",
                ),
                days,
                total,
                tuple(rules),
                source,
                decision if source != "floor" else "",
            )
        )
        if top_days:
            lines.append(
                MonthLine(
                    person,
                    "top_up",
                    Text(
                        f"Trợ cấp tăng thêm khi kéo dài thời hạn: {duty.what.vi}, {top_days} ngày",
                        f"Extension top-up: {duty.what.en}, {top_days} days",
                    ),
                    top_days,
                    top,
                    tuple(top_rules),
                    "floor",
                )
            )
    return lines, skipped


def month_lines(
    commune: Unit, month: dt.date, *, sources: Sequence[DutySource] | None = None
) -> MonthList:
    """The allowance lines of ``commune`` (already authorised) for the month of ``month``:
    post allowances, the village militia leaders' monthly allowance, the daily work allowance
    (with the extension top-up) or the sea duty for the days of duty ``sources`` give (by
    default ``DUTY_SOURCES``), and the other lines of ``extras``. Lines ordered by person, then
    kind (``KIND_ORDER``)."""
    first, last = month_bounds(month)
    rates = _province_rates(commune)
    lines, skipped = _post_lines(commune, first, last, rates[RateKind.VILLAGE_LEADER_MONTHLY])
    duties = [d for source in (sources or DUTY_SOURCES) for d in source(commune, first, last)]
    more, skipped_more = _duty_lines(duties, rates[RateKind.DAILY_WORK])

    cadres = extras.appointment_lines(commune, first, last)
    standing, entitlements = extras.standing_lines(commune, first, last)
    all_lines = sorted(
        lines + more + cadres + standing,
        key=lambda x: (x.person.name_search, x.person.pk, KIND_ORDER[x.kind]),
    )
    entitlements.sort(key=lambda x: (x.person.name_search, x.person.pk))
    return MonthList(commune, first, last, all_lines, skipped + skipped_more, entitlements)
