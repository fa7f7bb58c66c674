"""The demo campaign after the split: Kim Động 2025 (handover 13/02/2025).

Receiving units (two army units and the provincial police) and the numbers each takes from
each commune; a few volunteers; the village nomination and the council review of Đức Hợp and
Đồng Thanh; frozen selection lists wherever the registry holds enough examination results
(class 1–3) for the commune's quota; decisions for the official lists; the handover on
13/02/2025; the units' re-examinations (one late); returns; replacements from the standby lists
(within the 15 days, one late, one beyond the 2 % cap).

It runs after the violations demo, whose citizen who refused his call-up is not handed over.
It degrades gracefully: a commune without enough examination results gets no list (so no
standby list and no replacement); the decisions that exist are still handed over. Every step
is idempotent, so a second run adds only what a first run could not (for instance after the
health results have been loaded). All changes go through the services; the times of the
commitment and the freezing are then set to the campaign's calendar (the services stamp the
real time, which for a 2025 demo would read as 2026).

The draws are the same on every build with the same demo seed: a real draw takes a fresh seed
from the operating system (``draw.new_seed``), so the demo replaces each committed seed (and
its commitment) with one derived from the demo seed, the commune and the service
(``draw_seed``); which recruits are returned and replaced, and where, follows from the draws.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from muster.accounts.services import system_actor
from muster.conscription.campaign.models import Campaign, CampaignCommune, Service
from muster.conscription.decisions import services as decisions_services
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover import services as hs
from muster.conscription.handover.models import (
    Handover,
    HandoverPlan,
    ReceivingUnit,
    Recruit,
    ReturnReason,
)
from muster.conscription.selection.models import (
    ReviewKind,
    ReviewStep,
    SelectionList,
    SelectionState,
    Volunteer,
)
from muster.conscription.selection.services import lists as list_services
from muster.conscription.selection.services import review as review_services
from muster.conscription.selection.services import volunteers as volunteer_services
from muster.conscription.violations.models import ViolationCase, ViolationKind
from muster.geo.models import Unit
from muster.health.models import HealthCall, SessionKind
from muster.law.callup import draw
from muster.people.models import Person, Sex

HANDOVER = dt.date(2025, 2, 13)
ISSUED = dt.date(2025, 1, 20)
DELIVERED = dt.date(2025, 1, 24)
#: The district chairman approves each frozen list (Art 34(3), before 1 Jul 2025).
APPROVED = dt.date(2025, 1, 15)
_VN = dt.timezone(dt.timedelta(hours=7))
COMMITTED = dt.datetime(2025, 1, 10, 8, 30, tzinfo=_VN)
FROZEN = dt.datetime(2025, 1, 13, 9, 0, tzinfo=_VN)

#: (code, name, service) of the demo's receiving units.
UNITS = (
    ("QK3-F395", "Sư đoàn 395, Quân khu 3 (dữ liệu mẫu)", Service.ARMY),
    ("QK3-L513", "Lữ đoàn 513, Quân khu 3 (dữ liệu mẫu)", Service.ARMY),
    ("CA-HY", "Công an tỉnh Hưng Yên (dữ liệu mẫu)", Service.POLICE),
)


@dataclass
class Summary:
    lists: int = 0
    decisions: int = 0
    handovers: int = 0
    returns: int = 0
    replacements: int = 0

    def __str__(self) -> str:
        return (
            f"{self.lists} lists frozen, {self.decisions} decisions for them, {self.handovers} "
            f"handover records, {self.returns} returns, {self.replacements} replacements"
        )


def _campaign(units: dict[str, Unit]) -> Campaign | None:
    return (
        Campaign.objects.filter(unit=units["KD"], year=2025, call=1).select_related("unit").first()
    )


def _receiving_units() -> dict[str, ReceivingUnit]:
    found = {u.code: u for u in ReceivingUnit.objects.filter(code__in=[c for c, *_ in UNITS])}
    for code, name, service in UNITS:
        if code not in found:
            found[code] = hs.receiving_unit_create(
                actor=system_actor(), code=code, name=name, service=service, note="Dữ liệu mẫu"
            )
    return found


def _plans(communes: list[CampaignCommune], units: dict[str, ReceivingUnit]) -> None:
    """The division takes two thirds of each commune's army quota (rounded up), the brigade
    the rest; the provincial police takes the police quota."""
    planned = set(HandoverPlan.objects.filter(commune__in=communes).values_list("commune_id"))
    for commune in communes:
        if (commune.pk,) in planned:
            continue
        quotas = {a.service: a.final for a in commune.allocations.all()}
        army = quotas.get(Service.ARMY, 0)
        division = -(-army * 2 // 3)
        for code, number in (
            ("QK3-F395", division),
            ("QK3-L513", army - division),
            ("CA-HY", quotas.get(Service.POLICE, 0)),
        ):
            if number:
                hs.plan_set(
                    actor=system_actor(), commune=commune, receiving_unit=units[code], number=number
                )


def _examined_men(commune: CampaignCommune) -> list[Person]:
    on = commune.campaign.handover_start
    return list(
        Person.objects.filter(
            registration_unit_id=commune.unit_id,
            sex=Sex.MALE,
            date_of_birth__gt=on.replace(year=on.year - 26),
            date_of_birth__lte=on.replace(year=on.year - 18),
            pk__in=HealthCall.objects.filter(
                session__kind=SessionKind.EXAMINATION,
                health_class__lte=3,
                concluded_on__lte=on,
            ).values("person_id"),
        ).order_by("pk")[:40]
    )


def _volunteers(campaign: Campaign, communes: dict[str, CampaignCommune]) -> None:
    if Volunteer.objects.filter(campaign=campaign).exists():
        return
    for key, count in (("DHOP", 2), ("DT", 1)):
        commune = communes.get(key)
        if commune is None:
            continue
        for person in _examined_men(commune)[-count:]:
            try:
                volunteer_services.volunteer_record(
                    actor=system_actor(),
                    campaign=campaign,
                    person=person,
                    service=Service.ARMY,
                    applied_on=dt.date(2024, 12, 16),
                    note="Đơn tình nguyện viết tay, có xác nhận của gia đình",
                )
            except ValidationError:
                continue


def _reviews(communes: dict[str, CampaignCommune]) -> None:
    for key in ("DHOP", "DT"):
        commune = communes.get(key)
        if commune is None or ReviewStep.objects.filter(commune=commune).exists():
            continue
        _plan_rounds(commune)
        village = (
            Unit.objects.filter(parent_id=commune.unit_id).village_level().order_by("path").first()
        )
        if village is not None:
            review_services.review_step_record(
                actor=system_actor(),
                commune=commune,
                kind=ReviewKind.VILLAGE_NOMINATION,
                village=village,
                held_on=dt.date(2025, 1, 4),
                chaired_by=f"Trưởng {village.name}",
                present=46,
                minutes="Hội nghị bình cử công dân nhập ngũ năm 2025; công khai danh sách "
                "công dân đủ điều kiện, lấy ý kiến nhân dân.",
                votes_for=41,
                votes_against=2,
                abstained=3,
            )
        review_services.review_step_record(
            actor=system_actor(),
            commune=commune,
            kind=ReviewKind.COUNCIL_REVIEW,
            round=2,
            held_on=dt.date(2025, 1, 9),
            chaired_by=f"Chủ tịch UBND xã {commune.unit.name}",
            members=11,
            present=10,
            minutes="Hội đồng NVQS xã xét duyệt vòng 2, thông qua danh sách nguồn gọi nhập "
            "ngũ theo kết quả khám sức khỏe và bình cử của các thôn.",
            votes_for=10,
            votes_against=0,
            abstained=0,
        )


def _plan_rounds(commune: CampaignCommune) -> None:
    """The pool review (on the plan's day) and the council's first approval round (a day after
    the plan's, so the demo shows a late step), each with its list from the registry pool."""
    pool = review_services.review_step_record(
        actor=system_actor(),
        commune=commune,
        kind=ReviewKind.POOL_REVIEW,
        held_on=dt.date(2024, 8, 15),
        chaired_by=f"Chỉ huy trưởng Ban CHQS xã {commune.unit.name}",
        present=7,
        minutes="Phúc tra nắm nguồn công dân trong độ tuổi gọi nhập ngũ năm 2025: đối chiếu "
        "sổ đăng ký với thực tế cư trú, học tập, lao động của từng công dân.",
        votes_for=7,
        votes_against=0,
        abstained=0,
    )
    first = review_services.review_step_record(
        actor=system_actor(),
        commune=commune,
        kind=ReviewKind.COUNCIL_REVIEW,
        round=1,
        held_on=dt.date(2024, 8, 30),
        chaired_by=f"Chủ tịch UBND xã {commune.unit.name}",
        members=11,
        present=10,
        minutes="Hội đồng NVQS xã xét duyệt lần 1 nguồn công dân sẵn sàng nhập ngũ năm 2025 "
        "theo kết quả phúc tra.",
        votes_for=9,
        votes_against=1,
        abstained=0,
    )
    for step in (pool, first):
        try:
            review_services.review_list_fill(actor=system_actor(), step=step)
        except ValidationError:
            continue


def draw_seed(seed: int, commune: CampaignCommune, service: str) -> str:
    """The demo's seed for the draw of one commune's list (64 hexadecimal digits)."""
    key = f"muster-demo:{seed}:{commune.campaign.year}:{commune.unit.code}:{service}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _lists(
    communes: list[CampaignCommune],
    by_key: dict[str, CampaignCommune],
    summary: Summary,
    seed: int,
) -> None:
    """Open, commit and freeze a list per commune and service with a quota, and issue its
    decisions; Đức Hợp's and Đồng Thanh's army lists keep 3 standby places (for the
    replacements below), the others the default."""
    wider = {c.pk for c in by_key.values()}
    existing = set(
        SelectionList.objects.filter(commune__in=communes).values_list("commune_id", "service")
    )
    for commune in communes:
        for allocation in commune.allocations.all():
            if allocation.final == 0 or (commune.pk, allocation.service) in existing:
                continue
            try:
                with transaction.atomic():  # a pool short of the quota leaves no list behind
                    opened = list_services.selection_open(
                        actor=system_actor(), commune=commune, service=allocation.service
                    )
                    if commune.pk in wider and allocation.service == Service.ARMY:
                        list_services.selection_set_standby(
                            actor=system_actor(), selection_list=opened, standby=3
                        )
                    list_services.selection_commit(actor=system_actor(), selection_list=opened)
                    fixed = draw_seed(seed, commune, allocation.service)
                    SelectionList.objects.filter(pk=opened.pk).update(
                        seed=fixed, commitment=draw.commit(fixed)
                    )
                    frozen = list_services.selection_freeze(
                        actor=system_actor(), selection_list=opened
                    )
                    SelectionList.objects.filter(pk=frozen.pk).update(
                        committed_at=COMMITTED, frozen_at=FROZEN
                    )
                    frozen = list_services.selection_approve(
                        actor=system_actor(),
                        selection_list=frozen,
                        approved_on=APPROVED,
                        approval_number=f"{len(existing) + summary.lists + 1:02d}/QĐ-UBND",
                    )
            except ValidationError:
                continue  # not enough examination results (see the module docstring)
            summary.lists += 1
            result = list_services.issue_official(
                actor=system_actor(), selection_list=frozen, issued_on=ISSUED
            )
            for decision in result.issued:
                decisions_services.decision_deliver(
                    actor=system_actor(),
                    decision=decision,
                    delivered_on=DELIVERED,
                    delivered_to="Bản thân",
                )
            summary.decisions += len(result.issued)


def _handovers(communes: list[CampaignCommune], units: dict[str, ReceivingUnit]) -> None:
    """Hand over each commune's valid decisions to its units on 13/02/2025, except the
    citizens the violations demo records as not complying with their call-up (they did not
    come)."""
    refusers = ViolationCase.objects.filter(
        kind__in=[ViolationKind.REFUSED_CALLUP, ViolationKind.ABSENT_CALLUP]
    ).values("person_id")
    for commune in communes:
        if Handover.objects.filter(commune=commune).exists():
            continue
        plans = {
            p.receiving_unit_id: p.number
            for p in HandoverPlan.objects.filter(commune=commune, number__gt=0)
        }
        for code, _name, service in UNITS:
            unit = units[code]
            number = plans.get(unit.pk, 0)
            waiting = list(
                CallupDecision.objects.filter(
                    commune=commune,
                    service=service,
                    status=DecisionStatus.VALID,
                    recruit__isnull=True,
                )
                .exclude(person_id__in=refusers)
                .order_by("number")[:number]
            )
            if waiting:
                hs.handover_record(
                    actor=system_actor(),
                    commune=commune,
                    receiving_unit=unit,
                    handed_on=HANDOVER,
                    place="Sân vận động huyện Kim Động",
                    locality_signer="Đặng Văn Tuấn, Chỉ huy trưởng Ban CHQS huyện",
                    unit_signer=f"Đại diện {unit.name.split(' (')[0]}",
                    decisions=waiting,
                    minutes="Lễ giao nhận quân năm 2025 tổ chức trang trọng, an toàn.",
                )


def _after(
    communes: list[CampaignCommune], by_key: dict[str, CampaignCommune], summary: Summary
) -> None:
    """Re-examinations, returns and replacements (only where none is recorded yet)."""
    recruits = list(
        Recruit.objects.filter(handover__commune__in=communes)
        .select_related("handover__commune__unit", "decision")
        .order_by("handover__commune__unit__path", "decision__number")
    )
    if not recruits or any(r.rechecked_on for r in recruits):
        return
    # Which recruits are found unfit, returned and replaced: (commune key, index) → the day.
    unfit = {("DHOP", 0): dt.date(2025, 2, 25), ("DT", 0): dt.date(2025, 3, 4)}
    key_of = {c.pk: k for k, c in by_key.items()}
    by_commune: dict[str, list[Recruit]] = {}
    for recruit in recruits:
        commune = recruit.handover.commune
        by_commune.setdefault(key_of.get(commune.pk, commune.unit.code), []).append(recruit)
    # A third, in the first other commune (by path) whose army list has a standby citizen left
    # (it follows from the draws, which follow from the demo seed).
    for key, items in by_commune.items():
        army = SelectionList.objects.filter(
            commune=items[0].handover.commune, state=SelectionState.FROZEN, service="army"
        ).first()
        if key not in ("DHOP", "DT") and army is not None and hs.standby_next(army) is not None:
            unfit[(key, 0)] = dt.date(2025, 2, 26)
            break
    for key, items in by_commune.items():
        for index, recruit in enumerate(items):
            replaced_on = unfit.get((key, index))
            late = key == "DHOP" and index == 1  # re-examined a day after the 10 days
            hs.recruit_recheck(
                actor=system_actor(),
                recruit=recruit,
                rechecked_on=dt.date(2025, 2, 24 if late else 20),
                fit=replaced_on is None,
                health_class=5 if replaced_on is not None else 2,
                note="Phát hiện bệnh tim (TT 105/2023 Phụ lục I)" if replaced_on else "",
            )
            if replaced_on is None:
                continue
            returned = hs.recruit_return(
                actor=system_actor(),
                recruit=recruit,
                returned_on=dt.date(2025, 2, 22),
                reason_kind=ReturnReason.HEALTH,
                reason="Không đủ sức khỏe khi khám phúc tra: bệnh tim bẩm sinh",
                council_form_ref="Phiếu sức khỏe NVQS số 118/HĐKSK",
                recheck_form_ref=f"Phiếu khám phúc tra số {recruit.decision.number}/PT",
            )
            summary.returns += 1
            try:
                hs.replacement_record(
                    actor=system_actor(), returned=returned, replaced_on=replaced_on
                )
            except ValidationError:
                continue  # no standby list in this commune
            summary.replacements += 1


def load_demo_selection(*, units: dict[str, Unit], seed: int = 0) -> Summary | None:
    """Everything after the split for the demo 2025 campaign (idempotent; None without it)."""
    campaign = _campaign(units)
    if campaign is None:
        return None
    communes = list(
        campaign.communes.select_related("unit", "campaign").prefetch_related("allocations")
    )
    by_key = {k: c for c in communes for k in ("DHOP", "DT") if c.unit_id == units[k].pk}
    summary = Summary()
    receiving = _receiving_units()
    _plans(communes, receiving)
    _volunteers(campaign, by_key)
    _reviews(by_key)
    _lists(communes, by_key, summary, seed)
    _handovers(communes, receiving)
    _after(communes, by_key, summary)
    summary.handovers = Handover.objects.filter(commune__campaign=campaign).count()
    return summary


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the call-up app)."""
    return [f"Demo selection and handover: {load_demo_selection(units=units, seed=seed)}."]
