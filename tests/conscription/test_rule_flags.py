"""Rules the legal reference could not confirm are data with ``confirmed=False`` and the pages
say so (issue 14 item 6)."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils import translation

from muster.law.book import rule
from muster.law.callup import registration
from muster.law.callup.eligibility.facts import Reason
from muster.law.rulebook import Citation, make_rule
from muster.law.sources import LAW_78


def test_the_25_percent_primary_share_is_its_own_unverified_rule():
    share = rule("std.education.primary_share", dt.date(2026, 1, 1))
    assert share.int_param("percent") == 25
    assert not share.confirmed and "unverified" in share.note
    assert rule("std.education", dt.date(2026, 1, 1)).confirmed


def test_the_additional_registration_period_after_decree_220_is_unverified():
    before = registration.rule_for(registration.Trigger.ADDITIONAL, dt.date(2025, 8, 6))
    after = registration.rule_for(registration.Trigger.ADDITIONAL, dt.date(2025, 8, 7))
    assert before.confirmed and not after.confirmed
    assert (before.amount, after.amount) == (10, 10)
    assert "chưa xác minh" in after.citation


def test_a_reason_citing_an_unverified_rule_is_shown_as_such_in_vietnamese():
    unverified = make_rule(
        "x.test",
        "standard",
        "A test rule",
        "Quy định thử",
        Citation(LAW_78, "41", "1", "a"),
        dt.date(2020, 1, 1),
        confirmed=False,
        note="not checked",
    )
    reason = Reason("x.test", "Test.", (unverified,))
    with translation.override("vi"):
        html = render_to_string("people/_verdict_reason.html", {"r": reason})
    assert "<cite>điểm a khoản 1 Điều 41 Luật Nghĩa vụ quân sự 78/2015/QH13</cite>" in html
    assert "chưa xác minh" in html
    with translation.override("en"):
        html = render_to_string("people/_verdict_reason.html", {"r": reason})
    assert "Art 41(1)(a)" in html and "unverified" in html


def test_the_january_list_deadline_is_a_dated_rule():
    before = rule("deadline.january_list", dt.date(2025, 1, 1))
    after = rule("deadline.january_list", dt.date(2026, 1, 1))
    assert (before.int_param("month"), before.int_param("day")) == (1, 31)
    assert before.valid_to == dt.date(2025, 6, 30) and after.valid_from == dt.date(2025, 7, 1)
    assert any(c.article == "16" for c in after.citations)
