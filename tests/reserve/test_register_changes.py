"""The register's changes: removal for a reason of the dated list, transfers accepted by the
receiving commune, the health card, class 2 → 1 after 6 months of training, the officers'
yearly review, and the reserve soldier card in PDF."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from muster.audit.labels import ACTION_LABELS
from muster.audit.models import AuditEvent
from muster.reserve.models import HealthCheck, OfficerReview, Reservist, Transfer
from muster.reserve.register import changes
from muster.reserve.register.services import remove_reservist
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db


def _reservist(commune, *, klass=2, kind="nco_soldier", born=dt.date(2000, 1, 10), name="An"):
    person = make_person(commune, full_name=f"Nguyễn Văn {name}", date_of_birth=born)
    return Reservist.objects.create(
        person=person,
        holder=commune,
        kind=kind,
        reserve_class=klass if kind == "nco_soldier" else None,
        class_reason_vi="Hạng hai: mới phục vụ tại ngũ 5 tháng (khoản 3 Điều 24 …)."
        if klass == 2
        else "",
        registered_on=dt.date(2025, 1, 6),
        certificate_number="DB-9",
        specialty_code="121",
    )


def test_removal_takes_a_reason_of_the_list_with_its_citation(personas, units):
    item = _reservist(units["DHOP"])
    clerk = personas["commune_clerk"]
    with pytest.raises(ValidationError) as error:
        remove_reservist(actor=clerk, reservist=item, on=dt.date(2025, 3, 1), code="moved")
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError):  # transfers are not picked by hand
        remove_reservist(actor=clerk, reservist=item, on=dt.date(2025, 3, 1), code="transferred")
    remove_reservist(actor=clerk, reservist=item, on=dt.date(2025, 3, 1), code="unfit", note="x")
    item.refresh_from_db()
    assert item.removal_code == "unfit"
    assert item.removal_reason.startswith("Không đủ sức khỏe (Điều 15 Thông tư 105/2023/TT-BQP)")


@pytest.mark.parametrize(
    ("day", "ok"), [(dt.date(2023, 12, 31), False), (dt.date(2024, 1, 1), True)]
)
def test_unfit_removal_in_force_with_tt_105(personas, units, day, ok):
    item = _reservist(units["DHOP"])
    Reservist.objects.filter(pk=item.pk).update(registered_on=dt.date(2023, 1, 2))
    item.refresh_from_db()
    clerk = personas["commune_clerk"]
    if ok:
        remove_reservist(actor=clerk, reservist=item, on=day, code="unfit")
    else:
        with pytest.raises(ValidationError, match="chưa có hiệu lực"):
            remove_reservist(actor=clerk, reservist=item, on=day, code="unfit")


def test_remove_page_posts_the_reason(client, personas, units):
    item = _reservist(units["DHOP"])
    client.force_login(personas["commune_commander"])
    url = reverse("reserve:reservist", args=[item.public_id])
    bad = client.post(url, {"action": "remove", "remove-on": "01/03/2025", "remove-code": ""})
    assert bad.status_code == 400
    assert client.post(url, {"action": "nothing"}).status_code == 400
    done = client.post(url, {"action": "remove", "remove-on": "01/03/2025", "remove-code": "died"})
    assert done.status_code == 302
    assert Reservist.objects.get(pk=item.pk).removal_code == "died"


def test_transfer_is_accepted_by_the_receiving_commune(client, personas, units):
    item = _reservist(units["DHOP"], klass=1)
    HealthCheck.objects.create(reservist=item, checked_on=dt.date(2025, 2, 1), grade=2)
    client.force_login(personas["commune_clerk"])
    url = reverse("reserve:reservist", args=[item.public_id])
    response = client.post(
        url,
        {
            "action": "transfer",
            "transfer-to_commune": str(units["DT"].public_id),
            "transfer-on": "03/03/2025",
        },
    )
    assert response.status_code == 302
    transfer = Transfer.objects.get(reservist=item)
    assert transfer.accepted_on is None
    # The sender cannot accept for Đồng Thanh: outside its area (404 on the page, refused
    # by the service).
    incoming = reverse("reserve:transfers", args=[units["DT"].public_id])
    assert client.get(incoming).status_code == 404
    with pytest.raises(ValidationError):
        changes.accept_transfer(
            actor=personas["commune_clerk"], transfer=transfer, on=dt.date(2025, 3, 5)
        )
    # A second transfer waits for the first.
    with pytest.raises(ValidationError):
        changes.request_transfer(
            actor=personas["commune_clerk"],
            reservist=item,
            to_commune=units["DT"],
            on=dt.date(2025, 3, 4),
        )
    client.force_login(personas["other_commander"])
    page = client.get(incoming).content.decode()
    assert item.person.full_name in page
    early = client.post(incoming, {"transfer": str(transfer.public_id), "on": "02/03/2025"})
    assert early.status_code == 400  # before the request
    response = client.post(incoming, {"transfer": str(transfer.public_id), "on": "05/03/2025"})
    assert response.status_code == 302
    old = Reservist.objects.get(pk=item.pk)
    new = Reservist.objects.get(person=item.person, removed_on__isnull=True)
    assert old.removed_on == dt.date(2025, 3, 5) and old.removal_code == "transferred"
    assert new.holder == units["DT"] and new.reserve_class == 1
    assert new.registered_on == dt.date(2025, 3, 5) and new.specialty_code == "121"
    assert response["Location"] == reverse("reserve:reservist", args=[new.public_id])
    again = client.post(incoming, {"transfer": str(transfer.public_id), "on": "06/03/2025"})
    assert again.status_code == 400
    # The old commune no longer has him on the day; the new one does.
    on_day = Reservist.objects.filter(person=item.person, registered_on__lte=dt.date(2025, 3, 6))
    assert [r.holder_id for r in on_day if r.removed_on is None] == [units["DT"].pk]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"reserve.transfer_out", "reserve.transfer_in"} <= actions
    with translation.override("vi"):
        assert str(ACTION_LABELS["reserve.transfer_in"]) == "Tiếp nhận quân nhân dự bị chuyển đến"


def test_health_check_is_recorded_and_validated(client, personas, units):
    item = _reservist(units["DHOP"])
    clerk = personas["commune_clerk"]
    with pytest.raises(ValidationError):
        changes.record_health_check(
            actor=clerk, reservist=item, checked_on=dt.date(2025, 4, 1), grade=7
        )
    changes.record_health_check(
        actor=clerk, reservist=item, checked_on=dt.date(2025, 4, 1), grade=3, notes="Cận thị"
    )
    with pytest.raises(ValidationError):  # one a day
        changes.record_health_check(
            actor=clerk, reservist=item, checked_on=dt.date(2025, 4, 1), grade=2
        )
    with pytest.raises(PermissionDenied):
        changes.record_health_check(
            actor=personas["leader"], reservist=item, checked_on=dt.date(2025, 4, 2), grade=2
        )
    assert HealthCheck.objects.filter(reservist=item).count() == 1
    client.force_login(personas["leader"])
    page = client.get(reverse("reserve:reservist", args=[item.public_id])).content.decode()
    assert "Cận thị" in page and 'data-testid="form-health"' not in page
    denied = client.post(
        reverse("reserve:reservist", args=[item.public_id]),
        {"action": "health", "health-checked_on": "02/04/2025", "health-grade": "2"},
    )
    assert denied.status_code == 403


@pytest.mark.parametrize(("months", "klass"), [(5, 2), (6, 1)])
def test_six_months_of_training_convert_class_two_to_one(personas, units, months, klass):
    item = _reservist(units["DHOP"])
    changes.record_training(
        actor=personas["commune_clerk"], reservist=item, months=months, on=dt.date(2025, 6, 1)
    )
    item.refresh_from_db()
    assert item.training_months == months and item.reserve_class == klass
    if klass == 1:
        assert item.class_reason_vi.startswith("Hạng một: đã huấn luyện tập trung 6 tháng")
        assert "Điều 24" in item.class_reason_vi


def test_training_adds_up_to_the_conversion(personas, units):
    item = _reservist(units["DHOP"])
    clerk = personas["commune_clerk"]
    changes.record_training(actor=clerk, reservist=item, months=3, on=dt.date(2025, 3, 1))
    changes.record_training(actor=clerk, reservist=item, months=3, on=dt.date(2025, 6, 1))
    item.refresh_from_db()
    assert item.reserve_class == 1 and item.training_months == 6
    with pytest.raises(ValidationError):  # class 1 now: nothing to convert
        changes.record_training(actor=clerk, reservist=item, months=1, on=dt.date(2025, 6, 2))


@pytest.mark.parametrize(
    ("day", "ok"), [(dt.date(2025, 1, 9), True), (dt.date(2025, 1, 10), False)]
)
def test_conversion_only_to_the_end_of_age_35(personas, units, day, ok):
    """Born 10/01/1989: 35 until 09/01/2025, 36 from 10/01/2025 (Decree 14/2016)."""
    item = _reservist(units["DHOP"], born=dt.date(1989, 1, 10))
    Reservist.objects.filter(pk=item.pk).update(registered_on=dt.date(2024, 1, 2))
    item.refresh_from_db()
    call = lambda: changes.record_training(  # noqa: E731
        actor=personas["commune_clerk"], reservist=item, months=6, on=day
    )
    if ok:
        assert call().reserve_class == 1
    else:
        with pytest.raises(ValidationError, match="quá tuổi chuyển hạng"):
            call()


def test_officer_review_once_a_year(personas, units):
    officer = _reservist(units["DHOP"], kind="officer", name="Sĩ")
    soldier = _reservist(units["DHOP"], name="Lính")
    clerk = personas["commune_clerk"]
    with pytest.raises(ValidationError):
        changes.record_officer_review(
            actor=clerk,
            reservist=soldier,
            reviewed_on=dt.date(2025, 5, 1),
            met="in_person",
            matches_file=True,
        )
    changes.record_officer_review(
        actor=clerk,
        reservist=officer,
        reviewed_on=dt.date(2025, 5, 1),
        met="family",
        matches_file=False,
    )
    with pytest.raises(ValidationError):
        changes.record_officer_review(
            actor=clerk,
            reservist=officer,
            reviewed_on=dt.date(2025, 6, 1),
            met="in_person",
            matches_file=True,
        )
    assert OfficerReview.objects.get(reservist=officer).year == 2025


def test_card_pdf_opens_back(client, personas, units, tmp_path):
    item = _reservist(units["DHOP"], klass=1, name="Thẻ")
    HealthCheck.objects.create(reservist=item, checked_on=dt.date(2025, 2, 1), grade=2)
    client.force_login(personas["commune_commander"])
    response = client.get(reverse("reserve:card", args=[item.public_id]), {"on": "01/03/2025"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "card.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "PHIẾU QUÂN NHÂN DỰ BỊ" in text
    assert "Nguyễn Văn Thẻ" in text and "Hạng một" in text and "DB-9" in text
    assert "01/02/2025, loại 2" in text
    client.force_login(personas["other_commander"])
    assert client.get(reverse("reserve:card", args=[item.public_id])).status_code == 404


def test_officer_registered_with_rank_and_specialty(client, personas, units):
    person = make_person(units["DHOP"], full_name="Hà Văn Úy", date_of_birth=dt.date(1985, 4, 1))
    client.force_login(personas["commune_clerk"])
    response = client.post(
        reverse("reserve:register", args=[units["DHOP"].public_id]),
        {
            "national_id": person.national_id,
            "kind": "officer",
            "certificate_number": "SQ-1",
            "rank": "Trung úy",
            "officer_specialty": "Chỉ huy tham mưu bộ binh",
            "on": "03/03/2025",
        },
    )
    assert response.status_code == 302
    officer = Reservist.objects.get(person=person)
    assert officer.reserve_class is None and officer.rank == "Trung úy"
    page = client.get(reverse("reserve:reservist", args=[officer.public_id])).content.decode()
    assert "Chỉ huy tham mưu bộ binh" in page and 'data-testid="form-review"' in page
    assert 'data-testid="form-training"' not in page  # officers do not convert


def test_a_reader_cannot_ask_or_accept_a_transfer(client, personas, units):
    item = _reservist(units["DHOP"], klass=1)
    transfer = changes.request_transfer(
        actor=personas["commune_clerk"],
        reservist=item,
        to_commune=units["DT"],
        on=dt.date(2025, 3, 3),
    )
    client.force_login(personas["leader"])
    asked = client.post(
        reverse("reserve:reservist", args=[item.public_id]),
        {
            "action": "transfer",
            "transfer-to_commune": str(units["DT"].public_id),
            "transfer-on": "03/03/2025",
        },
    )
    assert asked.status_code == 403
    incoming = reverse("reserve:transfers", args=[units["DT"].public_id])
    assert client.get(incoming).status_code == 200  # the district leader reads it
    accepted = client.post(incoming, {"transfer": str(transfer.public_id), "on": "05/03/2025"})
    assert accepted.status_code == 403
    assert Transfer.objects.get(pk=transfer.pk).accepted_on is None
    with pytest.raises(PermissionDenied):
        changes.accept_transfer(actor=personas["leader"], transfer=transfer, on=dt.date(2025, 3, 5))
