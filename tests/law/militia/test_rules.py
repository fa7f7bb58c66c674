"""The militia rules in the one rule book: cited, dated, versioned at the reforms (Decree
16/2025 on 23/03/2025, Law 98/2025 on 01/07/2025), unverified values flagged."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from muster.law import book
from muster.law.militia.enums import Post
from muster.law.militia.grounds import GROUNDS
from muster.law.militia.rules import AUTHORITY_LABELS, MILITIA_RULES, POST_AMOUNTS
from muster.law.rulebook import NoRuleInForce
from muster.law.sources import DECREE_16, LAW_48, LAW_98

D = dt.date


def test_every_militia_rule_is_in_the_book_cited_and_titled_in_both_languages():
    assert all(any(item is r for r in book.RULES) for item in MILITIA_RULES)
    for item in MILITIA_RULES:
        assert item.code.startswith("militia."), item.code
        assert item.citations and all(c.document for c in item.citations), item.code
        assert item.title.strip() and item.title_vi.strip(), item.code
        assert item.title != item.title_vi, item.code
        assert not item.confirmed or not item.note.startswith("Unverified"), item.code


def test_versions_of_a_militia_code_never_overlap_and_follow_each_other():
    for code in {r.code for r in MILITIA_RULES}:
        for earlier, later in itertools.pairwise(book.versions(code)):
            assert earlier.valid_to is not None
            assert earlier.valid_to + dt.timedelta(days=1) == later.valid_from, code


def test_no_militia_rule_before_the_law():
    with pytest.raises(NoRuleInForce):
        book.rule("militia.age", D(2020, 6, 30))
    assert book.rule("militia.age", D(2020, 7, 1)).citations[0].document == LAW_48


def test_ages_and_terms_are_data():
    for day in (D(2024, 1, 1), D(2026, 1, 1)):
        age = book.rule("militia.age", day)
        assert (age.int_param("men_min_age"), age.int_param("men_max_age")) == (18, 45)
        assert (age.int_param("women_min_age"), age.int_param("women_max_age")) == (18, 40)
        assert age.int_param("volunteer_men_max_age") == 50
        assert age.int_param("volunteer_women_max_age") == 45
        term = book.rule("militia.term", day)
        assert (term.int_param("years"), term.int_param("standing_years")) == (4, 2)
        assert term.int_param("max_extension_years") == 2
    after = book.rule("militia.age", D(2025, 7, 1))
    assert LAW_98 in {c.document for c in after.citations}
    assert LAW_98 not in {c.document for c in book.rule("militia.age", D(2025, 6, 30)).citations}


def test_april_registration_and_absence_report_come_with_law_98():
    assert book.rule_or_none("militia.registration.april", D(2025, 6, 30)) is None
    april = book.rule("militia.registration.april", D(2025, 7, 1))
    assert (april.int_param("month"), april.int_param("age")) == (4, 18)
    assert april.citations[1].label.endswith("Art 10(2)")
    assert book.rule("militia.absence_report", D(2025, 7, 1)).int_param("months") == 3
    exempt = book.rule("militia.registration.exempt", D(2021, 1, 1))
    assert exempt.citations[0].label.endswith("Art 9(1)(c)")
    assert exempt.citations[0].label_vi.startswith("điểm c khoản 1 Điều 9 Luật Dân quân tự vệ")


def test_standing_service_and_reserve_class_thresholds():
    day = D(2026, 1, 1)
    assert book.rule("militia.standing_service", day).int_param("months") == 24
    assert book.rule("militia.standing_service", day).citations[0].label.endswith("Art 4(4)(a)")
    reserve = book.rule("militia.reserve_class1", day)
    assert (reserve.int_param("min_training_months"), reserve.int_param("reserve_class")) == (3, 1)


def test_training_days_are_data():
    item = book.rule("militia.training.days", D(2026, 1, 1))
    assert [item.int_param(k) for k in ("first_year_days", "specialist_days")] == [15, 12]
    assert [item.int_param(k) for k in ("on_site_days", "standing_days")] == [7, 60]
    assert {c.document for c in item.citations} >= {LAW_48}


@pytest.mark.parametrize(
    ("code", "before", "after"),
    [
        ("militia.authority.deferral_exemption", "district_chairman", "commune_chairman"),
        ("militia.authority.extension", "district_chairman", "commune_chairman"),
        ("militia.authority.selection", "commune_chairman", "commune_chairman"),
        ("militia.authority.completion", "commune_chairman", "commune_chairman"),
        ("militia.authority.service_recognition", "district_commander", "provincial_commander"),
    ],
)
def test_authorities_change_on_1_july_2025(code, before, after):
    old = book.rule(code, D(2025, 6, 30))
    new = book.rule(code, D(2025, 7, 1))
    assert (old.param("authority"), new.param("authority")) == (before, after)
    assert new.confirmed
    assert old.confirmed == (code == "militia.authority.service_recognition")
    assert old.param("authority") in AUTHORITY_LABELS and new.param("authority") in AUTHORITY_LABELS


def test_the_establishment_and_appointment_table_starts_with_law_98():
    for code in (
        "militia.authority.establish.province",
        "militia.authority.establish.commune",
        "militia.authority.appoint.province",
        "militia.authority.appoint.commune",
        "militia.authority.appoint.command",
    ):
        assert book.rule_or_none(code, D(2025, 6, 30)) is None
        assert book.rule(code, D(2025, 7, 1)).param("authority") in AUTHORITY_LABELS


@pytest.mark.parametrize("post", list(POST_AMOUNTS))
def test_each_post_allowance_changes_on_23_march_2025(post):
    old, new = POST_AMOUNTS[post]
    code = f"militia.allowance.post.{post.value}"
    assert book.rule(code, D(2025, 3, 22)).int_param("amount") == old
    assert book.rule(code, D(2025, 3, 23)).int_param("amount") == new
    assert DECREE_16 in {c.document for c in book.rule(code, D(2025, 3, 23)).citations}
    assert book.rule(code, D(2025, 3, 23)).citations[0].article == "7"


def test_the_assistant_has_no_amount_and_the_standing_completion_sum_is_unverified():
    assert Post.ASSISTANT not in POST_AMOUNTS
    old = book.rule("militia.allowance.standing_completion", D(2025, 3, 22))
    new = book.rule("militia.allowance.standing_completion", D(2025, 3, 23))
    assert old.confirmed and not new.confirmed
    assert new.int_param("per_year") == 2_980_000


def test_every_ground_is_a_rule_of_its_kind():
    for ground in GROUNDS:
        item = book.rule(ground.rule_code, D(2026, 1, 1))
        assert item.kind == ground.kind
        _, clause, point = ground.code.split(".")
        assert (item.citations[0].article, item.citations[0].clause) == ("11", clause)
        assert item.citations[0].point == point
        assert item.title_vi == ground.text.vi


def test_change_dates_include_the_militia_reforms():
    days = set(book.change_dates())
    assert {D(2020, 7, 1), D(2025, 3, 23), D(2025, 7, 1)} <= days
