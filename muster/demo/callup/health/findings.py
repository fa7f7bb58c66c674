"""The pure part of the demo health check: the shares, the findings drawn for each citizen
(body, eyes, other findings) and the screening and examination plans."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from muster.health.models import Station
from muster.law.health import scoring

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
#: failed standard, score 4 or worse): round 1 ends with the imaging; round 2 (lab, drug and
#: HIV tests) only for those who passed round 1 (``law.health.exam``, rule
#: ``health.exam_stations``; the demo examines men, so no gynaecology).
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
    Station.IMAGING,
    Station.LAB,
    Station.DRUG_TEST,
    Station.HIV_TEST,
)
#: The two tests: negative or positive, no score. The demo's are all negative (a positive drug
#: test would bar a man the quota counts on; the campaigns must still fill their quotas).
TESTS: frozenset[str] = frozenset({Station.DRUG_TEST, Station.HIV_TEST})

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
    """One station's finding as the examiner enters it, with the score ``scoring`` gives (a test:
    no score, ``positive`` True or False)."""

    station: str
    score: int | None
    temporary: bool = False
    note: str = ""
    exempt_icd: str = ""
    fields: dict[str, object] = field(default_factory=dict)
    positive: bool | None = None

    @property
    def failed(self) -> bool:
        return self.score is not None and self.score >= 4


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
    if fit and physique.failed:
        physique = physique_plan(Body(Decimal("168.0"), Decimal("60.0"), Decimal("85.0")))
    if fit:
        worst = int(str(_pick(rng, [(1, 0.11), (2, 0.49), (3, 0.40)])))
    else:
        worst = int(str(_pick(rng, OTHER_WORST)))
    decisive = str(_pick(rng, DECISIVE[worst])) if worst > 1 else ""
    plans: list[StationPlan] = [physique]
    if physique.failed:
        return tuple(plans)
    myopic = not fit and worst <= 3 and rng.random() < myopic_share
    for station in EXAM_ORDER[1:]:
        if station in TESTS:
            plans.append(StationPlan(station=station, score=None, positive=False))
            continue
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
        if plan.failed:
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
    note = "Thể lực không đạt" if plan.failed else ""
    return StationPlan(station=plan.station, score=plan.score, note=note, fields=plan.fields)


def classify(plans: Sequence[StationPlan]) -> scoring.HealthClass:
    """The class as ``health.services.conclude_examination`` gives it: the worst scored station
    (the tests carry no score)."""
    return scoring.classify(
        scoring.Score(p.station, p.score, temporary=p.temporary)
        for p in plans
        if p.score is not None
    )


def drug_positive(plans: Sequence[StationPlan]) -> bool:
    return any(p.station == Station.DRUG_TEST and p.positive for p in plans)


def likely_callable(plans: Sequence[StationPlan]) -> bool:
    """Fit (1–3, not T) with BMI 18.5–29.9 and myopia at most 1.5 D: callable on any day's
    rules (the engine judges; this is the loader's conservative count for the quota)."""
    health = classify(plans)
    if health.value > 3 or health.temporary or drug_positive(plans):
        return False
    by_station = {p.station: p for p in plans}
    bmi = by_station[Station.PHYSIQUE].fields["bmi"]
    eyes = by_station.get(Station.EYES)
    myopia = eyes.fields["myopia"] if eyes is not None else Decimal(0)
    assert isinstance(bmi, Decimal) and isinstance(myopia, Decimal)
    return Decimal("18.5") <= bmi <= Decimal("29.9") and myopia <= Decimal("1.5")
