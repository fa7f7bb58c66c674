"""Every figure of the results report against an independent count of the data the test made
(``scenario.Scenario.expected``: plain Python over the records created, not the report's
queries), with the boundary cases named one by one, the scope, and the query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muster.accounts.models import Role
from muster.accounts.services import system_actor
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Campaign, QuotaHistory
from muster.geo.scope import scope_of
from muster.reports import rows as reports_rows
from muster.reports import selectors
from muster.reports.figures import facts, metrics
from tests.conftest import make_user
from tests.core.factories import make_person, make_village
from tests.reports.scenario import D, Scenario, summed


@pytest.fixture
def scenario(units):
    return Scenario(units)


@pytest.fixture
def officer(units):
    return make_user("r.officer", Role.DISTRICT_OFFICER, units["KD"])


def report_for(user, scenario, unit=None):
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    return selectors.results_report(user=user, campaign=campaign, unit=unit or campaign.unit)


def by_key(report, scenario):
    key_of = scenario.key_of
    return {key_of[line.row.key]: line for line in report.lines}


def test_every_figure_of_every_commune_and_the_total(scenario, officer):
    report = report_for(officer, scenario)
    expected = scenario.expected()
    lines = by_key(report, scenario)
    assert set(lines) == set(expected), "one row per commune of the handover day"
    assert len(lines) == 15  # 17 campaign communes, Nhân La + Vũ Xá and Phú Thịnh + Thọ Vinh folded
    for key, line in lines.items():
        want = expected[key]
        for metric in metrics.METRICS:
            assert line.values[metric.key] == want.get(
                metric.key, 0 if metric.kind == "int" else None
            ), f"{key} {metric.key}"
    total = summed(list(expected.values()))
    for metric in metrics.METRICS:
        assert report.total[metric.key] == total.get(
            metric.key, 0 if metric.kind == "int" else None
        ), metric.key
    # The scenario reaches every stage, so the figures are not trivially zero.
    reached = (
        *("registered", "examined", "deferred", "exempt", "selected", "handed_over", "returns"),
        *("replacements", "violations", "volunteers_applied", "late_notices", "late_deliveries"),
        *("graduates", "party_members", "age_20–21", "age_18–19"),
    )
    for key in reached:
        assert report.total[key], key


def test_boundaries_one_by_one(scenario, officer):
    lines = by_key(report_for(officer, scenario), scenario)
    expected = scenario.expected()
    dhop = lines["DHOP"].values
    # Age limits on the handover day: 18 today and 27 until the day before the 28th birthday
    # count; 17 (one day short) and 28 do not (the expected count applies them one by one).
    edge = [scenario.edge_18, scenario.edge_17, scenario.edge_27, scenario.edge_28]
    assert [p.date_of_birth for p in edge] == [
        dt.date(2007, 2, 13),
        dt.date(2007, 2, 14),
        dt.date(1997, 2, 14),
        dt.date(1997, 2, 13),
    ]
    assert dhop["registered"] == expected["DHOP"]["registered"]
    # The citizen examined twice counts once, with the later class (2, not 4).
    assert dhop["class_4"] == expected["DHOP"]["class_4"]
    # A recruit 20 on the handover day is in 20–21; born a day later, in 18–19.
    assert dhop["age_20–21"] >= 1 and dhop["age_18–19"] >= 1
    # Deferrals: ending on the day, ended before it, decided after it, refused: not standing.
    md = lines["MD"].values
    assert md["deferred_41.1.g"] == expected["MD"]["deferred_41.1.g"]
    assert md["deferred_41.1.d"] == expected["MD"].get("deferred_41.1.d", 0)
    # A citizen with two grounds counts under each ground, once among the deferred.
    pto = lines["PTO"].values
    grounds = sum(pto[f"deferred_{g}"] for g in facts.DEFERRAL_GROUNDS)
    assert pto["deferred_41.1.b"] >= 1 and pto["deferred_41.1.c"] >= 1
    assert grounds == pto["deferred"] + 1


def test_a_citizen_counts_where_he_was_registered_on_the_handover_day(scenario, officer):
    """Moved after the day: the commune he left. Moving him changes the two communes' counts
    by exactly one, and the total not at all."""
    before = by_key(report_for(officer, scenario), scenario)
    assert before["DT"].values["registered"] == scenario.expected()["DT"]["registered"]
    moved_in = scenario.moved_in
    assert moved_in.registration_unit_id == scenario.units["DHOP"].pk  # now in Đức Hợp
    # Without the transfer event he would count in Đức Hợp.
    moved_in.registration_events.all().delete()
    after = by_key(report_for(officer, scenario), scenario)
    for key in ("registered", "called_exam", "examined", "deferred"):
        assert after["DT"].values[key] == before["DT"].values[key] - 1, key
        assert after["DHOP"].values[key] == before["DHOP"].values[key] + 1, key


def test_the_commune_commander_sees_his_commune_only_and_the_district_is_the_sum(
    scenario, officer, personas
):
    commander = personas["commune_commander"]  # Đức Hợp
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    unit = selectors.report_unit(commander, campaign, None)
    assert unit == scenario.units["DHOP"]
    own = selectors.results_report(user=commander, campaign=campaign, unit=unit)
    assert [line.name for line in own.lines] == ["Đức Hợp"]
    assert own.single
    district = by_key(report_for(officer, scenario), scenario)
    assert own.lines[0].values == district["DHOP"].values
    assert own.total == district["DHOP"].values
    # Asking for another commune or the district is refused (404).
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.report_unit(commander, campaign, str(scenario.units["DT"].public_id))
    with pytest.raises(Http404):
        selectors.report_unit(commander, campaign, str(scenario.units["KD"].public_id))
    # The district total is the sum of its communes for every count.
    full = report_for(officer, scenario)
    for metric in metrics.METRICS:
        if metric.kind == "int":
            assert full.total[metric.key] == sum(line.values[metric.key] for line in full.lines), (
                metric.key
            )


def test_the_regional_command_sees_the_former_district(scenario, officer, personas):
    ptkv = personas["ptkv_officer"]
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    assert selectors.report_unit(ptkv, campaign, None) == campaign.unit
    theirs = selectors.results_report(user=ptkv, campaign=campaign, unit=campaign.unit)
    assert theirs.total == report_for(officer, scenario).total


def test_query_count_does_not_grow_with_the_communes(scenario, officer):
    campaign = Campaign.objects.get(pk=scenario.campaign.pk)
    scope_of(officer).unit_ids()  # the user's area is computed once per request
    counts = []
    for unit in (scenario.units["DHOP"], scenario.units["KD"]):
        with CaptureQueriesContext(connection) as ctx:
            report = selectors.results_report(user=officer, campaign=campaign, unit=unit)
        counts.append((len(report.lines), len(ctx.captured_queries)))
    (one, q1), (many, q2) = counts
    assert (one, many) == (1, 15)
    assert q1 == q2, counts
    assert q2 <= 40


# ----------------------------------------------------------------------------- last year


def _campaign_2024(units):
    cal = cs.CalendarInput(
        exam_start=dt.date(2023, 11, 1),
        exam_end=dt.date(2023, 12, 31),
        handover_start=dt.date(2024, 2, 20),
    )
    return cs.campaign_create(
        actor=system_actor(), unit=units["KD"], year=2024, call=1, calendar=cal
    )


def test_last_year_from_the_previous_campaign_sums_merged_communes(scenario, officer, units):
    past = _campaign_2024(units)
    for commune in past.communes.select_related("unit"):
        cs.pool_set(actor=system_actor(), commune=commune, stored_pool=30)
    cs.quota_set(
        actor=system_actor(), campaign=past, service="army", value=34, source_document="x",
        received_on=dt.date(2023, 12, 1),
    )  # fmt: skip
    # Last year's citizens: a man 18 on 20/02/2024 registered in Phú Thọ (then Phú Thịnh).
    make_person(units["PTO"], date_of_birth=dt.date(2006, 2, 20))
    report = report_for(officer, scenario)
    lines = by_key(report, scenario)
    pto = lines["PTO"]
    assert pto.previous is not None and pto.previous.source == "campaign"
    assert pto.previous.units == ["Phú Thịnh", "Thọ Vinh"]
    pti = past.communes.get(unit=units["PTI"]).allocations.get(service="army").final
    tv = past.communes.get(unit=units["TV"]).allocations.get(service="army").final
    assert pto.previous_values["quota_army"] == pti + tv
    assert pto.previous_values["callable"] == 60
    assert pto.changes["quota_army"] == pto.values["quota_army"] - (pti + tv)
    assert report.total_previous["quota_army"] == 34
    assert report.total_previous["callable"] == 30 * 17
    assert report.total_changes["quota_total"] == report.total["quota_total"] - 34
    # The previous year's people count on its own handover day (the man turned 18 on it).
    assert pto.previous_values["registered"] >= 1
    assert [c.pk for c in report.previous_campaigns] == [past.pk]


def test_last_year_from_history_when_there_was_no_campaign(scenario, officer, units):
    QuotaHistory.objects.create(
        unit=units["PTI"], year=2024, service="army", quota=2, callable_pool=40, handed_over=2,
        replacements=1,
    )  # fmt: skip
    QuotaHistory.objects.create(
        unit=units["TV"], year=2024, service="army", quota=3, callable_pool=50, handed_over=3
    )
    QuotaHistory.objects.create(
        unit=units["DHOP"], year=2024, service="police", quota=1, callable_pool=70, handed_over=None
    )
    lines = by_key(report_for(officer, scenario), scenario)
    pto = lines["PTO"]
    assert pto.previous.source == "history"
    assert pto.previous_values["quota_army"] == 5
    assert pto.previous_values["callable"] == 90
    assert pto.previous_values["handed_over"] == 5
    assert pto.previous_values["replacements"] == 1
    assert pto.previous_values["registered"] is None  # not recorded, never 0
    assert pto.changes["registered"] is None
    assert lines["DHOP"].previous_values["handed_over"] is None  # recorded as unknown
    assert lines["DT"].previous is None
    report = report_for(officer, scenario)
    assert report.total_previous is None  # not every commune has last year's figures


def test_after_the_2025_reform_the_new_commune_sums_its_predecessors(scenario, units, personas):
    """A 2026 campaign of PTKV 1: new Đức Hợp's last year is Phú Thọ + Mai Động + Đức Hợp of the
    2025 campaign; Ngọc Thanh, split between Hiệp Cường and Sơn Nam, counts whole in each
    (flagged) and once in the total."""
    cal = cs.CalendarInput(
        exam_start=dt.date(2025, 11, 1),
        exam_end=dt.date(2025, 12, 31),
        handover_start=dt.date(2026, 3, 4),
    )
    new = cs.campaign_create(
        actor=system_actor(), unit=units["PTKV1"], year=2026, call=1, calendar=cal
    )
    ptkv = personas["ptkv_officer"]
    now = selectors.results_report(user=ptkv, campaign=new, unit=units["PTKV1"])
    names = {line.name: line for line in now.lines}
    assert set(names) == {"Lương Bằng", "Nghĩa Dân", "Hiệp Cường", "Đức Hợp", "Sơn Nam"}
    old = by_key(report_for(ptkv, scenario), scenario)
    duc_hop = names["Đức Hợp"]
    assert duc_hop.previous.source == "campaign"
    assert duc_hop.previous.units == ["Mai Động", "Phú Thịnh", "Thọ Vinh", "Đức Hợp"]
    for key in ("quota_total", "callable", "handed_over", "registered", "deferred", "replacements"):
        assert duc_hop.previous_values[key] == sum(
            old[k].values[key] for k in ("PTO", "MD", "DHOP")
        ), key
    assert names["Hiệp Cường"].previous.partial == ["Ngọc Thanh"]
    assert names["Sơn Nam"].previous.partial == ["Ngọc Thanh"]
    assert names["Sơn Nam"].previous_values["quota_total"] == old["NT"].values["quota_total"]
    whole_2025 = report_for(ptkv, scenario).total
    for key in ("quota_total", "callable", "registered", "handed_over", "violations"):
        assert now.total_previous[key] == whole_2025[key], key
    rows_sum = sum(line.previous_values["quota_total"] for line in now.lines)
    assert rows_sum == whole_2025["quota_total"] + old["NT"].values["quota_total"]


def test_no_data_yet_is_said_plainly(units, officer):
    campaign = cs.campaign_create(
        actor=system_actor(),
        unit=units["KD"],
        year=2025,
        call=1,
        calendar=cs.CalendarInput(
            exam_start=dt.date(2024, 11, 1),
            exam_end=dt.date(2024, 12, 31),
            handover_start=D,
        ),
    )
    report = selectors.results_report(user=officer, campaign=campaign, unit=units["KD"])
    for section in ("health", "deferral", "quota", "decisions", "selection", "handover"):
        assert not report.has(section), section
    assert report.total["callable"] is None  # no split yet: not recorded, not 0
    assert report.total["percent_met"] is None


def test_the_report_holds_citizens_as_the_registry_succession_does(units):
    """The report's in-memory lineage gives the same holding as ``people.succession`` (who
    answers for a citizen registered at a merged or split commune)."""
    from muster.people.succession import holding

    # A village of Ngọc Thanh that went to Hiệp Cường on 1/7/2025 (the split is by village).
    old = make_village(units["NT"], "NT-V1", "Thôn Một", valid_to=dt.date(2025, 6, 30))
    new = make_village(units["HC25"], "HC-V9", "Thôn Một", valid_from=dt.date(2025, 7, 1))
    from muster.geo.models import UnitChange

    UnitChange.objects.create(
        predecessor=old, successor=new, kind="merge", effective_date=dt.date(2025, 7, 1),
        legal_basis="x",
    )  # fmt: skip
    lineage = reports_rows.Lineage()
    for communes in (
        [units["HC25"], units["SN25"]],
        [units["DHOP25"], units["LB25"]],
        [units["PTO"], units["DH24"]],
        [units["DHOP"]],
    ):
        assert lineage.holding(communes) == holding(communes), communes
    held = lineage.holding([units["HC25"]])
    assert held.commune_of(units["NT"].pk, old.pk) == units["HC25"].pk
    assert held.commune_of(units["NT"].pk, None) is None
    assert held.commune_of(units["PTI"].pk, None) is None  # not a predecessor of Hiệp Cường
