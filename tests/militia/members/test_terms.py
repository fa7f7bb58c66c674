"""A member's term (Law 48/2019 Art 8, Art 13): extension capped at 2 years past the term,
completion from the term's last day, standing militia's 24 months counted as military service
(day before, of), the class-1 reserve on completion, leaving, terms ending in 90 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from muster.law.militia.enums import Component
from muster.law.militia.terms import term_end
from muster.militia.members import term_services as ts
from muster.militia.members.selectors import terms_ending
from muster.militia.models import Membership
from tests.core.factories import make_person
from tests.militia.factories import make_member

START = dt.date(2022, 3, 1)


def _member(
    units, component: str = "mobile", start: dt.date = START, months: int = 0
) -> Membership:
    person = make_person(units["DHOP"], full_name=f"Đặng Văn {component}")
    member = make_member(person, component=component, joined_on=start)
    member.term_ends_on = term_end(start, Component(component))
    member.training_months = months
    member.save()
    return member


def test_extension_is_capped_at_two_years_past_the_term(personas, units):
    member = _member(units)
    assert member.term_ends_on == dt.date(2026, 2, 28)
    commander = personas["commune_commander"]
    for wrong in (dt.date(2026, 2, 28), dt.date(2028, 3, 1)):
        with pytest.raises(ValidationError) as caught:
            ts.membership_extend(
                actor=commander,
                membership=member,
                until=wrong,
                on=dt.date(2026, 1, 5),
                decision_ref="12/QĐ",
            )
        assert "until" in caught.value.message_dict
    done = ts.membership_extend(
        actor=commander,
        membership=member,
        until=dt.date(2028, 2, 29),
        on=dt.date(2026, 1, 5),
        decision_ref="12/QĐ-UBND",
    )
    assert done.extended_to == dt.date(2028, 2, 29)


def test_standing_militia_24_months_counts_as_military_service(personas, units):
    member = _member(units, component="standing", start=dt.date(2024, 3, 1))
    assert member.term_ends_on == dt.date(2026, 2, 28)
    before = ts.completion_outlook(member, dt.date(2026, 2, 28))
    assert not before.military_service and before.reserve_class == 1
    on_day = ts.completion_outlook(member, dt.date(2026, 3, 1))
    assert on_day.military_service and on_day.recognised_by == "provincial_commander"
    with pytest.raises(ValidationError) as caught:
        ts.membership_complete(
            actor=personas["commune_commander"],
            membership=member,
            on=dt.date(2026, 2, 27),
            decision_ref="5/QĐ",
        )
    assert "on" in caught.value.message_dict
    done = ts.membership_complete(
        actor=personas["commune_commander"],
        membership=member,
        on=dt.date(2026, 3, 1),
        decision_ref="5/QĐ-UBND",
    )
    assert done.military_service and done.reserve_class == 1
    member.refresh_from_db()
    assert (member.status, member.ended_on) == ("completed", dt.date(2026, 3, 1))


def test_reserve_class_needs_three_months_of_training_outside_standing(units):
    assert ts.completion_outlook(_member(units, months=3), dt.date(2026, 3, 1)).reserve_class == 1
    other = _member(units, component="on_site", months=2)
    assert ts.completion_outlook(other, dt.date(2026, 3, 1)).reserve_class is None


def test_leaving_and_no_second_end(personas, units):
    member = _member(units)
    commander = personas["commune_commander"]
    ts.membership_leave(
        actor=commander, membership=member, on=dt.date(2024, 5, 1), reason="Ốm dài ngày"
    )
    with pytest.raises(ValidationError):
        ts.membership_leave(actor=commander, membership=member, on=dt.date(2024, 6, 1), reason="x")


def test_terms_ending_in_the_next_90_days(personas, units):
    member = _member(units)
    user = personas["commune_clerk"]
    assert terms_ending(user=user, commune=units["DHOP"], day=dt.date(2025, 11, 29)) == []
    assert terms_ending(user=user, commune=units["DHOP"], day=dt.date(2025, 11, 30)) == [member]
    assert (
        terms_ending(
            user=personas["other_commander"], commune=units["DHOP"], day=dt.date(2025, 12, 1)
        )
        == []
    )
