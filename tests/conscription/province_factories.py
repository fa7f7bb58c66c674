"""Builders for the province's tests: Hưng Yên's 2026 campaign (from 01/07/2025) with its
three province users and a commune commander, and the quota received from above."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from muster.accounts.models import Role
from muster.accounts.services import system_actor
from muster.conscription.campaign import services as cs
from muster.conscription.province import services as ps
from tests.conftest import make_user

CAL = cs.CalendarInput(
    exam_start=dt.date(2025, 11, 1),
    exam_end=dt.date(2025, 12, 31),
    handover_start=dt.date(2026, 3, 4),
)
PDF = b"%PDF-1.4\n%%EOF\n"


def scan(name: str = "qd.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_province(units):
    """Hưng Yên's 2026 campaign with every commune's pool reported, and its three users."""
    system = system_actor()
    campaign = cs.campaign_create(
        actor=system, unit=units["HY2025"], year=2026, call=1, calendar=CAL
    )
    for n, commune in enumerate(campaign.communes.all()):
        cs.pool_set(actor=system, commune=commune, stored_pool=100 + 10 * n)
    return {
        "campaign": campaign,
        "officer": make_user("hy.officer", Role.DISTRICT_OFFICER, units["HY2025"]),
        "council": make_user("hy.council", Role.PROVINCE_COUNCIL, units["HY2025"]),
        "chairman": make_user("hy.chairman", Role.PROVINCE_CHAIRMAN, units["HY2025"]),
        "commander": make_user("dh.commander", Role.COMMUNE_COMMANDER, units["DHOP25"]),
    }


def receive(world, value: int = 40):
    return ps.quota_receive(
        actor=world["officer"],
        campaign=world["campaign"],
        service="army",
        value=value,
        issuer="Bộ Tư lệnh Quân khu 3",
        number="1875/QĐ-BTL",
        issued_on=dt.date(2025, 10, 1),
        received_on=dt.date(2025, 10, 3),
        upload=scan(),
    )
