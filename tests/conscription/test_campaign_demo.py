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
from muster.conscription.campaign import pool as campaign_pool
from muster.conscription.campaign.models import Allocation, Campaign, QuotaHistory
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.geo.models import COMMUNE_LEVEL_KINDS
from muster.health.models import HealthCall, HealthSession, SessionKind, StationResult
from muster.law.callup import dossiers as dossiers_rules
from muster.law.health import exam as exam_rule
from muster.law.health import rules as health_rules
from muster.law.health import scoring

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
        assert commune.pool_used == campaign_pool.registry_pool(commune, c2025.handover_start)
        assert commune.pool_used > 0


def test_every_commune_can_fill_its_quota_from_its_callable_pool_with_a_standby(c2025):
    """The men examined by the council whom the engine finds callable on the handover day
    outnumber the commune's army + police quota (at least one standby)."""
    handover = c2025.handover_start
    for commune in c2025.communes.select_related("unit"):
        quota = sum(a.final for a in commune.allocations.all())
        examined_callable = [
            person
            for person, verdict in campaign_pool.pool_verdicts(commune.unit, handover)
            if not campaign_pool.definite_bars(verdict)
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
    both_rounds = 0
    for call in calls:
        assert call.notified_on is not None and call.notified_on < call.session.date
        assert call.notice_late == health_rules.notice_is_late(call.notified_on, call.session.date)
        results = list(call.results.all())
        if not results:
            assert call.health_class is None  # did not come
            continue
        health = scoring.classify(
            scoring.Score(r.station, r.score, temporary=r.temporary)
            for r in results
            if r.score is not None  # the drug and HIV tests carry no score
        )
        assert (call.health_class, call.class_temporary) == (health.value, health.temporary)
        assert call.decisive == ",".join(health.decisive)
        assert call.concluded_on == call.session.date
        if call.session.kind == SessionKind.EXAMINATION:
            classes[call.class_label] += 1
            # Complete as conclude_examination demands: a failed standard or both rounds.
            scores = {r.station: r.score for r in results}
            assert exam_rule.can_conclude(scores, "male", call.session.date)
            assert not call.drug_positive
            both_rounds += exam_rule.missing_stations(scores, "male", call.session.date) == (
                (),
                (),
            )
    assert any(c.notice_late for c in calls)
    assert any(c.health_class is None for c in calls)  # a few no-shows
    assert {"1", "2", "3"} <= set(classes)
    assert both_rounds >= classes["1"] + classes["2"] + classes["3"] > 0
    assert any(label.endswith("T") or label in ("4", "5", "6") for label in classes)


def test_dossiers_have_real_grounds_decided_by_the_district_chairman(c2025):
    dossiers = list(Dossier.objects.filter(proposed_on__lt=c2025.handover_start))
    grounds = Counter(d.ground for d in dossiers)
    assert grounds.most_common(1)[0][0] == "41.1.g"  # students first
    assert "41.1.a" in grounds  # the men the council found unfit
    assert set(grounds) <= set(dossiers_rules.GROUNDS)
    for dossier in dossiers:
        # Granted; those whose ground ended by 30/06/2026 were closed before the 2026 round.
        assert dossier.state in (DossierState.GRANTED, DossierState.ENDED)
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


# ----------------------------------------------------------------------------- 2027


@pytest.fixture
def c2027(demo) -> Campaign:
    return Campaign.objects.select_related("unit").get(unit__code="PTKV1", year=2027)


def test_the_2027_campaign_is_ptkv1s_for_the_four_successor_communes(c2027, units):
    assert c2027.unit == units["PTKV1"]
    communes = [c.unit for c in c2027.communes.select_related("unit")]
    assert {u.pk for u in communes} == {units[k].pk for k in ("LB25", "ND25", "HC25", "DHOP25")}
    for unit in communes:
        assert unit.parent == units["PTKV1"] and unit.valid_from == dt.date(2025, 7, 1)
        # Each was formed from Kim Động communes on the reform day.
        origins = list(unit.origins.select_related("predecessor"))
        assert origins and all(o.predecessor.parent == units["KD"] for o in origins)
        assert all(o.effective_date == dt.date(2025, 7, 1) for o in origins)
    # Sơn Nam ward (mostly former Hưng Yên city, not in the demo registry) is left out.
    assert units["SN25"] not in communes
    assert (c2027.exam_start, c2027.exam_end) == (dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    assert c2027.handover_start == dt.date(2027, 3, 3)


def test_2027_authorities_are_those_after_the_reform(c2027):
    from muster.law.callup import authorities

    assert authorities.callup_authority(c2027.decisions_by).code == "commune_chairman"
    assert authorities.health_call_authority(c2027.screening_start)[0] == "commune_chairman"
    assert authorities.health_council(c2027.exam_start)[0] == "regional_council"
    received = c2027.quotas.get(service="army").received_on
    assert authorities.quota_authority(received)[0] == "provincial_chairman"
    (override,) = Allocation.objects.filter(commune__campaign=c2027).exclude(override_reason="")
    assert override.commune.unit.name == "Đức Hợp" and override.final == override.computed + 1
    assert override.override_authority.startswith("Chủ tịch UBND tỉnh")
    assert "UBND tỉnh Hưng Yên" in c2027.quotas.get(service="army").source_document
    sessions = HealthSession.objects.filter(date__gte=dt.date(2026, 7, 1))
    exams = sessions.filter(kind=SessionKind.EXAMINATION)
    assert exams and all(s.unit.code == "PTKV1" for s in exams)
    assert all(s.body.startswith("Hội đồng khám sức khỏe khu vực") for s in exams)
    assert all("Chủ tịch UBND xã" in s.note for s in sessions)
    decided = Dossier.objects.filter(decision_date__gte=dt.date(2025, 7, 1))
    assert decided and set(decided.values_list("authority", flat=True)) == {"provincial_chairman"}
    # The 2025 ones keep the district chairman: the authority of their decision date.
    assert set(
        Dossier.objects.filter(decision_date__lt=dt.date(2025, 7, 1)).values_list(
            "authority", flat=True
        )
    ) == {"district_chairman"}


def test_2027_examinations_are_under_way_on_1_december_2026(c2027):
    from muster.demo.callup.campaign2027 import DEMO_TODAY

    sessions = list(HealthSession.objects.filter(date__gte=dt.date(2026, 7, 1)))
    screening = [s for s in sessions if s.kind == SessionKind.SCREENING]
    assert screening and all(
        dt.date(2026, 10, 7) <= s.date <= dt.date(2026, 10, 22) for s in screening
    )
    held = [s for s in sessions if s.kind == SessionKind.EXAMINATION and s.date <= DEMO_TODAY]
    scheduled = [s for s in sessions if s.kind == SessionKind.EXAMINATION and s.date > DEMO_TODAY]
    assert held and scheduled
    for session in screening + held:
        assert session.calls.filter(health_class__isnull=False).exists()
    for session in scheduled:
        calls = list(session.calls.all())
        assert calls and all(c.health_class is None and not c.results.exists() for c in calls)
        assert all(c.notified_on is not None and c.notified_on <= DEMO_TODAY for c in calls)
    assert HealthCall.objects.filter(session__in=scheduled, notice_late=True).exists()
    # The men found unfit in November: 41.1.a proposed, not yet decided.
    pending = Dossier.objects.filter(ground="41.1.a", proposed_on__gte=dt.date(2026, 7, 1))
    assert pending and set(pending.values_list("state", flat=True)) == {DossierState.PROPOSED}


def test_2027_pools_are_the_registry_through_the_successor_communes(c2027, units):
    for commune in c2027.communes.select_related("unit"):
        assert commune.pool_source == "registry"
        assert commune.pool_used == campaign_pool.registry_pool(commune, c2027.handover_start) > 0
        people = [p for p, _v in campaign_pool.pool_verdicts(commune.unit, c2027.handover_start)]
        # Men born 2001–2009, registered at the units that became the commune.
        assert {p.date_of_birth.year for p in people} <= set(range(1999, 2010))
        assert {p.date_of_birth.year for p in people} >= set(range(2002, 2009))
        assert all(p.registration_unit.valid_to == dt.date(2025, 6, 30) for p in people)


def test_2027_history_maps_2025_and_adds_2026_so_the_band_applies(c2027, c2025, units):
    finals_2025 = {
        (a.commune.unit.code, a.service): a.final
        for a in Allocation.objects.filter(commune__campaign=c2025).select_related("commune__unit")
    }
    for key, parts in (("DHOP25", ("PTO", "MD", "DHOP")), ("LB25", ("LB_T", "PNL", "CN", "DH24"))):
        row = QuotaHistory.objects.get(unit=units[key], year=2025, service="army")
        assert row.quota == sum(finals_2025[(units[p].code, "army")] for p in parts)
        assert row.note.startswith("Tổng hợp kết quả 2025 của")
    hc = QuotaHistory.objects.get(unit=units["HC25"], year=2025, service="army")
    assert "một phần Ngọc Thanh" in hc.note
    assert QuotaHistory.objects.filter(year=2026).count() == 8
    assert all("Số liệu mẫu" in r.note for r in QuotaHistory.objects.filter(year=2026))
    for service in c2027.certificate["services"]:
        for bounds in service["computed"]["bounds"]:
            assert bounds["history_mean"] is not None and bounds["band_lo"] is not None
    assert sum(a.final for a in Allocation.objects.filter(commune__campaign=c2027)) == sum(
        q.value for q in c2027.quotas.all()
    )


def test_2025_deferrals_whose_ground_ended_are_closed_before_the_2026_round(c2027):
    from muster.conscription.dossiers.selectors import rereview_list
    from muster.demo.callup.campaign2027 import CLOSE_ENDED_BY
    from muster.people.succession import holding

    held = holding([c.unit for c in c2027.communes.select_related("unit")]).q("person__")
    ended = Dossier.objects.filter(state=DossierState.ENDED)
    assert ended and all(d.end_date <= CLOSE_ENDED_BY for d in ended)
    assert all(d.ended_on >= d.decision_date for d in ended)
    assert not Dossier.objects.filter(
        held, state=DossierState.GRANTED, end_date__lte=CLOSE_ENDED_BY
    ).exists()
    # Those whose ground ended later (and Sơn Nam ward's) wait on the re-review list.
    from muster.accounts.models import User

    officer = User.objects.get(username="ptkv1.officer")
    waiting = rereview_list(user=officer, on=dt.date(2026, 12, 1))
    assert waiting.exists()
    assert all(d.state == DossierState.GRANTED for d in waiting)


# ----------------------------------------------------------------------------- logins


def _login(client, username):
    from muster.accounts.models import User

    client.force_login(User.objects.get(username=username))
    return client


def test_ptkv1_officer_sees_2027_and_through_lineage_2025(client, c2025, c2027):
    from django.urls import reverse

    _login(client, "ptkv1.officer")
    page = client.get(reverse("campaigns:campaign_list"))
    assert {c.year for c in page.context["campaigns"]} == {2025, 2027}
    board = client.get(reverse("campaigns:campaign_board", args=[c2027.public_id]))
    rows = {r.commune.unit.name: r for r in board.context["rows"]}
    assert set(rows) == {"Lương Bằng", "Nghĩa Dân", "Hiệp Cường", "Đức Hợp"}
    assert all(r.screening_called and r.exam_called and r.quota_total for r in rows.values())
    assert rows["Nghĩa Dân"].examined > 0 and rows["Đức Hợp"].examined == 0  # December
    quotas = client.get(reverse("campaigns:campaign_quotas", args=[c2027.public_id]))
    assert quotas.status_code == 200
    assert all(r.change is not None for r in quotas.context["rows"])
    assert any(
        "Tổng hợp kết quả 2025" in n or "Số liệu mẫu" in n for n in quotas.context["history_notes"]
    )
    old = client.get(reverse("campaigns:campaign_board", args=[c2025.public_id]))
    assert len(old.context["rows"]) == 15
    assert sum(r.examined for r in old.context["rows"]) > 0
    sessions = client.get(reverse("health:session_list"))
    assert {s.date.year for s in sessions.context["sessions"]} == {2024, 2026}


def test_duchop_commander_sees_duc_hop_and_its_predecessors(client, c2025, c2027):
    """He commands the Đức Hợp formed on 1 July 2025: its row of 2027, and the rows of 2025 of
    the three communes that became it."""
    from django.urls import reverse

    _login(client, "duchop.commander")
    page = client.get(reverse("campaigns:campaign_list"))
    assert {c.year for c in page.context["campaigns"]} == {2025, 2027}
    board = client.get(reverse("campaigns:campaign_board", args=[c2027.public_id]))
    (row,) = board.context["rows"]
    assert row.commune.unit.name == "Đức Hợp" and row.commune.unit.valid_to is None
    old = client.get(reverse("campaigns:campaign_board", args=[c2025.public_id]))
    rows = {r.commune.unit.name: r for r in old.context["rows"]}
    assert set(rows) == {"Phú Thọ", "Mai Động", "Đức Hợp"}
    row = rows["Đức Hợp"]
    assert row.screening_called and row.examined and row.quota_total and row.decisions


def test_the_2025_district_officer_sees_the_2025_campaign_only(client, c2025, c2027):
    from django.urls import reverse

    _login(client, "kimdong.officer")
    page = client.get(reverse("campaigns:campaign_list"))
    assert [c.year for c in page.context["campaigns"]] == [2025]
    assert (
        len(client.get(reverse("campaigns:campaign_board", args=[c2025.public_id])).context["rows"])
        == 15
    )
    assert (
        client.get(reverse("campaigns:campaign_board", args=[c2027.public_id])).status_code == 404
    )
    assert "data-ended-unit" in page.content.decode()


def test_the_duc_hop_clerk_registers_in_todays_commune(client, demo):
    from django.urls import reverse

    _login(client, "duchop.clerk")
    form = client.get(reverse("people:person_create")).context["form"]
    (commune,) = form.fields["registration_unit"].queryset
    assert commune.name == "Đức Hợp" and commune.valid_to is None
    assert form["registration_unit"].value() == commune.public_id


def test_a_2026_health_book_names_the_communes_of_2026(client, demo):
    from django.urls import reverse

    from muster.demo.callup.campaign2027 import DEMO_TODAY

    _login(client, "ptkv1.officer")
    session = (
        HealthSession.objects.filter(kind=SessionKind.EXAMINATION, date__lte=DEMO_TODAY)
        .filter(date__year=2026)
        .order_by("date")
        .first()
    )
    page = client.get(reverse("health:session_detail", args=[session.public_id]))
    assert page.status_code == 200
    names = {c.commune_name for c in page.context["calls"]}
    assert len(names) == 1 and names <= {"Lương Bằng", "Nghĩa Dân", "Hiệp Cường", "Đức Hợp"}
    book = client.get(reverse("health:session_book", args=[session.public_id]), {"form": "2b"})
    assert book.status_code == 200
    assert names.pop() in book.content.decode()
