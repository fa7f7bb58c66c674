"""The demo call-outs: a spring 2025 drill and a September 2025 flood response, closed, with
most people arrived and some absent with a reason; a second run adds nothing."""

from __future__ import annotations

import pytest

from muster.audit.models import AuditEvent
from muster.demo.mobilisation import demo_step
from muster.mobilisation.models import CallOutOrder
from tests.mobilisation.factories import make_roster

pytestmark = pytest.mark.django_db


def test_demo_builds_a_drill_and_a_flood_response(units):
    make_roster(units["DHOP"], tag="old")  # Đức Hợp until 30/06/2025
    make_roster(units["DHOP25"], tag="new")  # the merged Đức Hợp from 01/07/2025
    lines = demo_step(units=units, seed=7, scale=0.1)
    assert lines and "drill" in lines[0] and "flood" in lines[0]
    drill = CallOutOrder.objects.get(number="03/LHĐ-DT")
    assert drill.holder == units["DHOP"] and drill.status == "closed"
    assert drill.authority == "district_chairman"  # reservists called before the reform
    assert drill.lines.filter(force="militia").count() == 3  # the mobile members
    flood = CallOutOrder.objects.get(number="17/LHĐ-PCTT")
    assert flood.holder == units["DHOP25"] and flood.authority == "commune_chairman"
    assert flood.status == "closed" and flood.kind == "disaster"
    states = [line.state for line in flood.lines.all()]
    assert states.count("arrived") > len(states) / 2
    assert all(line.absent_reason for line in flood.lines.filter(absent=True))
    assert flood.lines.filter(force="other", headcount=15).exists()
    assert AuditEvent.objects.filter(action="mobilisation.order_close").count() == (
        CallOutOrder.objects.count()
    )
    assert demo_step(units=units, seed=7, scale=0.1) == []
