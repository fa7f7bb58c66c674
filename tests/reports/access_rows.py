"""Access rows of the report pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.access import CAMPAIGN_ROLES, Route, campaign_kwargs


def review_kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A draft preliminary review of the side's commune in the matrix campaign."""
    from muster.accounts.services import system_actor
    from muster.reports.models import AgencyReport, ReviewKind
    from tests.conscription.campaign_factories import matrix_campaign

    key = f"review_{side}"
    if key not in world:
        unit = world[f"unit_{side}"]
        world[key] = AgencyReport.objects.create(
            campaign=matrix_campaign(world, side),
            unit=unit,
            kind=ReviewKind.PRELIMINARY,
            sent_to=unit.parent,
            created_by=system_actor(),
        )
    return {"public_id": world[key].public_id}


ROWS: dict[str, Route] = {
    # Reports of a campaign (every role may read them; scope first).
    **{
        name: Route(kwargs=campaign_kwargs, scoped_object=True)
        for name in (
            "reports:results",
            "reports:province",
            "reports:evenness",
            "reports:dashboard",
            "reports:callup_list",
            "reports:deferral_list",
            "reports:exemption_list",
            "reports:forms",
            "reports:reviews",
        )
    },
    # Reviews sent between agencies: every role reads and prints; managers draft.
    **{
        name: Route(kwargs=review_kwargs, scoped_object=True)
        for name in ("reports:review_detail", "reports:review_pdf", "reports:review_docx")
    },
    "reports:review_edit": Route(kwargs=review_kwargs, scoped_object=True, allowed=CAMPAIGN_ROLES),
    "reports:index": Route(),
    "reports:export_list": Route(),
}
POST_ONLY = frozenset(
    {
        "reports:export_create",
        "reports:review_create",
        "reports:review_send",
        "reports:review_receive",
        "reports:review_acknowledge",
    }
)
#: An export job is its owner's alone: anyone else, whatever the role, gets a 404.
OWNER_ONLY = frozenset(
    {"reports:export_detail", "reports:export_status", "reports:export_download"}
)
