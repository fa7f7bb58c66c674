"""The reserve's quarterly and yearly report of an area: every figure of the Word and PDF
documents recounts from the models; the deadline is shown and flagged unverified; the periods
page; the board on the strength page in a bounded number of queries; denied paths."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import docx
import pytest
from django.db.models import Q, Sum
from django.urls import reverse

from muster.core.dates import today
from muster.law import book
from muster.reserve.models import Asset, CallEntry, Reservist, TrainingCall
from muster.reserve.placement.models import Placement
from muster.reserve.placement.services import run_placement
from muster.reserve.reports.periodic import Period
from muster.reserve.units.models import UnitPost
from tests.mobilisation.factories import at, make_order
from tests.reserve.assets.factories import assign, make_asset, make_need
from tests.reserve.assets.factories import make_unit as make_asset_unit
from tests.reserve.unit_factories import make_reservist, make_unit

pytestmark = pytest.mark.django_db

LAST = dt.date(2025, 9, 30)  # the last day of the third quarter of 2025


@pytest.fixture
def world(personas, units):
    dhop, dt_ = units["DHOP"], units["DT"]
    make_unit(dhop, posts={"BB": 2, "LX": 1}, code="C1")
    bb = [make_reservist(dhop, specialty="BB", name=f"Nguyễn Văn B{i}") for i in range(2)]
    make_reservist(dhop, specialty="TT", reserve_class=2, name="Lê Văn Tin")
    make_reservist(dhop, specialty="BB", sex="F", name="Phạm Thị Hoa", born=dt.date(1990, 1, 1))
    make_reservist(dhop, kind="officer", reserve_class=None, name="Hoàng Văn Sĩ")
    gone = make_reservist(dhop, name="Đỗ Văn Đi")
    Reservist.objects.filter(pk=gone.pk).update(removed_on=dt.date(2025, 7, 1))
    make_reservist(dt_, name="Vũ Văn Khác")  # another commune
    run_placement(actor=personas["district_officer"], area=units["KD"], day=dt.date(2025, 8, 1))
    trucks = [make_asset(dhop, f"89C-100.0{i}") for i in range(2)]
    make_asset(dhop, "HY-0101", kind="watercraft")
    make_asset(dhop, "89C-999.99", removed_on=dt.date(2025, 9, 1))
    make_asset(dt_, "89C-200.00")
    need = make_need(make_asset_unit(dhop, "VT1"), count=3)
    assign(trucks[0], need, on=dt.date(2025, 6, 1))
    call = TrainingCall.objects.create(
        commune=dhop, kind="training", title="Huấn luyện", starts_on=dt.date(2025, 8, 4),
        ends_on=dt.date(2025, 8, 8),
    )  # fmt: skip
    CallEntry.objects.create(call=call, reservist=bb[0], status="present", days=5)
    CallEntry.objects.create(call=call, reservist=bb[1], status="present", days=4)
    early = TrainingCall.objects.create(
        commune=dhop, kind="training", title="Quý II", starts_on=dt.date(2025, 5, 5),
        ends_on=dt.date(2025, 5, 9),
    )  # fmt: skip
    CallEntry.objects.create(call=early, reservist=bb[0], status="present", days=5)
    order = make_order(dhop, number="05/LGQ", status="issued")  # issued 20/09/2025
    for i, r in enumerate(bb):
        order.lines.create(
            force="reservist", reservist=r, group="nco_soldier", label=r.person.full_name,
            notified_at=order.issued_at, arrived_at=at(hour=8) if i == 0 else None,
            acknowledged_at=at(hour=8) if i == 0 else None,
            absent=i == 1, absent_reason="Ốm" if i == 1 else "",
        )  # fmt: skip
    return units


def _docx_figures(data: bytes) -> dict[str, list[str]]:
    document = docx.Document(io.BytesIO(data))
    found = {}
    for table in document.tables[1:]:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            found[cells[0]] = cells[1:]
    return found


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def test_word_report_recounts_from_the_models(client, personas, world):
    dhop = world["DHOP"]
    client.force_login(personas["commune_commander"])
    url = reverse("reserve:report_docx", args=[dhop.public_id]) + "?period=2025-q3"
    response = client.get(url)
    assert response.status_code == 200
    f = _docx_figures(response.content)
    on = Q(holder=dhop, registered_on__lte=LAST) & (
        Q(removed_on__isnull=True) | Q(removed_on__gt=LAST)
    )
    reservists = Reservist.objects.filter(on)
    assert f["Tổng số quân nhân dự bị"] == [_n(reservists.count())] == ["5"]
    assert f["Hạng một"] == [str(reservists.filter(reserve_class=1).count())]
    assert f["Hạng hai"] == [str(reservists.filter(reserve_class=2).count())]
    assert f["Sĩ quan dự bị"] == [str(reservists.filter(kind="officer").count())]
    assert f["Nữ"] == [str(reservists.filter(person__sex="F").count())]
    placed = Placement.objects.filter(run__current=True, unit__area=dhop)
    establishment = UnitPost.objects.filter(unit__area=dhop).aggregate(n=Sum("count"))["n"]
    assert f["Biên chế (quân số đủ)"] == [str(establishment)]
    assert f["Đã sắp xếp vào biên chế"] == [str(placed.filter(spare=False).count())]
    right = placed.filter(right_specialty=True).count()
    assert f["Sắp xếp đúng chuyên nghiệp quân sự"] == [str(right)]
    rate = f"{100 * right / placed.count():.1f}".replace(".", ",") + "%"
    assert f["Tỷ lệ đúng chuyên nghiệp quân sự"] == [rate]
    assets = Asset.objects.filter(holder=dhop, registered_on__lte=LAST).filter(
        Q(removed_on__isnull=True) | Q(removed_on__gt=LAST)
    )
    road = str(assets.filter(kind="road_vehicle").count())
    assert f["Phương tiện giao thông cơ giới đường bộ"] == [road, "3", "1", "2"]
    assert f["Tổng cộng"] == [str(assets.count()), "3", "1", "2"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    calls = TrainingCall.objects.filter(commune=dhop, ends_on__range=(dt.date(2025, 7, 1), LAST))
    present = CallEntry.objects.filter(call__in=calls, status="present")
    days = present.aggregate(n=Sum("days"))["n"]
    assert f"{calls.count()} đợt gọi, {present.count()} lượt" in text
    assert f"{days} ngày công" in text
    assert "1 lệnh; gọi 2 người, có mặt 1, vắng mặt 1" in text
    assert "quý III năm 2025" in text
    assert "chậm nhất ngày 14/09/2025" in text and "chưa xác minh" in text
    assert not book.rule("reserve.reports.deadlines", LAST).confirmed


def test_pdf_report_opens_back_and_the_area_adds_up(client, personas, world, tmp_path):
    client.force_login(personas["district_officer"])
    url = reverse("reserve:report_pdf", args=[world["KD"].public_id]) + "?period=2025"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "r.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "BÁO CÁO" in text and "năm 2025" in text
    assert "14/12/2025" in text and "chưa xác minh" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    # The district: six reservists on 31/12/2025 (Đồng Thanh's too), both training calls.
    line = next(x for x in text.splitlines() if "Tổng số quân nhân dự bị" in x)
    assert line.split()[-1] == "6"
    assert "2 đợt gọi, 3 lượt" in text


def test_commune_report_leaves_out_the_other_commune(client, personas, world):
    client.force_login(personas["commune_commander"])
    url = reverse("reserve:report_docx", args=[world["DHOP"].public_id]) + "?period=2025"
    f = _docx_figures(client.get(url).content)
    assert f["Tổng số quân nhân dự bị"] == ["5"]
    assert f["Tổng cộng"][0] == "3"


def test_periods_page_lists_deadlines_and_links(client, personas, world):
    client.force_login(personas["commune_commander"])
    url = reverse("reserve:report_periods", args=[world["DHOP"].public_id])
    page = client.get(url, {"year": "2025"}).content.decode()
    for day in ("14/03/2025", "14/06/2025", "14/09/2025", "14/12/2025"):
        assert day in page
    assert reverse("reserve:report_pdf", args=[world["DHOP"].public_id]) + "?period=2025-q3" in page
    assert "⚠" in page
    assert client.get(url, {"year": "1990"}).status_code == 200  # no rule then: this year


def test_denied_bad_and_out_of_scope(client, personas, world):
    dhop, dt_ = world["DHOP"], world["DT"]
    url = reverse("reserve:report_pdf", args=[dhop.public_id]) + "?period=2025-q1"
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(personas["other_commander"])
    assert client.get(url).status_code == 404
    periods = reverse("reserve:report_periods", args=[dhop.public_id])
    assert client.get(periods).status_code == 404
    for bad in ("2025-q5", "25", "2025-q", "2025-q12", "0000", "1990", f"{today().year + 1}"):
        bad_url = reverse("reserve:report_docx", args=[dt_.public_id]) + "?period=" + bad
        assert client.get(bad_url).status_code == 404
    # Without a period: the quarter running today.
    plain = client.get(reverse("reserve:report_docx", args=[dt_.public_id]))
    assert plain.status_code == 200


def test_period_deadlines_follow_the_rule():
    assert Period(2025, 1).deadline() == dt.date(2025, 3, 14)
    assert Period(2025, 4).last == dt.date(2025, 12, 31)
    assert Period(2024, 1).last == dt.date(2024, 3, 31)
    assert Period(2025).deadline() == dt.date(2025, 12, 14)
    assert Period.parse("2025-q2") == Period(2025, 2) and Period.parse("2025") == Period(2025)
    assert Period(2025, 3).day(dt.date(2025, 8, 1)) == dt.date(2025, 8, 1)


def test_board_on_the_strength_page_in_bounded_queries(
    client, personas, world, django_assert_max_num_queries
):
    client.force_login(personas["district_officer"])
    url = reverse("reserve:strength")
    with django_assert_max_num_queries(21 + 3):
        page = client.get(url, {"on": "30/09/2025"})
    body = page.content.decode()
    assert 'data-testid="board"' in body
    assert reverse("reserve:report_periods", args=[world["KD"].public_id]) in body
    # More records do not add queries.
    for i in range(5):
        make_reservist(world["DT"], name=f"Thêm {i}")
        make_asset(world["DT"], f"89C-300.0{i}")
    with django_assert_max_num_queries(21 + 3):
        client.get(url, {"on": "30/09/2025"})
