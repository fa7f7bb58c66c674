"""Access rows of the report pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route, campaign_kwargs

ROWS: dict[str, Route] = {
    # Reports of a campaign (every role may read them; scope first).
    **{
        name: Route(kwargs=campaign_kwargs, scoped_object=True)
        for name in (
            "reports:results",
            "reports:evenness",
            "reports:dashboard",
            "reports:callup_list",
            "reports:deferral_list",
            "reports:exemption_list",
            "reports:forms",
        )
    },
    "reports:index": Route(),
    "reports:export_list": Route(),
}
POST_ONLY = frozenset({"reports:export_create"})
#: An export job is its owner's alone: anyone else, whatever the role, gets a 404.
OWNER_ONLY = frozenset(
    {"reports:export_detail", "reports:export_status", "reports:export_download"}
)
