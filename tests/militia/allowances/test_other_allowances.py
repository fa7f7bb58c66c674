"""The month's other allowance lines (legal-reference §3 "Other allowances" and the standing
and maritime militia's rows): seniority counted from the appointment history (60 and 72
months, the day the month completes), special defence, the deputy commander's one-off payment
without social insurance, the standing militia's completion allowance and entitlements, the
maritime militia's sea duty; the payment list in PDF and Excel opened back."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from muster.militia.allowances.lines import month_lines
from muster.militia.models import Appointment
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit
from tests.militia.readiness.factories import at, make_callout

D = dt.date


def appoint(person, post, on, *, unit=None, ended_on=None, no_insurance=False):
    return Appointment.objects.create(
        person=person,
        holder=person.registration_unit,
        unit=unit,
        post=post,
        appointed_on=on,
        ended_on=ended_on,
        end_reason="term" if ended_on else "",
        without_social_insurance=no_insurance,
    )


def of_kind(listing, kind):
    return {x.person.full_name: x for x in listing.lines if x.kind == kind}


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.fixture
def dhop(units):
    return units["DHOP"]


def test_seniority_counted_from_the_whole_history(dhop):
    deputy = make_person(dhop, full_name="Trần Văn Phó")
    # 36 months from 2015 to 2018, then again from 01/01/2023: 60 months by 31/12/2024.
    appoint(deputy, "deputy_commander", D(2015, 1, 1), ended_on=D(2018, 1, 1))
    appoint(deputy, "deputy_commander", D(2023, 1, 1))
    dec, jan = month_lines(dhop, D(2024, 12, 1)), month_lines(dhop, D(2025, 1, 1))
    # December 2024: only the 31st is in the 60th month: 1/31 of 5 % of 327.800.
    assert of_kind(dec, "seniority")[deputy.full_name].amount == half_up(
        Decimal(327_800) * 5 / 100 / 31
    )
    line = of_kind(jan, "seniority")[deputy.full_name]
    assert line.amount == 16_390 and line.days == 31 and line.confirmed
    assert "5 %" in line.text.vi
    # 59 months on 30/11/2024: no seniority line in November.
    assert not of_kind(month_lines(dhop, D(2024, 11, 1)), "seniority")


def test_seniority_rises_to_6_percent_on_the_day_the_72nd_month_completes(dhop):
    deputy = make_person(dhop, full_name="Lê Văn Thâm Niên")
    appoint(deputy, "deputy_commander", D(2019, 5, 16))
    may = month_lines(dhop, D(2025, 5, 1))
    # 1–14 May: 71 months (5 %); from 15 May: 72 months (6 %).
    expected = half_up(Decimal(514_800) * (14 * 5 + 17 * 6) / 100 / 31)
    line = of_kind(may, "seniority")[deputy.full_name]
    assert line.amount == expected and "6 %" in line.text.vi
    assert not line.confirmed  # the figures kept from the old text since Decree 16/2025


def test_special_defence_for_the_posts_named_only(dhop):
    mobile = make_militia_unit(dhop, name="Trung đội cơ động", component="mobile")
    leader = make_person(dhop, full_name="Vũ Văn Cơ Động")
    chief = make_person(dhop, full_name="Nguyễn Văn Chỉ Huy")
    appoint(leader, "mobile_platoon_leader", D(2024, 1, 1), unit=mobile)
    appoint(chief, "commander", D(2024, 1, 1))
    feb, apr = month_lines(dhop, D(2025, 2, 1)), month_lines(dhop, D(2025, 4, 1))
    assert {k: x.amount for k, x in of_kind(feb, "special_defence").items()} == {
        leader.full_name: 149_000
    }
    assert of_kind(apr, "special_defence")[leader.full_name].amount == 234_000
    assert of_kind(feb, "special_defence")[leader.full_name].confirmed
    assert not of_kind(apr, "special_defence")[leader.full_name].confirmed


def test_deputy_one_off_on_leaving_without_social_insurance(dhop):
    without = make_person(dhop, full_name="Đào Văn Nghỉ")
    appoint(without, "deputy_commander", D(2019, 1, 1), ended_on=D(2025, 4, 16), no_insurance=True)
    insured = make_person(dhop, full_name="Đinh Văn Bảo Hiểm")
    appoint(insured, "deputy_commissar", D(2019, 1, 1), ended_on=D(2025, 4, 16))
    short = make_person(dhop, full_name="Hồ Văn Ngắn")
    appoint(short, "deputy_commander", D(2021, 1, 1), ended_on=D(2025, 4, 16), no_insurance=True)
    april = month_lines(dhop, D(2025, 4, 1))
    # 75 months to 15/04/2025: 6 years × 1.5 months × 514.800.
    found = of_kind(april, "deputy_one_off")
    assert set(found) == {without.full_name}
    assert found[without.full_name].amount == 4_633_200
    assert "75 tháng" in found[without.full_name].text.vi
    assert not of_kind(month_lines(dhop, D(2025, 5, 1)), "deputy_one_off")


def test_deputy_one_off_belongs_to_the_month_of_his_last_day(dhop):
    # Ended on 01/05/2025: his last day is 30/04/2025, paid on the April list, not May's.
    deputy = make_person(dhop, full_name="Đào Văn Cuối Tháng")
    appoint(deputy, "deputy_commander", D(2019, 5, 1), ended_on=D(2025, 5, 1), no_insurance=True)
    april = of_kind(month_lines(dhop, D(2025, 4, 1)), "deputy_one_off")
    assert april[deputy.full_name].amount == 6 * 772_200  # 72 months: 6 × 1,5 × 514.800
    assert not of_kind(month_lines(dhop, D(2025, 5, 1)), "deputy_one_off")


def test_standing_militia_completion_and_entitlements(dhop):
    unit = make_militia_unit(dhop, name="Tiểu đội thường trực", component="standing")
    done = make_member(
        make_person(dhop, full_name="Mai Văn Thường Trực"),
        unit=unit,
        component="standing",
        joined_on=D(2023, 4, 1),
        years=2,
    )
    done.status, done.ended_on = "completed", D(2025, 4, 1)
    done.save()
    march, april = month_lines(dhop, D(2025, 3, 1)), month_lines(dhop, D(2025, 4, 1))
    line = of_kind(march, "standing_completion")[done.person.full_name]
    assert line.amount == 2 * 2_980_000 and not line.confirmed
    assert not of_kind(april, "standing_completion")
    # From 23/03/2025 the standing member has insurance and food, listed without a sum.
    codes = [e.entitlement.rules[0].code for e in march.entitlements]
    assert codes == ["militia.benefit.standing_insurance", "militia.benefit.standing_food"]
    assert not month_lines(dhop, D(2025, 2, 1)).entitlements
    assert not april.entitlements  # he left on 01/04/2025


def test_sea_duty_of_maritime_members_called_out(dhop):
    boat = make_militia_unit(dhop, name="Tiểu đội dân quân biển", component="maritime")
    sailor = make_member(
        make_person(dhop, full_name="Lý Văn Biển"), unit=boat, component="maritime"
    )
    captain = make_member(
        make_person(dhop, full_name="Lý Văn Thuyền"), unit=boat, component="maritime"
    )
    appoint(captain.person, "squad_leader", D(2024, 1, 1), unit=boat)
    callout = make_callout(
        dhop,
        [sailor, captain],
        units=[boat],
        ordered_at=at(D(2025, 4, 10)),
        closed_at=at(D(2025, 4, 12), 17),
    )
    callout.members.update(arrived_at=at(D(2025, 4, 10), 9), acknowledged_at=at(D(2025, 4, 10)))
    found = of_kind(month_lines(dhop, D(2025, 4, 1)), "sea_duty")
    assert found["Lý Văn Biển"].amount == 3 * (585_000 + 234_000)
    assert found["Lý Văn Thuyền"].amount == 3 * (585_000 + 234_000 + 187_200)
    assert found["Lý Văn Biển"].days == 3 and found["Lý Văn Biển"].confirmed
    # The purpose mid-sentence is in lower case in both languages.
    assert found["Lý Văn Biển"].text.vi.startswith("Huy động lũ lụt ngày 10/04/2025")
    assert found["Lý Văn Biển"].text.en.startswith("Call-out, flood, 10/04/2025")


def test_payment_list_carries_the_new_lines_and_recounts(client, personas, units, tmp_path):
    dhop = units["DHOP"]
    deputy = make_person(dhop, full_name="Trần Văn Phó")
    appoint(deputy, "deputy_commander", D(2019, 1, 1))
    # April 2025: post 514.800, seniority 6 % (75 months) 30.888, special defence 257.400.
    total = 514_800 + 30_888 + 257_400
    listing = month_lines(dhop, D(2025, 4, 1))
    assert listing.total == total
    client.force_login(personas["commune_clerk"])
    month = {"month": "04/2025"}
    page = client.get(reverse("militia:allowances", args=[dhop.public_id]), month)
    assert f'data-total="{total}"' in page.content.decode()
    pdf = client.get(reverse("militia:allowances_pdf", args=[dhop.public_id]), month)
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Phụ cấp thâm niên" in text and "30.888" in text and "257.400" in text
    assert "chưa xác minh" in text
    xlsx = client.get(reverse("militia:allowances_xlsx", args=[dhop.public_id]), month)
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and "Họ và tên" in r)
    amount, basis = header.index("Số tiền (đ)"), header.index("Căn cứ")
    lines = [r for r in rows[rows.index(header) + 1 :] if isinstance(r[0], int)]
    total_row = next(r for r in rows if r and "Tổng cộng" in r)
    assert sum(r[amount] for r in lines) == total_row[amount] == total
    assert all(r[basis] for r in lines)
    assert any("Điều 8–10" in r[basis] for r in lines)
