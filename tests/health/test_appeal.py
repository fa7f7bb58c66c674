"""The medical appeal (giám định, TT 105/2023 Art 10, 12): its final class replaces the
council's for every reader, within 15 days of a complete file or flagged late; one open appeal
per examination; nothing changes the examination after it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.conscription.eligibility.selectors import verdict_for_person
from muster.health.appeals import appeal_conclude, appeal_due, appeal_request
from muster.health.models import HealthCall
from muster.health.services import ResultInput, record_station_result
from tests.core.factories import make_person
from tests.health.factories import called, conclude

ON = dt.date(2025, 1, 10)


@pytest.fixture
def unfit(personas, units, exam):
    """A man the council concluded class 4 (a failed station stops the exam)."""
    call = called(personas, exam, make_person(units["DHOP"], date_of_birth=dt.date(2004, 3, 1)))
    record_station_result(
        actor=personas["health_council"], call=call, station="surgery", data=ResultInput(score="4")
    )
    return conclude(personas, call)


def _request(personas, call, **changes):
    data = {
        "proposed_by": "Hội đồng NVQS xã Đức Hợp",
        "reason": "Công dân đề nghị giám định kết luận ngoại khoa",
        "body": "Hội đồng giám định y khoa tỉnh Hưng Yên",
        "file_complete_on": dt.date(2024, 11, 25),
    }
    data.update(changes)
    return appeal_request(actor=personas["health_council"], call=call, **data)


def test_the_final_class_replaces_the_councils(personas, unfit):
    person = unfit.person
    before = [r.code for r in verdict_for_person(person=person, on=ON).reasons]
    assert "health_class" in before and "41.1.a" in before
    appeal = _request(personas, unfit)
    assert appeal.original_class == 4
    assert appeal_due(appeal.file_complete_on) == dt.date(2024, 12, 10)
    done = appeal_conclude(
        actor=personas["health_council"],
        appeal=appeal,
        concluded_on=dt.date(2024, 12, 5),
        result_class=2,
        result_temporary=False,
        document="Biên bản giám định số 12/BB-HĐGĐYK",
    )
    assert not done.late
    call = HealthCall.objects.get(pk=unfit.pk)
    assert (call.health_class, call.decisive) == (2, "appeal")
    codes = [r.code for r in verdict_for_person(person=person, on=ON).reasons]
    assert "health_class" not in codes and "41.1.a" not in codes
    # The finding is final: no second conclusion, no station change.
    with pytest.raises(ValidationError):
        appeal_conclude(
            actor=personas["health_council"],
            appeal=done,
            concluded_on=dt.date(2024, 12, 6),
            result_class=4,
            result_temporary=False,
            document="x",
        )
    with pytest.raises(ValidationError, match=r"final|cuối cùng"):
        record_station_result(
            actor=personas["health_council"],
            call=call,
            station="surgery",
            data=ResultInput(score="5"),
        )


def test_a_late_conclusion_is_flagged_and_one_appeal_is_open_at_a_time(personas, unfit):
    appeal = _request(personas, unfit)
    with pytest.raises(ValidationError):
        _request(personas, unfit)
    done = appeal_conclude(
        actor=personas["health_council"],
        appeal=appeal,
        concluded_on=dt.date(2024, 12, 11),  # day 16 after the complete file
        result_class=4,
        result_temporary=False,
        document="BB 13",
    )
    assert done.late


def test_refusals(personas, units, exam, unfit):
    with pytest.raises(PermissionDenied):
        appeal_request(
            actor=personas["commune_clerk"],
            call=unfit,
            proposed_by="x",
            reason="y",
            body="z",
            file_complete_on=dt.date(2024, 11, 25),
        )
    with pytest.raises(ValidationError) as caught:
        _request(personas, unfit, proposed_by=" ", file_complete_on=dt.date(2024, 11, 1))
    assert set(caught.value.message_dict) == {"proposed_by", "file_complete_on"}
    unconcluded = called(personas, exam, make_person(units["DHOP"], full_name="Chưa Kết Luận"))
    with pytest.raises(ValidationError):
        _request(personas, unconcluded)


def test_the_page_records_an_appeal_and_its_conclusion(personas, unfit, client):
    client.force_login(personas["health_council"])
    url = reverse("health:appeal", args=[unfit.public_id])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"action": "request", "r-proposed_by": ""})
    assert bad.status_code == 400
    ok = client.post(
        url,
        {
            "action": "request",
            "r-proposed_by": "Ban CH PTKV 1",
            "r-reason": "Đề nghị giám định",
            "r-body": "Hội đồng giám định y khoa tỉnh",
            "r-file_complete_on": "25/11/2024",
        },
    )
    assert ok.status_code == 302
    ok = client.post(
        url,
        {
            "action": "conclude",
            "c-concluded_on": "05/12/2024",
            "c-result_class": "3",
            "c-document": "BB 14",
        },
    )
    assert ok.status_code == 302
    assert HealthCall.objects.get(pk=unfit.pk).health_class == 3


# ----------------------------------------------------------------------------- T referral


def test_a_t_class_is_referred_for_treatment_with_a_follow_up_day(personas, units, exam, client):
    from muster.health.referrals import referral_record

    call = called(personas, exam, make_person(units["DHOP"], full_name="Tạm Thời"))
    record_station_result(
        actor=personas["health_council"], call=call, station="surgery", data=ResultInput(score="4T")
    )
    call = conclude(personas, call)
    assert call.class_label == "4T"
    with pytest.raises(ValidationError) as caught:
        referral_record(
            actor=personas["health_council"],
            call=call,
            referred_to=" ",
            recheck_by=call.concluded_on,
        )
    assert set(caught.value.message_dict) == {"referred_to", "recheck_by"}
    client.force_login(personas["health_council"])
    response = client.post(
        reverse("health:referral", args=[call.public_id]),
        {"t-referred_to": "Bệnh viện đa khoa tỉnh Hưng Yên", "t-recheck_by": "16/12/2024"},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.referred_to, call.recheck_by) == (
        "Bệnh viện đa khoa tỉnh Hưng Yên",
        dt.date(2024, 12, 16),
    )


def test_a_class_without_t_is_not_referred(personas, unfit):
    from muster.health.referrals import referral_record

    with pytest.raises(ValidationError):
        referral_record(
            actor=personas["health_council"],
            call=unfit,
            referred_to="Bệnh viện",
            recheck_by=dt.date(2024, 12, 16),
        )


def test_referral_access_anonymous_wrong_role_out_of_scope(client, personas, units, exam):
    call = called(personas, exam, make_person(units["DHOP"], full_name="Tạm Thời Hai"))
    record_station_result(
        actor=personas["health_council"], call=call, station="surgery", data=ResultInput(score="5T")
    )
    call = conclude(personas, call)
    url = reverse("health:referral", args=[call.public_id])
    data = {"t-referred_to": "Bệnh viện tỉnh", "t-recheck_by": "16/12/2024"}
    response = client.post(url, data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(personas["commune_clerk"])  # Đức Hợp, no EDIT_HEALTH
    assert client.post(url, data).status_code == 403
    client.force_login(personas["other_commander"])  # Đồng Thanh: Đức Hợp is outside
    assert client.post(url, data).status_code == 404
    client.force_login(personas["health_council"])
    assert client.get(url).status_code == 405
    assert client.post(url, data).status_code == 302
    call.refresh_from_db()
    assert call.referred_to == "Bệnh viện tỉnh"
