"""The demo campaigns as ``load_demo`` writes them: Kim Động 2025 (examinations, dossiers,
quotas filled from the pools) and what the demo logins see.

The demo is loaded once for the module (at a small scale) inside a transaction that is rolled
back at the end; each test runs in its own savepoint.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from muster.audit.models import AuditEvent
from muster.audit.selectors import verify_chain
from muster.conscription import campaign_services as cs
from muster.conscription import dossiers_rules
from muster.conscription.models import (
    Allocation,
    Campaign,
    Dossier,
    DossierState,
    QuotaHistory,
)
from muster.geo.models import COMMUNE_LEVEL_KINDS
from muster.health import rules as health_rules
from muster.health import scoring
from muster.health.models import HealthCall, HealthSession, SessionKind, StationResult

SCALE = 0.05
MERGER_2024 = dt.date(2024, 12, 1)


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", scale=SCALE, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


@pytest.fixture
def c2025(demo) -> Campaign:
    return Campaign.objects.select_related("unit").get(unit__code="331", year=2025)


def _counts() -> tuple[int, ...]:
    return (
        Campaign.objects.count(),
        HealthSession.objects.count(),
        HealthCall.objects.count(),
        StationResult.objects.count(),
        Dossier.objects.count(),
        QuotaHistory.objects.count(),
        Allocation.objects.count(),
        AuditEvent.objects.count(),
    )


def test_load_demo_prints_each_part_and_a_second_run_adds_nothing(demo):
    assert "Demo examinations 2025:" in demo
    assert "Demo campaign: Kim Động 2025" in demo
    before = _counts()
    assert before[2] > 0 and before[4] > 0
    again = io.StringIO()
    call_command("load_demo", scale=SCALE, stdout=again)
    assert _counts() == before
    assert "Demo examinations" not in again.getvalue()
    assert verify_chain()[1] is None


def test_the_2025_campaign_has_the_fifteen_communes_of_the_handover_day(c2025, units):
    names = set(c2025.communes.values_list("unit__name", flat=True))
    assert len(names) == 15
    # Formed on 01/12/2024, inside the examination window; their predecessors are not there.
    assert {"Diên Hồng", "Phú Thọ"} <= names
    assert not names & {"Nhân La", "Vũ Xá", "Phú Thịnh", "Thọ Vinh"}


def test_pools_are_the_engines_registry_count(c2025):
    for commune in c2025.communes.select_related("unit"):
        assert commune.pool_source == "registry"
        assert commune.pool_used == cs.registry_pool(commune, c2025.handover_start)
        assert commune.pool_used > 0


def test_every_commune_can_fill_its_quota_from_its_callable_pool_with_a_standby(c2025):
    """The men examined by the council whom the engine finds callable on the handover day
    outnumber the commune's army + police quota (at least one standby)."""
    handover = c2025.handover_start
    for commune in c2025.communes.select_related("unit"):
        quota = sum(a.final for a in commune.allocations.all())
        examined_callable = [
            person
            for person, verdict in cs.pool_verdicts(commune.unit, handover)
            if not cs.definite_bars(verdict)
            and any(
                call.session.kind == SessionKind.EXAMINATION and call.health_class is not None
                for call in person.pool_calls
            )
        ]
        assert quota >= 1, commune.unit.name
        assert len(examined_callable) > quota, commune.unit.name


def test_sessions_calls_and_classes_are_as_the_services_write_them(c2025, units):
    sessions = list(HealthSession.objects.filter(date__lt=dt.date(2025, 2, 13)))
    screening = [s for s in sessions if s.kind == SessionKind.SCREENING]
    exams = [s for s in sessions if s.kind == SessionKind.EXAMINATION]
    assert len(screening) == 15 and exams
    for session in screening:
        assert session.unit.kind in COMMUNE_LEVEL_KINDS
        assert session.unit.is_valid_on(session.date)
        assert session.place.startswith("Trạm Y tế")
    # The merged communes are screened at their new stations, after the merger.
    late_screened = {s.unit.name for s in screening if s.date >= MERGER_2024}
    assert late_screened == {"Diên Hồng", "Phú Thọ"}
    for session in exams:
        assert session.unit == units["KD"]
        assert c2025.exam_start <= session.date <= c2025.exam_end
        assert session.body == "Hội đồng khám sức khỏe NVQS huyện Kim Động"
    calls = list(
        HealthCall.objects.filter(session__in=sessions)
        .select_related("session")
        .prefetch_related("results")
    )
    classes: Counter[str] = Counter()
    for call in calls:
        assert call.notified_on is not None and call.notified_on < call.session.date
        assert call.notice_late == health_rules.notice_is_late(call.notified_on, call.session.date)
        results = list(call.results.all())
        if not results:
            assert call.health_class is None  # did not come
            continue
        health = scoring.classify(
            scoring.Score(r.station, r.score, temporary=r.temporary) for r in results
        )
        assert (call.health_class, call.class_temporary) == (health.value, health.temporary)
        assert call.decisive == ",".join(health.decisive)
        assert call.concluded_on == call.session.date
        if call.session.kind == SessionKind.EXAMINATION:
            classes[call.class_label] += 1
    assert any(c.notice_late for c in calls)
    assert any(c.health_class is None for c in calls)  # a few no-shows
    assert {"1", "2", "3"} <= set(classes)
    assert any(label.endswith("T") or label in ("4", "5", "6") for label in classes)


def test_dossiers_have_real_grounds_decided_by_the_district_chairman(c2025):
    dossiers = list(Dossier.objects.filter(proposed_on__lt=c2025.handover_start))
    grounds = Counter(d.ground for d in dossiers)
    assert grounds.most_common(1)[0][0] == "41.1.g"  # students first
    assert "41.1.a" in grounds  # the men the council found unfit
    assert set(grounds) <= set(dossiers_rules.GROUNDS)
    for dossier in dossiers:
        assert dossier.state == DossierState.GRANTED
        assert dossier.ground_citation and dossier.evidence and dossier.minutes
        assert dossier.reviewed_on is not None and dossier.decision_date is not None
        assert dossier.proposed_on <= dossier.reviewed_on <= dossier.decision_date
        assert dossier.decision_date < dt.date(2025, 7, 1)
        assert dossier.authority == "district_chairman"
        assert dossier.kind == dossiers_rules.kind_of(dossier.ground)
        if dossier.ground in dossiers_rules.END_REQUIRED:
            assert dossier.end_date is not None and dossier.end_date > dossier.proposed_on
        if dossier.kind == "exemption":
            assert dossier.end_date is None


def test_history_2024_is_labelled_synthetic(c2025):
    rows = QuotaHistory.objects.filter(year=2024)
    assert rows.count() == 2 * c2025.communes.count()
    assert all("Số liệu mẫu" in r.note for r in rows)
