"""Health screening and examination: permission predicates, allowed and denied paths."""

from __future__ import annotations

from muster.health import perms


def test_sessions_are_organised_by_the_campaign_managers(personas, system):
    assert perms.can_organise_health_session(system)
    for role in ("admin", "district_officer", "commune_commander"):
        assert perms.can_organise_health_session(personas[role]), role
    for role in ("health_council", "commune_clerk", "service_council", "leader", "auditor"):
        assert not perms.can_organise_health_session(personas[role]), role


def test_results_are_entered_by_the_health_council(personas, system):
    assert perms.can_record_health_result(system)
    assert perms.can_record_health_result(personas["health_council"])
    assert perms.can_record_health_result(personas["admin"])
    for role in ("district_officer", "commune_commander", "commune_clerk", "leader"):
        assert not perms.can_record_health_result(personas[role]), role
