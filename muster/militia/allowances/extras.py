"""The month's other allowance lines (Decree 72/2020 as amended by Decree 16/2025 from
23/03/2025; legal-reference §3 "Other allowances" and the standing militia's rows): the rules
in ``muster.law.militia.benefits``; this module finds who is paid.

* **Seniority** (phụ cấp thâm niên) of a deputy commander: each day of the month held at the
  post allowance of that day × the seniority percentage of that day, 1/(days in the month)
  each; the months of service are counted from the person's whole history in the post (every
  appointment, in any commune, added up; ``law.militia.benefits.service_months``), so the line
  rises on the very day the 60th or 72nd month is complete.
* **Special defence** (phụ cấp đặc thù quốc phòng, quân sự): 50 % of the post allowance held,
  day by day, for the deputy commander and the mobile and standing militia commanders.
* **The deputy commander's one-off payment** in the month his appointment ends, when it is
  recorded that he takes no part in social insurance and he served at least 60 months.
* **Standing militia**: the one-off allowance at completion in the month the membership ends
  as completed (per full year served); and, for every standing member serving in the month,
  the entitlements without a sum here (insurance, food): listed, not paid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from muster.core import lawtext
from muster.core.dated import not_ended_by
from muster.geo.models import Unit
from muster.law.militia import allowances as law
from muster.law.militia import benefits
from muster.law.militia.benefit_rules import SENIORITY_POSTS, SPECIAL_DEFENCE_POSTS
from muster.law.militia.enums import POST_LABELS, Component, Post
from muster.law.rulebook import Rule
from muster.law.text import Text, vi_date
from muster.militia.allowances.line_types import MonthLine
from muster.militia.members.models import Membership, MembershipStatus
from muster.militia.organisation.models import Appointment
from muster.people.models import Person

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PersonEntitlement:
    """A benefit a person has this month that carries no sum on the list."""

    person: Person
    entitlement: benefits.Entitlement

    @property
    def label(self) -> str:
        return lawtext.text(self.entitlement.text)


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _holds(a: Appointment, day: dt.date) -> bool:
    return a.appointed_on <= day and (a.ended_on is None or day < a.ended_on)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _merge(rules: list[Rule], more: tuple[Rule, ...]) -> None:
    rules.extend(r for r in more if r not in rules)


def _history(people: set[int]) -> dict[tuple[int, str], list[benefits.Period]]:
    """Every period each person held a seniority post, in any commune."""
    found: dict[tuple[int, str], list[benefits.Period]] = defaultdict(list)
    rows = Appointment.objects.filter(
        person_id__in=people, post__in=[p.value for p in SENIORITY_POSTS]
    ).values_list("person_id", "post", "appointed_on", "ended_on")
    for person_id, post, start, stop in rows:
        found[(person_id, post)].append((start, stop))
    return found


def _share_line(
    a: Appointment, first: dt.date, last: dt.date, history: list[benefits.Period] | None
) -> MonthLine | None:
    """The seniority line (``history`` given) or the special defence line of ``a``."""
    post = Post(a.post)
    per_month = Decimal((last - first).days + 1)
    total, held, top = Decimal(0), 0, 0
    rules: list[Rule] = []
    for day in _days(first, last):
        if not _holds(a, day):
            continue
        allowance = law.post_allowance(post, day)
        if history is None:
            share = benefits.special_defence_share(post, day)
        else:
            share = benefits.seniority_share(post, benefits.service_months(history, day), day)
        if allowance is None or share is None or share.percent == 0:
            continue
        held += 1
        top = max(top, share.percent)
        total += Decimal(allowance.amount) * share.percent / 100 / per_month
        _merge(rules, share.rules + allowance.rules)
    if not held:
        return None
    label, month = POST_LABELS[post], f"{first:%m/%Y}"
    if history is None:
        kind, vi, en = "special_defence", "Phụ cấp đặc thù quốc phòng, quân sự", "Special defence"
    else:
        kind, vi, en = "seniority", "Phụ cấp thâm niên", "Seniority allowance"
    return MonthLine(
        a.person,
        kind,  # type: ignore[arg-type]
        Text(
            f"{vi} {top} % phụ cấp chức vụ {label.vi}, tháng {month}",
            f"{en}, {top} % of the post allowance, {label.en}, {month}",
        ),
        held,
        _half_up(total),
        tuple(rules),
        "law",
    )


def _one_off(a: Appointment, history: list[benefits.Period]) -> MonthLine | None:
    """The deputy commander's one-off payment when his appointment ends (no social insurance)."""
    assert a.ended_on is not None
    last_day = a.ended_on - _DAY
    months = benefits.service_months(history, last_day)
    monthly = law.post_allowance(Post(a.post), last_day)
    if monthly is None:
        return None
    paid = benefits.deputy_one_off(last_day, months, monthly.amount)
    if paid is None:
        return None
    years = months // 12
    return MonthLine(
        a.person,
        "deputy_one_off",
        Text(
            f"Trợ cấp một lần khi nghỉ (Chỉ huy phó không tham gia bảo hiểm xã hội): {months} "
            f"tháng công tác, {years} năm × 1,5 tháng phụ cấp, nghỉ từ {vi_date(a.ended_on)}",
            f"One-off payment on leaving (deputy commander without social insurance): {months} "
            f"months served, {years} years × 1.5 months' allowance, left {a.ended_on:%d/%m/%Y}",
        ),
        0,
        paid.amount,
        paid.rules + monthly.rules,
        "law",
    )


def appointment_lines(commune: Unit, first: dt.date, last: dt.date) -> list[MonthLine]:
    """Seniority, special defence and the deputy's one-off payment of ``commune``'s cadres."""
    posts = {p.value for p in SENIORITY_POSTS} | {p.value for p in SPECIAL_DEFENCE_POSTS}
    appointments = list(
        Appointment.objects.filter(
            not_ended_by(first), holder=commune, post__in=posts, appointed_on__lte=last
        ).select_related("person")
    )
    history = _history({a.person_id for a in appointments})
    lines: list[MonthLine] = []
    for a in appointments:
        periods = history.get((a.person_id, a.post))
        if periods is not None:
            found = _share_line(a, first, last, periods)
            if found:
                lines.append(found)
        found = _share_line(a, first, last, None)
        if found:
            lines.append(found)
        ended = a.ended_on is not None and first < a.ended_on <= last + _DAY
        if ended and a.post == Post.DEPUTY_COMMANDER and a.without_social_insurance:
            found = _one_off(a, periods or [(a.appointed_on, a.ended_on)])
            if found:
                lines.append(found)
    return lines


def standing_lines(
    commune: Unit, first: dt.date, last: dt.date
) -> tuple[list[MonthLine], list[PersonEntitlement]]:
    """The standing militia's one-off allowance at completion (membership ended as completed
    in the month) and the entitlements of standing members serving in the month."""
    members = list(
        Membership.objects.filter(
            not_ended_by(first),
            holder=commune,
            component=Component.STANDING,
            joined_on__lte=last,
        ).select_related("person")
    )
    lines: list[MonthLine] = []
    entitled: list[PersonEntitlement] = []
    for m in members:
        on = min(last, m.ended_on - _DAY) if m.ended_on else last
        entitled += [PersonEntitlement(m.person, e) for e in benefits.standing_entitlements(on)]
        if m.status != MembershipStatus.COMPLETED or m.ended_on is None or m.ended_on > last + _DAY:
            continue
        last_day = m.ended_on - _DAY
        years = benefits.service_months([(m.joined_on, m.ended_on)], last_day) // 12
        if years < 1:
            continue
        paid = law.standing_completion_allowance(last_day, years)
        lines.append(
            MonthLine(
                m.person,
                "standing_completion",
                Text(
                    f"Trợ cấp một lần khi hoàn thành nghĩa vụ dân quân thường trực: {years} năm "
                    f"phục vụ ({vi_date(m.joined_on)}–{vi_date(last_day)})",
                    f"Standing militia one-off allowance at completion: {years} years served "
                    f"({m.joined_on:%d/%m/%Y}–{last_day:%d/%m/%Y})",
                ),
                0,
                paid.amount,
                paid.rules,
                "law",
            )
        )
    return lines, entitled
