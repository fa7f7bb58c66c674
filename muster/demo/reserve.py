"""The demo mobilisation reserve (dự bị động viên) of the former Kim Động communes, from the
demo registry (the people and militia steps come first).

* **The 2023 intake comes home.** Men born 2001–2003 whom the call-up never handed over (the
  demo's handover records are of 2025) serve from 15/02/2023 to 14/02/2025, reach home on
  17/02/2025 and are received by their (old) commune the next day; each is registered in the
  reserve on 25/02/2025, within the 15 working days of Law 78/2015 Art 45, his class computed
  by the Art 24 engine from his 24 months (class 1).
* **The register.** Men aged 27–45 on 01/07/2025 who neither serve in the militia nor were
  handed over, about one in five at full scale (some 3,000): a third never served (class 2
  past the call-up age, Art 24(3)), the others served 18–24 months (class 1), classes and
  grounds from the Art 24 engine; a few are reserve officers or professional soldiers. Each
  military specialty (CNQS) is drawn from a small illustrative list (``SPECIALTIES``: the
  codes are the demo's, not the official CNQS codes).
* **The communes of 01/07/2025.** The old communes' registers end on 30/06/2025 (removed on
  01/07/2025: the reorganisation) and continue on the new commune that received the man's
  village, as every reservist of the bulk is registered there from 01/07/2025.
* **Khung B.** Five units of PTKV 1 in the new communes (``UNITS``), established on
  01/08/2025 with their posts; close specialties kept by PTKV 1 (``CLOSE``); and one placement
  of PTKV 1 on 03/11/2025 through the placement service, as the regional officer would run it.

Deterministic from the seed; idempotent (a second run finds the units and does nothing); one
audit event records the load. The fitness of reservists is not in the registry: all are fit.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.conscription.handover.models import Recruit
from muster.demo.people.vocabulary import DEMO_REASON, LAST_DISTRICT_DAY
from muster.geo.models import Unit, UnitChange
from muster.law.ages import age_on
from muster.law.reserve.classes import Served, ServiceFacts, reserve_class
from muster.law.reserve.enums import ReservistKind, Sex
from muster.militia.models import Membership, MembershipStatus
from muster.people.models import Person
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.discharge.services import registration_due
from muster.reserve.models import CloseSpecialty, PlacementRun, ReserveUnit, Reservist, UnitPost
from muster.reserve.payments.models import KhungBAppointment
from muster.reserve.payments.services import appoint
from muster.reserve.placement.models import Placement
from muster.reserve.placement.services import run_placement

REFORM = LAST_DISTRICT_DAY + dt.timedelta(days=1)
INTAKE_2023 = dt.date(2023, 2, 15)
DISCHARGED = dt.date(2025, 2, 14)
HOME = dt.date(2025, 2, 17)
REGISTERED_2023_INTAKE = dt.date(2025, 2, 25)
ESTABLISHED = dt.date(2025, 8, 1)
PLACEMENT_DAY = dt.date(2025, 11, 3)
#: The share of the eligible men put on the register at full scale.
SHARE = 0.2

#: An illustrative list of military specialties (chuyên nghiệp quân sự) and their weight
#: among NCOs and soldiers: the demo's own codes, not the official ones.
SPECIALTIES: dict[str, tuple[str, int]] = {
    "BB": ("Bộ binh", 55),
    "SM": ("Súng máy", 8),
    "CB": ("Công binh", 8),
    "LX": ("Lái xe", 10),
    "TT": ("Thông tin", 2),
    "PK": ("Pháo phòng không", 3),
    "QY": ("Quân y", 1),
    "HH": ("Phòng hóa", 4),
}
#: Close specialties kept by PTKV 1: post specialty → reservist specialties.
CLOSE = {"BB": ("SM", "CB"), "SM": ("BB",), "PK": ("SM",), "LX": ("CB",), "QY": ("HH",)}


@dataclass(frozen=True)
class _UnitPlan:
    commune: str  # the key of the new commune in the fixture
    code: str
    name: str
    role: str
    force: str
    spare: int | None
    posts: tuple[tuple[str, str, int], ...]  # (specialty, kind, count)


UNITS = (
    _UnitPlan(
        "LB25",
        "d1-c1",
        "Đại đội bộ binh 1, Tiểu đoàn 1",
        "combat",
        "main",
        15,
        (("CHBB", "officer", 4), ("BB", "nco_soldier", 78), ("SM", "nco_soldier", 9)),
    ),
    _UnitPlan(
        "DHOP25",
        "d1-c2",
        "Đại đội bộ binh 2, Tiểu đoàn 1",
        "combat",
        "main",
        None,
        (("CHBB", "officer", 4), ("BB", "nco_soldier", 78), ("TT", "nco_soldier", 40)),
    ),
    _UnitPlan(
        "HC25",
        "c12",
        "Đại đội pháo phòng không 12",
        "combat",
        "local",
        12,
        (("PK", "nco_soldier", 60), ("SM", "nco_soldier", 6), ("TT", "nco_soldier", 4)),
    ),
    _UnitPlan(
        "ND25",
        "b-vt",
        "Trung đội vận tải",
        "support",
        "main",
        10,
        (("LX", "nco_soldier", 30), ("LX", "professional", 3), ("CB", "nco_soldier", 6)),
    ),
    _UnitPlan(
        "SN25",
        "b-qy",
        "Trung đội quân y",
        "support",
        "local",
        10,
        (("QY", "professional", 4), ("QY", "nco_soldier", 30), ("HH", "nco_soldier", 6)),
    ),
)


def _successors(villages: set[int]) -> dict[int, Unit]:
    """Old village id → the new commune that received it on 01/07/2025."""
    found: dict[int, Unit] = {}
    rows = UnitChange.objects.filter(
        predecessor_id__in=list(villages), effective_date=REFORM
    ).select_related("successor__parent")
    for change in rows:
        if change.successor.parent is not None:
            found[change.predecessor_id] = change.successor.parent
    return found


def _candidates() -> list[tuple[int, str, dt.date, int | None, int]]:
    """Synthetic men born 1980–2003 (pk, sex, birth, village, old commune), neither serving
    in the militia nor handed over by the call-up, by ID number."""
    busy = set(
        Membership.objects.filter(status=MembershipStatus.SERVING).values_list(
            "person_id", flat=True
        )
    ) | set(Recruit.objects.values_list("decision__person_id", flat=True))
    rows = (
        Person.objects.filter(
            is_synthetic=True,
            sex="M",
            date_of_birth__gte=dt.date(1980, 7, 2),
            date_of_birth__lte=dt.date(2003, 12, 31),
        )
        .order_by("national_id")
        .values_list("pk", "sex", "date_of_birth", "residence_unit_id", "registration_unit_id")
    )
    return [r for r in rows if r[0] not in busy]


def _specialty(rng: random.Random) -> str:
    codes = list(SPECIALTIES)
    return rng.choices(codes, weights=[SPECIALTIES[c][1] for c in codes])[0]


class _Classes:
    """The Art 24 verdicts, computed once per (birth year, months served)."""

    def __init__(self) -> None:
        self.cache: dict[tuple[dt.date, int], tuple[int | None, str, str, bool]] = {}

    def of(self, birth: dt.date, months: int, on: dt.date) -> tuple[int | None, str, str, bool]:
        key = (birth.replace(month=1, day=1) if months else birth, months)
        if key not in self.cache:
            verdict = reserve_class(
                ServiceFacts(
                    sex=Sex.MALE, birth=birth, army_service=Served(months) if months else None
                ),
                on,
            )
            klass = int(verdict.reserve_class) if verdict.reserve_class is not None else None
            self.cache[key] = (
                klass,
                verdict.explanation.vi,
                verdict.explanation.en,
                verdict.confirmed,
            )
        return self.cache[key]


def _reservist(
    person: int,
    holder: Unit | int,
    kind: str,
    klass: tuple[int | None, str, str, bool] | None,
    specialty: str,
    on: dt.date,
    number: int,
    **extra: object,
) -> Reservist:
    name = SPECIALTIES.get(specialty, ("Chỉ huy bộ binh", 0))[0]
    row = Reservist(
        person_id=person,
        kind=kind,
        specialty_code=specialty,
        specialty_name=name,
        registered_on=on,
        certificate_number=f"DBĐV-{number:05d}",
        **extra,
    )
    if isinstance(holder, Unit):
        row.holder = holder
    else:
        row.holder_id = holder
    if klass is not None:
        row.reserve_class, row.class_reason_vi, row.class_reason_en, row.class_confirmed = klass
    return row


@transaction.atomic
def load_demo_reserve(*, units: dict[str, Unit], seed: int, scale: float) -> dict[str, int] | None:
    """Build and write the demo reserve; None when it is there already (or no registry)."""
    communes = {key: units[key] for key in {p.commune for p in UNITS}}
    if ReserveUnit.objects.filter(area__in=communes.values()).exists():
        return None
    if not Person.objects.filter(is_synthetic=True).exists():
        return None
    rng = random.Random(f"reserve-{seed}")
    people = _candidates()
    new_commune = _successors({r[3] for r in people if r[3] is not None})
    classes = _Classes()
    receptions: list[DischargeReception] = []
    old_rows: list[Reservist] = []
    rows: list[Reservist] = []
    number = 0
    intake = [r for r in people if r[2].year >= 2001 and r[3] in new_commune]
    intake = rng.sample(intake, min(len(intake), max(2, round(40 * scale))))
    due, citation = registration_due(HOME)
    for pk, _sex, _birth, _village, old in intake:
        receptions.append(
            DischargeReception(
                person_id=pk,
                holder_id=old,
                service_started_on=INTAKE_2023,
                discharged_on=DISCHARGED,
                arrived_home_on=HOME,
                registration_due_on=due,
                legal_citation=citation,
                received_on=HOME + dt.timedelta(days=1),
            )
        )
    DischargeReception.objects.bulk_create(receptions, batch_size=500)
    served = Served.between(INTAKE_2023, DISCHARGED).months
    for reception, (pk, _sex, birth, village, old) in zip(receptions, intake, strict=True):
        klass = classes.of(birth, served, REGISTERED_2023_INTAKE)
        specialty = _specialty(rng)
        number += 1
        old_rows.append(
            _reservist(
                pk,
                old,
                ReservistKind.NCO_SOLDIER,
                klass,
                specialty,
                REGISTERED_2023_INTAKE,
                number,
                reception=reception,
                removed_on=REFORM,
                removal_reason="Chuyển đăng ký về xã mới (sắp xếp đơn vị hành chính 01/07/2025)",
            )
        )
        assert village is not None
        rows.append(
            _reservist(
                pk,
                new_commune[village],
                ReservistKind.NCO_SOLDIER,
                klass,
                specialty,
                REFORM,
                number,
                reception=reception,
            )
        )
    taken = {r[0] for r in intake}
    for pk, _sex, birth, village, _old in people:
        if pk in taken or village not in new_commune or not 27 <= age_on(birth, REFORM) <= 45:
            continue
        if rng.random() >= SHARE:
            continue
        number += 1
        draw = rng.random()
        if draw < 0.01:
            rows.append(
                _reservist(
                    pk,
                    new_commune[village],
                    ReservistKind.OFFICER,
                    None,
                    "CHBB",
                    REFORM,
                    number,
                    rank="Thiếu úy",
                )
            )
            continue
        if draw < 0.03:
            specialty = rng.choice(("LX", "QY"))
            rows.append(
                _reservist(
                    pk,
                    new_commune[village],
                    ReservistKind.PROFESSIONAL,
                    None,
                    specialty,
                    REFORM,
                    number,
                    rank="Trung sĩ",
                )
            )
            continue
        months = 0 if draw < 0.36 else rng.choice((18, 24, 24, 24))
        klass = classes.of(birth, months, REFORM)
        if klass[0] is None:
            continue
        rows.append(
            _reservist(
                pk,
                new_commune[village],
                ReservistKind.NCO_SOLDIER,
                klass,
                _specialty(rng) if months else rng.choice(("BB", "BB", "CB", "LX", "")),
                REFORM,
                number,
            )
        )
    Reservist.objects.bulk_create(old_rows + rows, batch_size=1000)
    region = units["PTKV1"]
    for plan in UNITS:
        unit = ReserveUnit.objects.create(
            area=communes[plan.commune],
            code=plan.code,
            name=plan.name,
            role=plan.role,
            force=plan.force,
            spare_percent=plan.spare,
            decision=f"QĐ thành lập {ESTABLISHED:%d/%m/%Y}",
            established_on=ESTABLISHED,
        )
        UnitPost.objects.bulk_create(
            UnitPost(
                unit=unit,
                specialty_code=code,
                specialty_name=SPECIALTIES.get(code, ("Chỉ huy bộ binh", 0))[0],
                kind=kind,
                rank="Thiếu úy" if kind == "officer" else "",
                count=count,
            )
            for code, kind, count in plan.posts
        )
    CloseSpecialty.objects.bulk_create(
        CloseSpecialty(area=region, post_specialty=post, reservist_specialty=close)
        for post, closes in CLOSE.items()
        for close in closes
    )
    actor = system_actor()
    record_event(
        actor=actor,
        action="reserve.demo_load",
        obj=region,
        scope_unit=region,
        changes={
            "receptions": [None, len(receptions)],
            "reservists": [None, len(rows)],
            "units": [None, len(UNITS)],
        },
        reason=DEMO_REASON,
    )
    run = run_placement(actor=actor, area=region, day=PLACEMENT_DAY)
    return {
        "receptions": len(receptions),
        "reservists": len(rows),
        "units": len(UNITS),
        "placed": run.placed,
        "refused": run.refused,
        "unplaced": run.unplaced,
    }


#: Khung B cadres of the demo: appointed a week after the placement, so Q4 2025 counts 52 days.
CADRES_DAY = PLACEMENT_DAY + dt.timedelta(days=7)
#: How many units get a cadre (the first, by code).
CADRE_UNITS = 6


def load_demo_cadres() -> int:
    """Appoint, in the first units of the current placement, the first reservist placed (by
    name) as company commander (an officer) or squad leader; nothing when any is there."""
    if KhungBAppointment.objects.exists():
        return 0
    actor = system_actor()
    rows = (
        Placement.objects.filter(run__current=True, unit__ended_on__isnull=True)
        .select_related("unit__area", "reservist__person")
        .order_by("unit__code", "unit_id", "reservist__person__full_name", "pk")
    )
    chosen: dict[int, Placement] = {}
    for row in rows:
        if len(chosen) >= CADRE_UNITS and row.unit_id not in chosen:
            break
        chosen.setdefault(row.unit_id, row)
    for row in chosen.values():
        officer = row.reservist.kind == ReservistKind.OFFICER
        appoint(
            actor=actor,
            unit=row.unit,
            reservist=row.reservist,
            post="company_commander" if officer else "squad_leader",
            appointed_on=CADRES_DAY,
            decision="Quyết định bổ nhiệm (dữ liệu mẫu)",
        )
    return len(chosen)


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the reserve app, after the militia)."""
    started = time.perf_counter()
    loaded = load_demo_reserve(units=units, seed=seed, scale=scale)
    cadres = load_demo_cadres()
    if loaded is None:
        return [f"Demo reserve: {cadres} Khung B cadres appointed."] if cadres else []
    assert PlacementRun.objects.filter(area=units["PTKV1"], current=True).exists()
    return [
        f"Demo reserve: {loaded['receptions']} discharged soldiers of the 2023 intake received, "
        f"{loaded['reservists']} reservists on the registers of 01/07/2025, {loaded['units']} "
        f"Khung B units; placement of 03/11/2025: {loaded['placed']} placed, "
        f"{loaded['refused']} refused, {loaded['unplaced']} without a post; {cadres} Khung B "
        "cadres "
        f"({time.perf_counter() - started:.1f} s)."
    ]
