"""Placement of reservists into the posts of reserve units (sắp xếp quân nhân dự bị vào đơn vị
dự bị động viên) by the priorities of Law 53/2019 Arts 15–17. Pure: no Django.

The order, strict at each step:

1. Stages (Art 16 "main-force units first", Art 15(2) "full strength plus a 10–15 % spare"):
   the full strength of main-force units, then of local units, then the spare of main-force
   units, then of local units. A stage takes what it can use from the reservists the earlier
   stages left.
2. Within a stage, as many posts as possible are filled (a close specialty fills a post a right
   one cannot), then right specialty (đúng CNQS) before close, then tier 1 (reserve officers,
   professional soldiers and class 1 NCOs and soldiers) before class 2, then reservists of
   the unit's own area (recruitment area tied to the mobilisation area) before others.
3. Refused outright: the unfit, NCOs and soldiers without a class, and reservists past every
   unit's age limit (Art 17: combat units professionals to 40, NCOs and soldiers to 35;
   combat-support units men to 45, women to 40; officers to their own limit, if given).

Close specialties are input: ``close[post_specialty]`` is the set of reservist specialties
that may fill a post of ``post_specialty`` when right ones are short. Results are
deterministic: equal reservists are taken in the order of their ``ident``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from muster.law import book
from muster.law.ages import age_on
from muster.law.reserve.enums import (
    CLASS_LABELS,
    KIND_LABELS,
    ReserveClass,
    ReservistKind,
    Sex,
    UnitForce,
    UnitRole,
)
from muster.law.reserve.flow import GroupInfo, GroupKey, TypeKey, solve_stage
from muster.law.rulebook import Citation, Rule
from muster.law.text import Text, vi_date


@dataclass(frozen=True, slots=True)
class Reservist:
    ident: str
    kind: ReservistKind
    sex: Sex
    birth: dt.date
    specialty: str  # CNQS code
    area: str  # the commune (or area) where he lives: the recruitment area
    reserve_class: ReserveClass | None = None  # NCOs and soldiers; officers need none
    fit: bool = True
    officer_max_age: int | None = None  # a reserve officer's limit by grade, when known


@dataclass(frozen=True, slots=True)
class Unit:
    ident: str
    role: UnitRole
    force: UnitForce
    area: str  # the mobilisation area
    spare_percent: int | None = None  # 10–15; None: the rule's minimum


@dataclass(frozen=True, slots=True)
class Posts:
    """``count`` posts of one unit with one specialty for one kind of reservist."""

    unit: str
    specialty: str
    kind: ReservistKind
    count: int


@dataclass(frozen=True, slots=True)
class Placement:
    reservist: str
    unit: str
    specialty: str  # the post's specialty
    spare: bool
    right_specialty: bool
    own_area: bool
    stage: int  # 1 main full strength, 2 local full strength, 3 main spare, 4 local spare
    explanation: Text
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Refusal:
    reservist: str
    reason: Text
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class UnitReport:
    unit: str
    establishment: int  # full-strength posts (biên chế)
    spare_target: int  # dự phòng
    strength: int  # full-strength posts filled
    spare: int  # spare placed
    shortfall: int  # full-strength posts left empty
    spare_shortfall: int
    right_specialty: int  # placements with the right specialty (full and spare)

    @property
    def placed(self) -> int:
        return self.strength + self.spare

    @property
    def right_rate(self) -> float | None:
        """The đúng-CNQS rate: right-specialty placements over all placements (None if none)."""
        return self.right_specialty / self.placed if self.placed else None


@dataclass(frozen=True, slots=True)
class PlacementResult:
    day: dt.date
    placements: tuple[Placement, ...]
    refusals: tuple[Refusal, ...]
    unplaced: tuple[str, ...]  # eligible, but no post was left for them
    units: tuple[UnitReport, ...]


STAGES: tuple[tuple[UnitForce, bool], ...] = (
    (UnitForce.MAIN, False),
    (UnitForce.LOCAL, False),
    (UnitForce.MAIN, True),
    (UnitForce.LOCAL, True),
)

_STAGE_TEXT = {
    1: Text("biên chế đủ quân số đơn vị chủ lực", "full strength of a main-force unit"),
    2: Text("biên chế đủ quân số đơn vị địa phương", "full strength of a local unit"),
    3: Text("dự phòng của đơn vị chủ lực", "spare of a main-force unit"),
    4: Text("dự phòng của đơn vị địa phương", "spare of a local unit"),
}


def spare_target(establishment: int, percent: int) -> int:
    """The spare of a unit: ``percent`` of its establishment rounded up (at least the share)."""
    return math.ceil(establishment * percent / 100)


def _spread(total: int, counts: Sequence[tuple[GroupKey, int]]) -> dict[GroupKey, int]:
    """``total`` spread over groups in proportion to their counts (largest remainder; ties by
    group key)."""
    whole = sum(n for _g, n in counts)
    if not whole or not total:
        return {g: 0 for g, _n in counts}
    shares = {g: total * n // whole for g, n in counts}
    rest = total - sum(shares.values())
    order = sorted(counts, key=lambda gn: (-(total * gn[1] % whole), gn[0]))
    for group, _n in order[:rest]:
        shares[group] += 1
    return shares


def _cites(*rules: Rule) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for item in rules:
        for cite in item.citations:
            seen.setdefault(cite.label, cite)
    return tuple(seen.values())


class _Limits:
    """The age rules of a day, applied to one reservist."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.rule = book.rule("reserve.placement.ages", day)
        self.combat_pro = self.rule.int_param("combat_professional_max")
        self.combat_nco = self.rule.int_param("combat_nco_soldier_max")
        self.support_male = self.rule.int_param("support_male_max")
        self.support_female = self.rule.int_param("support_female_max")
        self.age_cites = _cites(self.rule)
        self.fit_cites = _cites(book.rule("reserve.placement.specialty", day))
        self.class_cites = _cites(book.rule("reserve.placement.class_order", day))

    def ok(self, person: Reservist) -> tuple[bool, bool, int]:
        """(combat_ok, support_ok, age) on the day."""
        age = age_on(person.birth, self.day)
        support_max = self.support_male if person.sex is Sex.MALE else self.support_female
        if person.kind is ReservistKind.OFFICER:
            limit = person.officer_max_age
            fits = limit is None or age <= limit
            return fits, fits, age
        combat_max = (
            self.combat_pro if person.kind is ReservistKind.PROFESSIONAL else self.combat_nco
        )
        return age <= combat_max, age <= support_max, age


def _tier(person: Reservist) -> int:
    if person.kind is not ReservistKind.NCO_SOLDIER:
        return 1
    return 1 if person.reserve_class is ReserveClass.ONE else 2


_UNFIT = Text("Không đủ sức khỏe: không sắp xếp vào đơn vị.", "Not fit: not placed.")
_NO_CLASS = Text("Chưa xếp hạng quân nhân dự bị: không sắp xếp.", "No reserve class: not placed.")


def _refusal(person: Reservist, limits: _Limits, age: int) -> Refusal:
    if not person.fit:
        return Refusal(person.ident, _UNFIT, limits.fit_cites)
    if person.kind is ReservistKind.NCO_SOLDIER and person.reserve_class is None:
        return Refusal(person.ident, _NO_CLASS, limits.class_cites)
    return Refusal(
        person.ident,
        Text(
            f"{age} tuổi vào ngày {vi_date(limits.day)}: quá độ tuổi sắp xếp vào đơn vị chiến "
            "đấu và đơn vị bảo đảm chiến đấu.",
            f"Aged {age} on {limits.day:%d/%m/%Y}: over the age limit of combat and "
            "combat-support units.",
        ),
        limits.age_cites,
    )


def place(
    day: dt.date,
    reservists: Iterable[Reservist],
    units: Iterable[Unit],
    posts: Iterable[Posts],
    close: Mapping[str, Iterable[str]] | None = None,
) -> PlacementResult:
    """Place ``reservists`` into the ``posts`` of ``units`` by the rules in force on ``day``."""
    spare_rule = book.rule("reserve.placement.spare", day)
    low = spare_rule.int_param("spare_min_percent")
    high = spare_rule.int_param("spare_max_percent")
    unit_by_id = {u.ident: u for u in units}
    close_sets = {k: frozenset(v) for k, v in (close or {}).items()}
    limits = _Limits(day)

    # Post groups and their full-strength and spare capacities.
    counts: dict[GroupKey, int] = {}
    for item in posts:
        if item.unit not in unit_by_id:
            raise ValueError(f"posts of unknown unit {item.unit!r}")
        if item.count < 0:
            raise ValueError(f"negative post count for {item.unit!r}")
        key = GroupKey(item.unit, item.specialty, item.kind.value)
        counts[key] = counts.get(key, 0) + item.count
    infos = {
        g: GroupInfo(unit_by_id[g.unit].role is UnitRole.COMBAT, unit_by_id[g.unit].area)
        for g in counts
    }
    spares: dict[GroupKey, int] = {}
    for unit in sorted(unit_by_id.values(), key=lambda u: u.ident):
        percent = low if unit.spare_percent is None else unit.spare_percent
        if not low <= percent <= high:
            raise ValueError(f"unit {unit.ident}: spare {percent} % outside {low}–{high} %")
        mine = sorted((g, n) for g, n in counts.items() if g.unit == unit.ident)
        spares.update(_spread(spare_target(sum(n for _g, n in mine), percent), mine))

    # Reservists by type; the refused apart.
    unit_areas = {u.area for u in unit_by_id.values()}
    members: dict[TypeKey, list[Reservist]] = {}
    refusals: list[Refusal] = []
    for person in sorted(reservists, key=lambda r: r.ident):
        combat_ok, support_ok, age = limits.ok(person)
        no_class = person.kind is ReservistKind.NCO_SOLDIER and person.reserve_class is None
        if not person.fit or no_class or not (combat_ok or support_ok):
            refusals.append(_refusal(person, limits, age))
            continue
        type_key = TypeKey(
            person.specialty,
            person.kind.value,
            _tier(person),
            combat_ok,
            support_ok,
            person.area if person.area in unit_areas else "",
        )
        members.setdefault(type_key, []).append(person)

    supplies = {k: len(v) for k, v in members.items()}
    allocations: dict[TypeKey, list[tuple[int, GroupKey, int]]] = {}
    for number, (force, spare) in enumerate(STAGES, start=1):
        capacities = {
            g: (spares[g] if spare else n)
            for g, n in counts.items()
            if unit_by_id[g.unit].force is force
        }
        flows = solve_stage(supplies, capacities, infos, close_sets)
        for type_key, per_group in flows.items():
            for group, amount in per_group:
                allocations.setdefault(type_key, []).append((number, group, amount))
                supplies[type_key] -= amount

    placements: list[Placement] = []
    unplaced: list[str] = []
    explain = _Explainer(day)
    for type_key in sorted(members):
        queue = members[type_key]
        index = 0
        for number, group, amount in allocations.get(type_key, []):
            for person in queue[index : index + amount]:
                placements.append(explain.placement(person, unit_by_id[group.unit], group, number))
            index += amount
        unplaced.extend(p.ident for p in queue[index:])
    placements.sort(key=lambda p: (p.unit, p.stage, p.specialty, p.reservist))
    return PlacementResult(
        day=day,
        placements=tuple(placements),
        refusals=tuple(refusals),
        unplaced=tuple(sorted(unplaced)),
        units=_reports(unit_by_id, counts, spares, placements),
    )


def _reports(
    unit_by_id: Mapping[str, Unit],
    counts: Mapping[GroupKey, int],
    spares: Mapping[GroupKey, int],
    placements: Sequence[Placement],
) -> tuple[UnitReport, ...]:
    establishment: dict[str, int] = dict.fromkeys(unit_by_id, 0)
    spare_target_of: dict[str, int] = dict.fromkeys(unit_by_id, 0)
    for group, n in counts.items():
        establishment[group.unit] += n
        spare_target_of[group.unit] += spares[group]
    strength = dict.fromkeys(unit_by_id, 0)
    spare = dict.fromkeys(unit_by_id, 0)
    right = dict.fromkeys(unit_by_id, 0)
    for item in placements:
        if item.spare:
            spare[item.unit] += 1
        else:
            strength[item.unit] += 1
        right[item.unit] += item.right_specialty
    return tuple(
        UnitReport(
            unit=u,
            establishment=establishment[u],
            spare_target=spare_target_of[u],
            strength=strength[u],
            spare=spare[u],
            shortfall=establishment[u] - strength[u],
            spare_shortfall=spare_target_of[u] - spare[u],
            right_specialty=right[u],
        )
        for u in sorted(unit_by_id)
    )


class _Explainer:
    """Builds each placement's reason in both languages, with the rules it applied."""

    def __init__(self, day: dt.date) -> None:
        self.specialty = book.rule("reserve.placement.specialty", day)
        self.class_order = book.rule("reserve.placement.class_order", day)
        self.area = book.rule("reserve.placement.area", day)
        self.main_first = book.rule("reserve.placement.main_force_first", day)
        self.spare = book.rule("reserve.placement.spare", day)
        self.ages = book.rule("reserve.placement.ages", day)
        rules = (self.specialty, self.class_order, self.area, self.main_first, self.ages)
        self.cites = {False: _cites(*rules), True: _cites(*rules, self.spare)}

    def placement(self, person: Reservist, unit: Unit, group: GroupKey, stage: int) -> Placement:
        right = person.specialty == group.specialty
        own = person.area == unit.area
        spare = stage > 2
        if right:
            cnqs = Text(
                f"Đúng chuyên nghiệp quân sự ({group.specialty})",
                f"Right military specialty ({group.specialty})",
            )
        else:
            cnqs = Text(
                f"Chuyên nghiệp quân sự gần ({person.specialty} cho vị trí {group.specialty})",
                f"Close military specialty ({person.specialty} for a {group.specialty} post)",
            )
        if person.kind is ReservistKind.NCO_SOLDIER and person.reserve_class is not None:
            rank = CLASS_LABELS[person.reserve_class]
            tier = Text(f"hạng {rank.vi.removeprefix('Hạng ')}", rank.en.lower())
        else:
            label = KIND_LABELS[person.kind]
            tier = Text(label.vi[0].lower() + label.vi[1:], label.en.lower())
        area = (
            Text("cùng địa bàn động viên", "from the unit's mobilisation area")
            if own
            else Text("ngoài địa bàn động viên của đơn vị", "from outside the unit's area")
        )
        where = _STAGE_TEXT[stage]
        text = Text(
            f"{cnqs.vi}; {tier.vi}; {area.vi}; ưu tiên {stage}: {where.vi}.",
            f"{cnqs.en}; {tier.en}; {area.en}; priority {stage}: {where.en}.",
        )
        return Placement(
            reservist=person.ident,
            unit=unit.ident,
            specialty=group.specialty,
            spare=spare,
            right_specialty=right,
            own_area=own,
            stage=stage,
            explanation=text,
            citations=self.cites[spare],
        )
