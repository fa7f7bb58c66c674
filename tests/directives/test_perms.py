"""The directives' permission predicates: allowed and denied paths."""

from __future__ import annotations

from muster.accounts.models import Role
from muster.directives import perms
from muster.directives.models import ReportStatus
from muster.directives.services import reports as services_reports
from tests.conftest import make_user
from tests.directives.factories import make_directive, make_report


def test_setting_up_is_the_checkers_role(personas, system):
    assert perms.can_set_up_directives(personas["district_officer"])
    assert perms.can_set_up_directives(personas["admin"])
    assert perms.can_set_up_directives(system)
    for role in ("commune_commander", "commune_clerk", "leader", "auditor", "health_council"):
        assert not perms.can_set_up_directives(personas[role]), role


def test_a_directive_is_changed_only_at_its_issuing_level(personas, units):
    at_kd, _target = make_directive(units["KD"])
    at_dt, _target = make_directive(units["DT"], title="Chỉ thị xã Đồng Thanh")
    officer = personas["district_officer"]
    assert perms.is_issuing_level(officer, at_kd) and perms.can_issue_directive(officer, at_kd)
    assert perms.can_issue_directive(officer, at_dt)
    # A staff officer whose area is one commune sees the district's directive as a reporter.
    commune_officer = make_user("p.officer.dh", Role.DISTRICT_OFFICER, units["DHOP"])
    assert perms.can_issue_directive(commune_officer)
    assert not perms.is_issuing_level(commune_officer, at_kd)
    assert not perms.can_issue_directive(commune_officer, at_kd)
    assert not perms.can_issue_directive(commune_officer, at_dt)
    # The commune's commander is at the issuing level of nothing it may change.
    commander = personas["commune_commander"]
    assert not perms.can_issue_directive(commander, at_kd)


def test_drafting_a_report_is_the_makers_role(personas):
    for role in ("commune_commander", "commune_clerk", "district_officer", "admin"):
        assert perms.can_draft_report(personas[role]), role
    for role in ("leader", "auditor", "health_council", "service_council"):
        assert not perms.can_draft_report(personas[role]), role


def test_approving_needs_a_submitted_report_of_another_unit(personas, units):
    directive_dh, _target = make_directive(units["DHOP"], title="Chỉ thị Đức Hợp")
    maker = personas["commune_commander"]
    report = make_report(directive_dh, units["DHOP"], maker)
    officer = personas["district_officer"]
    assert report.status == ReportStatus.DRAFT
    assert perms.can_approve_report(officer)  # the role
    assert not perms.can_approve_report(officer, report)  # a draft is not reviewed
    report = services_reports.report_submit(actor=maker, report=report)
    assert perms.can_approve_report(officer, report)
    # Not the reporting unit itself, even with the checker's role.
    own = make_user("p.officer.dh", Role.DISTRICT_OFFICER, units["DHOP"])
    assert not perms.can_approve_report(own, report)
    # Not a role without the checker's capability.
    assert not perms.can_approve_report(maker, report)
    assert not perms.can_approve_report(personas["leader"], report)
