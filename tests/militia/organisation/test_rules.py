"""Who establishes units and appoints commanders, the day before, of and after the reform of
01/07/2025 (Law 48/2019 Arts 22–23, original and as amended by Law 98/2025), the standard
structure of Art 15 and the grassroots degree requirement."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.militia.enums import Component, Force, Level, Post
from muster.law.militia.organisation_extra import (
    ORGANISATION_RULES,
    degree_rule,
    post_authority,
    standard_structure,
    unit_authority,
)

BEFORE = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)
AFTER = dt.date(2025, 7, 2)


def _who(reason):
    return None if reason is None else reason.code


@pytest.mark.parametrize(
    ("force", "component", "level", "before", "after"),
    [
        (
            Force.MILITIA,
            Component.ON_SITE,
            Level.TEAM,
            "commune_commander_reporting",
            "commune_commander",
        ),
        (Force.MILITIA, Component.ON_SITE, Level.SQUAD, "district_commander", "commune_commander"),
        (
            Force.MILITIA,
            Component.ON_SITE,
            Level.PLATOON,
            "district_commander",
            "commune_commander",
        ),
        (
            Force.MILITIA,
            Component.RECONNAISSANCE,
            Level.SQUAD,
            "district_commander",
            "commune_commander",
        ),
        (Force.MILITIA, Component.MARITIME, Level.SQUAD, "district_commander", "commune_commander"),
        (
            Force.MILITIA,
            Component.MARITIME,
            Level.PLATOON,
            "provincial_commander",
            "provincial_commander",
        ),
        (
            Force.MILITIA,
            Component.STANDING,
            Level.PLATOON,
            "provincial_commander",
            "provincial_commander",
        ),
        (
            Force.MILITIA,
            Component.STANDING,
            Level.SQUAD,
            "provincial_commander",
            "provincial_commander",
        ),
        (
            Force.MILITIA,
            Component.AIR_DEFENCE,
            Level.PLATOON,
            "provincial_commander",
            "provincial_commander",
        ),
        (
            Force.MILITIA,
            Component.ARTILLERY,
            Level.GUN_CREW,
            "district_commander",
            "provincial_commander",
        ),
        (
            Force.SELF_DEFENCE,
            Component.MOBILE,
            Level.COMPANY,
            "provincial_commander",
            "provincial_commander",
        ),
        (Force.MILITIA, Component.MOBILE, Level.PLATOON, "district_commander", None),
    ],
)
def test_establishing_authority_before_and_after_the_reform(force, component, level, before, after):
    assert _who(unit_authority(force, component, level, BEFORE)) == before
    assert _who(unit_authority(force, component, level, REFORM)) == after
    assert _who(unit_authority(force, component, level, AFTER)) == after


@pytest.mark.parametrize(
    ("post", "before", "after"),
    [
        (Post.COMMANDER, "district_chairman", "provincial_chairman"),
        (Post.DEPUTY_COMMANDER, "district_chairman", "provincial_chairman"),
        (Post.ASSISTANT, None, "provincial_chairman"),
        (Post.COMPANY_COMMANDER, "provincial_commander", "provincial_commander"),
        (Post.VILLAGE_LEADER, "district_commander", "commune_commander"),
        (Post.PLATOON_LEADER, "district_commander", "commune_commander"),
        (Post.SQUAD_LEADER, "commune_commander_reporting", "commune_commander"),
        (Post.COMMISSAR, None, None),
    ],
)
def test_appointing_authority_before_and_after_the_reform(post, before, after):
    assert _who(post_authority(post, BEFORE)) == before
    assert _who(post_authority(post, REFORM)) == after


def test_the_old_tables_are_marked_unverified_and_cited():
    old = post_authority(Post.COMMANDER, BEFORE)
    assert old is not None and not old.confirmed
    assert any(c.article == "23" for c in old.citations)
    new = post_authority(Post.COMMANDER, REFORM)
    assert new is not None and new.confirmed
    for item in ORGANISATION_RULES:
        assert item.citations and item.title and item.title_vi


def test_nothing_before_the_law_took_effect():
    day = dt.date(2020, 6, 30)
    assert unit_authority(Force.MILITIA, Component.ON_SITE, Level.SQUAD, day) is None
    assert post_authority(Post.COMMANDER, day) is None
    assert standard_structure(["a"], day) == ()


def test_standard_structure_one_on_site_unit_per_village_and_a_mobile_platoon():
    items = standard_structure(["thôn 1", "thôn 2"], BEFORE)
    assert [(i.component, i.level, i.village) for i in items] == [
        (Component.ON_SITE, Level.SQUAD, "thôn 1"),
        (Component.ON_SITE, Level.SQUAD, "thôn 2"),
        (Component.MOBILE, Level.PLATOON, None),
    ]
    assert items[-1].establishment == 31


def test_grassroots_degree_required_of_commanders_from_the_reform():
    assert degree_rule(Post.COMMANDER, BEFORE) is None
    assert degree_rule(Post.COMMANDER, REFORM) is not None
    assert degree_rule(Post.DEPUTY_COMMANDER, AFTER) is not None
    assert degree_rule(Post.SQUAD_LEADER, AFTER) is None
