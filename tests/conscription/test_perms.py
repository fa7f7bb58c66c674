"""The call-up's permission predicates: allowed and denied paths per role."""

from __future__ import annotations

import pytest

from muster.conscription import perms

MANAGERS = ("admin", "district_officer", "commune_commander")
NOT_MANAGERS = ("commune_clerk", "health_council", "service_council", "leader", "auditor")


@pytest.mark.parametrize(
    "predicate",
    [
        perms.can_manage_campaign,
        perms.can_propose_dossier,
        perms.can_decide_dossier,
        perms.can_end_dossier,
        perms.can_handle_violation,
    ],
)
def test_campaign_steps_are_for_the_campaign_managers(personas, system, predicate):
    assert predicate(system)
    for role in MANAGERS:
        assert predicate(personas[role]), role
    for role in NOT_MANAGERS:
        assert not predicate(personas[role]), role


def test_reviewing_a_dossier_is_the_councils(personas, system):
    assert perms.can_review_dossier(personas["service_council"])
    assert perms.can_review_dossier(personas["admin"])
    assert perms.can_review_dossier(system)
    for role in ("district_officer", "commune_commander", "commune_clerk", "leader"):
        assert not perms.can_review_dossier(personas[role]), role


def test_an_inactive_user_may_do_nothing(personas):
    officer = personas["district_officer"]
    officer.is_active = False
    assert not perms.can_manage_campaign(officer)
    assert not perms.can_handle_violation(officer)
