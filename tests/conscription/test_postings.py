"""Public postings (staff side): publishing snapshots, validation, corrections, complaints,
deadlines on the postings board, the printed notice, roles and areas, the demo."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from muster.audit.models import AuditEvent
from muster.conscription.campaign import services as cs
from muster.conscription.decisions import services as decisions_services
from muster.conscription.postings import services as ps
from muster.conscription.postings.models import Complaint, Posting
from muster.conscription.selection.models import SelectionEntry, SelectionList
from tests.concurrency import needs_postgres, run_threads
from tests.conscription.campaign_factories import issue_decision, make_campaign, make_fit, set_quota
from tests.conscription.posting_factories import grant, result
from tests.core.factories import make_person, make_village

D = dt.date


def village(commune, name="Thôn Đông", code="V-DONG"):
    return make_village(commune, f"{commune.code}-{code}", name)


@pytest.fixture
def campaign(units, personas):
    """Kim Động 2025: screening 07–22/10/2024, exams 01/11–31/12/2024, handover 13/02/2025."""
    return make_campaign(personas["district_officer"], units["KD"])


@pytest.fixture
def dhop(campaign, units):
    """Đức Hợp's commune of the campaign."""
    return commune_of(campaign, units["DHOP"])


def commune_of(campaign, unit):
    return campaign.communes.select_related("unit", "campaign").get(unit=unit)


def publish(actor, commune, kind, day, places=("hq",), **extra):
    return ps.posting_publish(
        actor=actor,
        commune=commune,
        kind=kind,
        data=ps.PostingInput(posted_on=day, places=list(places), **extra),
    )


@pytest.fixture
def deferred(units):
    """Two citizens of Đức Hợp granted on 10/12/2024 (a deferral, an exemption), one refused."""
    home = village(units["DHOP"])
    an = make_person(
        units["DHOP"], full_name="Nguyễn Văn An", date_of_birth=D(2004, 5, 17), residence_unit=home
    )
    an.phone = "0912345678"
    an.save(update_fields=["phone"])
    binh = make_person(units["DHOP"], full_name="Trần Văn Bình", date_of_birth=D(2005, 2, 3))
    refused = make_person(units["DHOP"], full_name="Lê Văn Cường", date_of_birth=D(2005, 3, 3))
    grant(an, ground="41.1.g")
    grant(binh, ground="41.2.a")
    dossier = grant(refused, ground="41.1.b", end_date=None)
    dossier.state = "refused"
    dossier.save(update_fields=["state"])
    return {"an": an, "binh": binh, "refused": refused}


# ----------------------------------------------------------------------------- publishing


def test_deferral_list_is_a_public_snapshot_with_its_window(dhop, personas, deferred):
    officer = personas["district_officer"]
    posting = publish(officer, dhop, "deferral_exemption", D(2024, 12, 20))
    assert posting.ends_on == D(2025, 1, 9)  # 20 days, not counting 20/12
    assert posting.legal_citation.startswith("Khoản 4 Điều 41 Luật Nghĩa vụ quân sự")
    assert (
        posting.title == "Danh sách công dân được tạm hoãn gọi nhập ngũ, miễn gọi nhập ngũ năm 2025"
    )
    assert posting.basis == "Quyết định số 1234/QĐ-UBND ngày 10/12/2024 của Chủ tịch UBND huyện"
    assert posting.rows == [
        {
            "no": 1,
            "name": "Trần Văn Bình",
            "birth_year": 2005,
            "village": "",
            "decision": "Miễn",
            "ground": "41.2.a",
            "ground_text": "Con của liệt sĩ, con của thương binh hạng một (điểm a khoản 2 Điều 41)",
        },
        {
            "no": 2,
            "name": "Nguyễn Văn An",
            "birth_year": 2004,
            "village": "Thôn Đông",
            "decision": "Tạm hoãn",
            "ground": "41.1.g",
            "ground_text": "Đang học phổ thông; đang học đại học, cao đẳng hệ chính quy (một khóa) "
            "(điểm g khoản 1 Điều 41)",
        },
    ]
    stored = repr(Posting.objects.values("rows", "title", "basis").get(pk=posting.pk))
    for secret in (deferred["an"].national_id, "0912345678", "17/05/2004", "2004-05-17"):
        assert secret not in stored
    assert len(posting.source_ids) == 2


def test_later_changes_to_the_records_do_not_change_the_posting(dhop, personas, units, deferred):
    officer = personas["district_officer"]
    posting = publish(officer, dhop, "deferral_exemption", D(2024, 12, 20))
    before = list(posting.rows)
    an = deferred["an"]
    an.full_name = "Nguyễn Văn Ân"
    an.save(update_fields=["full_name"])
    an.dossiers.update(state="ended", ended_on=D(2025, 1, 2), end_note="Thôi học")
    grant(make_person(units["DHOP"], full_name="Phạm Văn Dũng"), decided=D(2024, 12, 28))
    posting.refresh_from_db()
    assert posting.rows == before


def test_records_decided_after_the_posting_day_are_left_out(dhop, units, deferred, officer):
    grant(make_person(units["DHOP"], full_name="Phạm Văn Dũng"), decided=D(2024, 12, 28))
    posting = publish(officer, dhop, "deferral_exemption", D(2024, 12, 20))
    assert "Phạm Văn Dũng" not in [r["name"] for r in posting.rows]


def test_nothing_to_post_is_refused_in_vietnamese(dhop, officer):
    for kind in ("deferral_exemption", "screening_results", "exam_results", "callup_list"):
        with pytest.raises(ValidationError) as caught:
            publish(officer, dhop, kind, D(2025, 1, 5))
        assert "không có" in " ".join(caught.value.messages).lower()
    assert Posting.objects.count() == 0


def test_posting_before_the_decision_exists_is_refused(dhop, deferred, officer):
    with pytest.raises(ValidationError) as caught:
        publish(officer, dhop, "deferral_exemption", D(2024, 12, 9))
    message = " ".join(caught.value.messages)
    assert "09/12/2024" in message and "10/12/2024" in message
    assert Posting.objects.count() == 0


def test_posting_in_the_future_and_without_place_is_refused(dhop, deferred, officer):
    with pytest.raises(ValidationError) as caught:
        ps.posting_publish(
            actor=officer,
            commune=dhop,
            kind="deferral_exemption",
            data=ps.PostingInput(posted_on=D(2024, 12, 20), places=[]),
        )
    assert "places" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        ps.posting_publish(
            actor=officer,
            commune=dhop,
            kind="deferral_exemption",
            data=ps.PostingInput(posted_on=D(2024, 12, 20), places=["hq"]),
            today=D(2024, 12, 19),
        )
    assert "posted_on" in caught.value.message_dict


def test_a_second_current_posting_is_refused_with_the_way_to_correct(dhop, deferred, officer):
    publish(officer, dhop, "deferral_exemption", D(2024, 12, 20))
    with pytest.raises(ValidationError) as caught:
        publish(officer, dhop, "deferral_exemption", D(2024, 12, 22))
    message = " ".join(caught.value.messages)
    assert "20/12/2024" in message and "đính chính" in message
    assert Posting.objects.count() == 1


def test_exam_results_say_fit_or_unfit_only(dhop, units, officer):
    fit = make_person(units["DHOP"], full_name="Nguyễn Văn An", date_of_birth=D(2004, 5, 17))
    unfit = make_person(units["DHOP"], full_name="Trần Văn Bình", date_of_birth=D(2005, 2, 3))
    result(fit, health_class=2)
    result(unfit, health_class=4, exempt_icd="F20")
    result(unfit, health_class=5, day=D(2024, 10, 10), kind="screening")
    posting = publish(officer, dhop, "exam_results", D(2025, 1, 6))
    assert [(r["name"], r["result"]) for r in posting.rows] == [
        ("Nguyễn Văn An", "Đủ điều kiện sức khỏe"),
        ("Trần Văn Bình", "Không đủ điều kiện sức khỏe"),
    ]
    assert set(posting.rows[0]) == {"no", "name", "birth_year", "village", "result"}
    assert (
        "F20" not in repr(posting.rows)
        and posting.basis == "Kết quả khám sức khỏe các ngày 20/11/2024"
    )
    # A result recorded after the posting does not change it; the screening result is on its
    # own list.
    result(unfit, health_class=1, day=D(2024, 12, 20))
    posting.refresh_from_db()
    assert posting.rows[1]["result"] == "Không đủ điều kiện sức khỏe"
    screening = publish(officer, dhop, "screening_results", D(2024, 10, 25))
    assert [(r["name"], r["result"]) for r in screening.rows] == [
        ("Trần Văn Bình", "Không đạt sơ tuyển")
    ]


def test_exam_results_take_the_latest_result_on_the_posting_day(dhop, units, officer):
    person = make_person(units["DHOP"], full_name="Nguyễn Văn An")
    result(person, health_class=4, day=D(2024, 11, 5))
    result(person, health_class=2, day=D(2024, 12, 2))
    posting = publish(officer, dhop, "exam_results", D(2025, 1, 6))
    assert [r["result"] for r in posting.rows] == ["Đủ điều kiện sức khỏe"]


@pytest.fixture
def split(campaign, personas):
    officer = personas["district_officer"]
    for i, commune in enumerate(campaign.communes.all()):
        cs.pool_set(actor=officer, commune=commune, stored_pool=10 + 5 * (i % 3))
    set_quota(officer, campaign)
    return campaign


ISSUED = D(2025, 1, 20)


def issue(officer, campaign, unit, person, day=ISSUED):
    return issue_decision(officer, campaign.communes.get(unit=unit), person, issued_on=day)


def test_callup_list_from_valid_decisions(split, personas, units):
    officer = personas["district_officer"]
    a = issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn A"))
    b = issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn B"))
    decisions_services.decision_revoke(actor=officer, decision=b, reason="Sai đối tượng")
    posting = publish(officer, commune_of(split, units["DHOP"]), "callup_list", D(2025, 1, 22))
    assert posting.rows == [
        {
            "no": 1,
            "name": "Lê Văn A",
            "birth_year": 2004,
            "village": "",
            "service": "Quân đội nhân dân",
            "enlist_on": "2025-02-13",
        }
    ]
    assert posting.source == "decisions" and posting.source_ids == [str(a.public_id)]
    assert posting.basis == "Quyết định (lệnh) gọi công dân nhập ngũ số 1 ký ngày 20/01/2025"


def test_callup_list_from_a_frozen_selection_list(split, personas, units):
    officer = personas["district_officer"]
    commune = commune_of(split, units["DHOP"])
    with pytest.raises(ValidationError) as caught:
        publish(officer, commune, "callup_list", D(2025, 1, 22), source="selection")
    assert "source" in caught.value.message_dict
    selection = SelectionList.objects.create(
        commune=commune,
        service="police",
        state="frozen",
        commitment="a" * 64,
        seed="b" * 64,
        frozen_at=dt.datetime(2025, 1, 15, 9, 0, tzinfo=timezone.get_current_timezone()),
        quota=1,
        standby=1,
    )
    for place, (name, kind) in enumerate(
        (("Đỗ Văn Chính", "official"), ("Vũ Văn Phụ", "standby")), 1
    ):
        SelectionEntry.objects.create(
            selection=selection,
            person=make_person(units["DHOP"], full_name=name),
            place=place,
            list_kind=kind,
            education=12,
            health_class=1,
            draw="0" * 64,
        )
    posting = publish(officer, commune, "callup_list", D(2025, 1, 22), source="selection")
    assert [(r["name"], r["service"]) for r in posting.rows] == [
        ("Đỗ Văn Chính", "Công an nhân dân")
    ]
    assert posting.source == "selection"


# ----------------------------------------------------------------------------- corrections


def test_correction_withdraws_and_supersedes_with_a_new_window(dhop, personas, units, deferred):
    officer = personas["district_officer"]
    first = publish(officer, dhop, "deferral_exemption", D(2024, 12, 20))
    upheld = ps.complaint_record(
        actor=officer,
        posting=first,
        received_on=D(2024, 12, 22),
        complainant="Ông Phạm Văn Dũng",
        content="Con tôi đang học đại học, được tạm hoãn nhưng không có tên.",
    ).complaint
    ps.complaint_resolve(
        actor=officer,
        complaint=upheld,
        outcome="upheld",
        resolution="Bổ sung tên.",
        resolved_on=D(2024, 12, 26),
    )
    grant(
        make_person(units["DHOP"], full_name="Phạm Văn Dũng"),
        decided=D(2024, 12, 10),
        number="1240/QĐ-UBND",
    )
    second = ps.posting_correct(
        actor=officer,
        posting=first,
        reason="Bổ sung công dân Phạm Văn Dũng theo khiếu nại",
        data=ps.PostingInput(posted_on=D(2024, 12, 27), places=["hq", "agencies"]),
    )
    first.refresh_from_db()
    assert first.withdrawn_on == D(2024, 12, 27) and first.withdrawn_reason.startswith("Bổ sung")
    assert second.supersedes == first and first.replacement == second
    assert second.ends_on == D(2025, 1, 16)
    assert "Phạm Văn Dũng" in [r["name"] for r in second.rows]
    assert second.places == "hq,agencies"
    upheld.refresh_from_db()
    assert upheld.correction == second
    actions = list(
        AuditEvent.objects.filter(action__startswith="posting.").values_list("action", flat=True)
    )
    assert actions == [
        "posting.publish",
        "posting.complaint",
        "posting.complaint_resolve",
        "posting.withdraw",
        "posting.correct",
    ]
    with pytest.raises(ValidationError):
        ps.posting_correct(
            actor=officer,
            posting=first,
            reason="Lần nữa",
            data=ps.PostingInput(posted_on=D(2024, 12, 28), places=["hq"]),
        )


def test_correction_needs_a_reason_and_a_day_after_the_posting(dhop, personas, deferred):
    officer = personas["district_officer"]
    posting = publish(officer, dhop, "deferral_exemption", D(2024, 12, 20))
    for reason, day in (("", D(2024, 12, 27)), ("Sai tên", D(2024, 12, 19))):
        with pytest.raises(ValidationError):
            ps.posting_correct(
                actor=officer,
                posting=posting,
                reason=reason,
                data=ps.PostingInput(posted_on=day, places=["hq"]),
            )
    posting.refresh_from_db()
    assert posting.withdrawn_on is None and Posting.objects.count() == 1


def test_withdraw_without_replacement(dhop, personas, deferred):
    officer = personas["district_officer"]
    posting = publish(officer, dhop, "deferral_exemption", D(2024, 12, 20))
    with pytest.raises(ValidationError):
        ps.posting_withdraw(
            actor=officer, posting=posting, withdrawn_on=D(2024, 12, 21), reason=" "
        )
    ps.posting_withdraw(
        actor=officer, posting=posting, withdrawn_on=D(2024, 12, 21), reason="Niêm yết nhầm"
    )
    with pytest.raises(ValidationError):
        ps.posting_withdraw(
            actor=officer, posting=posting, withdrawn_on=D(2024, 12, 22), reason="x"
        )
    # Withdrawn, the list may be posted again.
    again = publish(officer, dhop, "deferral_exemption", D(2024, 12, 22))
    assert again.supersedes is None


# ----------------------------------------------------------------------------- complaints


@pytest.fixture
def posted(campaign, personas, units, deferred):
    return publish(
        personas["district_officer"],
        commune_of(campaign, units["DHOP"]),
        "deferral_exemption",
        D(2024, 12, 20),
    )


def complain(actor, posting, day, **extra):
    return ps.complaint_record(
        actor=actor,
        posting=posting,
        received_on=day,
        complainant=extra.get("who", "Bà Nguyễn Thị Hoa"),
        content=extra.get("content", "Đề nghị xem xét lại trường hợp của con tôi."),
    )


def test_complaint_on_the_last_day_is_in_time_the_next_day_is_late(posted, personas):
    officer = personas["district_officer"]
    assert posted.ends_on == D(2025, 1, 9)
    assert not complain(officer, posted, D(2025, 1, 9)).late
    late = complain(officer, posted, D(2025, 1, 10))
    assert late.late and late.complaint.pk
    event = AuditEvent.objects.filter(action="posting.complaint").last()
    assert event.changes["late"] is True
    assert "Nguyễn Thị Hoa" not in repr(event.changes)


def test_complaint_before_the_posting_or_in_the_future_is_refused(posted, personas):
    officer = personas["district_officer"]
    with pytest.raises(ValidationError) as caught:
        complain(officer, posted, D(2024, 12, 19))
    assert "20/12/2024" in " ".join(caught.value.messages)
    with pytest.raises(ValidationError):
        ps.complaint_record(
            actor=officer,
            posting=posted,
            received_on=D(2024, 12, 22),
            complainant="X",
            content="Y",
            today=D(2024, 12, 21),
        )
    with pytest.raises(ValidationError):
        complain(officer, posted, D(2024, 12, 22), who=" ", content=" ")
    assert Complaint.objects.count() == 0


def test_complaint_after_withdrawal_goes_to_the_replacement(posted, personas):
    officer = personas["district_officer"]
    ps.posting_withdraw(actor=officer, posting=posted, withdrawn_on=D(2024, 12, 24), reason="Sai")
    posted.refresh_from_db()
    complain(officer, posted, D(2024, 12, 23))  # received while it was up: recorded
    with pytest.raises(ValidationError):
        complain(officer, posted, D(2024, 12, 25))


def test_resolving_a_complaint(posted, personas):
    officer = personas["district_officer"]
    complaint = complain(officer, posted, D(2024, 12, 22)).complaint
    for bad in (
        {"outcome": "pending", "resolution": "x", "resolved_on": D(2024, 12, 23)},
        {"outcome": "rejected", "resolution": " ", "resolved_on": D(2024, 12, 23)},
        {"outcome": "rejected", "resolution": "x", "resolved_on": D(2024, 12, 21)},
    ):
        with pytest.raises(ValidationError):
            ps.complaint_resolve(actor=officer, complaint=complaint, **bad)
    done = ps.complaint_resolve(
        actor=officer,
        complaint=complaint,
        outcome="rejected",
        resolution="Công dân không thuộc diện tạm hoãn.",
        resolved_on=D(2024, 12, 30),
    )
    assert (done.outcome, done.resolved_on) == ("rejected", D(2024, 12, 30))
    with pytest.raises(ValidationError) as caught:
        ps.complaint_resolve(
            actor=officer,
            complaint=complaint,
            outcome="upheld",
            resolution="x",
            resolved_on=D(2024, 12, 31),
        )
    assert "30/12/2024" in " ".join(caught.value.messages)


# ----------------------------------------------------------------------------- roles, areas


def test_read_only_roles_cannot_publish_and_others_stay_in_their_area(dhop, personas, deferred):
    for persona in ("leader", "commune_clerk", "auditor", "service_council", "health_council"):
        with pytest.raises(PermissionDenied):
            publish(personas[persona], dhop, "deferral_exemption", D(2024, 12, 20))
    with pytest.raises(ValidationError):
        publish(personas["other_commander"], dhop, "deferral_exemption", D(2024, 12, 20))
    posting = publish(personas["commune_commander"], dhop, "deferral_exemption", D(2024, 12, 20))
    with pytest.raises(ValidationError):
        complain(personas["other_commander"], posting, D(2024, 12, 22))
    with pytest.raises(PermissionDenied):
        complain(personas["leader"], posting, D(2024, 12, 22))


# ----------------------------------------------------------------------------- pages


def test_publish_page_posts_and_bad_input_is_400(client, dhop, personas, deferred):
    client.force_login(personas["commune_commander"])
    url = reverse("postings:posting_create", args=[dhop.public_id])
    page = client.get(url + "?kind=deferral_exemption")
    assert page.status_code == 200
    assert page.context["preview"][0][1] == 2  # the deferral list: two granted dossiers
    for bad in (
        {"kind": "deferral_exemption", "posted_on": "31/02/2024", "places": ["hq"]},
        {"kind": "nonsense", "posted_on": "20/12/2024", "places": ["hq"]},
        {"kind": "exam_results", "posted_on": "20/12/2024", "places": ["hq"]},
        {"kind": "deferral_exemption", "posted_on": "20/12/2024", "places": ["moon"]},
        {"kind": "deferral_exemption", "posted_on": "01/12/2024", "places": ["hq"]},
    ):
        assert client.post(url, bad).status_code == 400, bad
    response = client.post(
        url,
        {
            "kind": "deferral_exemption",
            "posted_on": "20/12/2024",
            "places": ["hq"],
            "signer": "Nguyễn Văn Hòa",
        },
    )
    posting = Posting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("postings:posting_detail", args=[posting.public_id])
    assert posting.signer == "Nguyễn Văn Hòa"
    # The rule of 20/12/2024 also wants the agencies: the page says so.
    follow = client.get(response["Location"])
    assert "cơ quan, tổ chức" in follow.content.decode().lower()
    assert (
        client.post(
            url, {"kind": "deferral_exemption", "posted_on": "21/12/2024", "places": ["hq"]}
        ).status_code
        == 400
    )


def test_staff_page_shows_complaints_in_full_and_records_late_ones(client, posted, personas):
    client.force_login(personas["district_officer"])
    url = reverse("postings:posting_detail", args=[posted.public_id])
    response = client.post(
        url,
        {
            "action": "complaint",
            "c-received_on": "10/01/2025",
            "c-complainant": "Bà Nguyễn Thị Hoa",
            "c-content": "Thiếu tên con tôi.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Bà Nguyễn Thị Hoa" in html and "Thiếu tên con tôi." in html
    assert "sau khi hết thời hạn niêm yết (09/01/2025)" in html
    assert client.post(url, {"action": "complaint", "c-received_on": "x"}).status_code == 400
    assert client.post(url, {"action": "nothing"}).status_code == 400
    client.force_login(personas["leader"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "complaint"}).status_code == 403


def test_upheld_complaint_leads_to_the_correction_page(client, posted, personas):
    officer = personas["district_officer"]
    complaint = complain(officer, posted, D(2024, 12, 22)).complaint
    client.force_login(officer)
    url = reverse("postings:complaint_detail", args=[complaint.public_id])
    assert (
        client.post(
            url, {"outcome": "upheld", "resolution": "", "resolved_on": "23/12/2024"}
        ).status_code
        == 400
    )
    response = client.post(
        url, {"outcome": "upheld", "resolution": "Đúng, bổ sung.", "resolved_on": "23/12/2024"}
    )
    correct_url = reverse("postings:posting_correct", args=[posted.public_id])
    assert response["Location"] == correct_url
    board = client.get(reverse("postings:campaign_postings", args=[posted.campaign.public_id]))
    assert "Khiếu nại được chấp nhận" in board.content.decode()
    assert (
        client.post(
            correct_url, {"posted_on": "24/12/2024", "reason": "", "places": ["hq"]}
        ).status_code
        == 400
    )
    response = client.post(
        correct_url, {"posted_on": "24/12/2024", "reason": "Bổ sung", "places": ["hq"]}
    )
    new = Posting.objects.get(supersedes=posted)
    assert response["Location"] == reverse("postings:posting_detail", args=[new.public_id])
    complaint.refresh_from_db()
    assert complaint.correction == new
    # The old one cannot be corrected again: the page sends to the current version.
    again = client.get(correct_url)
    assert again.status_code == 302 and str(new.public_id) in again["Location"]


def _pdftotext(data: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "notice.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return text, fonts.stdout


def test_printed_notice_has_header_basis_dates_table_and_signature(
    client, posted, personas, tmp_path, deferred
):
    client.force_login(personas["commune_clerk"])
    response = client.get(reverse("postings:posting_pdf", args=[posted.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, fonts = _pdftotext(response.content, tmp_path)
    flat = " ".join(text.split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "XÃ ĐỨC HỢP",
        "THÔNG BÁO",
        "Khoản 4 Điều 41 Luật Nghĩa vụ quân sự",
        "Quyết định số 1234/QĐ-UBND ngày 10/12/2024",
        "từ ngày 20/12/2024 đến hết ngày 09/01/2025",
        "Nguyễn Văn An",
        "Trần Văn Bình",
        "Thôn Đông",
        "Tạm hoãn",
        "Hội đồng nghĩa vụ quân sự xã Đức Hợp",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ):
        assert expected in flat, expected
    assert deferred["an"].national_id not in flat and "17/05/2004" not in flat
    lines = [ln for ln in fonts.splitlines()[2:] if ln.strip()]
    assert lines and all(" yes " in ln for ln in lines)  # every font embedded
    assert str(posted.public_id) in flat.replace(" ", "")  # the public address, also as QR


# ----------------------------------------------------------------------------- deadlines


def test_postings_board_flags_missed_and_late_postings(client, split, personas, units, deferred):
    officer = personas["district_officer"]
    # Đức Hợp: deferral list on time (old rule: 20 days before the orders of 20/01/2025),
    # exam results late (due 15/01/2025), call-up list not posted yet.
    grant(make_person(units["DT"], full_name="Hoàng Văn Tú"), decided=D(2024, 12, 10))
    result(make_person(units["DHOP"], full_name="Vũ Văn Khám"), health_class=1)
    issue(officer, split, units["DHOP"], make_fit(units["DHOP"], name="Lê Văn A"))
    dhop = commune_of(split, units["DHOP"])
    publish(officer, dhop, "deferral_exemption", D(2024, 12, 31))
    publish(officer, dhop, "exam_results", D(2025, 1, 16))
    client.force_login(officer)
    response = client.get(reverse("postings:campaign_postings", args=[split.public_id]))
    assert response.status_code == 200
    rows = {r.commune.unit.code: {c.kind: c for c in r.cells} for r in response.context["rows"]}
    mine, theirs = rows[units["DHOP"].code], rows[units["DT"].code]
    assert mine["deferral_exemption"].status.state == "on_time"
    assert mine["deferral_exemption"].due.due == D(2024, 12, 31)
    assert mine["exam_results"].status.state == "late"
    assert mine["callup_list"].status.state == "overdue"  # due 29/01/2025, today is later
    assert mine["screening_results"].status.state == "not_required"
    assert theirs["deferral_exemption"].status.state == "overdue"
    assert mine["deferral_exemption"].status.window == "ended"
    # A deferral granted after the posting: the board says the posting is out of date.
    grant(make_person(units["DHOP"], full_name="Phạm Văn Dũng"), decided=D(2025, 1, 5))
    response = client.get(reverse("postings:campaign_postings", args=[split.public_id]))
    rows = {r.commune.unit.code: {c.kind: c for c in r.cells} for r in response.context["rows"]}
    assert rows[units["DHOP"].code]["deferral_exemption"].changed == 1
    assert response.context["missed"] == 3
    html = response.content.decode()
    assert "Nộp muộn" in html or "Niêm yết muộn" in html


def test_postings_board_queries_do_not_grow(client, split, personas, units, deferred):
    officer = personas["district_officer"]
    client.force_login(officer)
    url = reverse("postings:campaign_postings", args=[split.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for i, key in enumerate(("DHOP", "DT", "MD", "SM")):
        unit = units[key]
        grant(make_person(unit, full_name=f"Đinh Văn {i}"), decided=D(2024, 12, 11))
        result(make_person(unit, full_name=f"Mai Văn {i}"), health_class=3)
        publish(officer, commune_of(split, unit), "deferral_exemption", D(2024, 12, 20))
        issue(officer, split, unit, make_fit(unit, name=f"Trần Văn {i}"))
    complain(officer, Posting.objects.first(), D(2024, 12, 22))
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)


# ----------------------------------------------------------------------------- demo


def test_demo_postings_are_published_and_idempotent(units, personas, client):
    from muster.demo.callup.campaign2025 import load_demo_campaign
    from muster.demo.callup.postings import load_demo_postings
    from muster.demo.people.writer import generate_demo_registry

    generate_demo_registry(units=units, seed=7, scale=0.02)
    campaign = load_demo_campaign(units=units, scale=0.02, seed=7)
    assert campaign is not None
    first = load_demo_postings(units=units)
    assert first > 0
    assert load_demo_postings(units=units) == 0
    kinds = set(Posting.objects.filter(campaign=campaign).values_list("kind", flat=True))
    assert {"deferral_exemption", "callup_list"} <= kinds
    outcomes = sorted(Complaint.objects.values_list("outcome", flat=True))
    assert "pending" in outcomes and any(o != "pending" for o in outcomes)
    for posting in Posting.objects.all():
        assert posting.rows and all("national_id" not in r for r in posting.rows)
    client.force_login(personas["district_officer"])
    page = client.get(reverse("postings:campaign_postings", args=[campaign.public_id]))
    assert page.status_code == 200


# ----------------------------------------------------------------------------- concurrency


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishing_leaves_one_current_posting(units, personas):
    """Two officers post the same list at the same moment: one posting, one clear refusal."""
    needs_postgres("concurrent connections")
    officer = personas["district_officer"]
    campaign = make_campaign(officer, units["KD"])
    grant(make_person(units["DHOP"], full_name="Nguyễn Văn An"))
    commune = commune_of(campaign, units["DHOP"])
    n = 6

    def work(index: int) -> None:
        publish(officer, commune, "deferral_exemption", D(2024, 12, 20))

    errors = run_threads(n, work)
    assert Posting.objects.filter(withdrawn_on=None).count() == 1
    assert len(errors) == n - 1 and all(isinstance(e, ValidationError) for e in errors)
    assert AuditEvent.objects.filter(action="posting.publish").count() == 1
