"""The demo is the same on every build with the same seed (issue 15, item 15): the draws of the
selection lists, and so which recruits are returned and replaced in which communes."""

from __future__ import annotations

from django.db import transaction

from muster.conscription.handover.models import Replacement
from muster.conscription.selection.models import SelectionList
from muster.demo.callup.campaign2025 import load_demo_campaign
from muster.demo.callup.selection import demo_step
from muster.demo.people.writer import generate_demo_registry

SCALE = 0.05


class Rollback(Exception):
    pass


def _build(units, seed: int) -> tuple[list, list]:
    """Build the demo up to the handover, read what the draws decided, then undo it all."""
    found: tuple[list, list] = ([], [])
    try:
        with transaction.atomic():
            generate_demo_registry(units=units, seed=seed, scale=SCALE)
            load_demo_campaign(units=units, scale=SCALE, seed=seed)
            demo_step(units=units, seed=seed, scale=SCALE)
            lists = [
                (
                    s.commune.unit.code,
                    s.service,
                    s.seed,
                    [e.person.national_id for e in s.entries.order_by("list_kind", "place")],
                )
                for s in SelectionList.objects.select_related("commune__unit").order_by(
                    "commune__unit__path", "service"
                )
            ]
            replaced = sorted(
                (r.decision.commune.unit.code, r.decision.person.national_id)
                for r in Replacement.objects.select_related(
                    "decision__commune__unit", "decision__person"
                )
            )
            found = (lists, replaced)
            raise Rollback
    except Rollback:
        pass
    return found


def test_two_builds_with_the_same_seed_draw_the_same(units):
    first = _build(units, 7)
    second = _build(units, 7)
    assert first[0] and len(first[1]) >= 2
    assert first == second
