"""The militia strength report: each commune's figures counted from the records of the day,
rolled up to the district (or regional command) and the province, recounted from the rows;
the page and its Excel and PDF files, opened back; the directive sources."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from muster.directives.sources import read_source, read_source_each
from muster.geo.models import Unit
from muster.militia.models import Appointment, Membership
from muster.militia.reports.figures import COLUMNS
from muster.militia.reports.selectors import strength_report
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit

DAY = dt.date(2025, 3, 1)


def _people(unit: Unit, n: int, tag: str, **flags: bool):
    found = []
    for i in range(n):
        person = make_person(unit, full_name=f"Lê Văn {tag} {i}")
        if flags:
            type(person).objects.filter(pk=person.pk).update(**flags)
        found.append(person)
    return found


@pytest.fixture
def force(units):
    """Đức Hợp: a platoon of 31 and a squad of 8, 5 mobile (2 in the Party, 3 in the Youth
    Union), 2 on-site, 1 standing, 1 self-defence, one who left and one not yet joined; its
    commander without the degree, a deputy with it. Đồng Thanh: 3 mobile against 31."""
    dhop, dt_ = units["DHOP"], units["DT"]
    platoon = make_militia_unit(dhop, establishment=31)
    squad = make_militia_unit(
        dhop, name="Tiểu đội thôn Đức Trung", component="on_site", level="squad", establishment=8
    )
    make_militia_unit(dhop, name="Tổ 1", level="team", establishment=3).__class__.objects.filter(
        name="Tổ 1"
    ).update(parent=platoon)  # part of the platoon: not added to the establishment
    for p in _people(dhop, 2, "Đảng", party_member=True):
        make_member(p, unit=platoon)
    for p in _people(dhop, 3, "Đoàn", youth_union_member=True):
        make_member(p, unit=platoon)
    for p in _people(dhop, 2, "Tại chỗ"):
        make_member(p, unit=squad, component="on_site")
    make_member(_people(dhop, 1, "Thường trực")[0], component="standing", years=2)
    sd = make_member(_people(dhop, 1, "Tự vệ")[0], component="mobile")
    Membership.objects.filter(pk=sd.pk).update(force="self_defence")
    gone = make_member(_people(dhop, 1, "Đã thôi")[0], unit=platoon)
    Membership.objects.filter(pk=gone.pk).update(status="left", ended_on=DAY)
    make_member(_people(dhop, 1, "Sau")[0], unit=platoon, joined_on=DAY + dt.timedelta(days=1))
    chief, deputy = _people(dhop, 2, "Chỉ huy")
    Appointment.objects.create(
        person=chief, holder=dhop, post="commander", appointed_on=dt.date(2022, 1, 1)
    )
    Appointment.objects.create(
        person=deputy,
        holder=dhop,
        post="deputy_commander",
        appointed_on=dt.date(2022, 1, 1),
        grassroots_degree=True,
    )
    other = make_militia_unit(dt_, establishment=31)
    for p in _people(dt_, 3, "Đồng Thanh"):
        make_member(p, unit=other)
    return units


def _rows(user, day=DAY):
    report = strength_report(user=user, day=day)
    return report, {r.commune.code: r.figures for r in report.rows}


def test_a_communes_figures_count_the_records_of_the_day(personas, force):
    _report, rows = _rows(personas["admin"])
    f = rows[force["DHOP"].code]
    assert f.by_component == {
        "on_site": 2,
        "mobile": 5,
        "standing": 1,
        "other": 0,
        "self_defence": 1,
    }
    assert (f.members, f.establishment, f.shortfall) == (9, 39, 30)
    assert f.strength_pct == Decimal("23.1")  # 9 / 39
    assert f.population == force["DHOP"].population == 8200
    assert f.ratio_pct == Decimal("0.1")
    assert (f.party, f.party_pct, f.youth, f.youth_pct) == (2, Decimal("22.2"), 3, Decimal("33.3"))
    assert (f.cadres_degree, f.cadres_no_degree) == (1, 1)


def test_the_day_before_the_member_who_left_counts_and_after_the_new_one(personas, force):
    _r, before = _rows(personas["admin"], DAY - dt.timedelta(days=1))
    _r, after = _rows(personas["admin"], DAY + dt.timedelta(days=1))
    assert before[force["DHOP"].code].members == 10
    assert after[force["DHOP"].code].members == 10


def test_roll_ups_recount_from_the_commune_rows(personas, force):
    report, _rows_by_code = _rows(personas["admin"])
    assert len(report.regions) == 1 and report.regions[0].unit == force["KD"]
    assert len(report.provinces) == 1 and report.provinces[0].unit == force["HY"]
    for group in (*report.regions, *report.provinces):
        for key in COLUMNS:
            assert group.figures.by_component[key] == sum(
                r.figures.by_component[key] for r in group.communes
            )
        assert group.figures.shortfall == sum(r.figures.shortfall for r in group.communes)
        assert group.figures.population == sum(r.figures.population for r in group.communes)
        assert group.figures.communes == len(group.communes) == len(report.rows)
    assert (
        report.total.members
        == 12
        == Membership.objects.filter(joined_on__lte=DAY).exclude(ended_on__lte=DAY).count()
    )


def test_after_the_reform_records_of_an_old_commune_count_in_the_new_one(personas, force):
    _r, rows = _rows(personas["admin"], dt.date(2025, 7, 1))
    assert rows[force["DHOP25"].code].members == 10
    assert rows[force["ND25"].code].members == 3


def test_the_report_is_cut_to_the_readers_area(personas, force):
    _r, rows = _rows(personas["commune_commander"])
    assert set(rows) == {force["DHOP"].code}
    report = strength_report(
        user=personas["ptkv_officer"], day=DAY, unit=force["DHOP25"]
    )  # the new Đức Hợp answers for Phú Thọ, Mai Động and the old Đức Hợp
    assert {r.commune.code for r in report.rows} == {force[k].code for k in ("PTO", "MD", "DHOP")}


def test_page_shows_the_figures_with_few_queries(
    login, personas, force, django_assert_max_num_queries
):
    client = login(personas["district_officer"])
    # 12 reads whatever the number of communes; PostgreSQL adds the savepoint and
    # "SET LOCAL jit = off" around the grouped membership count (3 statements).
    with django_assert_max_num_queries(16):
        page = client.get(reverse("militia:report") + "?on=01/03/2025")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đức Hợp" in text and "8.200" in text and "23,1" in text
    unit_page = client.get(reverse("militia:report_unit", args=[force["DHOP"].public_id]))
    assert unit_page.status_code == 200


def test_a_commune_commander_is_not_linked_to_the_district(login, personas, force):
    page = login(personas["commune_commander"]).get(reverse("militia:report") + "?on=01/03/2025")
    assert reverse("militia:report_unit", args=[force["KD"].public_id]) not in page.content.decode()
    assert (
        login(personas["commune_commander"])
        .get(reverse("militia:report_unit", args=[force["KD"].public_id]))
        .status_code
        == 404
    )


def test_excel_holds_the_page_figures_and_its_rows_recount(login, personas, force):
    client = login(personas["admin"])
    response = client.get(reverse("militia:report_xlsx") + "?on=01/03/2025")
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Theo xã", "Tổng hợp"]
    ws = wb["Theo xã"]
    rows = [r for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    total = next(r for r in ws.iter_rows(values_only=True) if r and r[1] == "Tổng cộng")
    names = {r[1]: r for r in rows}
    assert names["Đức Hợp"][7] == 9 and names["Đức Hợp"][8] == 39
    for column in range(2, 9):  # components, members, establishment
        assert total[column] == sum(r[column] or 0 for r in rows)
    rollup = wb["Tổng hợp"]
    region = next(r for r in rollup.iter_rows(values_only=True) if r and r[1] == "Kim Động")
    assert region[8] == total[7] == 12


def test_pdf_opens_with_vietnamese_numbers(login, personas, force, tmp_path):
    response = login(personas["admin"]).get(reverse("militia:report_pdf") + "?on=01/03/2025")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "BÁO CÁO QUÂN SỐ DÂN QUÂN TỰ VỆ" in text and "01/03/2025" in text
    assert "8.200" in text and "23,1%" in text


def test_sources_read_the_report_figures(force):
    dhop = frozenset(
        Unit.objects.filter(path__startswith=force["DHOP"].path).values_list("pk", flat=True)
    )
    # Đức Hợp ended on 30/06/2025: its 2025 figures are read on that day.
    assert read_source("militia.members", dhop, 2025) == Decimal(10)
    assert read_source("militia.strength_pct", dhop, 2025) == Decimal("25.6")  # 10 / 39
    assert read_source("militia.party_pct", dhop, 2025) == Decimal("20.0")
    assert read_source("militia.youth_pct", dhop, 2025) == Decimal("30.0")
    district = frozenset(
        Unit.objects.filter(path__startswith=force["KD"].path).values_list("pk", flat=True)
    )
    both = read_source_each("militia.members", [dhop, district], 2025)
    assert both == [Decimal(10), Decimal(13)]
    assert read_source("militia.members", dhop, 2019) is None
