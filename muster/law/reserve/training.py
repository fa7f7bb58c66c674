"""Training call-ups of reservists: the caps of Law 53/2019 Art 22 and Law 78/2015 Art 27, the
deferral grounds of Art 22(4) and the timing of the meetings of TT 84/2020. Pure: no Django.

* Class 1 (hạng một): training, drills and readiness checks total at most 12 months over the
  whole reserve service; extra training at most 2 months, within that cap. Months are counted
  as 30 days (``reserve.training.month_days``, a default): the cap is 360 days.
* A readiness check (kiểm tra sẵn sàng động viên) lasts at most 7 days.
* Class 2 (hạng hai): the legal reference sets no total cap; its training towards class 1
  (Decree 14/2016) is at most 2 concentrated sessions a year (``reserve.conversion``), so a
  third training call in one year is refused.
* A call counts every calendar day from its first to its last day, both included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.book import rule
from muster.law.reserve.training_enums import (
    DEFERRAL_LABELS,
    CallKind,
    DeferralGround,
    MeetingKind,
)
from muster.law.rulebook import Rule
from muster.law.text import Text


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a call is allowed; ``reason`` in both languages with the rules behind it."""

    allowed: bool
    reason: Text
    rules: tuple[Rule, ...]

    @property
    def citation_vi(self) -> str:
        return "; ".join(dict.fromkeys(c.label_vi for r in self.rules for c in r.citations))

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)


def call_days(first: dt.date, last: dt.date) -> int:
    """Calendar days of a call from ``first`` to ``last``, both included."""
    if last < first:
        raise ValueError("the call ends before it starts")
    return (last - first).days + 1


def cap_days(on: dt.date) -> tuple[int, int, int, tuple[Rule, ...]]:
    """(class 1 total cap, extra training cap, readiness check cap) in days on ``on``."""
    caps = rule("reserve.training.caps", on)
    month = rule("reserve.training.month_days", on)
    per = month.int_param("days")
    return (
        caps.int_param("class1_total_months") * per,
        caps.int_param("extra_training_months") * per,
        caps.int_param("readiness_check_days"),
        (caps, month),
    )


def check_call(
    *,
    kind: CallKind,
    reserve_class: int | None,
    days: int,
    done_days: int,
    done_extra_days: int = 0,
    sessions_this_year: int = 0,
    on: dt.date,
) -> Verdict:
    """May a reservist of ``reserve_class`` (None for officers and professional soldiers, who
    have no class) be called for ``days`` days of ``kind`` on ``on``, having done ``done_days``
    (of which ``done_extra_days`` extra training) and ``sessions_this_year`` training calls in
    the calendar year already?"""
    if days < 1:
        raise ValueError("a call lasts at least one day")
    total_cap, extra_cap, check_cap, rules = cap_days(on)
    if kind == CallKind.CHECK and days > check_cap:
        return Verdict(
            False,
            Text(
                f"Kiểm tra sẵn sàng động viên không quá {check_cap} ngày (đợt này {days} ngày).",
                f"A readiness check lasts at most {check_cap} days (this one {days}).",
            ),
            rules,
        )
    if reserve_class == 1:
        if kind == CallKind.EXTRA and done_extra_days + days > extra_cap:
            return Verdict(
                False,
                Text(
                    f"Huấn luyện bổ sung không quá {extra_cap} ngày (đã {done_extra_days} ngày, "
                    f"đợt này {days} ngày).",
                    f"Extra training is at most {extra_cap} days (done {done_extra_days}, this "
                    f"call {days}).",
                ),
                rules,
            )
        if done_days + days > total_cap:
            return Verdict(
                False,
                Text(
                    f"Quân nhân dự bị hạng một: tổng thời gian huấn luyện, diễn tập, kiểm tra "
                    f"không quá {total_cap} ngày (12 tháng); đã {done_days} ngày, đợt này "
                    f"{days} ngày, vượt {done_days + days - total_cap} ngày.",
                    f"Class 1 reservist: training, drills and checks total at most {total_cap} "
                    f"days (12 months); done {done_days}, this call {days}, "
                    f"{done_days + days - total_cap} over.",
                ),
                rules,
            )
        return Verdict(
            True,
            Text(
                f"Còn {total_cap - done_days - days} ngày trong giới hạn {total_cap} ngày.",
                f"{total_cap - done_days - days} days left of the {total_cap}-day cap.",
            ),
            rules,
        )
    if reserve_class == 2 and kind != CallKind.CHECK:
        conversion = rule("reserve.conversion", on)
        most = conversion.int_param("sessions_per_year")
        if sessions_this_year + 1 > most:
            return Verdict(
                False,
                Text(
                    f"Quân nhân dự bị hạng hai: không quá {most} đợt huấn luyện tập trung trong "
                    "một năm.",
                    f"Class 2 reservist: at most {most} concentrated training sessions a year.",
                ),
                (*rules, conversion),
            )
        return Verdict(
            True,
            Text(
                "Hạng hai: không có giới hạn tổng thời gian.",
                "Class 2: no total cap.",
            ),
            (*rules, conversion),
        )
    return Verdict(True, Text("Trong giới hạn.", "Within the caps."), rules)


def deferral_rule(on: dt.date) -> Rule:
    return rule("reserve.training.deferral", on)


def deferral_reason(ground: DeferralGround, on: dt.date) -> Text:
    """The ground of a deferral with its citation."""
    item = deferral_rule(on)
    label = DEFERRAL_LABELS[ground]
    cited = "; ".join(c.label_vi for c in item.citations)
    cited_en = "; ".join(c.label for c in item.citations)
    return Text(f"{label.vi} ({cited})", f"{label.en} ({cited_en})")


# -------------------------------------------------------------------------------- meetings


def meeting_rule(kind: MeetingKind, on: dt.date) -> Rule:
    return rule(f"reserve.meeting.{kind.value}", on)


def check_meeting(kind: MeetingKind, held_on: dt.date, hours: float) -> Verdict:
    """A Khung B meeting falls in the last month of a quarter, a reservist meeting in December;
    both last at most half a day (4 hours)."""
    item = meeting_rule(kind, held_on)
    most = item.int_param("max_hours")
    if hours <= 0 or hours > most:
        return Verdict(
            False,
            Text(
                f"Thời gian sinh hoạt không quá 1/2 ngày ({most} giờ).",
                f"A meeting lasts at most half a day ({most} hours).",
            ),
            (item,),
        )
    if kind == MeetingKind.KHUNG_B and held_on.month % 3 != 0:
        return Verdict(
            False,
            Text(
                "Sinh hoạt cán bộ khung B vào tháng cuối quý (tháng 3, 6, 9, 12).",
                "The Khung B meeting is held in the last month of the quarter (March, June, "
                "September, December).",
            ),
            (item,),
        )
    if kind == MeetingKind.DECEMBER and held_on.month != item.int_param("month"):
        return Verdict(
            False,
            Text(
                "Sinh hoạt quân nhân dự bị vào tháng 12 hằng năm.",
                "The reservist meeting is held in December.",
            ),
            (item,),
        )
    return Verdict(True, Text("Đúng thời gian quy định.", "On time."), (item,))


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1
