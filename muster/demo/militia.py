"""The demo militia (dân quân) of Kim Động, before and after the 1 Jul 2025 reform, from the
demo registry (the people step comes first).

Per commune of 30/06/2025: an on-site squad (tiểu đội dân quân tại chỗ) per village and a
mobile platoon (trung đội dân quân cơ động), established on 01/01/2021 (or the day the commune
was formed); members chosen from the commune's registry people aged 18–45 (women to 40), about
1.2–1.5 % of the commune's population drawn at full scale (no unit filled beyond its
establishment), men mostly, Party and Youth Union members more often, a few volunteers; they
joined on the commune chairman's selection days of 2021 to 2025, each with the term of Art 8
(``law.militia.terms``); those whose term ended before the reform completed it. The commune
military command: a commander (with the grassroots military science degree in every other
commune), a political commissar and a deputy commander; a village militia leader per on-site
squad and a leader per mobile platoon.

On 01/07/2025 (Law 98/2025, NQ 1666/NQ-UBTVQH15) the old communes' units, memberships and
appointments end (``ended_on`` is the first day not served, as every militia count reads it)
and continue under the new commune that received the member's village (Ngọc Thanh's split
follows its villages): an on-site squad per village, each old mobile platoon as a platoon of
the new commune, the commander of the commune of the same name as its commander appointed by
the provincial chairman, the other old commanders as deputies. In October 2025 the new
communes select a few more members. Deterministic from the seed; idempotent (a second run
finds the units and does nothing); one audit event records the load.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.demo.militia_year import demo_lines
from muster.demo.people.vocabulary import DEMO_REASON, LAST_DISTRICT_DAY
from muster.demo.people.writer import demo_communes
from muster.geo.models import Unit, UnitChange
from muster.law.ages import age_on
from muster.law.militia.authorities import appointing_authority, deciding_authority
from muster.law.militia.enums import Component, Post
from muster.law.militia.terms import term
from muster.militia.models import Appointment, Membership, MembershipStatus, MilitiaUnit
from muster.people.models import Person

REFORM = LAST_DISTRICT_DAY + dt.timedelta(days=1)
FIRST_DAY = dt.date(2021, 1, 1)
#: The commune chairman's selection decisions (quyết định tuyển chọn) of each year.
SELECTION_DAYS = tuple(dt.date(y, 3, 15) for y in range(2021, 2026))
AFTER_REFORM_SELECTION = dt.date(2025, 10, 1)
SQUAD, PLATOON = 10, 31
LAW_48 = "Luật Dân quân tự vệ 48/2019/QH14"
CITE_TERM = f"Điều 8 {LAW_48}"
CITE_SELECT = f"Điều 10 {LAW_48}"
CITE_ORGANISE = f"Điều 15, 22 {LAW_48}; Luật 98/2025/QH15"
CITE_APPOINT = f"Điều 23 {LAW_48}; Luật 98/2025/QH15"
CITE_REFORM = "Tổ chức lại đơn vị hành chính cấp xã từ 01/07/2025 (NQ 1666/NQ-UBTVQH15)"
#: A commune's share of its population in the force (at full scale), drawn in this range.
RATIO = (0.012, 0.015)


@dataclass
class _Loaded:
    units: list[MilitiaUnit] = field(default_factory=list)
    members: list[Membership] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)


def _authority(decision: str, on: dt.date) -> str:
    return deciding_authority(decision, on).code  # type: ignore[arg-type]


def _appointer(post: Post, on: dt.date) -> str:
    found = appointing_authority(post, on)
    return found.code if found is not None else ""


@dataclass(frozen=True)
class _Citizen:
    """What the builder reads of a registry person (tuples, not model instances: the full
    demo reads some 20,000 of them)."""

    pk: int
    sex: str
    date_of_birth: dt.date
    party_member: bool
    youth_union_member: bool
    residence_unit_id: int | None


def _citizens(**filters: object) -> list[_Citizen]:
    """Synthetic people matching ``filters`` born from 1975 (45 or younger in 2020), by ID."""
    rows = (
        Person.objects.filter(is_synthetic=True, date_of_birth__gte=dt.date(1975, 1, 1), **filters)
        .order_by("national_id")
        .values_list(
            "pk", "sex", "date_of_birth", "party_member", "youth_union_member", "residence_unit_id"
        )
    )
    return [_Citizen(*row) for row in rows]


def _eligible(person: _Citizen, on: dt.date) -> bool:
    high = 45 if person.sex == "M" else 40
    return 18 <= age_on(person.date_of_birth, on) <= high


def _unit(
    *,
    holder: Unit,
    name: str,
    component: Component,
    level: str,
    size: int,
    on: dt.date,
    village: Unit | None = None,
    ends: dt.date | None = None,
) -> MilitiaUnit:
    return MilitiaUnit(
        holder=holder,
        village=village,
        component=component.value,
        level=level,
        name=name,
        establishment=size,
        established_on=on,
        ended_on=ends,
        decision_ref=f"QĐ thành lập {on:%d/%m/%Y}",
        legal_citation=CITE_ORGANISE,
    )


def _pick(rng: random.Random, people: list[_Citizen], n: int) -> list[_Citizen]:
    """``n`` people, men mostly, Party and Youth Union members more often: a weighted draw
    without replacement (each keyed by ``u ** (1 / weight)``, the largest keys win), seeded."""

    def weight(p: _Citizen) -> int:
        return (
            (6 if p.sex == "M" else 1)
            * (3 if p.party_member else 1)
            * (2 if p.youth_union_member else 1)
        )

    keyed = [(rng.random() ** (1 / weight(p)), i) for i, p in enumerate(people)]
    keyed.sort(reverse=True)
    return [people[i] for _key, i in keyed[:n]]


def _successors(villages: Iterable[int]) -> dict[int, Unit]:
    """Old village id → the village it became on 01/07/2025 (its parent is the new commune)."""
    return {
        c.predecessor_id: c.successor
        for c in UnitChange.objects.filter(
            predecessor_id__in=list(villages), effective_date=REFORM
        ).select_related("successor__parent")
    }


def _membership(
    person: int,
    holder: Unit,
    unit: MilitiaUnit,
    joined: dt.date,
    *,
    volunteer: bool,
    term_end: dt.date | None = None,
    decision: str = "",
) -> Membership:
    component = Component(unit.component)
    ends = term_end or term(joined, component).end
    return Membership(
        person_id=person,
        holder=holder,
        component=component.value,
        unit=unit,
        volunteer=volunteer,
        joined_on=joined,
        term_ends_on=ends,
        decision_ref=decision or f"QĐ tuyển chọn {joined:%d/%m/%Y}",
        authority=_authority("selection", joined),
        legal_citation=CITE_SELECT,
    )


def _end(member: Membership, on: dt.date, status: MembershipStatus, reason: str) -> None:
    member.status = status.value
    member.ended_on = on
    member.end_reason = reason


class _Builder:
    def __init__(self, units: dict[str, Unit], seed: int, scale: float) -> None:
        self.units = units
        self.rng = random.Random(seed * 7919 + 17)
        self.scale = scale
        self.out = _Loaded()
        #: (new commune id, unit key) → the unit of the new commune.
        self.new_units: dict[tuple[int, str], MilitiaUnit] = {}
        #: Person id → his residence village (the village decides his commune after 2025).
        self.village_of: dict[int, int | None] = {}

    # ---------------------------------------------------------------- the old communes
    def old_commune(self, index: int, commune: Unit, villages: list[Unit]) -> list[Membership]:
        start = max(FIRST_DAY, commune.valid_from)
        squads = {
            v.pk: _unit(
                holder=commune,
                village=v,
                name=f"Tiểu đội dân quân tại chỗ {v.name}",
                component=Component.ON_SITE,
                level="squad",
                size=SQUAD,
                on=start,
                ends=REFORM,
            )
            for v in villages
        }
        platoon = _unit(
            holder=commune,
            name=f"Trung đội dân quân cơ động {commune.name}",
            component=Component.MOBILE,
            level="platoon",
            size=PLATOON,
            on=start,
            ends=REFORM,
        )
        self.out.units.extend([*squads.values(), platoon])
        days = [d for d in SELECTION_DAYS if d >= start] or [start]
        if start > FIRST_DAY:
            days.insert(0, start)  # members the predecessors had selected, carried over
        people = [
            p
            for p in _citizens(registration_unit=commune)
            if _eligible(p, days[0]) and _eligible(p, LAST_DISTRICT_DAY)
        ]
        wanted = round((commune.population or 0) * self.rng.uniform(*RATIO) * self.scale)
        chosen = _pick(self.rng, people, max(wanted, 3))
        members: list[Membership] = []
        room = {id(u): u.establishment for u in [*squads.values(), platoon]}
        for i, person in enumerate(chosen):
            own = squads.get(person.residence_unit_id or 0)
            options = [platoon, own] if i % 4 == 0 or own is None else [own, platoon]
            joined = self.rng.choice(days)
            member = _membership(
                person.pk,
                commune,
                options[0] or platoon,
                joined,
                volunteer=self.rng.random() < 0.06,
            )
            if member.term_ends_on <= REFORM:
                _end(
                    member,
                    member.term_ends_on + dt.timedelta(days=1),
                    MembershipStatus.COMPLETED,
                    "Hoàn thành nghĩa vụ tham gia Dân quân tự vệ (Điều 13)",
                )
            else:  # a unit is never filled beyond its establishment: a full one takes no one
                unit = next((u for u in options if u is not None and room[id(u)] > 0), None)
                if unit is None:
                    continue
                room[id(unit)] -= 1
                member = _membership(person.pk, commune, unit, joined, volunteer=member.volunteer)
            self.village_of[person.pk] = person.residence_unit_id
            members.append(member)
        self.out.members.extend(members)
        self.command(index, commune, people, chosen, start, ends=REFORM)
        serving = [m for m in members if m.ended_on is None]
        self.leaders(commune, [*squads.values(), platoon], serving, start, ends=REFORM)
        return serving

    def command(
        self,
        index: int,
        commune: Unit,
        people: list[_Citizen],
        taken: list[_Citizen],
        start: dt.date,
        *,
        ends: dt.date | None,
    ) -> None:
        """The commune military command: commander, commissar, deputy commander (people
        aged 30 or more, not members of the force)."""
        used = {p.pk for p in taken}
        senior = [
            p
            for p in people
            if p.pk not in used and p.sex == "M" and age_on(p.date_of_birth, start) >= 30
        ]
        senior.sort(key=lambda p: (not p.party_member, p.date_of_birth))
        for n, post in enumerate((Post.COMMANDER, Post.COMMISSAR, Post.DEPUTY_COMMANDER)):
            if n >= len(senior):
                break
            degree = index % 2 == 0 if post == Post.COMMANDER else self.rng.random() < 0.3
            self.out.appointments.append(
                Appointment(
                    person_id=senior[n].pk,
                    holder=commune,
                    post=post.value,
                    appointed_on=start,
                    decision_ref=f"QĐ bổ nhiệm {start:%d/%m/%Y}",
                    authority=_appointer(post, start),
                    legal_citation=CITE_APPOINT,
                    grassroots_degree=degree,
                    ended_on=ends,
                    end_reason=Appointment.EndReason.OTHER if ends else "",
                    end_decision_ref=CITE_REFORM if ends else "",
                )
            )

    def leaders(
        self,
        commune: Unit,
        units: list[MilitiaUnit],
        serving: list[Membership],
        start: dt.date,
        *,
        ends: dt.date | None,
    ) -> None:
        """A leader for each unit with members: the village militia leader of an on-site
        squad, the platoon leader of a mobile platoon (the first member, by national ID)."""
        for unit in units:
            mine = [m for m in serving if m.unit is unit]
            if not mine:
                continue
            post = (
                Post.VILLAGE_LEADER if unit.component == "on_site" else Post.MOBILE_PLATOON_LEADER
            )
            on = max(start, min(m.joined_on for m in mine))
            self.out.appointments.append(
                Appointment(
                    person_id=mine[0].person_id,
                    holder=commune,
                    unit=unit,
                    post=post.value,
                    appointed_on=on,
                    decision_ref=f"QĐ bổ nhiệm {on:%d/%m/%Y}",
                    authority=_appointer(post, on),
                    legal_citation=CITE_APPOINT,
                    ended_on=ends,
                    end_reason=Appointment.EndReason.OTHER if ends else "",
                    end_decision_ref=CITE_REFORM if ends else "",
                )
            )

    # ---------------------------------------------------------------- after the reform
    def new_unit(self, commune: Unit, key: str, make: dict[str, object]) -> MilitiaUnit:
        found = self.new_units.get((commune.pk, key))
        if found is None:
            found = _unit(holder=commune, on=REFORM, **make)  # type: ignore[arg-type]
            self.new_units[(commune.pk, key)] = found
            self.out.units.append(found)
        return found

    def carry_over(self, serving: list[Membership], old: Unit, successors: dict[int, Unit]) -> None:
        """End the old commune's serving members on 01/07/2025 and continue each under the
        commune that received his village, in the same kind of unit, with the same term."""
        for member in serving:
            village = successors.get(self.village_of.get(member.person_id) or 0)
            if village is None:
                continue
            commune = village.parent
            assert commune is not None
            if member.component == Component.ON_SITE:
                unit = self.new_unit(
                    commune,
                    f"v{village.pk}",
                    {
                        "village": village,
                        "name": f"Tiểu đội dân quân tại chỗ {village.name}",
                        "component": Component.ON_SITE,
                        "level": "squad",
                        "size": SQUAD,
                    },
                )
            else:
                unit = self.new_unit(
                    commune,
                    f"m{old.pk}",
                    {
                        "name": f"Trung đội dân quân cơ động số {self._platoons(commune)} "
                        f"(xã {old.name} cũ)",
                        "component": Component.MOBILE,
                        "level": "platoon",
                        "size": PLATOON,
                    },
                )
            _end(member, REFORM, MembershipStatus.LEFT, CITE_REFORM)
            again = _membership(
                member.person_id,
                commune,
                unit,
                REFORM,
                volunteer=member.volunteer,
                term_end=member.term_ends_on,
                decision=member.decision_ref,
            )
            again.authority = member.authority
            again.legal_citation = f"{CITE_TERM}; {CITE_REFORM}"
            self.out.members.append(again)

    def _platoons(self, commune: Unit) -> int:
        return 1 + sum(1 for (pk, key) in self.new_units if pk == commune.pk and key[0] == "m")

    def new_command(self, olds: list[tuple[int, Unit]]) -> None:
        """Each new commune's command from 01/07/2025: the commander and commissar of the old
        commune of the same name (else the first), the other old commanders as deputies."""
        by_new: dict[int, list[Unit]] = {}
        news: dict[int, Unit] = {}
        for _index, old in olds:
            for new in self.old_to_new.get(old.pk, []):
                by_new.setdefault(new.pk, []).append(old)
                news[new.pk] = new
        old_posts = {(a.holder.pk, a.post): a for a in self.out.appointments if a.unit is None}
        for pk, olds_of in by_new.items():
            new = news[pk]
            first = next((o for o in olds_of if o.name == new.name), olds_of[0])
            for old in olds_of:
                for post in (Post.COMMANDER, Post.COMMISSAR):
                    was = old_posts.get((old.pk, post.value))
                    if was is None or (old is not first and post == Post.COMMISSAR):
                        continue
                    now = post if old is first else Post.DEPUTY_COMMANDER
                    self.out.appointments.append(
                        Appointment(
                            person_id=was.person_id,
                            holder=new,
                            post=now.value,
                            appointed_on=REFORM,
                            decision_ref=f"QĐ bổ nhiệm {REFORM:%d/%m/%Y}",
                            authority=_appointer(now, REFORM),
                            legal_citation=CITE_APPOINT,
                            grassroots_degree=was.grassroots_degree,
                        )
                    )

    def new_leaders(self) -> None:
        members = [m for m in self.out.members if m.ended_on is None and m.joined_on >= REFORM]
        for _key, unit in self.new_units.items():
            mine = [m for m in members if m.unit is unit]
            if mine:
                self.leaders(unit.holder, [unit], mine, REFORM, ends=None)

    def fill(self, new: Unit, people: list[_Citizen]) -> None:
        """October 2025: the new commune selects a few more members for its on-site squads."""
        taken = {m.person_id for m in self.out.members}
        free = [p for p in people if p.pk not in taken and _eligible(p, AFTER_REFORM_SELECTION)]
        squads = [u for (pk, key), u in self.new_units.items() if pk == new.pk and key[0] == "v"]
        serving: dict[int, int] = {}
        for m in self.out.members:
            if m.ended_on is None and m.unit is not None:
                serving[id(m.unit)] = serving.get(id(m.unit), 0) + 1
        for person in _pick(self.rng, free, max(1, round(4 * self.scale))):
            open_ = [u for u in squads if serving.get(id(u), 0) < u.establishment]
            if not open_:
                return
            unit = self.rng.choice(open_)
            serving[id(unit)] = serving.get(id(unit), 0) + 1
            self.out.members.append(
                _membership(person.pk, new, unit, AFTER_REFORM_SELECTION, volunteer=False)
            )

    old_to_new: dict[int, list[Unit]]


def _write(loaded: _Loaded) -> None:
    MilitiaUnit.objects.bulk_create(loaded.units, batch_size=500)
    for member in loaded.members:
        member.unit_id = member.unit.pk if member.unit is not None else None
    Membership.objects.bulk_create(loaded.members, batch_size=500)
    for appointment in loaded.appointments:
        appointment.unit_id = appointment.unit.pk if appointment.unit is not None else None
    Appointment.objects.bulk_create(loaded.appointments, batch_size=500)


@transaction.atomic
def load_demo_militia(*, units: dict[str, Unit], seed: int, scale: float) -> _Loaded | None:
    """Build and write the demo militia; None when it is there already (or no registry)."""
    olds = [(i, units[c.key]) for i, c in enumerate(demo_communes(units))]
    if MilitiaUnit.objects.filter(holder__in=[u for _i, u in olds]).exists():
        return None
    if not Person.objects.filter(is_synthetic=True).exists():
        return None
    builder = _Builder(units, seed, scale)
    village_rows = list(
        Unit.objects.filter(parent__in=[u for _i, u in olds]).village_level().order_by("path")
    )
    successors = _successors(v.pk for v in village_rows)
    builder.old_to_new = {}
    for village in village_rows:
        if village.pk in successors:
            new = successors[village.pk].parent
            assert new is not None and village.parent_id is not None
            listed = builder.old_to_new.setdefault(village.parent_id, [])
            if all(n.pk != new.pk for n in listed):
                listed.append(new)
    for index, old in olds:
        villages = [v for v in village_rows if v.parent_id == old.pk]
        serving = builder.old_commune(index, old, villages)
        builder.carry_over(serving, old, successors)
    builder.new_command(olds)
    builder.new_leaders()
    for new_pk in sorted({n.pk for ns in builder.old_to_new.values() for n in ns}):
        new = Unit.objects.get(pk=new_pk)
        holders = [pk for pk, ns in builder.old_to_new.items() if any(n.pk == new_pk for n in ns)]
        people = _citizens(
            registration_unit_id__in=holders,
            residence_unit__in=[v for v, s in successors.items() if s.parent_id == new_pk],
        )
        builder.fill(new, people)
    _write(builder.out)
    district = units["KD"]
    record_event(
        actor=system_actor(),
        action="militia.demo_load",
        obj=district,
        scope_unit=district,
        changes={
            "units": [None, len(builder.out.units)],
            "members": [None, len(builder.out.members)],
            "appointments": [None, len(builder.out.appointments)],
        },
        reason=DEMO_REASON,
    )
    return builder.out


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the militia app): the units, members and
    commanders, then the year 2025's training, flood drill and strength target
    (``muster.demo.militia_year``)."""
    loaded = load_demo_militia(units=units, seed=seed, scale=scale)
    lines = []
    if loaded is not None:
        serving = sum(1 for m in loaded.members if m.ended_on is None)
        lines.append(
            f"Demo militia: {len(loaded.units)} units, {len(loaded.members)} memberships "
            f"({serving} serving today), {len(loaded.appointments)} appointments, before and "
            "after 01/07/2025."
        )
    return lines + demo_lines(units=units, seed=seed)
