"""Scoring of the NVQS health examination (khám sức khỏe nghĩa vụ quân sự). Pure: no Django.

Tables of TT 105/2023/TT-BQP as amended by TT 106/2025/TT-BQP (consolidated as VBHN
88/VBHN-BQP), legal-reference §2.7:

* each indicator is scored 1 (very good) to 6 (very poor) (Art 5);
* the health class (phân loại sức khỏe) is the worst score (Art 6); classes 1–3 are fit for
  military service (Art 4);
* a "T" (tạm thời, temporary) suffix marks a temporary condition; the class carries it when its
  worst score does (Art 9(3)).

Documented positions (the tables leave them open):

* Measurements are rounded half up to whole units before look-up ("a fraction of 0.5 or more
  counts as a whole unit"): 162.5 cm → 163 cm.
* The physique score is the worst of the height, weight, chest (men only: the women's columns
  have no chest) and BMI scores.
* BMI gaps between the printed bands (24.9 | 25, 26.9 | 27, 29.9 | 30, …): by default a value in
  a gap takes the worse band (29.95 → 4), matching TT 68/2025's "above 29.9"; ``bmi_gap="round"``
  rounds to one decimal half up first (29.94 → 3, 29.95 → 4).
* T propagation: the class is temporary only if *every* indicator with the worst score is
  temporary; a permanent indicator at the same score keeps the class whatever the treatment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Sex = Literal["male", "female"]
BmiGap = Literal["worse", "round"]

#: Citations of the tables below.
PHYSIQUE_CITATION = (
    "TT 105/2023/TT-BQP App. I Part I (physique table), as amended by TT 106/2025/TT-BQP "
    "(VBHN 88/VBHN-BQP)"
)
VISION_CITATION = (
    "TT 105/2023/TT-BQP App. I Part II.1 (eyes), as amended by TT 106/2025/TT-BQP "
    "(VBHN 88/VBHN-BQP)"
)
CLASS_CITATION = (
    "TT 105/2023/TT-BQP Arts 5–6 (scores 1–6; class = worst score) and Art 9(3) (T suffix)"
)

#: (minimum whole units, score) rows; below the last row scores 6. Physique table, App. I Part I.
MEN_HEIGHT_CM: tuple[tuple[int, int], ...] = ((163, 1), (160, 2), (157, 3), (155, 4), (153, 5))
MEN_WEIGHT_KG: tuple[tuple[int, int], ...] = ((51, 1), (47, 2), (43, 3), (41, 4), (40, 5))
MEN_CHEST_CM: tuple[tuple[int, int], ...] = ((81, 1), (78, 2), (75, 3), (73, 4), (71, 5))
WOMEN_HEIGHT_CM: tuple[tuple[int, int], ...] = ((154, 1), (152, 2), (150, 3), (148, 4), (147, 5))
WOMEN_WEIGHT_KG: tuple[tuple[int, int], ...] = ((48, 1), (44, 2), (42, 3), (40, 4), (38, 5))
#: BMI (both sexes): below ``BMI_LOW`` scores 4; otherwise (upper bound inclusive, score) rows,
#: above the last scores 6.
BMI_LOW = Decimal("18.5")
BMI_ROWS: tuple[tuple[Decimal, int], ...] = (
    (Decimal("24.9"), 1),
    (Decimal("26.9"), 2),
    (Decimal("29.9"), 3),
    (Decimal("34.9"), 4),
    (Decimal("39.9"), 5),
)

#: Uncorrected acuity rows (App. I Part II.1): (right eye at least, both eyes at least, score),
#: acuity in tenths (10 = 10/10); both eyes = the sum of the two eyes.
ACUITY_ROWS: tuple[tuple[int, int, int], ...] = (
    (10, 19, 1),
    (10, 18, 2),
    (9, 17, 3),
    (8, 16, 4),
    (6, 13, 5),
)
#: Myopia (magnitude, D): below the first bound, score by corrected acuity; then
#: (upper bound exclusive, score) rows; at or above the last bound scores 6.
MYOPIA_BY_ACUITY_BELOW = Decimal("3")
MYOPIA_ROWS: tuple[tuple[Decimal, int], ...] = ((Decimal("4"), 4), (Decimal("5"), 5))
HYPEROPIA_BY_ACUITY_BELOW = Decimal("1.5")
HYPEROPIA_ROWS: tuple[tuple[Decimal, int], ...] = (
    (Decimal("3"), 4),
    (Decimal("4"), 5),
    (Decimal("5"), 6),
)
ASTIGMATISM_MILD_BELOW = Decimal("1")
ASTIGMATISM_MILD_SCORE = 2
ASTIGMATISM_SCORE = 3
WORST = 6


@dataclass(frozen=True, slots=True)
class Score:
    """One indicator's score (điểm) 1–6, with the T flag and the table it comes from."""

    indicator: str
    value: int
    temporary: bool = False
    citation: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.value <= WORST:
            raise ValueError(f"{self.indicator}: score {self.value} outside 1–6")


@dataclass(frozen=True, slots=True)
class HealthClass:
    """Health class (loại sức khỏe) 1–6 with the T suffix; ``decisive``: the worst indicators."""

    value: int
    temporary: bool
    decisive: tuple[str, ...]
    citation: str = CLASS_CITATION

    @property
    def fit_for_service(self) -> bool:
        return self.value <= 3

    def __str__(self) -> str:
        return f"{self.value}T" if self.temporary else str(self.value)


def _dec(value: float | int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def round_half_up(value: float | int | Decimal) -> int:
    """Whole units, .5 or more counting as a whole unit (162.5 → 163; 162.49 → 162)."""
    return int(_dec(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _by_minimum(value: int, rows: tuple[tuple[int, int], ...]) -> int:
    for minimum, score in rows:
        if value >= minimum:
            return score
    return WORST


def _positive(name: str, value: float | int | Decimal) -> Decimal:
    number = _dec(value)
    if not number > 0:
        raise ValueError(f"{name} must be positive")
    return number


def height_score(height_cm: float, sex: Sex) -> Score:
    rows = MEN_HEIGHT_CM if sex == "male" else WOMEN_HEIGHT_CM
    cm = round_half_up(_positive("height", height_cm))
    return Score("height", _by_minimum(cm, rows), citation=PHYSIQUE_CITATION)


def weight_score(weight_kg: float, sex: Sex) -> Score:
    rows = MEN_WEIGHT_KG if sex == "male" else WOMEN_WEIGHT_KG
    kg = round_half_up(_positive("weight", weight_kg))
    return Score("weight", _by_minimum(kg, rows), citation=PHYSIQUE_CITATION)


def chest_cm(inhale_cm: float, exhale_cm: float) -> float:
    """Chest girth: the mean of full inhalation and full exhalation."""
    return (inhale_cm + exhale_cm) / 2


def chest_score(chest: float) -> Score:
    """Men only: the women's columns of the table have no chest measure."""
    cm = round_half_up(_positive("chest", chest))
    return Score("chest", _by_minimum(cm, MEN_CHEST_CM), citation=PHYSIQUE_CITATION)


def body_mass_index(height_cm: float, weight_kg: float) -> Decimal:
    """Weight / height², kg/m², unrounded."""
    metres = _positive("height", height_cm) / 100
    return _positive("weight", weight_kg) / (metres * metres)


def bmi_score(bmi: float | Decimal, gap: BmiGap = "worse") -> Score:
    """BMI score of the physique table; ``gap`` decides values between printed bands."""
    value = _positive("bmi", bmi)
    if gap == "round":
        value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if value < BMI_LOW:
        return Score("bmi", 4, citation=PHYSIQUE_CITATION)
    for upper, score in BMI_ROWS:
        if value <= upper:
            return Score("bmi", score, citation=PHYSIQUE_CITATION)
    return Score("bmi", WORST, citation=PHYSIQUE_CITATION)


@dataclass(frozen=True, slots=True)
class Physique:
    height: Score
    weight: Score
    chest: Score | None
    bmi: Score
    bmi_value: Decimal

    @property
    def score(self) -> Score:
        """The physique (thể lực) score: the worst of its measures."""
        parts = [self.height, self.weight, self.bmi]
        if self.chest is not None:
            parts.append(self.chest)
        worst = max(p.value for p in parts)
        return Score("physique", worst, citation=PHYSIQUE_CITATION)


def physique(
    sex: Sex,
    height_cm: float,
    weight_kg: float,
    chest: float | None = None,
    *,
    bmi_gap: BmiGap = "worse",
) -> Physique:
    """Score height, weight, chest (men) and BMI (computed from the raw measurements)."""
    if sex == "male" and chest is None:
        raise ValueError("chest is required for men")
    value = body_mass_index(height_cm, weight_kg)
    return Physique(
        height=height_score(height_cm, sex),
        weight=weight_score(weight_kg, sex),
        chest=chest_score(chest) if sex == "male" and chest is not None else None,
        bmi=bmi_score(value, bmi_gap),
        bmi_value=value,
    )


# -------------------------------------------------------------------------------- eyes


#: The highest reading accepted: charts read to 20/10; the table stops at 10/10 per eye, so a
#: reading above 10/10 counts as 10/10 (capped per eye, not refused).
MAX_ACUITY_READING = 20
FULL_ACUITY = 10


def _acuity(name: str, value: int) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 0 <= value <= MAX_ACUITY_READING
    ):
        raise ValueError(f"{name}: acuity in tenths must be an integer 0–{MAX_ACUITY_READING}")
    return min(value, FULL_ACUITY)


def acuity_score(right: int, left: int) -> int:
    """Score of the acuity rows: the best row whose right-eye and both-eyes minima are met."""
    right = _acuity("right", right)
    both = right + _acuity("left", left)
    for right_min, both_min, score in ACUITY_ROWS:
        if right >= right_min and both >= both_min:
            return score
    return WORST


@dataclass(frozen=True, slots=True)
class VisionExam:
    """Acuity in tenths (0–10) without and with correction; refraction magnitudes in dioptres."""

    right: int
    left: int
    right_corrected: int | None = None
    left_corrected: int | None = None
    myopia: float = 0.0
    myopia_operated: bool = False
    hyperopia: float = 0.0
    astigmatism: float = 0.0
    temporary: bool = False


def _corrected_score(exam: VisionExam) -> int | None:
    if exam.right_corrected is None or exam.left_corrected is None:
        return None
    return min(WORST, acuity_score(exam.right_corrected, exam.left_corrected) + 1)


def vision_score(exam: VisionExam) -> Score:
    """The eye (mắt) score: the worst of the acuity, refraction and astigmatism rows.

    * Uncorrected acuity by the acuity rows; corrected acuity scores as uncorrected, +1.
    * Myopia below 3 D: by corrected acuity (uncorrected if no correction was measured);
      3 to <4 D: 4; 4 to <5 D: 5; 5 D or more: 6. Operated myopia: uncorrected acuity, +1.
    * Hyperopia below 1.5 D: by uncorrected acuity; 1.5 to <3 D: 4; 3 to <4 D: 5; 4 D or
      more: 6.
    * Astigmatism below 1 D (physiological): 2; 1 D or more: 3.
    """
    myopia = _dec(exam.myopia)
    hyperopia = _dec(exam.hyperopia)
    astigmatism = _dec(exam.astigmatism)
    if myopia < 0 or hyperopia < 0 or astigmatism < 0:
        raise ValueError("refraction values are magnitudes (0 or more)")
    uncorrected = acuity_score(exam.right, exam.left)
    corrected = _corrected_score(exam)
    parts: list[int] = []
    if myopia > 0 and exam.myopia_operated:
        parts.append(min(WORST, uncorrected + 1))
    elif myopia > 0:
        if myopia < MYOPIA_BY_ACUITY_BELOW:
            parts.append(corrected if corrected is not None else uncorrected)
        else:
            parts.append(next((s for bound, s in MYOPIA_ROWS if myopia < bound), WORST))
    if hyperopia > 0:
        if hyperopia < HYPEROPIA_BY_ACUITY_BELOW:
            parts.append(uncorrected)
        else:
            parts.append(next((s for bound, s in HYPEROPIA_ROWS if hyperopia < bound), WORST))
    if not parts:
        parts.append(corrected if corrected is not None else uncorrected)
    if astigmatism > 0:
        parts.append(
            ASTIGMATISM_MILD_SCORE if astigmatism < ASTIGMATISM_MILD_BELOW else ASTIGMATISM_SCORE
        )
    return Score("eyes", max(parts), temporary=exam.temporary, citation=VISION_CITATION)


# ------------------------------------------------------------------------------- class


def classify(scores: Iterable[Score]) -> HealthClass:
    """Class = worst score; temporary only if every indicator at that score is temporary."""
    items = list(scores)
    if not items:
        raise ValueError("no scores to classify")
    worst = max(s.value for s in items)
    decisive = [s for s in items if s.value == worst]
    return HealthClass(
        value=worst,
        temporary=all(s.temporary for s in decisive),
        decisive=tuple(s.indicator for s in decisive),
    )
