"""Reads after the handover and of the allowance, scoped to the acting user's area: each
recruit's family ties and notices (who is missing), and the allowance payment sheet of a
commune for a period with its totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from muster.conscription.aftercare.models import AllowanceLine, FamilyNotice, Payer
from muster.conscription.campaign.models import Campaign
from muster.conscription.handover.models import Recruit
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.callup import aftercare as aftercare_rules
from muster.law.rulebook import Rule
from muster.people.models import FamilyTie, Person

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass
class FamilyRow:
    recruit: Recruit
    ties: list[FamilyTie]
    notices: list[FamilyNotice]


def family_rows(user: User, campaign: Campaign) -> list[FamilyRow]:
    """Every recruit of ``campaign`` in ``user``'s area not returned, with his family ties in
    the registry and the notices recorded; a row without notices is a family not notified."""
    recruits = (
        Recruit.objects.filter(
            scope_of(user).q("handover__commune__unit"),
            handover__commune__campaign=campaign,
            returned__isnull=True,
        )
        .select_related("decision__person", "handover__commune__unit", "handover__receiving_unit")
        .prefetch_related(
            Prefetch(
                "decision__person__family_ties",
                queryset=FamilyTie.objects.order_by("id"),
                to_attr="ties",
            ),
            Prefetch("family_notices", queryset=FamilyNotice.objects.order_by("notified_on", "id")),
        )
        .order_by("handover__commune__unit__name", "decision__number")
    )
    return [
        FamilyRow(
            recruit=r,
            ties=list(r.decision.person.ties),  # type: ignore[attr-defined]
            notices=list(r.family_notices.all()),
        )
        for r in recruits
    ]


@dataclass
class SheetRow:
    person: Person
    lines: list[AllowanceLine]
    days: str
    food: int
    travel: int

    @property
    def total(self) -> int:
        return self.food + self.travel


@dataclass
class PaymentSheet:
    unit: Unit
    start: dt.date
    end: dt.date
    commune_rows: list[SheetRow] = field(default_factory=list)
    employer_lines: list[AllowanceLine] = field(default_factory=list)
    #: The allowance rule of each day listed (one per version), for the legal basis.
    rules: list[Rule] = field(default_factory=list)

    @property
    def commune_food(self) -> int:
        return sum(r.food for r in self.commune_rows)

    @property
    def commune_travel(self) -> int:
        return sum(r.travel for r in self.commune_rows)

    @property
    def commune_total(self) -> int:
        return self.commune_food + self.commune_travel


def lines_for(user: User, unit: Unit, start: dt.date, end: dt.date) -> list[AllowanceLine]:
    return list(
        AllowanceLine.objects.filter(
            scope_of(user).q("unit"), unit=unit, day__range=(start, end)
        ).select_related("person")
    )


def payment_sheet(user: User, unit: Unit, start: dt.date, end: dt.date) -> PaymentSheet:
    """The payment list of ``unit`` for ``start``–``end``: one row per citizen the commune
    command pays (days counted as 1 or ½, food and travel), and apart the lines the
    employers or schools pay."""
    sheet = PaymentSheet(unit=unit, start=start, end=end)
    by_person: dict[int, list[AllowanceLine]] = {}
    for line in lines_for(user, unit, start, end):
        if line.payer == Payer.EMPLOYER:
            sheet.employer_lines.append(line)
        else:
            by_person.setdefault(line.person_id, []).append(line)
        item = aftercare_rules.rule("entitlement.allowance", line.day)
        if item not in sheet.rules:
            sheet.rules.append(item)
    for lines in by_person.values():
        sheet.commune_rows.append(
            SheetRow(
                person=lines[0].person,
                lines=lines,
                days=", ".join(f"{x.day:%d/%m}" for x in lines),
                food=sum(x.food for x in lines),
                travel=sum(x.travel for x in lines),
            )
        )
    sheet.commune_rows.sort(key=lambda r: (r.person.name_search, r.person.pk))
    return sheet
