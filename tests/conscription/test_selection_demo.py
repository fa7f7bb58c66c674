"""The demo after the split (selection_demo): with the demo's 2025 examinations it freezes lists
that verify, hands over on 13/02/2025 and records replacements (within the 15 days and late,
beyond the cap); without examination results it degrades to what the registry allows; a second
run adds nothing."""

from __future__ import annotations

import datetime as dt

from muster.audit.models import AuditEvent
from muster.conscription.decisions.models import CallupDecision
from muster.conscription.handover.models import Handover, Recruit, Replacement
from muster.conscription.selection.models import SelectionList
from muster.conscription.selection.selectors import verifies
from muster.demo.callup.campaign2025 import load_demo_campaign
from muster.demo.callup.selection import load_demo_selection
from muster.demo.people.writer import generate_demo_registry
from muster.health.models import HealthCall, StationResult

SCALE = 0.05


def _counts():
    return (
        SelectionList.objects.count(),
        CallupDecision.objects.count(),
        Handover.objects.count(),
        Recruit.objects.filter(returned__isnull=False).count(),
        Replacement.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_demo_with_the_2025_examinations(units):
    generate_demo_registry(units=units, seed=7, scale=SCALE)
    assert load_demo_campaign(units=units, scale=SCALE, seed=7) is not None
    summary = load_demo_selection(units=units)
    assert summary is not None and summary.lists >= 2
    assert all(verifies(s) for s in SelectionList.objects.all())
    assert set(Handover.objects.values_list("handed_on", flat=True)) == {dt.date(2025, 2, 13)}
    replacements = list(Replacement.objects.select_related("decision__commune__unit"))
    assert len(replacements) >= 2  # Đức Hợp within the 15 days, Đồng Thanh late, maybe a third
    assert {r.late for r in replacements} == {False, True}
    assert any(r.over_cap for r in replacements)
    assert Recruit.objects.filter(rechecked_on=dt.date(2025, 2, 24)).exists()  # late re-exam
    before = _counts()
    assert load_demo_selection(units=units) is not None
    assert _counts() == before


def test_the_demo_without_examination_results_degrades(units):
    generate_demo_registry(units=units, seed=7, scale=SCALE)
    load_demo_campaign(units=units, scale=SCALE, seed=7)
    StationResult.objects.all().delete()
    HealthCall.objects.all().delete()  # as if the examinations were not entered yet
    summary = load_demo_selection(units=units)
    assert summary is not None
    assert (summary.lists, summary.replacements) == (0, 0)
    # The campaign demo's own decisions are still handed over, re-examined and returned.
    assert Recruit.objects.count() == CallupDecision.objects.filter(status="valid").count() > 0
    before = _counts()
    load_demo_selection(units=units)
    assert _counts() == before
