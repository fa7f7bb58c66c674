"""The report pages: what each role sees, the figures on screen equal the report's, the tables
behind the charts, "no data yet", and the demo logins' consistent figures."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from muster.accounts.services import system_actor
from muster.conscription.campaign.models import QuotaHistory
from muster.conscription.handover.models import Recruit, RecruitReturn, Replacement
from muster.conscription.selection.models import SelectionEntry
from muster.conscription.violations.models import ViolationCase
from muster.documents.tables import Kind, format_cell
from muster.reports import lists as reports_lists
from muster.reports import selectors
from tests.reports.scenario import Scenario


@pytest.fixture
def scenario(units):
    return Scenario(units, people=60)


def url(name, campaign, unit=None):
    path = reverse(f"reports:{name}", kwargs={"public_id": campaign.public_id})
    return f"{path}?unit={unit.public_id}" if unit is not None else path


def summary_value(page: str, key: str) -> str:
    match = re.search(
        rf'<tr data-key="{re.escape(key)}"><td>[^<]*</td><td class="num">([^<]*)</td>', page
    )
    assert match, key
    return match.group(1)


def test_results_page_shows_the_reports_figures(client, scenario, personas):
    officer = personas["district_officer"]
    client.force_login(officer)
    campaign = scenario.campaign
    page = client.get(url("results", campaign)).content.decode()
    report = selectors.results_report(user=officer, campaign=campaign, unit=campaign.unit)
    for key, kind in (
        ("registered", Kind.INT),
        ("examined", Kind.INT),
        ("quota_total", Kind.INT),
        ("percent_met", Kind.PERCENT),
        ("deferred_41.1.b", Kind.INT),
    ):
        assert summary_value(page, key) == format_cell(report.total[key], kind), key
    assert "Phú Thọ" in page and "Phú Thịnh, Thọ Vinh" in page
    assert 'data-testid="export-buttons"' in page
    for fmt in ("xlsx", "pdf", "docx"):
        assert f'name="fmt" value="{fmt}"' in page
    # The commune in the comparison with last year and in each of the seven section tables.
    assert page.count(">Đức Hợp</td>") == 8
    assert "Tỷ lệ gọi %</th>" in page  # a "%" in a template's msgid is looked up as "%%"


def test_the_commander_sees_his_commune_and_cannot_pick_another(client, scenario, personas):
    client.force_login(personas["commune_commander"])
    campaign = scenario.campaign
    page = client.get(url("results", campaign)).content.decode()
    assert ">Đức Hợp</td>" in page and ">Đồng Thanh</td>" not in page
    assert 'data-testid="unit-picker"' not in page  # only one unit to choose
    assert client.get(url("results", campaign, scenario.units["DT"])).status_code == 404
    assert client.get(url("dashboard", campaign, scenario.units["KD"])).status_code == 404
    assert client.get(f"{url('results', campaign)}?unit=not-a-uuid").status_code == 404


def test_dashboards_for_commander_officer_and_leader(client, scenario, personas):
    campaign = scenario.campaign
    client.force_login(personas["commune_commander"])
    own = client.get(url("dashboard", campaign)).content.decode()
    assert 'data-testid="stage"' in own and 'data-testid="deadlines"' in own
    assert 'id="chart-classes"' in own and 'data-testid="table-classes"' in own
    assert 'id="chart-rates"' not in own  # one commune: no per-commune chart
    assert 'data-testid="manage-link"' in own  # a commander manages his part of the campaign
    client.force_login(personas["district_officer"])
    district = client.get(url("dashboard", campaign)).content.decode()
    assert 'id="chart-rates"' in district and 'data-testid="table-rates"' in district
    assert 'data-testid="manage-link"' in district
    client.force_login(personas["leader"])
    leader = client.get(url("dashboard", campaign)).content.decode()
    assert 'data-testid="manage-link"' not in leader and "Chỉ xem." in leader
    # Each chart has its table on the page (no JavaScript needed to read it).
    for table in ("table-classes", "table-grounds", "table-rates", "table-yoy"):
        assert f'data-testid="{table}"' in leader, table
    report = selectors.results_report(
        user=personas["leader"], campaign=campaign, unit=campaign.unit
    )
    quota = format_cell(report.total["quota_total"], Kind.INT)
    assert f'<tr data-key="quota_total"><td>Chỉ tiêu: tổng số</td><td class="num">{quota}</td>' in (
        leader
    )


def test_evenness_page_names_the_communes_that_stand_out(client, scenario, personas):
    client.force_login(personas["district_officer"])
    page = client.get(url("evenness", scenario.campaign)).content.decode()
    assert 'data-testid="standouts"' in page and 'data-testid="spreads"' in page
    report = selectors.results_report(
        user=personas["district_officer"], campaign=scenario.campaign, unit=scenario.campaign.unit
    )
    even = selectors.evenness_of(report)
    names = {line.row.key: line.name for line in report.lines}
    for s in even.standouts:
        assert f"<strong>{names[s.row]}</strong>" in page
    assert any(s.rule == "replacements" for s in even.standouts)


def test_lists_and_forms_pages(client, scenario, personas):
    client.force_login(personas["district_officer"])
    campaign = scenario.campaign
    callup = client.get(url("callup_list", campaign)).content.decode()
    entries = reports_lists.callup_list(
        user=personas["district_officer"], campaign=campaign, unit=campaign.unit
    )
    assert callup.count("<tr><td>") == len(entries) > 0
    deferral = client.get(url("deferral_list", campaign)).content.decode()
    assert "41.1.b" in deferral and "Chủ tịch UBND cấp huyện" in deferral
    forms = client.get(url("forms", campaign)).content.decode()
    for session in scenario.exam_sessions:
        book = reverse("health:session_book", kwargs={"public_id": session.public_id})
        assert f"{book}?form=2b&amp;format=xlsx" in forms
    screening = scenario.screening["DHOP"]
    book = reverse("health:session_book", kwargs={"public_id": screening.public_id})
    assert f"{book}?form=2k&amp;format=pdf" in forms
    assert scenario.old_session.public_id.hex not in forms.replace("-", "")  # before the window


def test_no_data_yet_on_the_pages(client, units, personas):
    from tests.conscription.campaign_factories import make_campaign

    campaign = make_campaign(system_actor(), units["KD"])
    client.force_login(personas["district_officer"])
    page = client.get(url("results", campaign)).content.decode()
    for stage in ("health", "deferral", "quota", "handover", "violations"):
        assert f'data-testid="no-data-{stage}"' in page, stage
    board = client.get(url("dashboard", campaign)).content.decode()
    assert 'data-testid="no-data-health"' in board and 'id="chart-classes"' not in board
    assert "no data yet" not in board or "chưa có số liệu" in board


def test_the_dashboard_links_to_the_campaign_reports(client, scenario, personas):
    client.force_login(personas["leader"])
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert 'data-testid="campaign-reports"' in page
    assert url("dashboard", scenario.campaign) in page
    assert 'href="/reports/"' in page  # the menu's Reports module is built


def test_the_demo_logins_see_consistent_figures(client, db):
    """The demo (``load_demo``, small scale): the district officer, the Đức Hợp commander and
    the leader see the same figures for the same units, on the report, the evenness view and
    the dashboard; the 2027 campaign of PTKV 1 counts the citizens its new communes hold."""
    from muster.accounts.models import User
    from muster.conscription.campaign.models import Campaign
    from muster.demo.callup.campaign2025 import demo_quotas

    call_command("load_demo", scale=0.03, stdout=io.StringIO())
    campaign = Campaign.objects.select_related("unit").get(unit__code="331", year=2025)
    users = {
        name: User.objects.get(username=name)
        for name in ("kimdong.officer", "duchop.commander", "leader")
    }
    reports = {
        name: selectors.results_report(
            user=user, campaign=campaign, unit=selectors.report_unit(user, campaign, None)
        )
        for name, user in users.items()
    }
    officer, commander, leader = (reports[k] for k in users)
    assert officer.total == leader.total
    assert len(officer.lines) == 15
    # The Đức Hợp commander holds the commune formed on 1/7/2025: on the 2025 campaign he
    # sees the three communes that became it, summed.
    held = [line for line in officer.lines if line.name in ("Đức Hợp", "Phú Thọ", "Mai Động")]
    assert len(held) == 3
    for key in ("registered", "called_exam", "examined", "decisions", "quota_total"):
        assert commander.total[key] == sum(line.values[key] for line in held), key
    assert officer.total["quota_total"] == sum(demo_quotas(0.03).values())
    history = QuotaHistory.objects.filter(year=2024, unit__parent=campaign.unit)
    assert officer.total_previous is not None
    assert officer.total_previous["quota_total"] == sum(h.quota for h in history)
    assert officer.total["examined"] > 0 and officer.total["deferred"] > 0
    assert officer.total["violations"] == ViolationCase.objects.filter(campaign=campaign).count()
    # The demo's selection, handover, returns and replacements, counted from the records.
    recruits = Recruit.objects.filter(handover__commune__campaign=campaign)
    replaced = set(
        Replacement.objects.filter(decision__campaign=campaign).values_list(
            "decision_id", flat=True
        )
    )
    handed = [r for r in recruits if r.decision_id not in replaced]
    assert officer.total["handed_over"] == len(handed) > 0
    returns = RecruitReturn.objects.filter(recruit__handover__commune__campaign=campaign).count()
    assert officer.total["returns"] == returns
    assert officer.total["replacements"] == len(replaced)
    assert officer.total["in_service"] == len(handed) - returns + len(replaced)
    official = SelectionEntry.objects.filter(
        selection__commune__campaign=campaign, selection__state="frozen", list_kind="official"
    ).count()
    assert officer.total["selected"] == official
    for name, user in users.items():
        client.force_login(user)
        page = client.get(url("dashboard", campaign)).content.decode()
        report = reports[name]
        quota = format_cell(report.total["quota_total"], Kind.INT)
        assert (
            f'<tr data-key="quota_total"><td>Chỉ tiêu: tổng số</td><td class="num">{quota}</td>'
            in (page)
        ), name
        results = client.get(url("results", campaign)).content.decode()
        assert summary_value(results, "quota_total") == quota
        assert summary_value(results, "registered") == format_cell(
            report.total["registered"], Kind.INT
        )
        assert client.get(url("evenness", campaign)).status_code == 200
    # 2027, Ban CH PTKV 1: the four communes formed on 1/7/2025 hold the citizens registered
    # at the communes that became them (the registry keeps the 2025 units).
    later = Campaign.objects.select_related("unit").get(unit__code="PTKV1", year=2027)
    ptkv = User.objects.get(username="ptkv1.officer")
    new = selectors.results_report(user=ptkv, campaign=later, unit=later.unit)
    assert len(new.lines) == later.communes.count() == 4
    assert new.total["registered"] > 0 and new.total["called_screening"] > 0
    assert new.total["quota_total"] == later.quotas.aggregate(n=Sum("value"))["n"]
