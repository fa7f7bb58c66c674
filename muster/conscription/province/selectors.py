"""Reads of the province's part of the call-up, cut to the acting user's area."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap
from muster.conscription.campaign.models import Allocation, Campaign, CampaignCommune
from muster.conscription.perms import can_print_province_decision
from muster.conscription.province.models import DecisionStatus, ProvinceDecision, ProvinceFile
from muster.geo.models import UnitKind
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User


def decision_for_user(user: User, public_id: uuid.UUID) -> ProvinceDecision:
    """A province decision whose campaign has a commune in the user's area (404 otherwise)."""
    return get_for_user(
        user,
        ProvinceDecision.objects.select_related("campaign__unit", "file"),
        unit_field="campaign__communes__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


def decision_for_print(user: User, public_id: uuid.UUID) -> ProvinceDecision:
    """A decided province decision whose official copy the user may download: out of the
    area 404, a role that does not carry it out 403 (``perms.can_print_province_decision``),
    not decided yet 404 (there is no decision to print)."""
    found = get_for_user(
        user,
        ProvinceDecision.objects.select_related("campaign__unit"),
        unit_field="campaign__communes__unit",
        cap=can_print_province_decision,
        public_id=public_id,
    )
    if found.status != DecisionStatus.DECIDED:
        raise Http404(_("This proposal has not been decided yet."))
    return found


def file_for_user(user: User, public_id: uuid.UUID) -> ProvinceFile:
    return get_for_user(
        user,
        ProvinceFile.objects.all(),
        unit_field="campaign__communes__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


@dataclass
class Group:
    """The communes a regional defence command coordinates (or the province's own)."""

    name: str
    #: (campaign commune, army share, police share); None where not split yet.
    rows: list[tuple[CampaignCommune, int | None, int | None]] = field(default_factory=list)
    army: int = 0
    police: int = 0


def groups(user: User, campaign: Campaign) -> list[Group]:
    """The campaign's communes in the user's area, grouped by the regional defence command
    (Ban CH PTKV) above them, with their final shares (two queries)."""
    area = scope_of(user)
    communes = list(
        campaign.communes.filter(**area.lookup("unit"))
        .select_related("unit__parent")
        .order_by("unit__path")
    )
    shares: dict[int, dict[str, int]] = defaultdict(dict)
    for a in Allocation.objects.filter(commune__in=communes):
        shares[a.commune_id][a.service] = a.final
    out: dict[str, Group] = {}
    for commune in communes:
        parent = commune.unit.parent
        name = parent.name if parent and parent.kind == UnitKind.DEFENCE_REGION else ""
        group = out.setdefault(name, Group(name))
        mine = shares.get(commune.pk, {})
        group.rows.append((commune, mine.get("army"), mine.get("police")))
        group.army += mine.get("army", 0)
        group.police += mine.get("police", 0)
    return list(out.values())
