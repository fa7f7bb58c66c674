"""Reserve strength by commune and for the reader's area, by class, group, kind and sex; its
Excel export recounts; the directive data sources read the same figures."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muster.directives.sources import read_source, read_source_each
from muster.geo.models import Unit
from muster.reserve.models import Reservist
from muster.reserve.reports.selectors import strength_report
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 1)


def _add(commune, *, kind="nco_soldier", klass=1, sex="M", born=dt.date(2000, 5, 1), removed=None):
    person = make_person(commune, sex=sex, date_of_birth=born)
    return Reservist.objects.create(
        person=person,
        holder=commune,
        kind=kind,
        reserve_class=klass if kind == "nco_soldier" else None,
        registered_on=dt.date(2025, 1, 6),
        removed_on=removed,
        certificate_number="DB",
    )


@pytest.fixture
def reserve(units):
    dhop, dt_ = units["DHOP"], units["DT"]
    _add(dhop)  # class 1, A, man
    _add(dhop, klass=2)
    _add(dhop, klass=2, born=dt.date(1989, 3, 2))  # 35 on 01/03/2025: still group A
    _add(dhop, klass=1, born=dt.date(1989, 3, 1))  # 36 on 01/03/2025: group B
    _add(dhop, kind="officer", born=dt.date(1980, 1, 1))  # B, no class
    _add(dhop, kind="professional", sex="F", born=dt.date(1990, 1, 1))  # woman 35: B
    _add(dhop, removed=dt.date(2025, 2, 1))  # off the register before the day
    _add(dt_, klass=2, sex="F", born=dt.date(1996, 1, 1))  # woman 29: A
    return units


def test_counts_by_class_group_kind_and_sex(personas, reserve):
    report = strength_report(user=personas["district_officer"], day=DAY)
    per = {unit.code: s for unit, s in report.rows}
    d = per[reserve["DHOP"].code]
    assert (d.total, d.class_one, d.class_two, d.no_class) == (6, 2, 2, 2)
    assert (d.group_a, d.group_b, d.over_age) == (3, 3, 0)
    assert (d.officers, d.professionals, d.nco_soldiers) == (1, 1, 4)
    assert (d.men, d.women) == (5, 1)
    assert report.total.total == 7 and report.total.group_a == 4 and report.total.women == 2
    # A commune commander sees his commune only.
    mine = strength_report(user=personas["commune_commander"], day=DAY)
    assert [u.code for u, _s in mine.rows] == [reserve["DHOP"].code]
    assert mine.total.total == 6


def test_page_and_excel_recount(client, personas, reserve):
    client.force_login(personas["district_officer"])
    url = reverse("reserve:strength")
    page = client.get(url, {"on": "01/03/2025"})
    assert page.status_code == 200
    assert "Đức Hợp" in page.content.decode()
    response = client.get(url, {"on": "01/03/2025", "format": "xlsx"})
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    total = next(r for r in ws.iter_rows(values_only=True) if r and r[1] == "Tổng cộng")
    names = {r[1]: r for r in rows}
    assert names["Đức Hợp"][2] == 6 and names["Đồng Thanh"][2] == 1
    for column in range(2, 14):
        assert total[column] == sum(r[column] or 0 for r in rows)
    assert total[2] == total[3] + total[4] + total[5]  # classes add up
    assert total[2] == total[6] + total[7] + total[8]  # groups add up
    assert total[2] == total[12] + total[13]  # sexes add up


def test_report_reads_in_a_fixed_number_of_queries(personas, reserve):
    strength_report(user=personas["district_officer"], day=DAY)  # the scope, cached
    with CaptureQueriesContext(connection) as few:
        strength_report(user=personas["district_officer"], day=DAY)
    for i in range(15):
        _add(reserve["DT"], klass=1 + i % 2)
    with CaptureQueriesContext(connection) as many:
        strength_report(user=personas["district_officer"], day=DAY)
    # the communes, the grouped count (with its savepoint and, on PostgreSQL, "jit = off")
    assert len(many.captured_queries) == len(few.captured_queries) <= 6


def test_denied_and_out_of_scope(client, personas, reserve):
    client.force_login(personas["other_commander"])
    page = client.get(reverse("reserve:strength"), {"on": "01/03/2025"}).content.decode()
    assert "Đồng Thanh" in page and "Đức Hợp" not in page


def test_directive_sources_read_the_same_figures(reserve):
    def subtree(key):
        return frozenset(
            Unit.objects.filter(path__startswith=reserve[key].path).values_list("pk", flat=True)
        )

    dhop, district = subtree("DHOP"), subtree("KD")
    # Đức Hợp ended on 30/06/2025: its 2025 figures are read on that day.
    assert read_source("reserve.reservists", dhop, 2025) == Decimal(6)
    assert read_source("reserve.class_one_pct", dhop, 2025) == Decimal("50.0")
    assert read_source_each("reserve.reservists", [dhop, district], 2025) == [
        Decimal(6),
        Decimal(7),
    ]
    assert read_source("reserve.reservists", dhop, 2019) is None


@pytest.mark.parametrize(
    ("day", "quarterly", "yearly"),
    [
        (dt.date(2025, 3, 14), dt.date(2025, 3, 14), dt.date(2025, 12, 14)),
        (dt.date(2025, 3, 15), dt.date(2025, 6, 14), dt.date(2025, 12, 14)),
        (dt.date(2025, 12, 15), dt.date(2026, 3, 14), dt.date(2026, 12, 14)),
    ],
)
def test_report_deadlines_before_the_15th(day, quarterly, yearly):
    from muster.law.reserve.register_rules import report_deadlines

    assert report_deadlines(day)[:2] == (quarterly, yearly)


def test_strength_page_names_the_next_deadlines(client, personas, reserve):
    client.force_login(personas["district_officer"])
    page = client.get(reverse("reserve:strength"), {"on": "15/03/2025"}).content.decode()
    assert "14/06/2025" in page and "14/12/2025" in page and "Nghị định 78/2020" in page
