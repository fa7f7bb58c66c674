"""The public pages of postings, without login: what they show, what they never show, the
headers, withdrawn and ended postings, complaints as counts only.

Dates are relative to today so a posting window can be open whatever day the suite runs: the
campaign belongs to the regional defence command (PTKV 1) and its new communes (from 1 July
2025), with examinations around today and the handover two months ahead."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from muster.conscription.campaign import services as cs
from muster.conscription.postings import services as ps
from tests.conscription.posting_factories import grant, result
from tests.core.factories import make_person

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


@pytest.fixture
def world(units, personas):
    admin = personas["admin"]
    handover = TODAY + 60 * DAY
    campaign = cs.campaign_create(
        actor=admin,
        unit=units["PTKV1"],
        year=handover.year,
        call=1,
        calendar=cs.CalendarInput(
            exam_start=TODAY - 30 * DAY, exam_end=TODAY + 30 * DAY, handover_start=handover
        ),
    )
    commune = campaign.communes.select_related("unit", "campaign").get(unit=units["DHOP25"])
    person = make_person(
        units["DHOP25"], full_name="Nguyễn Văn An", date_of_birth=dt.date(2004, 5, 17)
    )
    other = make_person(
        units["DHOP25"], full_name="Trần Văn Bình", date_of_birth=dt.date(2005, 2, 3)
    )
    grant(
        person,
        decided=TODAY - 5 * DAY,
        authority="provincial_chairman",
        number="88/QĐ-UBND",
        end_date=TODAY + 400 * DAY,
    )
    result(person, health_class=2, day=TODAY - 10 * DAY)
    result(other, health_class=4, exempt_icd="F20", day=TODAY - 10 * DAY)
    return {
        "admin": admin,
        "campaign": campaign,
        "commune": commune,
        "person": person,
        "other": other,
    }


def publish(world, kind, day):
    return ps.posting_publish(
        actor=world["admin"],
        commune=world["commune"],
        kind=kind,
        data=ps.PostingInput(posted_on=day, places=["portal", "hq"]),
    )


def public(client, posting):
    return client.get(reverse("postings:public_detail", args=[posting.public_id]))


def assert_public_headers(response):
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies  # no session, no CSRF cookie: safe for a shared cache
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_open_posting_shows_the_snapshot_to_anyone(client, world):
    posting = publish(world, "deferral_exemption", TODAY - 2 * DAY)
    response = public(client, posting)
    assert response.status_code == 200
    assert_public_headers(response)
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "2004" in html
    assert "Tạm hoãn" in html and "điểm g khoản 1 Điều 41" in html
    assert posting.legal_citation in html
    assert f"{posting.posted_on:%d/%m/%Y}" in html and f"{posting.ends_on:%d/%m/%Y}" in html
    # Complaint instructions: where and until when.
    assert "Hội đồng nghĩa vụ quân sự xã Đức Hợp" in html
    assert f"đến hết ngày {posting.ends_on:%d/%m/%Y}" in html
    assert f"Còn {(posting.ends_on - TODAY).days} ngày sau hôm nay" in html


def test_public_page_holds_no_id_number_birth_date_or_health_detail(client, world):
    person, other = world["person"], world["other"]
    posting = publish(world, "exam_results", TODAY - 2 * DAY)
    html = public(client, posting).content.decode()
    assert "Nguyễn Văn An" in html and "Trần Văn Bình" in html
    assert "Đủ điều kiện sức khỏe" in html and "Không đủ điều kiện sức khỏe" in html
    for secret in (person.national_id, other.national_id, "17/05/2004", "2004-05-17", "03/02/2005"):
        assert secret not in html
    lowered = html.lower()
    assert "f20" not in lowered and "loại 4" not in lowered and "loại 2" not in lowered
    assert "phân loại sức khỏe" not in lowered and "eyes" not in lowered


def test_public_index_lists_the_current_postings_of_a_commune(client, world, units):
    deferral = publish(world, "deferral_exemption", TODAY - 2 * DAY)
    exam = publish(world, "exam_results", TODAY - 2 * DAY)
    ps.posting_withdraw(actor=world["admin"], posting=exam, withdrawn_on=TODAY, reason="Nhầm")
    response = client.get(reverse("postings:public_index", args=[units["DHOP25"].public_id]))
    assert response.status_code == 200
    assert_public_headers(response)
    html = response.content.decode()
    assert str(deferral.public_id) in html and str(exam.public_id) not in html
    assert "Nguyễn Văn An" not in html  # the index names lists, not citizens
    assert (
        client.get(reverse("postings:public_index", args=[units["PTKV1"].public_id])).status_code
        == 404
    )
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.get(reverse("postings:public_index", args=[missing])).status_code == 404
    assert client.get(reverse("postings:public_detail", args=[missing])).status_code == 404


def test_withdrawn_posting_says_so_and_links_to_the_current_one(client, world):
    first = publish(world, "deferral_exemption", TODAY - 3 * DAY)
    second = ps.posting_correct(
        actor=world["admin"],
        posting=first,
        reason="Sai thôn của công dân Nguyễn Văn An",
        data=ps.PostingInput(posted_on=TODAY - DAY, places=["portal", "hq"]),
    )
    response = public(client, first)
    assert response.status_code == 200
    html = response.content.decode()
    assert "đã được thu hồi" in html
    assert reverse("postings:public_detail", args=[second.public_id]) in html
    assert "Nguyễn Văn An" not in html  # neither the list nor the (free-text) reason
    current = public(client, second).content.decode()
    assert "Nguyễn Văn An" in current and "thay thế bản niêm yết ngày" in current


def test_after_the_window_the_names_are_no_longer_shown(client, world):
    old = make_person(
        world["commune"].unit, full_name="Lê Văn Cũ", date_of_birth=dt.date(2003, 1, 1)
    )
    result(old, health_class=1, day=TODAY - 29 * DAY)
    posting = publish(world, "exam_results", TODAY - 25 * DAY)
    assert posting.ends_on < TODAY
    html = public(client, posting).content.decode()
    assert "Lê Văn Cũ" not in html
    assert "không còn hiển thị trên mạng" in html and "1 công dân" in html


def test_complaints_are_shown_as_counts_without_names_or_content(client, world):
    posting = publish(world, "deferral_exemption", TODAY - 2 * DAY)
    admin = world["admin"]
    pending = ps.complaint_record(
        actor=admin,
        posting=posting,
        received_on=TODAY - DAY,
        complainant="Bà Phạm Thị Khiếu",
        content="Con tôi bị bệnh tim nên xin xem xét.",
    ).complaint
    rejected = ps.complaint_record(
        actor=admin,
        posting=posting,
        received_on=TODAY,
        complainant="Ông Vũ Văn Nại",
        content="Sai tên.",
    ).complaint
    ps.complaint_resolve(
        actor=admin,
        complaint=rejected,
        outcome="rejected",
        resolution="Tên đúng theo CCCD.",
        resolved_on=TODAY,
    )
    html = public(client, posting).content.decode()
    assert pending.outcome == "pending"
    for private in ("Phạm Thị Khiếu", "Vũ Văn Nại", "bệnh tim", "Sai tên", "Tên đúng theo CCCD"):
        assert private not in html
    counts = " ".join(html.split('data-testid="complaint-counts">')[1].split("</p>")[0].split())
    assert counts.startswith("Số khiếu nại đã nhận: 2 (đang giải quyết: 1;")
    assert "không được chấp nhận: 1" in counts


def test_public_pages_need_no_login_and_refuse_post(client, world, settings):
    posting = publish(world, "deferral_exemption", TODAY - 2 * DAY)
    assert public(client, posting).status_code == 200
    assert (
        client.post(reverse("postings:public_detail", args=[posting.public_id])).status_code == 405
    )
    index = reverse("postings:public_index", args=[world["commune"].unit.public_id])
    assert client.post(index).status_code == 405
    # The staff page of the same posting stays behind the login.
    staff = client.get(reverse("postings:posting_detail", args=[posting.public_id]))
    assert staff.status_code == 302


def test_public_page_is_vietnamese_even_for_an_english_visitor(client, world):
    posting = publish(world, "deferral_exemption", TODAY - 2 * DAY)
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("postings:public_detail", args=[posting.public_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Ngày niêm yết" in html and "Posted on" not in html


def test_provincial_chairman_rule_from_july_2025_is_cited(world):
    posting = publish(world, "deferral_exemption", TODAY - 2 * DAY)
    assert "Luật số 98/2025/QH15" in posting.legal_citation
    assert posting.basis.endswith("của Chủ tịch UBND tỉnh")
    assert posting.ends_on == posting.posted_on + 20 * DAY
