"""The official lists of a campaign, cut to the user's area: the call-up list, the deferral and
exemption lists, the health sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    Q,
)

from muster.conscription.campaign.models import Campaign
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.selection.models import ListKind, SelectionEntry, SelectionState
from muster.geo import scope as geo_scope
from muster.geo.models import Unit
from muster.health.models import HealthSession
from muster.people.models import Person
from muster.reports.collect import attribution, rows_of
from muster.reports.figures import facts as figures_facts
from muster.reports.rows import (
    Lineage,
    ReportRow,
    build_rows,
    health_window,
    reference_day,
    scope_of,
)

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass(frozen=True)
class ListEntry:
    row: ReportRow
    person: Person
    basis: str
    service: str
    number: int | None
    issued_on: dt.date | None
    delivered_on: dt.date | None
    enlist_on: dt.date | None


def _rows_for(user: User, campaign: Campaign, unit: Unit) -> tuple[list[ReportRow], Lineage]:
    visible = geo_scope.scope_of(user).unit_ids()
    lineage = Lineage()
    rows = build_rows(campaign, visible=visible, scope=scope_of(unit, lineage), lineage=lineage)
    return rows, lineage


def callup_list(*, user: User, campaign: Campaign, unit: Unit) -> list[ListEntry]:
    """Citizens called up: valid call-up decisions, then citizens on a frozen official list
    who have no valid decision yet."""
    rows, _lineage = _rows_for(user, campaign, unit)
    commune_row = {c.pk: r for r in rows for c in r.communes}
    entries: list[ListEntry] = []
    decided: set[int] = set()
    for d in (
        CallupDecision.objects.filter(commune_id__in=list(commune_row), status=DecisionStatus.VALID)
        .select_related("person", "person__residence_unit", "person__registration_unit")
        .order_by("commune__unit__name_search", "person__name_search", "id")
    ):
        decided.add(d.person_id)
        entries.append(
            ListEntry(
                commune_row[d.commune_id],
                d.person,
                "decision",
                d.service,
                d.number,
                d.issued_on,
                d.delivered_on,
                d.enlist_on,
            )
        )
    for e in (
        SelectionEntry.objects.filter(
            selection__commune_id__in=list(commune_row),
            selection__state=SelectionState.FROZEN,
            list_kind=ListKind.OFFICIAL,
        )
        .exclude(person_id__in=decided)
        .select_related("selection", "person", "person__residence_unit")
        .order_by("selection__commune__unit__name_search", "place", "id")
    ):
        entries.append(
            ListEntry(
                commune_row[e.selection.commune_id],
                e.person,
                "official_list",
                e.selection.service,
                None,
                None,
                None,
                None,
            )
        )
    entries.sort(
        key=lambda e: (e.row.unit.name_search, e.basis != "decision", e.person.name_search)
    )
    return entries


@dataclass(frozen=True)
class DossierEntry:
    row: ReportRow
    dossier: Dossier


def dossier_list(*, user: User, campaign: Campaign, unit: Unit, kind: str) -> list[DossierEntry]:
    """Deferrals (or exemptions) standing on the reference day, by ground: the dossiers the
    results report counts."""
    rows, lineage = _rows_for(user, campaign, unit)
    day = reference_day(campaign)
    by_key = {r.key: r for r in rows}
    at = attribution(rows, day=day, visible=geo_scope.scope_of(user).unit_ids(), lineage=lineage)
    standing = (
        Dossier.objects.filter(
            kind=kind,
            state__in=[DossierState.GRANTED, DossierState.ENDED],
            decision_date__lte=day,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )
    order = {
        g: i for i, g in enumerate(figures_facts.DEFERRAL_GROUNDS + figures_facts.EXEMPTION_GROUNDS)
    }
    out: list[DossierEntry] = []
    for dossier in rows_of(standing, at).select_related("person", "person__residence_unit"):
        key = at.person_row(
            dossier.person_id, dossier.person.registration_unit_id, dossier.person.residence_unit_id
        )
        if key is not None:
            out.append(DossierEntry(by_key[key], dossier))
    out.sort(
        key=lambda e: (
            order.get(e.dossier.ground, 99),
            e.row.unit.name_search,
            e.dossier.person.name_search,
            e.dossier.pk,
        )
    )
    return out


def health_sessions(*, user: User, campaign: Campaign, unit: Unit) -> list[HealthSession]:
    """Screening and examination sessions of the campaign's window in the report's area (the
    books 2k, 2l and the council's report 2b are printed from them)."""
    rows, lineage = _rows_for(user, campaign, unit)
    area = geo_scope.scope_of(user)
    visible = area.unit_ids()
    at = attribution(rows, day=reference_day(campaign), visible=visible, lineage=lineage)
    start, end = health_window(campaign)
    ids = set(
        HealthSession.objects.filter(area.q("unit"), date__range=(start, end))
        .filter(Q(calls__person__registration_unit_id__in=at.units) | Q(unit_id__in=at.units))
        .values_list("pk", flat=True)
    )
    return list(
        HealthSession.objects.filter(pk__in=ids)
        .select_related("unit")
        .annotate(called=Count("calls"))
        .order_by("kind", "date", "id")
    )
