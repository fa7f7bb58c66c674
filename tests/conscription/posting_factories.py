"""Builders for posting tests: granted dossiers, health results, and matrix postings."""

from __future__ import annotations

import datetime as dt

from muster.conscription.dossiers.models import Dossier
from muster.conscription.postings.models import Complaint, Posting
from muster.health.models import HealthCall, HealthSession


def grant(
    person,
    *,
    ground: str = "41.1.g",
    decided: dt.date = dt.date(2024, 12, 10),
    number: str = "1234/QĐ-UBND",
    authority: str = "district_chairman",
    end_date: dt.date | None = dt.date(2028, 6, 30),
) -> Dossier:
    """A deferral (41.1.*) or exemption (41.2.*) dossier decided and granted on ``decided``
    (written as the dossier services leave it)."""
    return Dossier.objects.create(
        person=person,
        kind="deferral" if ground.startswith("41.1") else "exemption",
        ground=ground,
        ground_citation=f"Law 78/2015 Art 41 {ground}",
        state="granted",
        proposed_on=decided - dt.timedelta(days=20),
        evidence="Giấy xác nhận",
        end_date=end_date if ground.startswith("41.1") else None,
        reviewed_on=decided - dt.timedelta(days=5),
        votes_for=7,
        votes_against=0,
        minutes="Biên bản họp",
        decision_number=number,
        decision_date=decided,
        authority=authority,
        authority_citation="Law 78/2015 Art 42(1)",
    )


def result(
    person,
    *,
    kind: str = "examination",
    day: dt.date = dt.date(2024, 11, 20),
    health_class: int | None = 2,
    exempt_icd: str = "",
    unit=None,
) -> HealthCall:
    """A screening or examination result of ``person`` concluded on ``day``."""
    session, _ = HealthSession.objects.get_or_create(
        kind=kind,
        unit=unit or person.registration_unit,
        date=day,
        defaults={"place": "Trạm y tế xã"},
    )
    return HealthCall.objects.create(
        session=session,
        person=person,
        notified_on=day - dt.timedelta(days=16),
        health_class=health_class,
        concluded_on=day,
        exempt_icd=exempt_icd,
        decisive="eyes" if health_class and health_class > 3 else "",
    )


def matrix_posting(world: dict, side: str) -> Posting:
    """A call-up list posted in the side's commune (for the access matrix)."""
    from tests.conscription.campaign_factories import matrix_campaign

    key = f"posting_{side}"
    if key not in world:
        campaign = matrix_campaign(world, side)
        world[key] = Posting.objects.create(
            unit=world[f"unit_{side}"],
            campaign=campaign,
            kind="callup_list",
            title="Danh sách công dân được gọi nhập ngũ năm 2025",
            posted_on=dt.date(2025, 1, 22),
            ends_on=dt.date(2025, 2, 11),
            legal_citation="Điều 2 Thông tư số 148/2018/TT-BQP",
            places="hq",
            rows=[
                {
                    "no": 1,
                    "name": "Nguyễn Văn Đức",
                    "birth_year": 2005,
                    "village": "",
                    "service": "Quân đội nhân dân",
                    "enlist_on": "2025-02-13",
                }
            ],
            source="decisions",
        )
    return world[key]


def matrix_complaint(world: dict, side: str) -> Complaint:
    key = f"complaint_{side}"
    if key not in world:
        world[key] = Complaint.objects.create(
            posting=matrix_posting(world, side),
            received_on=dt.date(2025, 1, 25),
            complainant="Trần Văn Bình",
            content="Đề nghị xem xét lại.",
        )
    return world[key]
