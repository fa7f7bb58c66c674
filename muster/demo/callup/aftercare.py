"""Demo after the 2025 handover and of the allowance (idempotent): the receiving units'
standards re-checks (one late), the families notified in Đức Hợp and Đồng Thanh (one left
missing in each), and the food and travel allowance lines of both communes for the 2024
registration and health exams."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.accounts.services import system_actor
from muster.conscription.aftercare import services as aft
from muster.conscription.aftercare.models import StandardsRecheck
from muster.conscription.campaign.models import Campaign
from muster.conscription.handover.models import Recruit
from muster.geo.models import Unit


@dataclass
class Summary:
    rechecks: int = 0
    notices: int = 0
    allowance_lines: int = 0

    def __str__(self) -> str:
        return (
            f"{self.rechecks} standards re-checks, {self.notices} families notified, "
            f"{self.allowance_lines} allowance lines"
        )


def load_demo_aftercare(*, units: dict[str, Unit]) -> Summary | None:
    campaign = Campaign.objects.filter(unit=units["KD"], year=2025, call=1).first()
    if campaign is None:
        return None
    summary = Summary()
    recruits = list(
        Recruit.objects.filter(handover__commune__campaign=campaign, returned__isnull=True)
        .select_related("handover__commune__unit", "decision__person")
        .order_by("handover__commune__unit__path", "decision__number")
    )
    if not recruits or StandardsRecheck.objects.filter(recruit__in=recruits).exists():
        return summary
    actor = system_actor()
    for index, recruit in enumerate(recruits):
        late = index == 1  # one re-check a day past the 7 days
        handed = recruit.handover.handed_on
        aft.standards_recheck_record(
            actor=actor,
            recruit=recruit,
            checked_on=handed + dt.timedelta(days=8 if late else 6),
            meets=True,
            document_ref=f"Biên bản kiểm tra tiêu chuẩn số {index + 1}/KT",
        )
        summary.rechecks += 1
    for key in ("DHOP", "DT"):
        mine = [r for r in recruits if r.handover.commune.unit_id == units[key].pk]
        for recruit in mine[:-1]:  # the last family of each commune is left missing
            tie = recruit.decision.person.family_ties.order_by("id").first()
            if tie is None:
                continue
            aft.family_notice_record(
                actor=actor,
                recruit=recruit,
                tie=tie,
                notified_on=recruit.handover.handed_on + dt.timedelta(days=2),
                method="visit",
                notified_by="Ban Chỉ huy quân sự xã",
            )
            summary.notices += 1
        summary.allowance_lines += aft.allowance_collect(
            actor=actor, unit=units[key], start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)
        )
    return summary


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the call-up app)."""
    return [f"Demo after the handover and allowance: {load_demo_aftercare(units=units)}."]
