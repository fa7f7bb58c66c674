"""TT 105/2023 scoring tables: physique, eyes, class and the T flag."""

from __future__ import annotations

from decimal import Decimal

import pytest

from muster.law.health.scoring import (
    CLASS_CITATION,
    PHYSIQUE_CITATION,
    VISION_CITATION,
    Score,
    VisionExam,
    acuity_score,
    bmi_score,
    body_mass_index,
    chest_cm,
    chest_score,
    classify,
    height_score,
    physique,
    round_half_up,
    vision_score,
    weight_score,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(162.5, 163), (162.49, 162), (162.0, 162), (40.5, 41), (0.5, 1), (Decimal("80.5"), 81)],
)
def test_half_or_more_counts_as_a_whole_unit(value, expected):
    assert round_half_up(value) == expected


@pytest.mark.parametrize(
    ("height", "men", "women"),
    [
        (170, 1, 1),
        (163, 1, 1),
        (162.5, 1, 1),  # rounds to 163
        (162.4, 2, 1),
        (160, 2, 1),
        (159, 3, 1),
        (157, 3, 1),
        (156, 4, 1),
        (155, 4, 1),
        (154, 5, 1),
        (153, 5, 2),
        (152, 6, 2),
        (151, 6, 3),
        (150, 6, 3),
        (149, 6, 4),
        (148, 6, 4),
        (147, 6, 5),
        (146, 6, 6),
        (140, 6, 6),
    ],
)
def test_height_columns(height, men, women):
    assert height_score(height, "male").value == men
    assert height_score(height, "female").value == women


@pytest.mark.parametrize(
    ("weight", "men", "women"),
    [
        (60, 1, 1),
        (51, 1, 1),
        (50.5, 1, 1),
        (50, 2, 1),
        (48, 2, 1),
        (47, 2, 2),
        (46, 3, 2),
        (44, 3, 2),
        (43, 3, 3),
        (42, 4, 3),
        (41, 4, 4),
        (40, 5, 4),
        (39, 6, 5),
        (38, 6, 5),
        (37, 6, 6),
    ],
)
def test_weight_columns(weight, men, women):
    assert weight_score(weight, "male").value == men
    assert weight_score(weight, "female").value == women


@pytest.mark.parametrize(
    ("chest", "score"),
    [(90, 1), (81, 1), (80.5, 1), (80, 2), (78, 2), (77, 3), (75, 3), (74, 4), (73, 4),
     (72, 5), (71, 5), (70, 6)],
)  # fmt: skip
def test_chest_column_men(chest, score):
    assert chest_score(chest).value == score


def test_chest_is_the_mean_of_inhalation_and_exhalation():
    assert chest_cm(84, 78) == 81
    assert chest_score(chest_cm(81, 79.8)).value == 2  # 80.4 rounds to 80
    assert chest_score(chest_cm(81, 80)).value == 1  # 80.5 → 81


@pytest.mark.parametrize(
    ("bmi", "worse", "rounded"),
    [
        (17.99, 4, 4),
        (18.44, 4, 4),
        (18.45, 4, 1),
        (18.5, 1, 1),
        (24.9, 1, 1),
        (24.94, 2, 1),
        (24.95, 2, 2),
        (25.0, 2, 2),
        (26.9, 2, 2),
        (27.0, 3, 3),
        (29.9, 3, 3),
        (29.94, 4, 3),
        (29.95, 4, 4),
        (30.0, 4, 4),
        (34.9, 4, 4),
        (35.0, 5, 5),
        (39.9, 5, 5),
        (40.0, 6, 6),
    ],
)
def test_bmi_bands_and_gaps(bmi, worse, rounded):
    assert bmi_score(bmi).value == worse
    assert bmi_score(bmi, "round").value == rounded


def test_body_mass_index():
    assert body_mass_index(170, 52.6) == pytest.approx(Decimal("18.2007"), abs=Decimal("0.0001"))
    # 170 cm / 52.6 kg: BMI 18.2, score 4 although height and weight score 1 (peers.md).
    result = physique("male", 170, 52.6, 82)
    assert (result.height.value, result.weight.value, result.chest.value) == (1, 1, 1)  # type: ignore[union-attr]
    assert result.bmi.value == 4
    assert result.score.value == 4
    assert result.score.citation == PHYSIQUE_CITATION


def test_physique_is_the_worst_measure_and_women_have_no_chest():
    woman = physique("female", 155, 50)
    assert woman.chest is None
    assert woman.score.value == 1
    man = physique("male", 165, 60, 76)
    assert man.score.value == 3  # chest 76 scores 3
    with pytest.raises(ValueError, match="chest"):
        physique("male", 165, 60)
    with pytest.raises(ValueError, match="positive"):
        physique("female", 0, 50)


# --------------------------------------------------------------------------------- eyes


@pytest.mark.parametrize(
    ("right", "left", "score"),
    [
        (10, 10, 1),
        (10, 9, 1),
        (10, 8, 2),
        (9, 10, 3),  # right eye 9/10 caps at 3 whatever the left
        (10, 7, 3),
        (9, 8, 3),
        (8, 10, 4),
        (10, 6, 4),
        (8, 8, 4),
        (7, 7, 5),
        (6, 7, 5),
        (10, 3, 5),
        (5, 10, 6),
        (6, 6, 6),
    ],
)
def test_uncorrected_acuity_rows(right, left, score):
    assert acuity_score(right, left) == score


def test_acuity_above_10_10_is_capped_per_eye_not_refused():
    # Issue 14: a chart read to 12/10 counts as 10/10 for that eye.
    assert acuity_score(11, 10) == acuity_score(10, 10) == 1
    assert acuity_score(12, 8) == acuity_score(10, 8)  # capped per eye: both = 18, not 20
    assert acuity_score(20, 20) == 1


def test_acuity_must_be_tenths():
    for bad in (21, -1, True, 9.5):
        with pytest.raises(ValueError):
            acuity_score(bad, 10)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("exam", "score"),
    [
        (VisionExam(10, 10), 1),
        (VisionExam(7, 7, 10, 10), 2),  # corrected 10/10 + 1
        (VisionExam(5, 5, myopia=1.5, right_corrected=10, left_corrected=10), 2),
        (VisionExam(5, 5, myopia=2.75, right_corrected=9, left_corrected=9), 4),
        (VisionExam(5, 5, myopia=2.75), 6),  # no corrected acuity: uncorrected rows
        (VisionExam(3, 3, myopia=3.0, right_corrected=10, left_corrected=10), 4),
        (VisionExam(3, 3, myopia=4.0), 5),
        (VisionExam(2, 2, myopia=5.0), 6),
        (VisionExam(10, 9, myopia=4.0, myopia_operated=True), 2),
        (VisionExam(10, 10, hyperopia=1.0), 1),
        (VisionExam(10, 10, hyperopia=1.5), 4),
        (VisionExam(10, 10, hyperopia=3.0), 5),
        (VisionExam(10, 10, hyperopia=4.0), 6),
        (VisionExam(10, 10, hyperopia=5.5), 6),
        (VisionExam(10, 10, astigmatism=0.5), 2),
        (VisionExam(10, 10, astigmatism=1.0), 3),
        (VisionExam(8, 8, astigmatism=0.5), 4),
    ],
)
def test_vision_rows(exam, score):
    result = vision_score(exam)
    assert result.value == score
    assert result.citation == VISION_CITATION


def test_refraction_magnitudes_are_not_negative():
    with pytest.raises(ValueError, match="magnitudes"):
        vision_score(VisionExam(10, 10, myopia=-2.0))


# -------------------------------------------------------------------------------- class


def test_class_is_the_worst_score():
    result = classify([Score("physique", 2), Score("eyes", 3), Score("ent", 1)])
    assert result.value == 3
    assert result.decisive == ("eyes",)
    assert str(result) == "3"
    assert result.fit_for_service
    assert result.citation == CLASS_CITATION
    assert not classify([Score("eyes", 4)]).fit_for_service


def test_t_flag_propagates_from_the_worst_score():
    assert str(classify([Score("physique", 2), Score("surgery", 4, temporary=True)])) == "4T"
    # A temporary condition below the worst score does not mark the class.
    assert str(classify([Score("physique", 4), Score("surgery", 2, temporary=True)])) == "4"
    # A permanent indicator at the same worst score keeps the class permanent.
    assert str(classify([Score("physique", 4), Score("surgery", 4, temporary=True)])) == "4"
    both = classify([Score("skin", 3, temporary=True), Score("surgery", 3, temporary=True)])
    assert str(both) == "3T"
    assert both.decisive == ("skin", "surgery")


def test_eye_t_flag_reaches_the_class():
    eyes = vision_score(VisionExam(10, 10, astigmatism=1.0, temporary=True))
    assert str(classify([Score("physique", 1), eyes])) == "3T"


def test_scores_are_1_to_6():
    with pytest.raises(ValueError):
        Score("x", 7)
    with pytest.raises(ValueError):
        classify([])
