"""The reserve registration calls and the reserve soldier register (Law 78/2015 Arts 18, 25,
30; Decree 13/2016 Art 3(2) forms 1 and 10): the age band at its ends (the day before, the day,
the day after a birthday), who the list leaves out, the batch refused whole, the page (paged,
called by ID number) and the register opened back as Excel and PDF."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from muster.law.callup import reserve
from muster.people.models import HigherLevel, Sex, StudyStatus
from muster.people.registration import selectors_reserve
from muster.people.registration.models import RegistrationBar, RegistrationCall
from muster.people.registration.services import calls as services
from muster.people.registration.services.records import removal, reserve_registration
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db

D = dt.date
DAY = D(2026, 4, 15)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def clerk(personas):
    return personas["commune_clerk"]


# ------------------------------------------------------------------ the dated band
def test_band_ends_at_26_and_45_graduates_at_28():
    band = reserve.call_band(DAY)
    assert band.earliest == D(1980, 4, 16)  # 45 on the day (46 tomorrow): still in
    assert band.latest == D(2000, 4, 15)  # 26 on the day: past the end of 25
    assert band.graduate_latest == D(1998, 4, 15)  # 28 on the day: past the end of 27
    assert band.confirmed
    assert {c.article for c in band.citations} >= {"25", "30"}


@pytest.mark.parametrize(
    ("sex", "birth", "inside"),
    [
        ("M", D(1980, 4, 16), True),  # 45
        ("M", D(1980, 4, 15), False),  # 46 on the day
        ("F", D(1985, 4, 16), True),  # 40
        ("F", D(1985, 4, 15), False),  # 41 on the day
        ("M", D(2009, 4, 15), True),  # 17 on the day
        ("M", D(2009, 4, 16), False),  # 16
    ],
)
def test_within_reserve_age_at_the_birthday(sex, birth, inside):
    assert reserve.within_reserve_age(sex, birth, DAY) is inside


def test_no_rule_before_the_law():
    with pytest.raises(reserve.NoRuleInForce):
        reserve.call_band(D(2015, 4, 15))


# ------------------------------------------------------------------ who the list holds
def test_candidates_by_age_and_what_leaves_them_out(clerk, units):
    dhop = units["DHOP"]
    names = {
        "in26": D(2000, 4, 15),
        "out25": D(2000, 4, 16),
        "in45": D(1980, 4, 16),
        "out46": D(1980, 4, 15),
        "onreserve": D(1990, 1, 1),
        "removed": D(1990, 1, 2),
        "barred": D(1990, 1, 3),
        "called": D(1990, 1, 4),
    }
    people = {k: make_person(dhop, full_name=f"Nguyễn Văn {k}", date_of_birth=v)
              for k, v in names.items()}  # fmt: skip
    woman = make_person(dhop, full_name="Lê Thị Nữ", sex=Sex.FEMALE, date_of_birth=D(1990, 1, 5))
    grad27 = make_person(dhop, full_name="Nguyễn Văn grad27", date_of_birth=D(1999, 1, 1))
    grad27.higher_level, grad27.study_status = HigherLevel.UNIVERSITY, StudyStatus.GRADUATED
    grad27.save()
    make_person(units["DT"], full_name="Nguyễn Văn other", date_of_birth=D(1990, 1, 6))
    reserve_registration(actor=clerk, person=people["onreserve"], arrived_home_on=D(2026, 1, 5),
                         certificate_number="1/2026", registered_on=D(2026, 1, 10))  # fmt: skip
    removal(actor=clerk, person=people["removed"], reason="death", confirmed_on=D(2026, 2, 1),
            reported_on=D(2026, 2, 2))  # fmt: skip
    RegistrationBar.objects.create(person=people["barred"], kind="barred_art13", ground="x",
                                   legal_citation="Art 13", start_date=D(2026, 1, 1))  # fmt: skip
    _issue(clerk, units, [people["called"]])
    found = {p.full_name.removeprefix("Nguyễn Văn ") for p in
             selectors_reserve.call_candidates(dhop, DAY)}  # fmt: skip
    assert found == {"in26", "in45"}
    assert woman.full_name not in found
    # A day later the 25-year-old turns 26 and the 45-year-old turns 46.
    later = {p.full_name.removeprefix("Nguyễn Văn ") for p in
             selectors_reserve.call_candidates(dhop, DAY + dt.timedelta(days=1))}  # fmt: skip
    assert later == {"in26", "out25"}


# ------------------------------------------------------------------ the service
def _issue(clerk, units, people, **over):
    data = {
        "actor": clerk,
        "commune": units["DHOP"],
        "people": people,
        "kind": "reserve",
        "issued_on": D(2026, 4, 1),
        "registration_date": DAY,
        "registration_place": "Trụ sở Ban CHQS xã Đức Hợp",
        "signer_name": "Nguyễn Văn Hùng",
    }
    data.update(over)
    return services.issue_calls(**data)


def test_reserve_calls_signed_by_chairman_and_batch_refused_whole(clerk, units):
    dhop = units["DHOP"]
    soldier = make_person(dhop, full_name="Trần Văn Lính", date_of_birth=D(2003, 6, 1))
    woman = make_person(dhop, full_name="Lê Thị Y", sex=Sex.FEMALE, date_of_birth=D(1985, 4, 16))
    old = make_person(dhop, full_name="Phạm Văn Già", date_of_birth=D(1980, 4, 15))
    before = RegistrationCall.objects.count()
    with pytest.raises(ValidationError) as exc:
        _issue(clerk, units, [soldier, woman, old])
    (problem,) = exc.value.message_dict["people"]
    assert problem.startswith("Phạm Văn Già")
    assert RegistrationCall.objects.count() == before
    calls = _issue(clerk, units, [soldier, woman])
    assert {c.kind for c in calls} == {"reserve"}
    assert {c.signer_role for c in calls} == {"commune_chairman"}
    assert {c.deliver_by for c in calls} == {D(2026, 4, 5)}
    # Registering him in the reserve closes his call; he cannot be called again.
    event = reserve_registration(actor=clerk, person=soldier, arrived_home_on=D(2026, 4, 10),
                                 certificate_number="7/2026", registered_on=DAY)  # fmt: skip
    assert RegistrationCall.objects.get(person=soldier).registration == event
    with pytest.raises(ValidationError):
        _issue(clerk, units, [soldier], registration_date=D(2027, 4, 15), issued_on=D(2026, 4, 2))


# ------------------------------------------------------------------ the page
def test_page_pages_the_list_and_calls_by_id_number(client, clerk, units, personas):
    dhop = units["DHOP"]
    for i in range(selectors_reserve.PAGE_SIZE + 3):
        make_person(dhop, full_name=f"Nguyễn Văn R{i:02d}", date_of_birth=D(1990, 1, 1))
    soldier = make_person(dhop, full_name="Trần Văn Lính", date_of_birth=D(2003, 6, 1))
    client.force_login(clerk)
    url = reverse("people:registration_reserve", args=[dhop.public_id])
    with CaptureQueriesContext(connection) as first:
        page1 = client.get(url, {"on": "15/04/2026"})
    with CaptureQueriesContext(connection) as second:
        page2 = client.get(url, {"on": "15/04/2026", "page": "2"})
    assert page1.status_code == page2.status_code == 200
    html1, html2 = page1.content.decode(), page2.content.decode()
    assert html1.count('name="person"') == selectors_reserve.PAGE_SIZE
    assert html2.count('name="person"') == 3
    assert len(first.captured_queries) == len(second.captured_queries)
    assert "Trần Văn Lính" not in html1 + html2  # in the call-up age band: called by number
    post = {"issued_on": "01/04/2026", "registration_date": "15/04/2026",
            "registration_place": "Hội trường xã", "signer_name": "Nguyễn Văn Hùng"}  # fmt: skip
    bad = client.post(url + "?on=15/04/2026", {**post, "national_ids": "033999999999"})
    assert bad.status_code == 200 and "033999999999" in bad.content.decode()
    assert not RegistrationCall.objects.exists()
    chosen = [p.public_id for p in selectors_reserve.call_candidates(dhop, DAY)[:2]]
    done = client.post(url, {**post, "person": chosen, "national_ids": soldier.national_id})
    assert done.status_code == 302
    assert RegistrationCall.objects.filter(kind="reserve").count() == 3
    assert RegistrationCall.objects.filter(person=soldier, year=2026).exists()
    # A reader of the registry sees the list but cannot issue (403).
    client.force_login(personas["leader"])
    assert client.get(url).status_code == 200
    assert client.post(url, post).status_code == 403


def test_page_denied_out_of_area(client, personas, units):
    client.force_login(personas["other_commander"])
    url = reverse("people:registration_reserve", args=[units["DHOP"].public_id])
    assert client.get(url).status_code == 404


# ------------------------------------------------------------------ the register
def _pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_reserve_register_on_a_day_opened_back(client, clerk, units):
    dhop = units["DHOP"]
    kept = make_person(dhop, full_name="Trần Văn Dự", date_of_birth=D(1995, 2, 2))
    old = make_person(dhop, full_name="Phạm Văn Quá", date_of_birth=D(1980, 4, 15))
    gone = make_person(dhop, full_name="Lê Văn Xóa", date_of_birth=D(1990, 3, 3))
    later = make_person(dhop, full_name="Đỗ Văn Sau", date_of_birth=D(1996, 3, 3))
    woman = make_person(dhop, full_name="Lê Thị Nữ", sex=Sex.FEMALE, date_of_birth=D(1996, 3, 4))
    for person, number, day in ((kept, "1/2026", D(2026, 1, 10)), (old, "2/2026", D(2026, 1, 11)),
                                (gone, "3/2026", D(2026, 1, 12)), (woman, "4/2026", D(2026, 1, 13)),
                                (later, "5/2026", D(2026, 4, 16))):  # fmt: skip
        reserve_registration(actor=clerk, person=person, arrived_home_on=day - dt.timedelta(days=3),
                             certificate_number=number, registered_on=day)  # fmt: skip
    removal(actor=clerk, person=gone, reason="death", confirmed_on=D(2026, 2, 1),
            reported_on=D(2026, 2, 2))  # fmt: skip
    client.force_login(clerk)
    url = reverse("people:book", args=["reserve"])
    query = {"commune": str(dhop.public_id), "on": "15/04/2026"}
    html = client.get(url, query).content.decode()
    for name in ("Trần Văn Dự", "Phạm Văn Quá", "Lê Thị Nữ"):
        assert name in html, name
    assert "Lê Văn Xóa" not in html and "Đỗ Văn Sau" not in html
    ws = load_workbook(io.BytesIO(client.get(url, {**query, "format": "xlsx"}).content)).active
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "SỔ ĐĂNG KÝ QUÂN NHÂN DỰ BỊ" in values
    assert {"Trần Văn Dự", "Phạm Văn Quá", "Lê Thị Nữ", "1/2026"} <= set(values)
    assert "Lê Văn Xóa" not in values
    assert any("Quá tuổi dự bị" in v for v in values)  # 46 on the day: to be removed
    text = _pdf_text(client.get(url, {**query, "format": "pdf"}).content)
    assert "SỔ ĐĂNG KÝ QUÂN NHÂN DỰ BỊ" in text and "Trần Văn Dự" in text
    assert "UBND XÃ ĐỨC HỢP" in text
