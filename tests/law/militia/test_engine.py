"""The militia engine's layers: age and sex (day before, of and after the 18th, 46th and 41st
birthdays; volunteers to the end of 50 and 45), registration, grounds, fitness, the deciding
authority before and after 1 Jul 2025, and the conflicts of a serving member."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.militia.authorities import (
    appointing_authority,
    deciding_authority,
    establishing_authority,
)
from muster.law.militia.engine import MilitiaFacts, OutsideCoverage, conflicts, judge
from muster.law.militia.enums import Component, Force, Level, Post, Sex
from muster.law.militia.facts import REASON_CODES

D = dt.date
BORN = D(2008, 4, 10)


def _judge(sex: Sex, born: dt.date, on: dt.date, **values: object):
    base: dict[str, object] = {"fit": True}
    base.update(values)
    return judge(MilitiaFacts(sex=sex, birth_date=born, **base), on)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("on", "status"),
    [(D(2026, 4, 9), "under_age"), (D(2026, 4, 10), "eligible"), (D(2026, 4, 11), "eligible")],
)
@pytest.mark.parametrize("sex", [Sex.MALE, Sex.FEMALE])
def test_the_18th_birthday(on, status, sex):
    verdict = _judge(sex, BORN, on)
    assert verdict.status == status
    if status == "under_age":
        assert [r.code for r in verdict.reasons] == ["age_under"]
        assert verdict.reasons[0].text.vi == "Chưa đủ 18 tuổi vào ngày 09/04/2026."
        assert verdict.authority is None


@pytest.mark.parametrize(
    ("sex", "born", "last_day"),
    [(Sex.MALE, D(1980, 5, 15), D(2026, 5, 14)), (Sex.FEMALE, D(1985, 5, 15), D(2026, 5, 14))],
)
def test_men_serve_to_the_end_of_45_and_women_to_the_end_of_40(sex, born, last_day):
    assert _judge(sex, born, last_day - dt.timedelta(days=1)).status == "eligible"
    assert _judge(sex, born, last_day).status == "eligible"
    over = _judge(sex, born, last_day + dt.timedelta(days=1))
    assert over.status == "over_age" and over.reasons[0].code == "age_over"
    assert over.authority is None


@pytest.mark.parametrize(
    ("sex", "born", "last_day"),
    [(Sex.MALE, D(1975, 5, 15), D(2026, 5, 14)), (Sex.FEMALE, D(1980, 5, 15), D(2026, 5, 14))],
)
def test_volunteers_serve_to_the_end_of_50_men_and_45_women(sex, born, last_day):
    for day in (last_day - dt.timedelta(days=1), last_day):
        verdict = _judge(sex, born, day, volunteer=True)
        assert verdict.status == "eligible"
        assert [w.code for w in verdict.waived] == ["age_over"]
    assert _judge(sex, born, last_day, volunteer=False).status == "over_age"
    assert _judge(sex, born, last_day + dt.timedelta(days=1), volunteer=True).status == "over_age"


def test_a_29_february_birthday_comes_of_age_on_1_march():
    born = D(2008, 2, 29)
    assert _judge(Sex.MALE, born, D(2026, 2, 28)).status == "under_age"
    assert _judge(Sex.MALE, born, D(2026, 3, 1)).status == "eligible"


def test_registration_exemption_blocks_and_names_no_authority():
    verdict = _judge(Sex.MALE, D(2000, 1, 1), D(2026, 1, 1), registration_exempt_condition=True)
    assert verdict.status == "not_registrable"
    assert verdict.reasons[0].citations[0].label.endswith("Art 9(1)(c)")
    assert verdict.authority is None


def test_age_outranks_every_other_layer_but_all_reasons_are_listed():
    verdict = _judge(
        Sex.MALE, D(1960, 1, 1), D(2026, 1, 1), registration_exempt_condition=True, studying=True
    )
    assert verdict.status == "over_age"
    assert [r.code for r in verdict.reasons] == ["age_over", "registration_exempt", "11.1.h"]


def test_unknown_fitness_leaves_the_verdict_pending():
    verdict = judge(MilitiaFacts(sex=Sex.MALE, birth_date=D(2000, 1, 1)), D(2026, 1, 1))
    assert verdict.status == "pending" and not verdict.eligible
    assert [r.code for r in verdict.reasons] == ["fitness_unknown"]
    assert verdict.reasons[0].citations[0].label.endswith("Art 10")
    assert verdict.authority is not None and verdict.authority.code == "commune_chairman"


def test_unfit_is_deferral_ground_b_and_volunteering_does_not_cure_it():
    verdict = _judge(Sex.MALE, D(2000, 1, 1), D(2026, 1, 1), fit=False, volunteer=True)
    assert verdict.status == "deferred" and verdict.reasons[0].code == "11.1.b"


@pytest.mark.parametrize(
    ("on", "who", "confirmed"),
    [
        (D(2025, 6, 30), "district_chairman", False),
        (D(2025, 7, 1), "commune_chairman", True),
        (D(2025, 7, 2), "commune_chairman", True),
    ],
)
def test_who_decides_a_deferral_before_and_after_1_july_2025(on, who, confirmed):
    verdict = _judge(Sex.MALE, D(2000, 1, 1), on, studying=True)
    assert verdict.authority is not None
    assert (verdict.authority.code, verdict.authority.confirmed) == (who, confirmed)
    assert verdict.authority.text.vi.startswith("Thẩm quyền quyết định: Chủ tịch")


def test_the_self_defence_force_answers_to_the_agency_head():
    for on in (D(2025, 6, 30), D(2025, 7, 1)):
        verdict = _judge(
            Sex.FEMALE, D(2000, 1, 1), on, force=Force.SELF_DEFENCE, spouse_in_army=True
        )
        assert verdict.authority is not None and verdict.authority.code == "agency_head"
    assert deciding_authority("selection", D(2026, 1, 1), Force.SELF_DEFENCE).code == "agency_head"


@pytest.mark.parametrize(
    ("decision", "before", "after"),
    [
        ("extension", "district_chairman", "commune_chairman"),
        ("completion", "commune_chairman", "commune_chairman"),
        ("service_recognition", "district_commander", "provincial_commander"),
    ],
)
def test_deciding_authority_by_date(decision, before, after):
    assert deciding_authority(decision, D(2025, 6, 30)).code == before
    assert deciding_authority(decision, D(2025, 7, 1)).code == after
    assert deciding_authority(decision, D(2025, 7, 1), Force.SELF_DEFENCE).code == (
        "provincial_commander" if decision == "service_recognition" else "agency_head"
    )


@pytest.mark.parametrize(
    ("force", "component", "level", "who"),
    [
        (Force.MILITIA, Component.ON_SITE, Level.SQUAD, "commune_commander"),
        (Force.MILITIA, Component.ON_SITE, Level.PLATOON, "commune_commander"),
        (Force.MILITIA, Component.MEDICAL, Level.TEAM, "commune_commander"),
        (Force.MILITIA, Component.MARITIME, Level.SQUAD, "commune_commander"),
        (Force.MILITIA, Component.MARITIME, Level.PLATOON, "provincial_commander"),
        (Force.MILITIA, Component.STANDING, Level.PLATOON, "provincial_commander"),
        (Force.MILITIA, Component.AIR_DEFENCE, Level.PLATOON, "provincial_commander"),
        (Force.MILITIA, Component.MOBILE, Level.GUN_CREW, "provincial_commander"),
        (Force.SELF_DEFENCE, Component.MOBILE, Level.COMPANY, "provincial_commander"),
        (Force.MILITIA, Component.MOBILE, Level.BATTALION, None),
    ],
)
def test_who_establishes_a_unit_since_1_july_2025(force, component, level, who):
    found = establishing_authority(force, component, level, D(2025, 7, 1))
    assert (found.code if found else None) == who
    assert establishing_authority(force, component, level, D(2025, 6, 30)) is None


@pytest.mark.parametrize(
    ("post", "who"),
    [
        (Post.COMPANY_COMMANDER, "provincial_commander"),
        (Post.VILLAGE_LEADER, "commune_commander"),
        (Post.SQUAD_LEADER, "commune_commander"),
        (Post.COMMANDER, "provincial_chairman"),
        (Post.DEPUTY_COMMANDER, "provincial_chairman"),
        (Post.ASSISTANT, "provincial_chairman"),
        (Post.COMMISSAR, None),
        (Post.BATTALION_COMMANDER, None),
    ],
)
def test_who_appoints_to_a_post_since_1_july_2025(post, who):
    found = appointing_authority(post, D(2025, 7, 1))
    assert (found.code if found else None) == who
    assert appointing_authority(post, D(2025, 6, 30)) is None


def test_conflicts_of_a_standing_member():
    on = D(2026, 1, 1)
    found = conflicts(
        component=Component.STANDING, placed_reservist=True, on_callup_list=True, on=on
    )
    assert [r.code for r in found] == ["placed_reservist", "standing_on_callup_list"]
    assert found[0].citations[0].label.endswith("Art 11(2)(c)")
    assert found[1].citations[0].label.endswith("Art 41(1)(h)")
    assert found[1].text.vi.startswith("Dân quân thường trực")
    assert {r.code for r in found} <= set(REASON_CODES)


def test_no_conflict_for_an_ordinary_member_on_the_callup_list():
    assert (
        conflicts(
            component=Component.ON_SITE,
            placed_reservist=False,
            on_callup_list=True,
            on=D(2026, 1, 1),
        )
        == ()
    )


def test_every_verdict_code_is_documented():
    facts = MilitiaFacts(sex=Sex.MALE, birth_date=D(1990, 1, 1), studying=True, cipher_worker=True)
    verdict = judge(facts, D(2026, 1, 1))
    for reason in (*verdict.reasons, *verdict.grounds):
        assert reason.code in REASON_CODES


def test_no_day_before_the_militia_law():
    with pytest.raises(OutsideCoverage):
        judge(MilitiaFacts(sex=Sex.MALE, birth_date=D(2000, 1, 1)), D(2020, 6, 30))
