"""Reservist class (hạng một / hạng hai) from service history, group A/B by age, and the class
2 → 1 conversion (chuyển hạng), each explained with the rule it applied. Pure: no Django.

The class follows Law 78/2015 Art 24: one ground of class 1 makes the reservist class 1;
otherwise a ground of class 2 makes him class 2; with no ground he is not a reservist by
service history (for instance a man still of call-up age who never served). Every ground that
applies is returned, class 1 grounds first, so the explanation names them all.

Service times are counted in whole months from the first day: service from 01/03/2025
through 31/08/2025 is 6 months; through 29/08/2025 it is 5 months 29 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law import book
from muster.law.ages import age_on
from muster.law.reserve.enums import CLASS_LABELS, GROUP_LABELS, Group, ReserveClass, Sex
from muster.law.rulebook import Citation, Rule
from muster.law.text import Text, vi_date


@dataclass(frozen=True, slots=True, order=True)
class Served:
    """A length of service: whole months and the days beyond them."""

    months: int
    days: int = 0

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> Served:
        """Service from ``first`` through ``last`` (both days served)."""
        if last < first:
            raise ValueError("service ends before it starts")
        end = last + dt.timedelta(days=1)
        months = (end.year - first.year) * 12 + end.month - first.month
        while months > 0 and _add_months(first, months) > end:
            months -= 1
        return cls(months, (end - _add_months(first, months)).days)

    def at_least(self, months: int) -> bool:
        return self.months >= months

    @property
    def vi(self) -> str:
        return f"{self.months} tháng" + (f" {self.days} ngày" if self.days else "")

    @property
    def en(self) -> str:
        return f"{self.months} months" + (f" {self.days} days" if self.days else "")


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a day the month lacks moves to the next month's first
    (31/01 + 1 month = 01/03), so a month of service always ends before the day it names."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    try:
        return dt.date(year, month + 1, day.day)
    except ValueError:
        nxt = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        return nxt


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """What a reservist's class depends on (phân hạng quân nhân dự bị)."""

    sex: Sex
    birth: dt.date
    army_service: Served | None = None  # tại ngũ as NCO or soldier, discharged
    combat: bool = False  # đã qua chiến đấu
    police_service: Served | None = None  # thôi phục vụ trong Công an nhân dân
    professional_soldier: bool = False  # former quân nhân chuyên nghiệp
    defence_worker: bool = False  # former công nhân, viên chức quốc phòng
    defence_worker_from_soldier: bool = False  # … converted from NCO or soldier
    militia_standing_completed: bool = False  # dân quân thường trực, hoàn thành nghĩa vụ
    militia_training_months: int = 0  # dân quân: concentrated training, months
    concentrated_training_months: int = 0  # as a class 2 reservist, months
    commune_police_consecutive: Served | None = None  # công an xã, consecutive
    registered_art_12_2: bool = False  # a woman registered under Art 12(2)
    studied_deferral: bool = False  # deferred for college: call-up age to the end of 27


@dataclass(frozen=True, slots=True)
class Ground:
    """One ground of a class: the rule and the fact that met it."""

    rule: Rule
    reason: Text

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.rule.citations


@dataclass(frozen=True, slots=True)
class ClassVerdict:
    reserve_class: ReserveClass | None
    grounds: tuple[Ground, ...]

    @property
    def explanation(self) -> Text:
        """``Hạng một: …(Điều 24 khoản 2 Luật …)``; the grounds of the class, cited."""
        if self.reserve_class is None:
            return self.grounds[0].reason
        label = CLASS_LABELS[self.reserve_class]
        kept = [g for g in self.grounds if _class_of(g.rule) == self.reserve_class]
        vi = "; ".join(f"{g.reason.vi} ({_cites_vi(g.rule)})" for g in kept)
        en = "; ".join(f"{g.reason.en} ({_cites_en(g.rule)})" for g in kept)
        return Text(f"{label.vi}: {vi}.", f"{label.en}: {en}.")

    @property
    def citations(self) -> tuple[Citation, ...]:
        seen: dict[str, Citation] = {}
        for ground in self.grounds:
            for cite in ground.citations:
                seen.setdefault(cite.label, cite)
        return tuple(seen.values())

    @property
    def confirmed(self) -> bool:
        return all(g.rule.confirmed for g in self.grounds)


def _class_of(rule: Rule) -> ReserveClass | None:
    if rule.code.startswith("reserve.class1."):
        return ReserveClass.ONE
    if rule.code.startswith("reserve.class2."):
        return ReserveClass.TWO
    return None


def _cites_vi(rule: Rule) -> str:
    return "; ".join(c.label_vi for c in rule.citations)


def _cites_en(rule: Rule) -> str:
    return "; ".join(c.label for c in rule.citations)


def _ground(day: dt.date, code: str, vi: str, en: str) -> Ground:
    return Ground(book.rule(code, day), Text(vi, en))


def _class1_grounds(facts: ServiceFacts, day: dt.date) -> list[Ground]:
    rule = book.rule
    found: list[Ground] = []
    army = facts.army_service
    if army is not None and army.at_least(
        rule("reserve.class1.army_service", day).int_param("months")
    ):
        found.append(
            _ground(
                day,
                "reserve.class1.army_service",
                f"đã phục vụ tại ngũ {army.vi}",
                f"served {army.en} in the army",
            )
        )
    if facts.combat:
        found.append(_ground(day, "reserve.class1.combat", "đã qua chiến đấu", "saw combat"))
    police = facts.police_service
    if police is not None and police.at_least(
        rule("reserve.class1.police", day).int_param("months")
    ):
        found.append(
            _ground(
                day,
                "reserve.class1.police",
                f"đã phục vụ trong Công an nhân dân {police.vi}",
                f"served {police.en} in the People's Police",
            )
        )
    if facts.professional_soldier:
        found.append(
            _ground(
                day,
                "reserve.class1.professional",
                "là quân nhân chuyên nghiệp đã thôi phục vụ tại ngũ",
                "former professional soldier",
            )
        )
    if facts.defence_worker and facts.defence_worker_from_soldier:
        found.append(
            _ground(
                day,
                "reserve.class1.defence_worker",
                "là công nhân, viên chức quốc phòng chuyển từ hạ sĩ quan, binh sĩ",
                "former defence worker converted from NCO or soldier",
            )
        )
    militia_months = rule("reserve.class1.militia", day).int_param("training_months")
    if facts.militia_standing_completed:
        found.append(
            _ground(
                day,
                "reserve.class1.militia",
                "là dân quân thường trực đã hoàn thành nghĩa vụ",
                "standing militia who completed service",
            )
        )
    elif facts.militia_training_months >= militia_months:
        found.append(
            _ground(
                day,
                "reserve.class1.militia",
                f"là dân quân đã huấn luyện tập trung {facts.militia_training_months} tháng",
                f"militia with {facts.militia_training_months} months of concentrated training",
            )
        )
    training = rule("reserve.class1.concentrated_training", day).int_param("months")
    if facts.concentrated_training_months >= training:
        found.append(
            _ground(
                day,
                "reserve.class1.concentrated_training",
                f"đã huấn luyện tập trung {facts.concentrated_training_months} tháng",
                f"{facts.concentrated_training_months} months of concentrated training",
            )
        )
    commune = facts.commune_police_consecutive
    if commune is not None and commune.at_least(
        rule("reserve.class1.commune_police", day).int_param("months")
    ):
        found.append(
            _ground(
                day,
                "reserve.class1.commune_police",
                f"đã phục vụ công an xã liên tục {commune.vi}",
                f"served {commune.en} in a row in the commune police",
            )
        )
    return found


def _class2_grounds(facts: ServiceFacts, day: dt.date) -> list[Ground]:
    rule = book.rule
    found: list[Ground] = []
    army = facts.army_service
    if army is not None and not army.at_least(
        rule("reserve.class2.army_service", day).int_param("months")
    ):
        found.append(
            _ground(
                day,
                "reserve.class2.army_service",
                f"mới phục vụ tại ngũ {army.vi}",
                f"served only {army.en} in the army",
            )
        )
    if facts.defence_worker and not facts.defence_worker_from_soldier:
        found.append(
            _ground(
                day,
                "reserve.class2.defence_worker",
                "là công nhân, viên chức quốc phòng đã thôi phục vụ",
                "former defence worker or official",
            )
        )
    police = facts.police_service
    if police is not None:
        low = rule("reserve.class2.police", day).int_param("months")
        gap = rule("reserve.class2.police_gap", day)
        if not police.at_least(low):
            code = "reserve.class2.police"
        elif not police.at_least(gap.int_param("months_to")):
            code = "reserve.class2.police_gap"
        else:
            code = ""
        if code:
            found.append(
                _ground(
                    day,
                    code,
                    f"đã phục vụ trong Công an nhân dân {police.vi}",
                    f"served {police.en} in the People's Police",
                )
            )
    if facts.sex is Sex.FEMALE and facts.registered_art_12_2:
        found.append(
            _ground(
                day,
                "reserve.class2.women",
                "là công dân nữ đã đăng ký nghĩa vụ quân sự",
                "woman registered for military service",
            )
        )
    if facts.sex is Sex.MALE and army is None and police is None:
        never = rule("reserve.class2.never_served", day)
        end = never.int_param(
            "callup_age_end_studied" if facts.studied_deferral else "callup_age_end"
        )
        age = age_on(facts.birth, day)
        if age > end:
            found.append(
                _ground(
                    day,
                    "reserve.class2.never_served",
                    f"đã hết {end} tuổi ({age} tuổi vào ngày {vi_date(day)}), chưa phục vụ tại ngũ",
                    f"past the end of age {end} ({age} on {day:%d/%m/%Y}), never served",
                )
            )
    return found


_NO_GROUND = Text(
    "Không có căn cứ xếp hạng quân nhân dự bị theo Điều 24 Luật Nghĩa vụ quân sự.",
    "No ground for a reserve class under Art 24 of the Military Service Law.",
)


def reserve_class(facts: ServiceFacts, day: dt.date) -> ClassVerdict:
    """The class on ``day`` with every ground that applies (class 1 grounds first)."""
    first = _class1_grounds(facts, day)
    second = _class2_grounds(facts, day)
    if first:
        return ClassVerdict(ReserveClass.ONE, tuple(first + second))
    if second:
        return ClassVerdict(ReserveClass.TWO, tuple(second))
    return ClassVerdict(None, (Ground(book.rule("reserve.ages", day), _NO_GROUND),))


@dataclass(frozen=True, slots=True)
class GroupVerdict:
    """Group A or B on a day; ``group`` is None past the reserve service age (Art 25)."""

    group: Group | None
    age: int
    rule: Rule
    reason: Text


def group_on(sex: Sex, birth: dt.date, day: dt.date) -> GroupVerdict:
    """Group A (men to the end of 35, women to the end of 30), group B (to the end of 45 / 40)
    on ``day``; past the end of 45 / 40 no group: the person leaves the reserve by age."""
    age = age_on(birth, day)
    groups = book.rule("reserve.groups", day)
    ages = book.rule("reserve.ages", day)
    male = sex is Sex.MALE
    group_max = groups.int_param("group_a_male_max" if male else "group_a_female_max")
    service_max = ages.int_param("male_max" if male else "female_max")
    on = vi_date(day)
    if age <= group_max:
        label = GROUP_LABELS[Group.A]
        vi = f"{label.vi}: {age} tuổi vào ngày {on}, chưa hết {group_max} tuổi"
        en = f"{label.en}: aged {age} on {day:%d/%m/%Y}, not past the end of age {group_max}"
        return GroupVerdict(
            Group.A,
            age,
            groups,
            Text(f"{vi} ({_cites_vi(groups)}).", f"{en} ({_cites_en(groups)})."),
        )
    if age <= service_max:
        label = GROUP_LABELS[Group.B]
        vi = f"{label.vi}: {age} tuổi vào ngày {on}, từ {group_max + 1} đến {service_max} tuổi"
        en = f"{label.en}: aged {age} on {day:%d/%m/%Y}, from {group_max + 1} to {service_max}"
        return GroupVerdict(
            Group.B,
            age,
            groups,
            Text(f"{vi} ({_cites_vi(groups)}).", f"{en} ({_cites_en(groups)})."),
        )
    vi = f"Đã hết {service_max} tuổi vào ngày {on}: hết độ tuổi phục vụ dự bị"
    en = f"Past the end of age {service_max} on {day:%d/%m/%Y}: over the reserve service age"
    return GroupVerdict(
        None, age, ages, Text(f"{vi} ({_cites_vi(ages)}).", f"{en} ({_cites_en(ages)}).")
    )


@dataclass(frozen=True, slots=True)
class ConversionVerdict:
    """May a class 2 reservist be trained for class 1 (Decree 14/2016 Arts 13–15)?"""

    eligible: bool
    rule: Rule
    reason: Text
    training_months_left: int


def conversion(facts: ServiceFacts, day: dt.date) -> ConversionVerdict:
    """Class 2 → 1: a class 2 reservist up to the end of age 35 (men) or 30 (women) may be
    trained for 6 months; once trained he is class 1 by Art 24 (``concentrated_training``)."""
    current = reserve_class(facts, day).reserve_class
    return conversion_of(facts.sex, facts.birth, current, facts.concentrated_training_months, day)


def conversion_of(
    sex: Sex, birth: dt.date, current: ReserveClass | None, training_months: int, day: dt.date
) -> ConversionVerdict:
    """:func:`conversion` for a reservist whose class is known (as registered)."""
    item = book.rule("reserve.conversion", day)
    months = item.int_param("training_months")
    left = max(0, months - training_months)
    cites_vi, cites_en = _cites_vi(item), _cites_en(item)
    if current is not ReserveClass.TWO:
        return ConversionVerdict(
            False,
            item,
            Text(
                f"Không phải quân nhân dự bị hạng hai: không chuyển hạng ({cites_vi}).",
                f"Not a class 2 reservist: no conversion ({cites_en}).",
            ),
            0,
        )
    limit = item.int_param("male_max_age" if sex is Sex.MALE else "female_max_age")
    age = age_on(birth, day)
    if age > limit:
        return ConversionVerdict(
            False,
            item,
            Text(
                f"Đã hết {limit} tuổi vào ngày {vi_date(day)}: quá tuổi chuyển hạng ({cites_vi}).",
                f"Past the end of age {limit} on {day:%d/%m/%Y}: too old to convert ({cites_en}).",
            ),
            left,
        )
    return ConversionVerdict(
        True,
        item,
        Text(
            f"Hạng hai, {age} tuổi: được huấn luyện chuyển hạng một, còn {left} tháng "
            f"({cites_vi}).",
            f"Class 2, aged {age}: may train for class 1, {left} months to go ({cites_en}).",
        ),
        left,
    )
