"""The demo's political-standard verifications (thẩm tra tiêu chuẩn chính trị, TTLT 50/2016):
the commune police verify every man the council found fit (class 1–3, not T) a week after his
examination (never after the demo's "today"), and the commune command records the outcome, as
``eligibility.services.political_verification_record`` would, with one audit event a commune.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.conscription.eligibility.models import PoliticalOutcome, PoliticalVerification
from muster.demo.callup.health.findings import DEMO_REASON
from muster.geo.models import Unit
from muster.health.models import HealthCall, HealthSession

AFTER_EXAM = dt.timedelta(days=7)


def verify_fit(
    *, unit: Unit, sessions: Sequence[HealthSession], today: dt.date | None
) -> list[PoliticalVerification]:
    """Record a passed verification for each man found fit at ``sessions``."""
    calls = HealthCall.objects.filter(
        session__in=sessions, health_class__lte=3, class_temporary=False
    ).select_related("session", "person")
    prefix = "phường" if unit.kind == "ward" else "thị trấn" if unit.kind == "town" else "xã"
    actor = system_actor()
    rows: list[PoliticalVerification] = []
    for number, call in enumerate(calls.order_by("session__date", "id"), start=1):
        day = call.session.date + AFTER_EXAM
        if today is not None:
            day = min(day, today)
        rows.append(
            PoliticalVerification(
                person=call.person,
                verified_on=day,
                verified_by=f"Công an {prefix} {unit.name}",
                outcome=PoliticalOutcome.PASS,
                document=f"Phiếu thẩm tra, xác minh số {number:02d}/{day:%Y} ngày {day:%d/%m/%Y}",
                recorded_by=actor,
            )
        )
    PoliticalVerification.objects.bulk_create(rows, batch_size=500)
    if rows:
        record_event(
            actor=actor,
            action="conscription.political_verification",
            obj=unit,
            scope_unit=unit,
            changes={"verified": len(rows), "outcome": PoliticalOutcome.PASS.value},
            reason=DEMO_REASON,
        )
    return rows
