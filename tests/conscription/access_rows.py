"""Access rows of the call-up pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import (
    CAMPAIGN_ROLES,
    COUNCIL_ROLES,
    Kwargs,
    Route,
    campaign_kwargs,
    person_kwargs,
    unit_kwargs,
)


def _dossier(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A proposed deferral dossier of the side's citizen."""
    from muster.conscription.dossiers.models import Dossier

    key = f"dossier_{side}"
    if key not in world:
        world[key] = Dossier.objects.create(
            person=world[f"person_{side}"],
            kind="deferral",
            ground="41.1.b",
            ground_citation="Law 78/2015 Art 41(1)(b)",
            proposed_on=dt.date(2025, 6, 1),
        )
    return {"public_id": world[key].public_id}


def _campaign_decision(world: dict[str, Any], side: str) -> dict[str, Any]:
    from tests.conscription.campaign_factories import matrix_decision

    return {"public_id": matrix_decision(world, side).public_id}


def _violation(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A violation case of the side's citizen in the side's campaign."""
    from tests.conscription.violation_factories import matrix_violation

    return {"public_id": matrix_violation(world, side).public_id}


def _campaign_commune(world: dict[str, Any], side: str) -> dict[str, Any]:
    """The side's commune in its matrix campaign."""
    from tests.conscription.campaign_factories import matrix_campaign

    return {"public_id": matrix_campaign(world, side).communes.get().public_id}


def _province_decision(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A province decision proposed on the side's matrix campaign."""
    from muster.accounts.services import system_actor
    from muster.conscription.province.models import ProvinceDecision
    from tests.conscription.campaign_factories import matrix_campaign

    key = f"province_decision_{side}"
    if key not in world:
        world[key] = ProvinceDecision.objects.create(
            campaign=matrix_campaign(world, side),
            kind="quota",
            proposal_number="1/TTr",
            proposed_on=dt.date(2025, 10, 1),
            proposed_by=system_actor(),
        )
    return {"public_id": world[key].public_id}


def _province_decided(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A province decision decided on the side's matrix campaign (its official PDF)."""
    from muster.accounts.services import system_actor
    from muster.conscription.province.models import ProvinceDecision
    from tests.conscription.campaign_factories import matrix_campaign

    key = f"province_decided_{side}"
    if key not in world:
        world[key] = ProvinceDecision.objects.create(
            campaign=matrix_campaign(world, side),
            kind="quota",
            status="decided",
            proposal_number="1/TTr",
            proposed_on=dt.date(2025, 10, 1),
            proposed_by=system_actor(),
            number="2/QĐ-UBND",
            decided_on=dt.date(2025, 10, 20),
            signer="Chủ tịch",
            authority="provincial_chairman",
        )
    return {"public_id": world[key].public_id}


def _province_file(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A scan kept with the side's matrix campaign."""
    from muster.accounts.services import system_actor
    from muster.conscription.province.models import ProvinceFile
    from tests.conscription.campaign_factories import matrix_campaign

    key = f"province_file_{side}"
    if key not in world:
        world[key] = ProvinceFile.objects.create(
            campaign=matrix_campaign(world, side),
            filename="qd.pdf",
            content_type="application/pdf",
            size=4,
            sha256="0" * 64,
            data=b"%PDF",
            uploaded_by=system_actor(),
        )
    return {"public_id": world[key].public_id}


def _posting(world: dict[str, Any], side: str) -> dict[str, Any]:
    from tests.conscription.posting_factories import matrix_posting

    return {"public_id": matrix_posting(world, side).public_id}


def _complaint(world: dict[str, Any], side: str) -> dict[str, Any]:
    from tests.conscription.posting_factories import matrix_complaint

    return {"public_id": matrix_complaint(world, side).public_id}


def _selection_object(kind: str) -> Kwargs:
    """A selection or handover object of the side's matrix campaign
    (tests/conscription/selection_factories.py)."""

    def kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
        from tests.conscription import selection_factories as f

        return {"public_id": getattr(f, f"matrix_{kind}")(world, side).public_id}

    return kwargs


ROWS: dict[str, Route] = {
    # The province (issue 20 item 1): read by every role of the area; what they POST needs
    # Cap.MANAGE_CAMPAIGN, Cap.PROPOSE_PROVINCE or Cap.DECIDE_PROVINCE over the province
    # (tests/conscription/test_province.py).
    "campaigns:province_page": Route(kwargs=campaign_kwargs, scoped_object=True),
    "campaigns:province_decision": Route(kwargs=_province_decision, scoped_object=True),
    "campaigns:province_file": Route(kwargs=_province_file, scoped_object=True),
    # The official copy: for those who carry the decision out (perms.can_print_province_decision).
    "campaigns:province_decision_pdf": Route(
        kwargs=_province_decided, allowed=CAMPAIGN_ROLES | COUNCIL_ROLES, scoped_object=True
    ),
    # The year calendar (issue 21): read by every role of the area.
    "yearcal:year_calendar": Route(),
    "yearcal:unit_calendar": Route(kwargs=unit_kwargs, scoped_object=True),
    # Selection and handover (issue 5 items 3 and 6): pages read by every role of the area;
    # the state changes they POST need Cap.MANAGE_CAMPAIGN or Cap.COUNCIL_REVIEW.
    **{
        name: Route(kwargs=campaign_kwargs, scoped_object=True)
        for name in (
            "campaigns:selection_index",
            "campaigns:volunteer_list",
            "campaigns:review_list",
            "campaigns:handover_index",
        )
    },
    **{
        name: Route(kwargs=_selection_object(kind), scoped_object=True)
        for name, kind in (
            ("campaigns:selection_detail", "selection"),
            ("campaigns:selection_pool_json", "selection"),
            ("campaigns:selection_result_json", "selection"),
            ("campaigns:selection_pdf", "selection"),
            ("campaigns:review_detail", "step"),
            ("campaigns:review_pdf", "step"),
            ("campaigns:handover_detail", "handover"),
            ("campaigns:handover_pdf", "handover"),
            ("campaigns:recruit_detail", "recruit"),
        )
    },
    # After the handover and the allowance (issue 21): read by every role of the area; the
    # notices, re-checks and allowance corrections they POST need Cap.MANAGE_CAMPAIGN.
    "campaigns:family_notices": Route(kwargs=campaign_kwargs, scoped_object=True),
    "campaigns:allowance_index": Route(),
    **{
        name: Route(kwargs=unit_kwargs, scoped_object=True)
        for name in (
            "campaigns:allowance_unit",
            "campaigns:allowance_pdf",
            "campaigns:allowance_xlsx",
        )
    },
    "campaigns:handover_new": Route(
        kwargs=_selection_object("commune"), allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    # Public postings: read by every role, managed by the campaign roles.
    "postings:campaign_postings": Route(kwargs=campaign_kwargs, scoped_object=True),
    "postings:posting_create": Route(
        kwargs=_campaign_commune, allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    "postings:posting_detail": Route(kwargs=_posting, scoped_object=True),
    "postings:posting_correct": Route(kwargs=_posting, allowed=CAMPAIGN_ROLES, scoped_object=True),
    "postings:posting_pdf": Route(kwargs=_posting, scoped_object=True),
    "postings:complaint_detail": Route(kwargs=_complaint, scoped_object=True),
    **{
        name: Route(kwargs=campaign_kwargs, scoped_object=True)
        for name in (
            "campaigns:campaign_board",
            "campaigns:campaign_quotas",
            "campaigns:certificate_json",
            "campaigns:certificate_pdf",
            "campaigns:decision_list",
        )
    },
    "campaigns:campaign_list": Route(),
    "campaigns:violation_list": Route(kwargs=campaign_kwargs, scoped_object=True),
    "campaigns:violation_candidates": Route(kwargs=campaign_kwargs, scoped_object=True),
    "campaigns:violation_all": Route(),
    "campaigns:violation_create": Route(allowed=CAMPAIGN_ROLES),
    "campaigns:violation_create_offender": Route(allowed=CAMPAIGN_ROLES),
    "campaigns:violation_detail": Route(kwargs=_violation, scoped_object=True),
    "campaigns:violation_pdf": Route(kwargs=_violation, scoped_object=True),
    # Only those with a province, district or regional command in their area on the day.
    "campaigns:campaign_create": Route(
        allowed=frozenset({"admin", "district_officer", "ptkv_officer"})
    ),
    "campaigns:decision_detail": Route(kwargs=_campaign_decision, scoped_object=True),
    "campaigns:decision_pdf": Route(kwargs=_campaign_decision, scoped_object=True),
    "eligibility:political_verification": Route(
        kwargs=person_kwargs, allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    "dossiers:dossier_list": Route(),
    "dossiers:rereview_list": Route(),
    "dossiers:dossier_create": Route(
        kwargs=person_kwargs, allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    "dossiers:dossier_detail": Route(kwargs=_dossier, scoped_object=True),
    "dossiers:dossier_review": Route(kwargs=_dossier, allowed=COUNCIL_ROLES, scoped_object=True),
    "dossiers:dossier_decide": Route(kwargs=_dossier, allowed=CAMPAIGN_ROLES, scoped_object=True),
    "dossiers:dossier_end": Route(kwargs=_dossier, allowed=CAMPAIGN_ROLES, scoped_object=True),
}
PUBLIC = frozenset(
    {
        # The QR on a call-up decision opens it: name, birth year, number, date and status
        # only, behind an unguessable token, throttled (tests/conscription/test_campaign.py).
        "campaigns:verify",
        # The public postings of a commune (niêm yết công khai) and one posting, by UUID: the
        # snapshot as posted (name, birth year, village, outcome), names only while the window
        # is open; no ID number, date of birth or health detail
        # (tests/conscription/test_postings_public.py).
        "postings:public_index",
        "postings:public_detail",
    }
)

#: Put a round's citizens on its list (tests/conscription/test_review_rounds.py checks roles).
POST_ONLY = frozenset({"campaigns:review_fill"})
