"""Loads the demo health check of a campaign, and reads back what the registry holds of it."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from muster.conscription.campaign.models import Campaign
from muster.conscription.campaign.pool import definite_bars, pool_verdicts
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.demo.callup.health.dossiers import write_dossiers
from muster.demo.callup.health.findings import ABROAD, classify
from muster.demo.callup.health.grounds import Ground, extra_ground, registry_ground
from muster.demo.callup.health.political import verify_fit
from muster.demo.callup.health.schedule import HealthCalendar, HealthSummary
from muster.demo.callup.health.sessions import _Commune, _commune_sessions, _write_session
from muster.health.models import HealthCall, SessionKind
from muster.people.models import Person
from muster.people.succession import holding


def _open_grounds(person: Person) -> set[str]:
    """Grounds on which ``person`` has an open dossier (proposed, reviewed or granted): the
    database allows one open dossier per person and ground."""
    dossiers: list[Dossier] | None = getattr(person, "pool_dossiers", None)
    return {
        d.ground
        for d in (person.dossiers.all() if dossiers is None else dossiers)
        if d.state in (DossierState.PROPOSED, DossierState.REVIEWED, DossierState.GRANTED)
    }


def load_campaign_health(
    *,
    campaign: Campaign,
    calendar: HealthCalendar,
    recruits: int,
    seed: int,
) -> HealthSummary:
    """Write the dossiers, screening and examinations of ``campaign`` (see the module doc).

    ``recruits`` is the army + police quota expected for the whole campaign: each commune is
    screened and examined in proportion to its callable pool."""
    summary = HealthSummary()
    handover = campaign.handover_start
    with transaction.atomic():
        communes: list[_Commune] = []
        for index, commune in enumerate(
            campaign.communes.select_related("unit").order_by("unit__path")
        ):
            unit = commune.unit
            rng = random.Random(f"{seed}:{campaign.year}:{unit.code}")
            round_ = calendar.grounds_rounds.get(unit.code, calendar.grounds_round)
            grounds: list[tuple[Person, Ground]] = []
            candidates: list[Person] = []
            for person, verdict in pool_verdicts(unit, handover):
                if verdict is None:
                    continue
                if verdict.deferrals or verdict.exemptions:
                    ground = registry_ground(person, verdict, handover, round_.proposed_on)
                    if ground is not None and ground.code not in _open_grounds(person):
                        grounds.append((person, ground))
                    continue
                if definite_bars(verdict):
                    continue
                extra = extra_ground(person, rng, round_.proposed_on, handover)
                if extra is not None and extra.code not in _open_grounds(person):
                    grounds.append((person, extra))
                    continue
                if person.workplace in ABROAD:
                    continue
                candidates.append(person)
            written = write_dossiers(
                unit=unit,
                commune_name=unit.name,
                grounds=grounds,
                round_=round_,
                rng=rng,
            )
            summary.dossiers.update(d.ground for d in written)
            rng.shuffle(candidates)
            summary.pools[unit.code] = len(candidates)
            communes.append(
                _Commune(commune=commune, rng=rng, candidates=candidates, flag_late=index % 3 == 0)
            )
        total_pool = sum(len(c.candidates) for c in communes) or 1
        for c in communes:
            c.expected = recruits * len(c.candidates) / total_pool
            c.sessions = _commune_sessions(c, calendar, summary)
            for rows, held in c.sessions:
                _write_session(rows, held=held, summary=summary)
            summary.sessions += len(c.sessions)
            verify_fit(
                unit=c.commune.unit,
                sessions=[
                    rows.session
                    for rows, held in c.sessions
                    if held and rows.session.kind == SessionKind.EXAMINATION
                ],
                today=calendar.today,
            )
            # 41.1.a: the men the council found unfit (class 4–6, with or without T).
            unfit: list[tuple[Person, Ground]] = []
            for rows, held in c.sessions:
                if rows.session.kind != SessionKind.EXAMINATION or not held:
                    continue
                for row in rows.calls:
                    if not row.plans or "41.1.a" in _open_grounds(row.person):
                        continue
                    health = classify(row.plans)
                    if health.value < 4:
                        continue
                    unfit.append(
                        (
                            row.person,
                            Ground(
                                "41.1.a",
                                f"Kết luận của Hội đồng khám sức khỏe ngày "
                                f"{rows.session.date:%d/%m/%Y}: loại {health}",
                                dt.date(handover.year, 11, 1),
                            ),
                        )
                    )
            written = write_dossiers(
                unit=c.commune.unit,
                commune_name=c.commune.unit.name,
                grounds=unfit,
                round_=calendar.unfit_round,
                rng=c.rng,
            )
            summary.dossiers.update(d.ground for d in written)
    return summary


def summary_of(campaign: Campaign) -> HealthSummary:
    """What the registry holds of ``campaign``'s health check: the citizens its communes hold
    (``people.succession``), called to sessions between 1 July of the year before and the
    handover, and their dossiers proposed in that time."""
    held = holding([c.unit for c in campaign.communes.select_related("unit")])
    start = dt.date(campaign.year - 1, 7, 1)
    calls = HealthCall.objects.filter(
        held.q("person__"), session__date__gte=start, session__date__lte=campaign.handover_start
    )
    summary = HealthSummary()
    summary.sessions = calls.values("session_id").distinct().count()
    for kind, health_class, temporary, late in calls.values_list(
        "session__kind", "health_class", "class_temporary", "notice_late"
    ):
        summary.late += late
        if kind == SessionKind.SCREENING:
            summary.screened += 1
            continue
        summary.called_to_exam += 1
        if health_class is not None:
            summary.examined += 1
            summary.classes[health_class] += 1
            summary.temporary += temporary
    summary.dossiers.update(
        Dossier.objects.filter(
            held.q("person__"), proposed_on__gte=start, proposed_on__lte=campaign.handover_start
        ).values_list("ground", flat=True)
    )
    return summary
