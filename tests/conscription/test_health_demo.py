"""The pure part of the demo examinations: scores from ``health.scoring``, plausible shares."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

import pytest

from muster.demo.callup.health import findings as health_findings
from muster.health.models import Station
from muster.law.health import exam as exam_rule
from muster.law.health import scoring

EXAM_DAY = dt.date(2024, 11, 20)


def _examine(n: int, seed: int = 1) -> tuple[Counter[int], int, int]:
    """``n`` men through screening and, if they pass, the examination (nobody forced fit)."""
    rng = random.Random(seed)
    classes: Counter[int] = Counter()
    temporary = examined = 0
    for _ in range(n):
        body = health_findings.draw_body(rng)
        screened = health_findings.screening_plan(body, rng)
        if screened.score > 3 or screened.exempt_icd:
            continue
        health = health_findings.classify(
            health_findings.exam_plan(health_findings.remeasure(body, rng), rng)
        )
        examined += 1
        classes[health.value] += 1
        temporary += health.temporary
    return classes, temporary, examined


def test_classes_follow_the_phu_tho_2026_shares():
    classes, temporary, examined = _examine(30_000)
    fit = classes[1] + classes[2] + classes[3]
    # legal-reference.md §8: 10,050 of 24,617 fit (40.8 %); 1 / 2 / 3 = 1,098 / 4,949 / 4,003.
    assert 0.38 < fit / examined < 0.44
    assert 0.08 < classes[1] / fit < 0.14
    assert 0.45 < classes[2] / fit < 0.54
    assert 0.34 < classes[3] / fit < 0.44
    assert all(classes[k] for k in range(1, 7))
    assert 0.01 < temporary / examined < 0.06  # a few T


def test_screening_fails_about_a_fifth_on_physique():
    rng = random.Random(3)
    scores = Counter(
        health_findings.screening_plan(health_findings.draw_body(rng), rng).score
        for _ in range(10_000)
    )
    failed = sum(v for k, v in scores.items() if k >= 4) / 10_000
    assert 0.12 < failed < 0.30


@pytest.mark.parametrize("score", range(1, 7))
def test_every_eye_exam_of_the_table_scores_what_it_is_filed_under(score):
    for exam in health_findings.EYES[score]:
        assert scoring.vision_score(exam).value == score
    assert scoring.vision_score(health_findings.MYOPIC_FIT).value == 2


def test_the_exam_stops_at_the_first_failed_standard_and_the_class_is_the_worst():
    rng = random.Random(9)
    for _ in range(2_000):
        plans = health_findings.exam_plan(
            health_findings.remeasure(health_findings.draw_body(rng), rng), rng
        )
        assert plans[0].station == Station.PHYSIQUE
        assert [p.station for p in plans] == list(health_findings.EXAM_ORDER[: len(plans)])
        failed = [i for i, p in enumerate(plans) if p.failed]
        assert not failed or failed[0] == len(plans) - 1
        # Complete: stopped at a failed standard, or both rounds entered (TT 105 Art 8(6)).
        scores = {p.station: p.score for p in plans}
        assert exam_rule.can_conclude(scores, "male", EXAM_DAY)
        if not failed:
            assert exam_rule.missing_stations(scores, "male", EXAM_DAY) == ((), ())
        assert all(p.positive is False for p in plans if p.score is None)
        health = health_findings.classify(plans)
        assert health.value == max(p.score for p in plans if p.score is not None)
        # The physique score is the table's, from the recorded measurements.
        physique = plans[0].fields
        expected = scoring.physique(
            "male",
            float(physique["height_cm"]),
            float(physique["weight_kg"]),
            float(physique["chest_cm"]),
        )
        assert plans[0].score == expected.score.value
        assert physique["bmi"] == expected.bmi_value.quantize(Decimal("0.01"))


def test_a_man_drawn_fit_is_callable():
    rng = random.Random(4)
    for _ in range(500):
        plans = health_findings.exam_plan(
            health_findings.remeasure(health_findings.draw_body(rng), rng), rng, fit=True
        )
        assert health_findings.classify(plans).value <= 3
        assert health_findings.likely_callable(plans)
