"""The audit page's action filter offers only actions seen in the auditor's own area."""

from __future__ import annotations

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event


def test_action_choices_come_from_the_auditors_area_only(personas, units, login):
    with transaction.atomic():
        record_event(
            actor=system_actor(),
            action="test.only_in_dong_thanh",
            obj=units["DT"],
            scope_unit=units["DT"],
        )
        record_event(
            actor=system_actor(),
            action="test.in_duc_hop",
            obj=units["DHOP"],
            scope_unit=units["DHOP"],
        )
    page = login(personas["commune_auditor"]).get("/audit/").content.decode()
    assert "test.in_duc_hop" in page
    assert "test.only_in_dong_thanh" not in page
    district_page = login(personas["auditor"]).get("/audit/").content.decode()
    assert "test.only_in_dong_thanh" in district_page
