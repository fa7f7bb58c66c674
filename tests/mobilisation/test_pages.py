"""The call-out pages: the roster, drafting and issuing an order from the browser's forms, the
board's counts (recounted from the lines, in a bounded number of queries), the clerk's one-tap
marks through htmx, the denied paths, and the report opened back from PDF and Excel."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from muster.mobilisation.models import CallOutLine, CallOutOrder, OtherForce
from tests.core.factories import make_person
from tests.militia.factories import make_member
from tests.mobilisation.factories import DAY, add_line, at, make_order, make_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(units):
    return make_roster(units["DHOP"])


def _issued(roster):
    order = make_order(roster["commune"], status="issued")
    for m in roster["members"]:
        add_line(order, m)
    return order


def test_roster_page_counts_forces_and_means(login, personas, roster):
    client = login(personas["commune_clerk"])
    page = client.get(
        reverse("mobilisation:roster", args=[roster["commune"].public_id]), {"on": "20/09/2025"}
    )
    text = page.content.decode()
    assert page.status_code == 200
    # 3 reservists + 4 members + a team of 12.
    assert "(19 " in text and "Đội thanh niên xung kích" in text
    assert "Phương tiện thủy" in text


def test_other_force_form(login, personas, roster):
    client = login(personas["commune_commander"])
    url = reverse("mobilisation:other_force_new", args=[roster["commune"].public_id])
    bad = client.post(url, {"name": "", "organisation": "Hội CTĐ", "headcount": "0"})
    assert bad.status_code == 400
    good = client.post(
        url,
        {
            "name": "Đội sơ cứu",
            "organisation": "Hội Chữ thập đỏ xã",
            "headcount": "6",
            "available_from": "01/09/2025",
        },
    )
    assert good.status_code == 302
    assert OtherForce.objects.filter(name="Đội sơ cứu", headcount=6).exists()


def test_draft_pick_issue_and_mark_from_the_pages(login, personas, roster):
    client = login(personas["commune_commander"])
    commune = roster["commune"]
    url = reverse("mobilisation:order_new", args=[commune.public_id])
    data = {
        "kind": "disaster",
        "hazard": "flood",
        "number": "05/LHĐ",
        "authority": "district_chairman",
        "signed_by": "Nguyễn Văn Chủ",
        "ordered_at": "20/09/2025 06:00",
        "assembly_place": "Đê tả sông Hồng, thôn Kệ Châu",
        "assembly_at": "20/09/2025 08:00",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and not CallOutOrder.objects.exists()
    made = client.post(url, data | {"authority": "commune_chairman"})
    assert made.status_code == 302
    order = CallOutOrder.objects.get()
    add = reverse("mobilisation:order_add", args=[order.public_id])
    client.post(add, {"force": "militia", "group": "component:mobile"})
    client.post(add, {"force": "reservist", "group": "group:nco_soldier:1"})
    client.post(add, {"pick": [f"asset:{roster['assets'][0].public_id}"]})
    assert order.lines.count() == 6
    draft_page = client.get(reverse("mobilisation:order", args=[order.public_id])).content.decode()
    assert f"unit:{roster['squad'].public_id}" in draft_page
    client.post(add, {"force": "militia", "group": f"unit:{roster['squad'].public_id}"})
    line = order.lines.get(membership=roster["members"][3])
    client.post(
        reverse("mobilisation:order_remove", args=[order.public_id]), {"line": line.public_id}
    )
    assert order.lines.count() == 6
    page = client.get(reverse("mobilisation:order", args=[order.public_id]))
    assert page.status_code == 200 and 'data-testid="unverified"' in page.content.decode()
    issued = client.post(reverse("mobilisation:order_issue", args=[order.public_id]))
    assert issued.status_code == 302
    assert issued["Location"] == reverse("mobilisation:board", args=[order.public_id])
    order.refresh_from_db()
    assert order.status == "issued"
    line = order.lines.filter(force="asset").get()
    mark = client.post(
        reverse("mobilisation:mark", args=[order.public_id]),
        {"line": str(line.public_id), "mark": "arrived"},
        headers={"HX-Request": "true"},
    )
    assert mark.status_code == 200 and 'data-state="arrived"' in mark.content.decode()
    live = client.get(reverse("mobilisation:board_live", args=[order.public_id]))
    assert re.search(r'data-testid="assets-arrived">1<', live.content.decode())


def test_a_line_of_a_draft_cannot_be_marked_from_the_page(login, personas, roster):
    order = make_order(roster["commune"])
    line = add_line(order, roster["members"][0])
    client = login(personas["commune_clerk"])
    answer = client.post(
        reverse("mobilisation:mark", args=[order.public_id]),
        {"line": str(line.public_id), "mark": "arrived"},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 400
    line.refresh_from_db()
    assert line.arrived_at is None


def test_denied_paths(client, login, personas, roster):
    order = _issued(roster)
    line = order.lines.first()
    mark = reverse("mobilisation:mark", args=[order.public_id])
    body = {"line": str(line.public_id), "mark": "arrived"}
    assert login(personas["leader"]).post(mark, body).status_code == 403
    assert login(personas["other_commander"]).post(mark, body).status_code == 404
    assert (
        login(personas["commune_clerk"]).post(mark, {"line": "nope", "mark": "x"}).status_code
        == 404
    )
    close = reverse("mobilisation:order_close", args=[order.public_id])
    assert login(personas["auditor"]).post(close).status_code == 403
    line.refresh_from_db()
    assert line.arrived_at is None
    order.refresh_from_db()
    assert order.status == "issued"


def test_the_board_recounts_the_lines(login, personas, roster):
    order = _issued(roster)
    lines = list(order.lines.all())
    CallOutLine.objects.filter(pk=lines[0].pk).update(
        acknowledged_at=at(DAY, 8), arrived_at=at(DAY, 8)
    )
    CallOutLine.objects.filter(pk=lines[1].pk).update(absent=True, absent_reason="Ốm")
    CallOutLine.objects.filter(pk=lines[2].pk).update(acknowledged_at=at(DAY, 8))
    text = (
        login(personas["leader"])
        .get(reverse("mobilisation:board_live", args=[order.public_id]))
        .content.decode()
    )
    people = re.search(r"<td>(?:Người|People)</td>((?:<td[^>]*>\d+</td>)+)", text)
    assert people is not None
    assert re.findall(r">(\d+)<", people.group(1)) == ["4", "4", "2", "1", "1", "2"]


def test_board_fragment_queries_do_not_grow(
    login, personas, roster, units, django_assert_max_num_queries
):
    small = _issued(roster)
    big = make_order(roster["commune"], number="02/LHĐ", status="issued")
    for i in range(25):
        add_line(big, make_member(make_person(units["DHOP"], full_name=f"Người {i}")))
    client = login(personas["commune_clerk"])
    counts = []
    for order in (small, big):
        with django_assert_max_num_queries(12) as captured:
            assert (
                client.get(reverse("mobilisation:board_live", args=[order.public_id])).status_code
                == 200
            )
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_report_opens_back_from_pdf_and_excel(login, personas, roster, tmp_path):
    order = _issued(roster)
    line = order.lines.first()
    CallOutLine.objects.filter(pk=line.pk).update(
        acknowledged_at=at(DAY, 8), arrived_at=at(DAY, 8, 15)
    )
    client = login(personas["commune_commander"])
    pdf = client.get(reverse("mobilisation:report_pdf", args=[order.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "BÁO CÁO KẾT QUẢ HUY ĐỘNG LỰC LƯỢNG, PHƯƠNG TIỆN" in text
    assert line.label in text and "20/09/2025 08:15" in text
    assert "Lệnh số 01/LHĐ" in text
    xlsx = client.get(reverse("mobilisation:report_xlsx", args=[order.public_id]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "BÁO CÁO KẾT QUẢ HUY ĐỘNG LỰC LƯỢNG, PHƯƠNG TIỆN" in values
    assert line.label in values and "20/09/2025 08:15" in values
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"
