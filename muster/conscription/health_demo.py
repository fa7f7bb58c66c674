"""Demo health screening, examinations and deferral/exemption dossiers of a campaign.

Synthetic and deterministic (one ``random.Random`` per campaign and commune). For each commune
of the campaign, in this order:

1. **Dossiers** (hồ sơ tạm hoãn, miễn): every man of call-up age in whom the eligibility
   engine finds a deferral or exemption ground in the registry (students, 41.1.g, most of all;
   a brother serving, 41.1.d; the child of a sick soldier, 41.1.c or 41.2.c; of a martyr or war
   invalid, 41.2.a–c) gets a granted dossier on that ground, plus a few grounds the registry
   cannot show (sole breadwinner 41.1.b for men with a parent unable to work, standing militia
   41.1.h). Proposed after the pool review, reviewed by the commune council, decided by the
   authority of the decision date (``dossiers_rules.authority_on``: the district chairman
   before 01/07/2025, the provincial chairman from then).
2. **Screening** (sơ tuyển) at the commune health station: the callable men (no definite bar)
   who are not working abroad, about 8.5 per expected recruit, with the day the call reached
   each of them (a few under 15 days: flagged) and the physique measured and scored by
   ``health.scoring``; a few no-shows; a few registration-exempt illnesses (TT 105 App. I
   Part III) found.
3. **Examination** (khám tuyển) by the health council: those who passed screening, about 4 per
   expected recruit ("4 lấy 1", legal-reference.md §2.6), station by station in the order of
   TT 105 Art 8(6), stopping at the first failed standard. Shares follow the Phú Thọ 2026
   figures (legal-reference.md §8): about 41 % fit, classes 1/2/3 about 11/49/40 % of the
   fit, a few temporary (T) classes. Each commune gets at least its expected quota plus a
   standby list of callable men: when the men left are just enough, they are drawn fit.
   Sessions after the demo's "today" have their calls (delivered) but no results yet.
4. **41.1.a** dossiers (not fit per the council) for the men found unfit, once examined.

**Written in bulk, exactly as the services would.** Calling ``health.services`` per citizen
and station (and ``dossiers_services`` three times per dossier) takes minutes at full scale,
so the rows are written with ``bulk_create`` carrying the same fields the services write: the
15-day flag from ``health.rules.notice_is_late``, each station's score from ``health.scoring``
(physique from height, weight and chest; eyes from acuity and refraction), the class, T flag
and decisive indicators from ``scoring.classify``, the conclusion on the session day, BMI and
refraction on the call; dossiers with the ground's citation and the deciding authority from
the rules in force on their dates, after the same checks ``dossier_propose`` makes. Audit: one
event per session created, one per session for its calls and one for its results, and one per
dossier step (propose, review, decide) and commune batch.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.conscription import dossiers_rules
from muster.conscription.campaign_services import definite_bars, pool_verdicts
from muster.conscription.eligibility import Verdict
from muster.conscription.models import Campaign, CampaignCommune, Dossier, DossierState
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.health import rules as health_rules
from muster.health import scoring
from muster.health.models import HealthCall, HealthSession, SessionKind, Station, StationResult
from muster.people.models import FamilyTie, Person, Relation
from muster.people.succession import holding

DEMO_REASON = "synthetic demo data"
ABROAD = frozenset({"Nhật Bản", "Hàn Quốc", "Đài Loan"})
#: Called to screening and to the examination per expected recruit (army + police).
SCREENING_PER_RECRUIT = 8.5
EXAM_PER_RECRUIT = 4.0
NO_SHOW_SCREENING = 0.04
NO_SHOW_EXAM = 0.03
LATE_NOTICE = 0.02
EXEMPT_ILLNESS = 0.006

#: Stations of an examination in the order of TT 105 Art 8(6) (the exam stops at the first
#: failed standard, score 4 or worse).
EXAM_ORDER: tuple[str, ...] = (
    Station.PHYSIQUE,
    Station.SURGERY,
    Station.DERMATOLOGY,
    Station.EYES,
    Station.ENT,
    Station.TEETH,
    Station.INTERNAL,
    Station.NEUROLOGY,
    Station.PSYCHIATRY,
)

#: The worst score found at the stations other than physique, for a man who passed screening.
#: Tuned (tests/conscription/test_health_demo.py) so that with the physique of those who pass
#: screening the classes come out near Phú Thọ 2026: 40.8 % fit; 1 : 2 : 3 = 11 : 49 : 40.
OTHER_WORST: tuple[tuple[int, float], ...] = (
    (1, 0.07),
    (2, 0.195),
    (3, 0.15),
    (4, 0.41),
    (5, 0.12),
    (6, 0.055),
)
#: A finding that can be temporary (T) is so this often: "a few T" (TT 105 Art 9(3)).
TEMPORARY_SHARE = 0.25

#: Findings that decide a score, per station and score: (note, temporary).
FINDINGS: dict[str, dict[int, tuple[tuple[str, bool], ...]]] = {
    Station.SURGERY: {
        2: (("Sẹo mổ cũ, liền tốt", False),),
        3: (("Sẹo lớn vùng bụng", False), ("Bàn chân bẹt nhẹ", False)),
        4: (
            ("Giãn tĩnh mạch thừng tinh trái độ II", False),
            ("Trĩ ngoại", True),
            ("Hẹp bao quy đầu", True),
        ),
        5: (("Thoát vị bẹn phải", True), ("Cong vẹo cột sống", False)),
        6: (("Cụt 2 ngón tay", False),),
    },
    Station.DERMATOLOGY: {
        2: (("Sẹo trứng cá", False),),
        3: (("Hình xăm nhỏ ở vai", False),),
        4: (("Nấm da lan rộng", True), ("Viêm da cơ địa", True), ("Hình xăm lớn ở lưng", False)),
        5: (("Vảy nến", False),),
    },
    Station.ENT: {
        2: (("Viêm mũi nhẹ", False),),
        3: (("Viêm amidan mạn", False), ("Lệch vách ngăn mũi", False)),
        4: (("Viêm mũi xoang mạn", False), ("Viêm tai giữa", True)),
        5: (("Thủng màng nhĩ", False),),
        6: (("Nghe kém hai tai", False),),
    },
    Station.TEETH: {
        2: (("Sâu 2 răng", False),),
        3: (("Sâu 4 răng, viêm lợi", False),),
        4: (("Sâu nhiều răng, mất 3 răng hàm", True), ("Lệch khớp cắn", False)),
        5: (("Mất nhiều răng hàm", False),),
    },
    Station.INTERNAL: {
        2: (("Nhịp tim 88 lần/phút", False),),
        3: (("Huyết áp 135/85 mmHg", False),),
        4: (("Tăng huyết áp độ 1", False), ("Viêm gan B (HBsAg dương tính)", False)),
        5: (("Viêm gan B mạn", False), ("Hen phế quản", False)),
        6: (("Bệnh tim bẩm sinh", False),),
    },
    Station.NEUROLOGY: {
        2: (("Run tay nhẹ", False),),
        4: (("Đau đầu mạn tính", False),),
        5: (("Di chứng chấn thương sọ não", False),),
    },
    Station.PSYCHIATRY: {
        4: (("Rối loạn lo âu", False),),
        6: (("Rối loạn tâm thần", False),),
    },
}
#: Where a score above 1 is found (weights), per score; eyes are measured (see ``_eyes``).
DECISIVE: dict[int, tuple[tuple[str, float], ...]] = {
    2: ((Station.TEETH, 4), (Station.EYES, 3), (Station.ENT, 2), (Station.SURGERY, 1),
        (Station.DERMATOLOGY, 1), (Station.INTERNAL, 1)),
    3: ((Station.EYES, 3), (Station.TEETH, 3), (Station.ENT, 2), (Station.INTERNAL, 2),
        (Station.SURGERY, 1), (Station.DERMATOLOGY, 1)),
    4: ((Station.TEETH, 4), (Station.EYES, 4), (Station.SURGERY, 3), (Station.ENT, 2),
        (Station.INTERNAL, 3), (Station.DERMATOLOGY, 2), (Station.NEUROLOGY, 0.5),
        (Station.PSYCHIATRY, 0.3)),
    5: ((Station.EYES, 4), (Station.INTERNAL, 2), (Station.SURGERY, 2), (Station.ENT, 1),
        (Station.TEETH, 1), (Station.DERMATOLOGY, 0.5), (Station.NEUROLOGY, 0.5)),
    6: ((Station.EYES, 4), (Station.INTERNAL, 1), (Station.ENT, 0.5), (Station.PSYCHIATRY, 0.5),
        (Station.SURGERY, 0.5)),
}  # fmt: skip
#: Registration-exempt illnesses found at screening (TT 105 App. I Part III), with the note.
EXEMPT_FOUND: tuple[tuple[str, str], ...] = (
    ("F20", "Tâm thần phân liệt, đang điều trị"),
    ("G40", "Động kinh"),
    ("H54.4", "Mù mắt trái"),
    ("KT", "Khuyết tật vận động nặng"),
)


# --------------------------------------------------------------------------- pure part


@dataclass(frozen=True)
class Body:
    height_cm: Decimal
    weight_kg: Decimal
    chest_cm: Decimal


@dataclass(frozen=True)
class StationPlan:
    """One station's finding as the examiner enters it, with the score ``scoring`` gives."""

    station: str
    score: int
    temporary: bool = False
    note: str = ""
    exempt_icd: str = ""
    fields: dict[str, object] = field(default_factory=dict)


def _half(value: float) -> Decimal:
    return Decimal(round(value * 2) / 2).quantize(Decimal("0.1"))


def draw_body(rng: random.Random) -> Body:
    """A man of 18–25 of the Red River delta: height about 167.5 ± 5.8 cm, BMI about 21 ± 2.8."""
    height = rng.gauss(167.5, 5.8)
    bmi = min(max(rng.gauss(21.0, 2.8), 15.5), 34.0)
    weight = bmi * (height / 100) ** 2
    chest = 62.0 + 1.0 * bmi + rng.gauss(0, 2.8)
    return Body(_half(height), _half(weight), _half(chest))


def remeasure(body: Body, rng: random.Random) -> Body:
    """The council measures again: the same man, a few hundred grams and millimetres apart."""
    return Body(
        _half(float(body.height_cm) + rng.uniform(-0.5, 0.5)),
        _half(float(body.weight_kg) + rng.uniform(-1.0, 1.0)),
        body.chest_cm,
    )


def physique_plan(body: Body) -> StationPlan:
    result = scoring.physique(
        "male", float(body.height_cm), float(body.weight_kg), float(body.chest_cm)
    )
    return StationPlan(
        station=Station.PHYSIQUE,
        score=result.score.value,
        fields={
            "height_cm": body.height_cm,
            "weight_kg": body.weight_kg,
            "chest_cm": body.chest_cm,
            "bmi": result.bmi_value.quantize(Decimal("0.01")),
        },
    )


#: Eye examinations that score 1–6 (``scoring.vision_score`` decides; tests check the score).
EYES: dict[int, tuple[scoring.VisionExam, ...]] = {
    1: (scoring.VisionExam(right=10, left=10),),
    2: (
        scoring.VisionExam(right=10, left=8),
        scoring.VisionExam(right=8, left=8, right_corrected=10, left_corrected=10, myopia=1.0),
        scoring.VisionExam(right=9, left=9, right_corrected=10, left_corrected=10, myopia=0.75),
        scoring.VisionExam(right=10, left=10, astigmatism=0.5),
    ),
    3: (
        scoring.VisionExam(right=9, left=8),
        scoring.VisionExam(right=10, left=10, astigmatism=1.25),
        scoring.VisionExam(right=7, left=7, right_corrected=10, left_corrected=8, myopia=1.25),
    ),
    4: (
        scoring.VisionExam(right=8, left=8),
        scoring.VisionExam(right=4, left=4, right_corrected=9, left_corrected=9, myopia=3.25),
    ),
    5: (scoring.VisionExam(right=3, left=3, right_corrected=9, left_corrected=8, myopia=4.5),),
    6: (scoring.VisionExam(right=2, left=1, right_corrected=8, left_corrected=8, myopia=5.5),),
}
#: Myopia above 1.5 D in a man otherwise fit: class 2 by the table, barred from call-up by
#: TT 68/2025 from 01/07/2025 (and in class 3 before); a few, to show the dated rule.
MYOPIC_FIT = scoring.VisionExam(right=6, left=6, right_corrected=10, left_corrected=10, myopia=2.0)
_NOTES = {4: "Cận thị", 5: "Cận thị nặng", 6: "Cận thị rất nặng"}


def _eyes(score: int, rng: random.Random, *, myopic: bool = False) -> StationPlan:
    exam = MYOPIC_FIT if myopic else rng.choice(EYES[score])
    value = scoring.vision_score(exam)
    return StationPlan(
        station=Station.EYES,
        score=value.value,
        note=f"{_NOTES.get(value.value, 'Cận thị')} {exam.myopia:g} D" if exam.myopia else "",
        fields={
            "right_eye": exam.right,
            "left_eye": exam.left,
            "right_corrected": exam.right_corrected,
            "left_corrected": exam.left_corrected,
            "myopia": Decimal(str(exam.myopia)),
            "myopia_operated": False,
            "hyperopia": Decimal(0),
            "astigmatism": Decimal(str(exam.astigmatism)),
        },
    )


def _pick(rng: random.Random, pairs: Sequence[tuple[object, float]]) -> object:
    total = sum(w for _item, w in pairs)
    draw = rng.random() * total
    for item, weight in pairs:
        draw -= weight
        if draw < 0:
            return item
    return pairs[-1][0]


def _other(station: str, score: int, rng: random.Random) -> StationPlan:
    if station == Station.EYES:
        return _eyes(score, rng)
    findings = FINDINGS.get(station, {}).get(score)
    if not findings:
        return StationPlan(station=station, score=score)
    note, temporary = rng.choice(findings)
    temporary = temporary and rng.random() < TEMPORARY_SHARE
    return StationPlan(
        station=station,
        score=score,
        temporary=temporary,
        note=f"{note} (tạm thời)" if temporary else note,
    )


def exam_plan(
    body: Body, rng: random.Random, *, fit: bool = False, myopic_share: float = 0.04
) -> tuple[StationPlan, ...]:
    """The stations of one examination, in order, up to the first failed standard.

    ``fit`` draws a man fit for service (used when a commune's remaining men are just enough
    for its quota and standby list): his physique and eyes are clean and his worst score is 1–3.
    """
    physique = physique_plan(body)
    if fit and physique.score > 3:
        physique = physique_plan(Body(Decimal("168.0"), Decimal("60.0"), Decimal("85.0")))
    if fit:
        worst = int(str(_pick(rng, [(1, 0.11), (2, 0.49), (3, 0.40)])))
    else:
        worst = int(str(_pick(rng, OTHER_WORST)))
    decisive = str(_pick(rng, DECISIVE[worst])) if worst > 1 else ""
    plans: list[StationPlan] = [physique]
    if physique.score >= 4:
        return tuple(plans)
    myopic = not fit and worst <= 3 and rng.random() < myopic_share
    for station in EXAM_ORDER[1:]:
        if station == decisive:
            plan = _other(station, worst, rng)
        elif station == Station.EYES and myopic:
            plan = _eyes(2, rng, myopic=True)
        else:
            low = 2 if worst >= 2 and rng.random() < 0.25 else 1
            plan = (
                _other(station, min(low, worst), rng)
                if station == Station.EYES
                else (StationPlan(station=station, score=min(low, worst)))
            )
        plans.append(plan)
        if plan.score >= 4:
            break
    return tuple(plans)


def screening_plan(
    body: Body, rng: random.Random, *, exempt_share: float = EXEMPT_ILLNESS
) -> StationPlan:
    """The commune health station's screening: physique measured, history taken."""
    plan = physique_plan(body)
    if rng.random() < exempt_share:
        icd, note = rng.choice(EXEMPT_FOUND)
        return StationPlan(
            station=plan.station, score=plan.score, note=note, exempt_icd=icd, fields=plan.fields
        )
    note = "" if plan.score <= 3 else "Thể lực không đạt"
    return StationPlan(station=plan.station, score=plan.score, note=note, fields=plan.fields)


def classify(plans: Sequence[StationPlan]) -> scoring.HealthClass:
    return scoring.classify(scoring.Score(p.station, p.score, temporary=p.temporary) for p in plans)


def likely_callable(plans: Sequence[StationPlan]) -> bool:
    """Fit (1–3, not T) with BMI 18.5–29.9 and myopia at most 1.5 D: callable on any day's
    rules (the engine judges; this is the loader's conservative count for the quota)."""
    health = classify(plans)
    if health.value > 3 or health.temporary:
        return False
    by_station = {p.station: p for p in plans}
    bmi = by_station[Station.PHYSIQUE].fields["bmi"]
    eyes = by_station.get(Station.EYES)
    myopia = eyes.fields["myopia"] if eyes is not None else Decimal(0)
    assert isinstance(bmi, Decimal) and isinstance(myopia, Decimal)
    return Decimal("18.5") <= bmi <= Decimal("29.9") and myopia <= Decimal("1.5")


# --------------------------------------------------------------------------- grounds


@dataclass(frozen=True)
class Ground:
    code: str
    evidence: str
    end_date: dt.date | None = None


_RELATION_VI: dict[str, str] = {
    Relation.FATHER: "bố",
    Relation.MOTHER: "mẹ",
    Relation.BROTHER: "anh/em trai",
}


def _relation_vi(relation: str) -> str:
    return _RELATION_VI.get(relation, "người thân")


def _ties(person: Person) -> list[FamilyTie]:
    """The ties ``campaign_services.pool_people`` prefetched (or read them)."""
    ties: list[FamilyTie] | None = getattr(person, "pool_ties", None)
    return list(person.family_ties.all()) if ties is None else ties


def registry_ground(
    person: Person, verdict: Verdict, handover: dt.date, proposed_on: dt.date
) -> Ground | None:
    """The Art 41 ground the engine finds in the registry (exemptions first), with the
    evidence a commune would attach and the day the ground ends.

    None when no dossier can be proposed on ``proposed_on``: a study whose end the registry
    dates before it (the registry, written in January 2025, still says "studying"), or a pupil
    whose cohort left school before it."""
    codes = [r.code for r in verdict.exemptions] + [r.code for r in verdict.deferrals]
    if not codes:
        return None
    ground = _registry_ground(codes[0], person, handover)
    if ground is None or (ground.end_date is not None and ground.end_date <= proposed_on):
        return None
    return ground


def _registry_ground(code: str, person: Person, handover: dt.date) -> Ground | None:
    ties = _ties(person)
    if code == "41.1.g":
        if person.in_school:
            # Cohorts go by birth year: born 2007, grade 12 in 2024–2025 (2006 if repeating).
            if person.date_of_birth.year + 19 < handover.year:
                return None
            school = person.workplace or "trường THPT"
            return Ground(
                code,
                f"Giấy xác nhận học sinh lớp 12 năm học {handover.year - 1}–{handover.year} "
                f"của {school}",
                dt.date(handover.year, 5, 31),
            )
        if person.study_end_date is None:
            return None
        return Ground(
            code,
            f"Giấy xác nhận sinh viên hệ chính quy ({person.field_of_study}) của "
            f"{person.workplace or 'nhà trường'}, dự kiến tốt nghiệp "
            f"{person.study_end_date:%d/%m/%Y}",
            person.study_end_date,
        )
    if code == "41.1.d":
        brother = next((t for t in ties if t.serving_as_soldier), None)
        name = brother.relative_name if brother else ""
        return Ground(
            code,
            f"Giấy xác nhận của đơn vị: anh/em ruột {name} đang phục vụ tại ngũ",
            dt.date(handover.year + 1, 2, 28),
        )
    if code in ("41.1.c", "41.2.c"):
        sick = next((t for t in ties if t.sick_soldier_loss_pct is not None), None)
        invalid = next((t for t in ties if t.war_invalid_class == 2), None)
        if invalid is not None and code == "41.2.c":
            return Ground(
                code,
                f"Giấy chứng nhận thương binh hạng 2 của {_relation_vi(invalid.relation)} "
                f"{invalid.relative_name}",
            )
        loss = sick.sick_soldier_loss_pct if sick else None
        who = f"{_relation_vi(sick.relation)} {sick.relative_name}" if sick else ""
        return Ground(
            code,
            f"Quyết định hưởng chế độ bệnh binh của {who}, suy giảm khả năng lao động "
            f"{loss} %; xác nhận của UBND xã là con duy nhất được xét",
        )
    if code == "41.2.a":
        tie = next((t for t in ties if t.is_martyr or t.war_invalid_class == 1), None)
        what = (
            "Bằng Tổ quốc ghi công liệt sĩ"
            if tie and tie.is_martyr
            else ("Giấy chứng nhận thương binh hạng 1")
        )
        who = f"{_relation_vi(tie.relation)} {tie.relative_name}" if tie else ""
        return Ground(code, f"{what} của {who}")
    if code == "41.2.b":
        tie = next((t for t in ties if t.is_martyr), None)
        return Ground(
            code, f"Bằng Tổ quốc ghi công liệt sĩ {tie.relative_name if tie else ''} (anh/em ruột)"
        )
    return None


def extra_ground(
    person: Person, rng: random.Random, proposed_on: dt.date, handover: dt.date
) -> Ground | None:
    """Grounds the registry cannot show, for a few otherwise callable men."""
    ties = _ties(person)
    unable = next((t for t in ties if not t.able_to_work), None)
    if unable is not None and rng.random() < 0.5:
        return Ground(
            "41.1.b",
            f"Xác nhận của UBND xã: lao động duy nhất trực tiếp nuôi "
            f"{_relation_vi(unable.relation)} {unable.relative_name} hết khả năng lao động",
        )
    if rng.random() < 0.004:
        return Ground(
            "41.1.h",
            "Quyết định của Chủ tịch UBND xã về việc tham gia dân quân thường trực",
            dt.date(proposed_on.year + 2, proposed_on.month, 1),
        )
    return None


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class DossierRound:
    """One round of dossiers: proposed, reviewed by the commune council, decided (or not yet)."""

    proposed_on: dt.date
    reviewed_on: dt.date | None
    decided_on: dt.date | None
    decision_number: str


@dataclass(frozen=True)
class HealthCalendar:
    """Where and when the campaign's screening and examinations are held."""

    #: Commune unit code → screening days (commune health station).
    screening: dict[str, tuple[dt.date, ...]]
    #: Commune unit code → examination days (health council).
    exams: dict[str, tuple[dt.date, ...]]
    exam_unit: Unit
    council_body: str
    council_place: str
    grounds_round: DossierRound
    unfit_round: DossierRound
    #: Commune unit code → its own round of registry grounds (communes formed later).
    grounds_rounds: dict[str, DossierRound] = field(default_factory=dict)
    #: Sessions after this day are scheduled: calls delivered, no results yet.
    today: dt.date | None = None
    session_note: str = ""


@dataclass
class HealthSummary:
    sessions: int = 0
    screened: int = 0
    called_to_exam: int = 0
    examined: int = 0
    classes: Counter[int] = field(default_factory=Counter)
    temporary: int = 0
    late: int = 0
    dossiers: Counter[str] = field(default_factory=Counter)
    #: Commune unit code → men callable before the examinations (after the dossiers).
    pools: dict[str, int] = field(default_factory=dict)
    #: Commune unit code → men examined and found callable (the loader's count).
    callable: dict[str, int] = field(default_factory=dict)

    def line(self, label: str) -> str:
        fit = sum(self.classes[k] for k in (1, 2, 3))
        share = f"{100 * fit / self.examined:.1f}".replace(".", ",") if self.examined else "0"
        classes = "/".join(str(self.classes[k]) for k in range(1, 7))
        return (
            f"{label}: {self.sessions} sessions, {self.screened} screened, "
            f"{self.examined} of {self.called_to_exam} called examined (classes 1–6: {classes}; "
            f"{share} % fit; {self.temporary} T), {self.late} late notices, "
            f"{sum(self.dossiers.values())} dossiers."
        )


# --------------------------------------------------------------------------- writer


@dataclass
class _CallRow:
    person: Person
    notified_on: dt.date
    plans: tuple[StationPlan, ...]


@dataclass
class _SessionRows:
    session: HealthSession
    calls: list[_CallRow] = field(default_factory=list)


def _decimal(plan: StationPlan, name: str) -> Decimal:
    value = plan.fields[name]
    assert isinstance(value, Decimal)
    return value


def _notified(session_day: dt.date, rng: random.Random, *, late: bool) -> dt.date:
    days = rng.randint(10, 14) if late else rng.randint(16, 22)
    return session_day - dt.timedelta(days=days)


def _make_session(
    *, kind: str, unit: Unit, date: dt.date, place: str, body: str, note: str
) -> HealthSession:
    """The checks of ``health.services.session_create``, then the row and its audit event."""
    if kind == SessionKind.SCREENING and unit.kind not in COMMUNE_LEVEL_KINDS:
        raise ValueError("screening is organised by a commune-level unit")
    if not unit.is_valid_on(date):
        raise ValueError(f"{unit} did not exist on {date}")
    session = HealthSession.objects.create(
        kind=kind, unit=unit, date=date, place=place, body=body, note=note
    )
    record_event(
        actor=system_actor(),
        action="health.session_create",
        obj=session,
        scope_unit=unit,
        changes={"kind": kind, "date": date.isoformat(), "place": place},
        reason=DEMO_REASON,
    )
    return session


def _write_session(rows: _SessionRows, *, held: bool, summary: HealthSummary) -> None:
    """Bulk-write the calls and results of one session, as ``call_citizens`` and
    ``record_station_result`` would, with one audit event for each."""
    session = rows.session
    calls: list[HealthCall] = []
    results: list[list[StationResult]] = []
    classes: Counter[str] = Counter()
    late_count = 0
    for row in rows.calls:
        late = health_rules.notice_is_late(row.notified_on, session.date)
        late_count += late
        call = HealthCall(
            session=session, person=row.person, notified_on=row.notified_on, notice_late=late
        )
        plans = row.plans if held else ()
        if plans:
            health = classify(plans)
            by_station = {p.station: p for p in plans}
            physique = by_station.get(Station.PHYSIQUE)
            eyes = by_station.get(Station.EYES)
            call.health_class = health.value
            call.class_temporary = health.temporary
            call.decisive = ",".join(health.decisive)
            call.concluded_on = session.date
            call.bmi = _decimal(physique, "bmi") if physique else None
            call.myopia = _decimal(eyes, "myopia") if eyes else Decimal(0)
            call.hyperopia = _decimal(eyes, "hyperopia") if eyes else Decimal(0)
            call.exempt_icd = next((p.exempt_icd for p in plans if p.exempt_icd), "")
            classes[call.class_label] += 1
        calls.append(call)
        results.append(
            [
                StationResult(
                    station=p.station,
                    score=p.score,
                    temporary=p.temporary,
                    note=p.note,
                    exempt_icd=p.exempt_icd,
                    **p.fields,
                )
                for p in plans
            ]
        )
    HealthCall.objects.bulk_create(calls, batch_size=500)
    station_rows: list[StationResult] = []
    for call, call_results in zip(calls, results, strict=True):
        for result in call_results:
            result.call = call
            station_rows.append(result)
    StationResult.objects.bulk_create(station_rows, batch_size=500)
    record_event(
        actor=system_actor(),
        action="health.call",
        obj=session,
        scope_unit=session.unit,
        changes={"called": len(calls), "notice_late": late_count},
        reason=DEMO_REASON,
    )
    if station_rows:
        record_event(
            actor=system_actor(),
            action="health.result",
            obj=session,
            scope_unit=session.unit,
            changes={"results": len(station_rows), "classes": dict(sorted(classes.items()))},
            reason=DEMO_REASON,
        )
    summary.late += late_count
    if session.kind == SessionKind.SCREENING:
        summary.screened += len(calls)
        return
    summary.called_to_exam += len(calls)
    for call in calls:
        if call.health_class is not None:
            summary.examined += 1
            summary.classes[call.health_class] += 1
            summary.temporary += call.class_temporary


def _check_ground(ground: Ground, proposed_on: dt.date) -> str:
    """The checks of ``dossier_propose``; returns the ground's citation."""
    found = dossiers_rules.ground_rule(ground.code, proposed_on)
    if found is None:
        raise ValueError(f"{ground.code} is not a ground on {proposed_on}")
    if ground.code in dossiers_rules.EXEMPTION_GROUNDS and ground.end_date is not None:
        raise ValueError("an exemption has no end date")
    if ground.code in dossiers_rules.END_REQUIRED and ground.end_date is None:
        raise ValueError(f"{ground.code} needs its end date")
    if ground.end_date is not None and ground.end_date <= proposed_on:
        raise ValueError("the ground must end after the proposal")
    return "; ".join(c.label for c in found.citations)[:255]


def write_dossiers(
    *,
    unit: Unit,
    commune_name: str,
    grounds: Sequence[tuple[Person, Ground]],
    round_: DossierRound,
    rng: random.Random,
) -> list[Dossier]:
    """Bulk-write one commune's dossiers of one round (granted when the round is decided)."""
    if not grounds:
        return []
    authority = citation = ""
    if round_.decided_on is not None:
        authority, citation = dossiers_rules.authority_on(round_.decided_on)
    members = rng.randint(9, 13)
    rows: list[Dossier] = []
    for person, ground in grounds:
        kind = dossiers_rules.kind_of(ground.code)
        dossier = Dossier(
            person=person,
            kind=kind,
            ground=ground.code,
            ground_citation=_check_ground(ground, round_.proposed_on),
            proposed_on=round_.proposed_on,
            evidence=ground.evidence,
            end_date=ground.end_date,
        )
        if round_.reviewed_on is not None:
            against = 1 if rng.random() < 0.05 else 0
            dossier.state = DossierState.REVIEWED
            dossier.reviewed_on = round_.reviewed_on
            dossier.votes_for = members - against
            dossier.votes_against = against
            dossier.minutes = (
                f"Hội đồng NVQS xã {commune_name} họp ngày {round_.reviewed_on:%d/%m/%Y}, "
                f"{members}/{members} thành viên có mặt, biểu quyết đề nghị "
                f"{'miễn' if kind == 'exemption' else 'tạm hoãn'} gọi nhập ngũ."
            )
        if round_.decided_on is not None:
            dossier.state = DossierState.GRANTED
            dossier.decision_number = round_.decision_number
            dossier.decision_date = round_.decided_on
            dossier.authority = authority
            dossier.authority_citation = citation[:255]
        rows.append(dossier)
    Dossier.objects.bulk_create(rows, batch_size=500)
    grounds_count = dict(sorted(Counter(d.ground for d in rows).items()))
    steps: list[tuple[str, dict[str, object]]] = [
        ("dossier.propose", {"dossiers": len(rows), "grounds": grounds_count,
                             "proposed_on": round_.proposed_on.isoformat()}),
    ]  # fmt: skip
    if round_.reviewed_on is not None:
        steps.append(("dossier.review", {"reviewed_on": round_.reviewed_on.isoformat()}))
    if round_.decided_on is not None:
        steps.append(
            (
                "dossier.decide",
                {
                    "granted": True,
                    "decision_number": round_.decision_number,
                    "decision_date": round_.decided_on.isoformat(),
                    "authority": authority,
                },
            )
        )
    for action, changes in steps:
        record_event(
            actor=system_actor(),
            action=action,
            obj=unit,
            scope_unit=unit,
            changes=changes,
            reason=DEMO_REASON,
        )
    return rows


@dataclass
class _Commune:
    commune: CampaignCommune
    rng: random.Random
    candidates: list[Person]
    expected: float = 0.0
    flag_late: bool = False
    sessions: list[tuple[_SessionRows, bool]] = field(default_factory=list)


def _open_grounds(person: Person) -> set[str]:
    """Grounds on which ``person`` has an open dossier (proposed, reviewed or granted): the
    database allows one open dossier per person and ground."""
    dossiers: list[Dossier] | None = getattr(person, "pool_dossiers", None)
    return {
        d.ground
        for d in (person.dossiers.all() if dossiers is None else dossiers)
        if d.state in (DossierState.PROPOSED, DossierState.REVIEWED, DossierState.GRANTED)
    }


def load_campaign_health(
    *,
    campaign: Campaign,
    calendar: HealthCalendar,
    recruits: int,
    seed: int,
) -> HealthSummary:
    """Write the dossiers, screening and examinations of ``campaign`` (see the module doc).

    ``recruits`` is the army + police quota expected for the whole campaign: each commune is
    screened and examined in proportion to its callable pool."""
    summary = HealthSummary()
    handover = campaign.handover_start
    with transaction.atomic():
        communes: list[_Commune] = []
        for index, commune in enumerate(
            campaign.communes.select_related("unit").order_by("unit__path")
        ):
            unit = commune.unit
            rng = random.Random(f"{seed}:{campaign.year}:{unit.code}")
            round_ = calendar.grounds_rounds.get(unit.code, calendar.grounds_round)
            grounds: list[tuple[Person, Ground]] = []
            candidates: list[Person] = []
            for person, verdict in pool_verdicts(unit, handover):
                if verdict is None:
                    continue
                if verdict.deferrals or verdict.exemptions:
                    ground = registry_ground(person, verdict, handover, round_.proposed_on)
                    if ground is not None and ground.code not in _open_grounds(person):
                        grounds.append((person, ground))
                    continue
                if definite_bars(verdict):
                    continue
                extra = extra_ground(person, rng, round_.proposed_on, handover)
                if extra is not None and extra.code not in _open_grounds(person):
                    grounds.append((person, extra))
                    continue
                if person.workplace in ABROAD:
                    continue
                candidates.append(person)
            written = write_dossiers(
                unit=unit,
                commune_name=unit.name,
                grounds=grounds,
                round_=round_,
                rng=rng,
            )
            summary.dossiers.update(d.ground for d in written)
            rng.shuffle(candidates)
            summary.pools[unit.code] = len(candidates)
            communes.append(
                _Commune(commune=commune, rng=rng, candidates=candidates, flag_late=index % 3 == 0)
            )
        total_pool = sum(len(c.candidates) for c in communes) or 1
        for c in communes:
            c.expected = recruits * len(c.candidates) / total_pool
            c.sessions = _commune_sessions(c, calendar, summary)
            for rows, held in c.sessions:
                _write_session(rows, held=held, summary=summary)
            summary.sessions += len(c.sessions)
            # 41.1.a: the men the council found unfit (class 4–6, with or without T).
            unfit: list[tuple[Person, Ground]] = []
            for rows, held in c.sessions:
                if rows.session.kind != SessionKind.EXAMINATION or not held:
                    continue
                for row in rows.calls:
                    if not row.plans or "41.1.a" in _open_grounds(row.person):
                        continue
                    health = classify(row.plans)
                    if health.value < 4:
                        continue
                    unfit.append(
                        (
                            row.person,
                            Ground(
                                "41.1.a",
                                f"Kết luận của Hội đồng khám sức khỏe ngày "
                                f"{rows.session.date:%d/%m/%Y}: loại {health}",
                                dt.date(handover.year, 11, 1),
                            ),
                        )
                    )
            written = write_dossiers(
                unit=c.commune.unit,
                commune_name=c.commune.unit.name,
                grounds=unfit,
                round_=calendar.unfit_round,
                rng=c.rng,
            )
            summary.dossiers.update(d.ground for d in written)
    return summary


def _commune_sessions(
    c: _Commune, calendar: HealthCalendar, summary: HealthSummary
) -> list[tuple[_SessionRows, bool]]:
    """Create one commune's screening and examination sessions and plan their calls."""
    unit = c.commune.unit
    rng = c.rng
    expected = c.expected
    # The expected quota, one more for the stability band, and a standby list (15 %, at least 1).
    need = math.ceil(expected) + 1 + max(1, math.ceil(0.15 * expected))
    screen_count = min(len(c.candidates), max(math.ceil(SCREENING_PER_RECRUIT * expected), need))
    today = calendar.today
    prefix = "phường" if unit.kind == "ward" else "thị trấn" if unit.kind == "town" else "xã"
    station = f"Trạm Y tế {prefix} {unit.name}"
    screening_sessions = [
        _SessionRows(
            _make_session(
                kind=SessionKind.SCREENING,
                unit=unit,
                date=day,
                place=station,
                body=station,
                note=calendar.session_note,
            )
        )
        for day in calendar.screening[unit.code]
    ]
    exam_sessions = [
        _SessionRows(
            _make_session(
                kind=SessionKind.EXAMINATION,
                unit=calendar.exam_unit,
                date=day,
                place=calendar.council_place,
                body=calendar.council_body,
                note=f"Khám cho công dân {prefix} {unit.name}. {calendar.session_note}".strip(),
            )
        )
        for day in calendar.exams[unit.code]
    ]
    bodies: dict[int, Body] = {}
    passed: list[Person] = []
    for index, person in enumerate(c.candidates[:screen_count]):
        rows = screening_sessions[index % len(screening_sessions)]
        late = rng.random() < LATE_NOTICE or (index == 0 and c.flag_late)
        notified = _notified(rows.session.date, rng, late=late)
        body = draw_body(rng)
        bodies[person.pk] = body
        if rng.random() < NO_SHOW_SCREENING:
            rows.calls.append(_CallRow(person, notified, ()))
            continue
        plan = screening_plan(body, rng)
        rows.calls.append(_CallRow(person, notified, (plan,)))
        if plan.score <= 3 and not plan.exempt_icd:
            passed.append(person)
    exam_count = min(len(passed), max(math.ceil(EXAM_PER_RECRUIT * expected), need))
    attending = passed[:exam_count]
    absent = {p.pk for p in attending if rng.random() < NO_SHOW_EXAM}
    present = [p for p in attending if p.pk not in absent]
    callable_count = 0
    for index, person in enumerate(attending):
        rows = exam_sessions[index % len(exam_sessions)]
        late = rng.random() < LATE_NOTICE or (index == 1 and c.flag_late)
        notified = _notified(rows.session.date, rng, late=late)
        if person.pk in absent:
            rows.calls.append(_CallRow(person, notified, ()))
            continue
        left = len(present) - present.index(person)
        force = need - callable_count >= left
        plans = exam_plan(remeasure(bodies[person.pk], rng), rng, fit=force)
        callable_count += likely_callable(plans)
        rows.calls.append(_CallRow(person, notified, plans))
    summary.callable[unit.code] = callable_count
    return [
        (rows, today is None or rows.session.date <= today)
        for rows in screening_sessions + exam_sessions
    ]


def summary_of(campaign: Campaign) -> HealthSummary:
    """What the registry holds of ``campaign``'s health check: the citizens its communes hold
    (``people.succession``), called to sessions between 1 July of the year before and the
    handover, and their dossiers proposed in that time."""
    held = holding([c.unit for c in campaign.communes.select_related("unit")])
    start = dt.date(campaign.year - 1, 7, 1)
    calls = HealthCall.objects.filter(
        held.q("person__"), session__date__gte=start, session__date__lte=campaign.handover_start
    )
    summary = HealthSummary()
    summary.sessions = calls.values("session_id").distinct().count()
    for kind, health_class, temporary, late in calls.values_list(
        "session__kind", "health_class", "class_temporary", "notice_late"
    ):
        summary.late += late
        if kind == SessionKind.SCREENING:
            summary.screened += 1
            continue
        summary.called_to_exam += 1
        if health_class is not None:
            summary.examined += 1
            summary.classes[health_class] += 1
            summary.temporary += temporary
    summary.dossiers.update(
        Dossier.objects.filter(
            held.q("person__"), proposed_on__gte=start, proposed_on__lte=campaign.handover_start
        ).values_list("ground", flat=True)
    )
    return summary
