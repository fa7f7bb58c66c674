"""Citations, reasons, rule titles, deadline names and audit actions in the user's language
(issue 16 item 2): the law package carries both languages, the interface shows the active one,
and neither language leaks into the other's pages or documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from muster.audit.labels import ACTION_LABELS
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.documents import decision_report
from muster.core import lawtext
from muster.law import book
from muster.law.callup import campaign as campaign_rules
from muster.law.callup.eligibility.engine import evaluator
from muster.law.text import vi_number
from muster.people.models import FamilyTie, Relation
from tests.conscription.campaign_factories import (
    dhop_commune,
    issue_decision,
    make_campaign,
    make_fit,
    set_quota,
)
from tests.core.factories import make_person

ROOT = Path(__file__).resolve().parents[2]
#: English citation and reason words that must never reach the Vietnamese interface.
ENGLISH_IN_VI = re.compile(
    r"Law \d+/|\bArts? \d|\bDecree \d|\bTT \d+/\d+/TT|Past the end of age|Under \d+ on|"
    r"No health class|Political standard|School grade not known|Deliver the|Child of a martyr"
)
#: Vietnamese citation words and deadline names that must never reach the English interface.
VIETNAMESE_IN_EN = re.compile(
    r"Luật Nghĩa vụ quân sự|Điều \d+|khoản \d|Giao quyết định|Niêm yết|Đã hết \d+ tuổi|"
    r"Chưa có phân loại|Chưa thẩm tra|Con của liệt sĩ|Tạo đợt tuyển quân|Đăng nhập lần"
)
DAYS = (dt.date(2019, 6, 1), dt.date(2024, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 12, 7))


# ----------------------------------------------------------------------- the law's data


def test_every_rule_has_a_title_in_both_languages():
    missing = [r.code for r in book.iter_rules() if not r.title.strip() or not r.title_vi.strip()]
    assert missing == []


@pytest.mark.parametrize("day", DAYS)
def test_every_reason_of_the_engine_has_both_languages(day):
    engine = evaluator(day)
    reasons = [*engine._reasons.values(), engine.authority]
    assert reasons
    for reason in reasons:
        assert reason.message.strip() and reason.message_vi.strip(), reason.code
        assert reason.message_vi != reason.message, reason.code
        assert not ENGLISH_IN_VI.search(reason.message_vi), reason.message_vi
        assert not VIETNAMESE_IN_EN.search(reason.message), reason.message


def test_reason_parameters_are_written_the_vietnamese_way():
    engine = evaluator(dt.date(2026, 2, 1))
    by_code = {r.code: r for r in engine._reasons.values()}
    assert by_code["age_under"].message_vi == "Chưa đủ 18 tuổi vào ngày 01/02/2026."
    assert "1,5 điốp" in by_code["myopia"].message_vi
    assert "29,9" in by_code["bmi"].message_vi
    assert vi_number(1234.5) == "1.234,5" and vi_number(1500) == "1.500"


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_every_campaign_deadline_is_named_and_cited_in_both_languages(year):
    calendar = campaign_rules.Calendar(
        year=year,
        handover=dt.date(year, 2, 20),
        exam_start=dt.date(year - 1, 11, 1),
        exam_end=dt.date(year - 1, 12, 31),
        screening_start=dt.date(year - 1, 10, 7),
        screening_end=dt.date(year - 1, 10, 22),
    )
    found = campaign_rules.deadlines(calendar)
    assert len(found) >= 6
    for deadline in found:
        assert deadline.title and deadline.title_vi and deadline.title != deadline.title_vi
        assert " Art " in deadline.citation and "Điều" not in deadline.citation
        assert "Điều" in deadline.citation_vi and not ENGLISH_IN_VI.search(deadline.citation_vi)


def test_a_citation_follows_the_active_language():
    citation = book.rule("std.age", dt.date(2025, 6, 1)).citations[0]
    with translation.override("vi"):
        assert lawtext.cite(citation) == citation.label_vi
        assert lawtext.cite(citation).startswith("Điều 30 Luật Nghĩa vụ quân sự")
    with translation.override("en"):
        assert lawtext.cite(citation) == citation.label
        assert lawtext.cite(citation).startswith("Law 78/2015/QH13")


# ----------------------------------------------------------------------- the audit actions

ACTION_LITERAL = re.compile(r"""action=["']([a-z_]+\.[a-z_.]+)["']""")
ACTION_CALL = re.compile(
    r"""_audit\(\s*(?:actor,\s*)?(?:[a-z_]+,\s*)?["']([a-z_]+\.[a-z_.]+)["']"""
)


def test_every_audited_action_has_a_label():
    found: set[str] = set()
    for path in (ROOT / "muster").rglob("*.py"):
        if "law" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text("utf-8")
        found.update(ACTION_LITERAL.findall(text))
        found.update(ACTION_CALL.findall(text))
    assert {"accounts.login", "dossier.propose", "violation.notice"} <= found
    assert sorted(found - set(ACTION_LABELS)) == []


# ----------------------------------------------------------------------- the pages


def _speak(client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def _get(client, url: str, language: str, **params: str) -> str:
    _speak(client, language)
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def _check(html: str, language: str) -> None:
    leak = (ENGLISH_IN_VI if language == "vi" else VIETNAMESE_IN_EN).search(html)
    assert leak is None, f"{language}: {html[max(0, leak.start() - 120) : leak.end() + 80]}"


def test_the_verdict_card_speaks_one_language(client, personas, units):
    person = make_person(units["DHOP"], date_of_birth=dt.date(1995, 3, 14))  # over age
    FamilyTie.objects.create(
        person=person, relation=Relation.FATHER, relative_name="Nguyễn Văn Liệt", is_martyr=True
    )
    client.force_login(personas["commune_clerk"])
    url = reverse("people:person_detail", args=[person.public_id])
    vi = _get(client, url, "vi", on="15/06/2025")
    assert "Đã hết 25 tuổi" in vi
    assert "điểm a khoản 2 Điều 41 Luật Nghĩa vụ quân sự 78/2015/QH13" in vi
    assert "<code>age_over</code>" not in vi and 'title="age_over"' in vi
    _check(vi, "vi")
    en = _get(client, url, "en", on="15/06/2025")
    assert "Past the end of age 25" in en
    assert "Law 78/2015/QH13 (Military Service), Art 41(2)(a)" in en
    _check(en.split('id="eligibility"', 1)[1], "en")


def test_the_campaign_board_names_its_deadlines_in_the_active_language(client, personas, units):
    officer = personas["district_officer"]
    campaign = make_campaign(officer, units["KD"])
    client.force_login(officer)
    url = reverse("campaigns:campaign_board", args=[campaign.public_id])
    vi = _get(client, url, "vi")
    assert "Giao quyết định gọi nhập ngũ" in vi
    _check(vi, "vi")
    en = _get(client, url, "en")
    assert "Deliver the call-up orders" in en and "Law 78/2015/QH13" in en
    _check(en, "en")


def test_the_dossier_page_cites_in_the_active_language(client, personas, units):
    from muster.conscription.dossiers import services as dossiers

    officer = personas["district_officer"]
    person = make_person(units["DHOP"], date_of_birth=dt.date(2005, 3, 14))
    dossier = dossiers.dossier_propose(
        actor=officer,
        person=person,
        ground="41.2.b",
        proposed_on=dt.date(2025, 6, 15),
        evidence="Giấy báo tử liệt sĩ",
    )
    client.force_login(officer)
    url = reverse("dossiers:dossier_detail", args=[dossier.public_id])
    vi = _get(client, url, "vi")
    assert "điểm b khoản 2 Điều 41 Luật Nghĩa vụ quân sự 78/2015/QH13" in vi
    _check(vi, "vi")
    en = _get(client, url, "en")
    assert "Art 41(2)(b)" in en


def test_the_call_up_order_and_its_page_cite_the_law(client, personas, units):
    officer = personas["district_officer"]
    campaign = make_campaign(officer, units["KD"])
    for commune in campaign.communes.all():
        cs.pool_set(actor=officer, commune=commune, stored_pool=10)
    set_quota(officer, campaign)
    decision = issue_decision(officer, dhop_commune(campaign, units), make_fit(units["DHOP"]))
    report = decision_report(decision, "https://example.test/v/x")
    text = " ".join(p for s in report.sections for p in s.paragraphs)
    assert "Điều 34 Luật Nghĩa vụ quân sự 78/2015/QH13" in text
    _check(text, "vi")
    client.force_login(officer)
    url = reverse("campaigns:decision_detail", args=[decision.public_id])
    _check(_get(client, url, "vi"), "vi")
    en = _get(client, url, "en")
    assert "Law 78/2015/QH13" in en or "Law 98/2025/QH15" in en


def test_the_audit_log_shows_labels_not_codes_or_hashes(client, personas, units):
    officer = personas["district_officer"]
    make_campaign(officer, units["KD"])
    auditor = personas["auditor"]
    client.force_login(auditor)
    vi = _get(client, "/audit/", "vi")
    assert "Tạo đợt tuyển quân" in vi
    assert "<code>campaign.create</code>" not in vi and 'title="campaign.create"' in vi
    assert 'class="chain-hash"' not in vi
    en = _get(client, "/audit/", "en")
    assert "Call-up campaign created" in en
    _check(en, "en")


def test_the_deadline_dataclass_keeps_both_languages():
    names = {f.name for f in dataclasses.fields(campaign_rules.Deadline)}
    assert {"title", "title_vi", "citation", "citation_vi"} <= names


# ------------------------------------------------- registration citations stored in Vietnamese


def test_every_registration_citation_has_its_english_form():
    from muster.law.callup import registration, registration_grounds

    for rule in registration.RULES:
        assert registration_grounds.citation_en(rule.citation) == rule.citation_en != ""
    for day in (dt.date(2025, 6, 30), dt.date(2025, 7, 1)):
        text = registration_grounds.january_citation(day)
        assert registration_grounds.citation_en(text.vi) == text.en
        for point in "abc":
            english = registration_grounds.citation_en(
                registration_grounds.art13_citation(point, day)
            )
            assert english is not None and english.startswith("Law 78/2015/QH13")
            assert ("98/2025" in english) == (point == "b" and day >= dt.date(2025, 7, 1))
    assert registration_grounds.citation_en(registration_grounds.art14_citation(7)) == (
        "Law 78/2015/QH13 (Military Service) Art 14; Circular 105/2023/TT-BQP Appendix I "
        "Part III item 7"
    )
    assert registration_grounds.citation_en("typed by a clerk") is None


def test_the_registration_history_cites_in_the_active_language(client, personas, units):
    from muster.law.callup import registration, registration_grounds
    from muster.people.registration.models import (
        BarKind,
        EventKind,
        RegistrationBar,
        RegistrationEvent,
    )

    person = make_person(units["DHOP"], date_of_birth=dt.date(2007, 3, 14))
    rule = registration.rule_for(registration.Trigger.TRANSFER_IN, dt.date(2025, 8, 4))
    RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.TRANSFER_IN,
        event_date=dt.date(2025, 8, 6),
        trigger_date=dt.date(2025, 8, 4),
        unit=units["DHOP"],
        due_date=dt.date(2025, 8, 11),
        legal_citation=rule.citation,
    )
    RegistrationBar.objects.create(
        person=person,
        kind=BarKind.BARRED_ART13,
        ground="Bị tước quyền phục vụ trong lực lượng vũ trang nhân dân",
        legal_citation=registration_grounds.art13_citation("c", dt.date(2025, 8, 1)),
        start_date=dt.date(2025, 8, 1),
    )
    client.force_login(personas["commune_clerk"])
    url = reverse("people:person_detail", args=[person.public_id])
    vi = _get(client, url, "vi")
    assert rule.citation in vi and "Luật NVQS 78/2015/QH13 Điều 13(1)(c)" in vi
    en = _get(client, url, "en")
    assert rule.citation_en in en
    assert "Law 78/2015/QH13 (Military Service) Art 13(1)(c)" in en
    assert "Luật NVQS" not in en
