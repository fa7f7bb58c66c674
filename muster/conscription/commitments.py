"""The call-up's commitment other modules show (``core.registry.Commitment``): a citizen on the
official list (danh sách chính thức) of a frozen selection list of this year's or a later
campaign is bound to the call-up; the militia shows it beside a standing member."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from muster.conscription.selection.models import ListKind, SelectionEntry, SelectionState
from muster.core.dates import today


def on_official_list(person_ids: Sequence[int]) -> Mapping[int, str]:
    """``{person id: "On the call-up official list (2027, Army)"}`` for the given persons on
    the official list of a frozen list of a campaign of this year or later; one query."""
    rows = (
        SelectionEntry.objects.filter(
            person_id__in=list(person_ids),
            list_kind=ListKind.OFFICIAL,
            selection__state=SelectionState.FROZEN,
            selection__commune__campaign__year__gte=today().year,
        )
        .select_related("selection__commune__campaign")
        .order_by("selection__commune__campaign__year")
    )
    found: dict[int, str] = {}
    for entry in rows:
        selection = entry.selection
        found[entry.person_id] = _("On the call-up official list (%(year)s, %(service)s)") % {
            "year": selection.commune.campaign.year,
            "service": selection.get_service_display(),
        }
    return found
