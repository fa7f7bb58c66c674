"""The screening call decision's number (quyết định gọi sơ tuyển, "Số: N/YYYY/QĐ-UBND"): one
counter per commune and year, given when the screening session is opened, so two screening
calls never share a number; the database refuses a duplicate; the printed decision carries it."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.health.models import HealthSession, SessionKind
from muster.health.services import session_create

pytestmark = pytest.mark.django_db


def _open(personas, units, day, *, unit="DHOP", actor="commune_commander", kind="screening"):
    return session_create(
        actor=personas[actor], kind=kind, unit=units[unit], date=day, place="Trạm y tế xã"
    )


def test_numbers_count_per_commune_and_year(personas, units):
    first = _open(personas, units, dt.date(2024, 10, 7))
    second = _open(personas, units, dt.date(2024, 10, 9))
    next_year = _open(personas, units, dt.date(2025, 1, 5))
    other = _open(personas, units, dt.date(2024, 10, 7), unit="DT", actor="other_commander")
    assert (first.printed_number, second.printed_number) == ("1/2024", "2/2024")
    assert next_year.printed_number == "1/2025"
    assert other.printed_number == "1/2024"
    event = AuditEvent.objects.filter(action="health.session_create").order_by("id")[1]
    assert event.changes["decision_number"] == "2/2024"


def test_an_examination_session_has_no_decision_number(personas, units):
    exam = _open(personas, units, dt.date(2024, 11, 3), unit="KD", actor="district_officer",
                 kind=SessionKind.EXAMINATION)  # fmt: skip
    assert exam.decision_number is None and exam.printed_number == ""


def test_the_database_refuses_a_shared_number(personas, units):
    first = _open(personas, units, dt.date(2024, 10, 7))
    with pytest.raises(IntegrityError), transaction.atomic():
        HealthSession.objects.create(
            kind="screening", unit=first.unit, date=dt.date(2024, 10, 8), place="x",
            decision_number=1, decision_year=2024,
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        HealthSession.objects.create(
            kind="screening", unit=first.unit, date=dt.date(2024, 10, 8), place="x",
            decision_number=5,
        )  # fmt: skip


def test_the_printed_decision_carries_its_number(personas, units, client, tmp_path):
    _open(personas, units, dt.date(2024, 10, 7))
    second = _open(personas, units, dt.date(2024, 10, 9))
    client.force_login(personas["commune_commander"])
    pdf = client.get(reverse("health:screening_call_pdf", args=[second.public_id])).content
    path = tmp_path / "call.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Số: 2/2024/QĐ-UBND" in text
