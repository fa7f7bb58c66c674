"""Reads of the reserve technical assets, scoped by the reader's area."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from muster.core import dated, lawtext
from muster.core.text import fold
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.reserve.enums import ASSET_LABELS, AssetKind
from muster.reserve.assets.models import Asset

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Rows shown on one page of a commune's list (a commune holds a few hundred assets).
PAGE = 500


def open_on(day: dt.date) -> Q:
    """On the register on ``day``."""
    return dated.open_on(day, "registered_on", end="removed_on")


def assets_for(user: User) -> QuerySet[Asset]:
    return Asset.objects.filter(scope_of(user).q("holder"))


def assets_of_commune(
    *, user: User, commune: Unit, day: dt.date, kind: str = "", query: str = ""
) -> list[Asset]:
    """The commune's assets on ``day`` (one query), by kind and by words of the registration
    number, model, features or owner, diacritics ignored ("xe tai" finds "Xe tải")."""
    rows = assets_for(user).filter(open_on(day), holder=commune)
    if kind:
        rows = rows.filter(kind=kind)
    for word in fold(query).split():
        rows = rows.filter(search_text__contains=word)
    return list(rows.select_related("owner_person").order_by("kind", "registration_number"))


def counts_by_kind(*, user: User, commune: Unit, day: dt.date) -> list[tuple[str, str, int]]:
    """``[(kind, label, n)]`` of the commune's assets on ``day``."""
    found = dict(
        assets_for(user)
        .filter(open_on(day), holder=commune)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [
        (k.value, lawtext.text(ASSET_LABELS[k]), found[k.value])
        for k in AssetKind
        if k.value in found
    ]
