"""The demo defence education of Kim Động 2025: built once, some members still due, the
certificates issued by the law of each course's last day."""

from __future__ import annotations

import pytest

from muster.demo.education import demo_step
from muster.education.models import Certificate, Course, EducationMember, Enrolment

pytestmark = pytest.mark.django_db


def test_demo_education_is_built_once(units):
    lines = demo_step(units=units, seed=2025, scale=0.05)
    assert lines and lines[0].startswith("Demo defence education:")
    assert demo_step(units=units, seed=2025, scale=0.05) == []
    assert Course.objects.count() == 3
    assert set(EducationMember.objects.values_list("group", flat=True)) == {2, 3, 4}
    enrolled = set(Enrolment.objects.values_list("member_id", flat=True))
    assert EducationMember.objects.filter(group=4).exclude(pk__in=enrolled).exists()
    issuers = set(Certificate.objects.values_list("issuer", "issuer_verified"))
    assert ("commune_chairman", True) in issuers and ("province_command", True) in issuers
    assert ("commune_chairman", False) in issuers
