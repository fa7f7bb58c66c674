"""The roster of a commune on a day (danh sách lực lượng, phương tiện sẵn sàng huy động): the
reservists on its register, the militia members serving by component, the other forces it
entered and the technical assets on its register, by kind. Reads only; the ``*_on`` helpers
take no user (the services check the area before they use them), ``roster`` cuts to the
actor's scope."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from muster.core.dated import not_ended_by, open_on
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.dated import serving_on
from muster.militia.members.models import Membership, MembershipStatus
from muster.militia.organisation.models import MilitiaUnit
from muster.mobilisation.groups import group_label, reservist_group
from muster.mobilisation.rosters.models import OtherForce
from muster.reserve.assets.models import Asset
from muster.reserve.register.models import Reservist

if TYPE_CHECKING:
    from muster.accounts.models import User


def _open_on(day: dt.date) -> Q:
    return open_on(day, "registered_on", end="removed_on")


def reservists_on(commune: Unit | int, day: dt.date) -> QuerySet[Reservist]:
    """Reservists on the commune's register on ``day``."""
    return Reservist.objects.filter(_open_on(day), holder=commune).select_related("person")


def members_on(commune: Unit | int, day: dt.date) -> QuerySet[Membership]:
    """Militia members serving in the commune on ``day``."""
    return Membership.objects.filter(
        serving_on(day), holder=commune, status=MembershipStatus.SERVING
    ).select_related("person", "unit")


def assets_on(commune: Unit | int, day: dt.date) -> QuerySet[Asset]:
    """Technical assets on the commune's register on ``day``."""
    return Asset.objects.filter(_open_on(day), holder=commune)


def other_forces_on(commune: Unit | int, day: dt.date) -> QuerySet[OtherForce]:
    """Other forces the commune can call on ``day``."""
    return OtherForce.objects.filter(
        not_ended_by(day, end="available_to"),
        holder=commune,
        available_from__lte=day,
    )


@dataclass(frozen=True)
class RosterGroup:
    force: str
    group: str
    label: str
    count: int


@dataclass
class Roster:
    commune: Unit
    day: dt.date
    reservists: list[Reservist] = field(default_factory=list)
    members: list[Membership] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    others: list[OtherForce] = field(default_factory=list)

    def _groups(self, force: str, keys: Counter[str]) -> list[RosterGroup]:
        return [RosterGroup(force, k, group_label(force, k), n) for k, n in sorted(keys.items())]

    @property
    def reservist_groups(self) -> list[RosterGroup]:
        keys = Counter(reservist_group(r.kind, r.reserve_class) for r in self.reservists)
        return self._groups("reservist", keys)

    @property
    def member_groups(self) -> list[RosterGroup]:
        return self._groups("militia", Counter(m.component for m in self.members))

    @property
    def member_units(self) -> list[tuple[MilitiaUnit, int]]:
        """The militia units of the serving members, with how many serve in each."""
        counts = Counter(m.unit for m in self.members if m.unit is not None)
        return sorted(counts.items(), key=lambda item: item[0].name)

    @property
    def asset_groups(self) -> list[RosterGroup]:
        return self._groups("asset", Counter(a.kind for a in self.assets))

    @property
    def other_people(self) -> int:
        return sum(o.headcount for o in self.others)

    @property
    def people(self) -> int:
        return len(self.reservists) + len(self.members) + self.other_people


def roster(*, user: User, commune: Unit, day: dt.date) -> Roster:
    """The commune's roster on ``day`` (empty outside the user's area). Four queries."""
    scope = scope_of(user)
    if not scope.contains(commune):
        return Roster(commune, day)
    return Roster(
        commune,
        day,
        reservists=list(reservists_on(commune, day).order_by("kind", "reserve_class", "pk")),
        members=list(members_on(commune, day).order_by("component", "unit__name", "pk")),
        assets=list(assets_on(commune, day).order_by("kind", "registration_number")),
        others=list(other_forces_on(commune, day)),
    )
