"""Writes the demo deferral and exemption dossiers."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.demo.callup.health.findings import DEMO_REASON
from muster.demo.callup.health.grounds import Ground
from muster.demo.callup.health.schedule import DossierRound
from muster.geo.models import Unit
from muster.law.callup import dossiers as dossiers_rules
from muster.people.models import Person


def _check_ground(ground: Ground, proposed_on: dt.date) -> str:
    """The checks of ``dossier_propose``; returns the ground's citation."""
    found = dossiers_rules.ground_rule(ground.code, proposed_on)
    if found is None:
        raise ValueError(f"{ground.code} is not a ground on {proposed_on}")
    if ground.code in dossiers_rules.EXEMPTION_GROUNDS and ground.end_date is not None:
        raise ValueError("an exemption has no end date")
    if ground.code in dossiers_rules.END_REQUIRED and ground.end_date is None:
        raise ValueError(f"{ground.code} needs its end date")
    if ground.end_date is not None and ground.end_date <= proposed_on:
        raise ValueError("the ground must end after the proposal")
    return "; ".join(c.label for c in found.citations)[:255]


def write_dossiers(
    *,
    unit: Unit,
    commune_name: str,
    grounds: Sequence[tuple[Person, Ground]],
    round_: DossierRound,
    rng: random.Random,
) -> list[Dossier]:
    """Bulk-write one commune's dossiers of one round (granted when the round is decided)."""
    if not grounds:
        return []
    authority = citation = ""
    if round_.decided_on is not None:
        authority, citation = dossiers_rules.authority_on(round_.decided_on)
    members = rng.randint(9, 13)
    rows: list[Dossier] = []
    for person, ground in grounds:
        kind = dossiers_rules.kind_of(ground.code)
        dossier = Dossier(
            person=person,
            kind=kind,
            ground=ground.code,
            ground_citation=_check_ground(ground, round_.proposed_on),
            proposed_on=round_.proposed_on,
            evidence=ground.evidence,
            end_date=ground.end_date,
        )
        if round_.reviewed_on is not None:
            against = 1 if rng.random() < 0.05 else 0
            dossier.state = DossierState.REVIEWED
            dossier.reviewed_on = round_.reviewed_on
            dossier.votes_for = members - against
            dossier.votes_against = against
            dossier.minutes = (
                f"Hội đồng NVQS xã {commune_name} họp ngày {round_.reviewed_on:%d/%m/%Y}, "
                f"{members}/{members} thành viên có mặt, biểu quyết đề nghị "
                f"{'miễn' if kind == 'exemption' else 'tạm hoãn'} gọi nhập ngũ."
            )
        if round_.decided_on is not None:
            dossier.state = DossierState.GRANTED
            dossier.decision_number = round_.decision_number
            dossier.decision_date = round_.decided_on
            dossier.authority = authority
            dossier.authority_citation = citation[:255]
        rows.append(dossier)
    Dossier.objects.bulk_create(rows, batch_size=500)
    grounds_count = dict(sorted(Counter(d.ground for d in rows).items()))
    steps: list[tuple[str, dict[str, object]]] = [
        ("dossier.propose", {"dossiers": len(rows), "grounds": grounds_count,
                             "proposed_on": round_.proposed_on.isoformat()}),
    ]  # fmt: skip
    if round_.reviewed_on is not None:
        steps.append(("dossier.review", {"reviewed_on": round_.reviewed_on.isoformat()}))
    if round_.decided_on is not None:
        steps.append(
            (
                "dossier.decide",
                {
                    "granted": True,
                    "decision_number": round_.decision_number,
                    "decision_date": round_.decided_on.isoformat(),
                    "authority": authority,
                },
            )
        )
    for action, changes in steps:
        record_event(
            actor=system_actor(),
            action=action,
            obj=unit,
            scope_unit=unit,
            changes=changes,
            reason=DEMO_REASON,
        )
    return rows
