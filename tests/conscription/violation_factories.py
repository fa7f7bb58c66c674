"""Builders for violation tests: a case opened through the service, in a given campaign."""

from __future__ import annotations

import datetime as dt

from muster.accounts.services import system_actor
from muster.conscription.violations.models import ViolationCase
from muster.conscription.violations.services import cases as violation_cases


def open_case(
    person,
    *,
    kind: str = "absent_exam",
    occurred_on: dt.date = dt.date(2024, 11, 20),
    campaign=None,
    actor=None,
    facts: str = "Không có mặt khám sức khỏe theo quyết định gọi.",
    source_ref: str = "",
) -> ViolationCase:
    return violation_cases.case_open(
        actor=actor if actor is not None else system_actor(),
        person=person,
        kind=kind,
        occurred_on=occurred_on,
        facts=facts,
        campaign=campaign,
        source_ref=source_ref,
    )


def matrix_violation(world: dict, side: str) -> ViolationCase:
    """A case of the side's citizen, in the matrix campaign of the side."""
    from tests.conscription.campaign_factories import matrix_campaign

    key = f"violation_{side}"
    if key not in world:
        world[key] = open_case(world[f"person_{side}"], campaign=matrix_campaign(world, side))
    return world[key]
