"""Decree 27/2016 Arts 7–8: the one-off allowances of a discharged soldier, counted in the
base salary of the discharge day; shown on the reception page and printed in PDF."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from muster.law import book
from muster.law.reserve.classes import Served
from muster.law.reserve.discharge_allowances import allowance_months, discharge_allowances
from muster.reserve.discharge.services import receive_discharged
from tests.core.factories import make_person
from tests.reserve.factories import recruit_of


def _codes(owed):
    return {a.rule.code: a for a in owed.items}


@pytest.mark.parametrize(
    ("served", "months"),
    [
        (Served(0, 20), 0),  # under a month: nothing
        (Served(1), 1),
        (Served(6), 1),  # 1–6 months: 1 month
        (Served(7), 2),  # over 6 months: 2 months
        (Served(12), 2),
        (Served(18), 3),
        (Served(19), 4),
        (Served(24), 4),
        (Served(30), 5),  # 2 years + 6 months
        (Served(31), 6),
    ],
)
def test_discharge_allowance_months(served, months):
    rule = book.rule("reserve.discharge.allowance", dt.date(2025, 1, 1))
    assert allowance_months(served, rule) == months


@pytest.mark.parametrize(
    ("day", "salary"),
    [(dt.date(2024, 6, 30), 1_800_000), (dt.date(2024, 7, 1), 2_340_000)],
)
def test_amounts_follow_the_base_salary_of_the_discharge_day(day, salary):
    owed = _codes(discharge_allowances(Served(24), day))
    assert owed["reserve.discharge.allowance"].amount == 4 * salary
    assert owed["reserve.discharge.job_creation"].amount == 6 * salary
    assert owed["reserve.discharge.farewell"].amount == 50_000
    assert "reserve.discharge.rank_bonus" not in owed  # 24 months: no extra allowance
    assert owed["reserve.discharge.travel"].amount is None


def test_base_salary_before_the_first_known_amount_gives_no_amount():
    owed = discharge_allowances(Served(24), dt.date(2023, 6, 30))
    assert owed.base_salary is None
    assert _codes(owed)["reserve.discharge.allowance"].amount is None
    assert owed.total == 50_000  # only the farewell meeting has its own amount
    assert discharge_allowances(Served(24), dt.date(2023, 7, 1)).base_salary is not None


def test_decree_27_in_force_from_its_default_date():
    assert discharge_allowances(Served(24), dt.date(2016, 5, 19)).items == ()
    assert discharge_allowances(Served(24), dt.date(2016, 5, 20)).items != ()


@pytest.mark.parametrize(("months", "extra"), [(24, None), (25, 1), (29, 1), (30, 2)])
def test_rank_allowance_months_from_25_and_30_months(months, extra):
    owed = _codes(discharge_allowances(Served(months), dt.date(2025, 3, 1)))
    bonus = owed.get("reserve.discharge.rank_bonus")
    assert (bonus.months if bonus else None) == extra
    if bonus:
        assert bonus.amount is None  # depends on his rank: given in months


def test_job_creation_only_for_the_full_term():
    assert "reserve.discharge.job_creation" not in _codes(
        discharge_allowances(Served(23, 29), dt.date(2025, 3, 1))
    )


def test_every_decree_27_rule_is_flagged_unverified_with_its_citation():
    owed = discharge_allowances(Served(24), dt.date(2025, 3, 1))
    for item in owed.items:
        assert not item.confirmed
        assert "Nghị định 27/2016/NĐ-CP" in item.citation_vi
        assert "Điều 50" in item.citation_vi
    assert owed.base_salary is not None and owed.base_salary.confirmed


@pytest.mark.django_db
def test_reception_page_and_pdf_show_the_allowances(client, personas, units, tmp_path):
    clerk = personas["commune_clerk"]
    person = make_person(units["DHOP"], full_name="Phạm Văn Về", date_of_birth=dt.date(2003, 5, 1))
    recruit = recruit_of(person)  # handed over 15/02/2023
    reception = receive_discharged(
        actor=clerk,
        person=person,
        commune=units["DHOP"],
        recruit=recruit,
        discharged_on=dt.date(2025, 2, 14),
        arrived_home_on=dt.date(2025, 2, 17),
        on=dt.date(2025, 2, 17),
    )
    client.force_login(clerk)
    url = reverse("reserve:reception", args=[reception.public_id])
    with translation.override("vi"):
        page = client.get(url).content.decode()
    assert "9.360.000" in page  # 4 months × 2.340.000
    assert "Thời gian phục vụ tại ngũ" in page  # the time served, not the Army/Police choice
    assert "14.040.000" in page  # job creation
    assert "23.450.000" in page  # total with the farewell meeting
    assert "Điều 7–8 Nghị định 27/2016/NĐ-CP" in page and "⚠" in page  # flagged unverified
    returns = client.get(reverse("reserve:returns", args=[units["DHOP"].public_id])).content
    assert url in returns.decode()
    response = client.get(url, {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "tc.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "CÁC KHOẢN TRỢ CẤP KHI XUẤT NGŨ" in text
    assert "Phạm Văn Về" in text and "9.360.000" in text and "23.450.000" in text
    assert "chưa xác minh" in text


@pytest.mark.django_db
def test_reception_is_404_out_of_scope(client, personas, units):
    person = make_person(units["DHOP"], date_of_birth=dt.date(2003, 5, 1))
    reception = receive_discharged(
        actor=personas["commune_clerk"],
        person=person,
        commune=units["DHOP"],
        service_started_on=dt.date(2023, 3, 1),
        discharged_on=dt.date(2025, 2, 28),
        arrived_home_on=dt.date(2025, 3, 3),
        on=dt.date(2025, 3, 3),
    )
    client.force_login(personas["other_commander"])
    url = reverse("reserve:reception", args=[reception.public_id])
    assert client.get(url).status_code == 404
    assert client.get(url, {"format": "pdf"}).status_code == 404


@pytest.mark.django_db
def test_expected_returns_count_by_month_and_flag_the_overdue(client, personas, units):
    person = make_person(units["DHOP"], full_name="Đỗ Văn Chờ", date_of_birth=dt.date(2003, 5, 1))
    recruit_of(person)  # handed over 15/02/2023: his 24 months end on 14/02/2025
    client.force_login(personas["commune_commander"])
    url = reverse("reserve:returns", args=[units["DHOP"].public_id])
    before = client.get(url, {"on": "14/02/2025"}).content.decode()
    assert "Đỗ Văn Chờ" in before and "02/2025" in before
    assert 'data-testid="expected-total">1<' in before
    assert 'data-testid="overdue"' not in before
    after = client.get(url, {"on": "15/02/2025"}).content.decode()
    assert 'data-testid="overdue"' in after
