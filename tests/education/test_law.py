"""The pure rules of defence and security education: groups and certificate issuers by date,
with the unverified post-2025 group 4 flagged (legal-reference §5)."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.education.groups import (
    Issuer,
    UnknownGroup,
    certificate_issuer,
    group_on,
    is_due,
)
from muster.law.education.rules import BOOK
from muster.law.rulebook import NoRuleInForce

LAST_OLD = dt.date(2025, 6, 30)
FIRST_NEW = dt.date(2025, 7, 1)


def test_group_4_is_the_district_s_until_30_june_2025_and_unverified_after():
    old = group_on(4, LAST_OLD)
    assert old.verified
    assert "huyện" in old.convenes.vi
    assert old.place.vi == "Ban Chỉ huy quân sự huyện"
    new = group_on(4, FIRST_NEW)
    assert not new.verified
    assert "chưa kiểm chứng" in new.convenes.vi
    assert any("220/2025" in c.document for c in new.citations)


@pytest.mark.parametrize("group", [1, 2, 3])
def test_groups_1_to_3_are_unchanged_across_the_reform(group):
    assert group_on(group, LAST_OLD).rule is group_on(group, FIRST_NEW).rule
    assert group_on(group, FIRST_NEW).verified


def test_group_3_is_convened_by_the_province_and_trained_at_the_provincial_command():
    rule = group_on(3, dt.date(2024, 5, 1))
    assert rule.convenes.vi == "Hội đồng GDQPAN tỉnh"
    assert "Bộ Chỉ huy quân sự tỉnh" in rule.place.vi


def test_certificate_issuer_of_group_4_by_date_and_commune_staff():
    assert certificate_issuer(4, LAST_OLD).issuer == Issuer.DISTRICT_COMMANDER
    assert certificate_issuer(4, LAST_OLD, commune_staff=True).issuer == Issuer.COMMUNE_CHAIRMAN
    after = certificate_issuer(4, FIRST_NEW)
    assert after.issuer == Issuer.PROVINCE_COMMAND
    assert not after.verified
    assert certificate_issuer(4, LAST_OLD).verified


def test_certificate_issuer_of_the_other_groups():
    day = dt.date(2024, 1, 1)
    assert certificate_issuer(1, day).issuer == Issuer.DEFENCE_ACADEMY
    assert certificate_issuer(2, day).issuer == Issuer.POLITICAL_ACADEMY
    assert certificate_issuer(3, day).issuer == Issuer.PROVINCE_COMMAND
    assert certificate_issuer(3, day, commune_staff=True).issuer == Issuer.PROVINCE_COMMAND


def test_no_rule_before_the_decrees_and_no_group_5():
    with pytest.raises(NoRuleInForce):
        certificate_issuer(4, dt.date(2014, 4, 9))
    with pytest.raises(NoRuleInForce):
        group_on(4, dt.date(2021, 1, 14))
    with pytest.raises(UnknownGroup):
        group_on(5, FIRST_NEW)


def test_due_after_the_validity_years_to_the_day():
    assert is_due(None, FIRST_NEW)
    assert not is_due(dt.date(2020, 7, 2), FIRST_NEW)
    assert is_due(dt.date(2020, 7, 1), FIRST_NEW)
    assert is_due(dt.date(2020, 2, 29), dt.date(2025, 3, 1))
    assert not is_due(dt.date(2020, 2, 29), dt.date(2025, 2, 28))


def test_every_rule_cites_and_speaks_both_languages():
    for rule in BOOK.iter_rules():
        assert rule.citations and rule.title and rule.title_vi
        assert all(c.label_vi.startswith(("khoản", "Điều", "Nghị", "Luật")) for c in rule.citations)
