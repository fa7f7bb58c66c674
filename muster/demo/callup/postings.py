"""Demo public postings for the Kim Động 2025 campaign (``campaign_demo``).

For Đức Hợp, Đồng Thanh and Mai Động: the deferral and exemption list (a few granted dossiers
are made first, through the dossier services, when the commune has none), the screening and
examination results and the call-up list, each published only when the records exist (other
parts of the demo add results and decisions; a list without records is skipped). Mai Động's
deferral list and Đồng Thanh's examination results are posted late, so the postings board has
something to flag. Two complaints: one rejected, one still being handled.

Idempotent: a list already posted (current or withdrawn) is left alone; returns how many
postings this run created.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from muster.accounts.models import Role, User
from muster.accounts.services import system_actor
from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.dossiers import services as ds
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.postings import services as ps
from muster.conscription.postings.models import Complaint, Posting
from muster.geo.models import Unit
from muster.people.models import Person, Sex

D = dt.date
YEAR = 2025
COMMUNES = ("DHOP", "DT", "MD")
#: (kind, {commune key: posting day}); a commune missing from the map uses "*".
PLAN: tuple[tuple[str, dict[str, dt.date]], ...] = (
    ("deferral_exemption", {"*": D(2024, 12, 20), "MD": D(2025, 1, 15)}),
    ("screening_results", {"*": D(2024, 10, 25)}),
    ("exam_results", {"*": D(2025, 1, 8), "DT": D(2025, 1, 20)}),
    ("callup_list", {"*": D(2025, 1, 22)}),
)
#: Grounds of the demo dossiers: a student, a sole breadwinner, a martyr's child.
GROUNDS = (("41.1.g", D(2028, 6, 30)), ("41.1.b", None), ("41.2.a", None))
COMPLAINTS = (
    (
        "DHOP",
        "deferral_exemption",
        D(2024, 12, 26),
        "Ông Trần Văn Bình",
        "Đề nghị xem xét tạm hoãn cho con trai đang học đại học chính quy nhưng không có tên "
        "trong danh sách.",
        (
            "rejected",
            "Gia đình chưa nộp hồ sơ đề nghị tạm hoãn; đã hướng dẫn nộp hồ sơ và giấy "
            "xác nhận của nhà trường để xét ở đợt sau.",
            D(2025, 1, 3),
        ),
    ),
    (
        "DT",
        "callup_list",
        D(2025, 1, 27),
        "Bà Nguyễn Thị Lan",
        "Đề nghị kiểm tra lại thôn ghi trong danh sách của con tôi.",
        None,
    ),
)


def _system_admin() -> User | None:
    return User.objects.filter(role=Role.SYSTEM_ADMIN, is_active=True).order_by("id").first()


def _ensure_dossiers(commune: CampaignCommune, admin: User | None) -> None:
    """Grant a few deferrals and an exemption in ``commune`` when it has none for 2025."""
    if admin is None:
        return
    if Dossier.objects.filter(
        person__registration_unit_id=commune.unit_id,
        state__in=[DossierState.GRANTED, DossierState.ENDED],
        decision_date__year__in=[YEAR - 1, YEAR],
    ).exists():
        return
    handover = commune.campaign.handover_start
    people = (
        Person.objects.filter(
            registration_unit_id=commune.unit_id,
            sex=Sex.MALE,
            date_of_birth__gt=D(handover.year - 25, 1, 1),
            date_of_birth__lte=D(handover.year - 19, 1, 1),
        )
        .exclude(callup_decisions__campaign=commune.campaign)
        .exclude(dossiers__isnull=False)
        .order_by("-date_of_birth", "id")[: len(GROUNDS)]
    )
    for person, (ground, end_date) in zip(people, GROUNDS, strict=False):
        dossier = ds.dossier_propose(
            actor=admin,
            person=person,
            ground=ground,
            proposed_on=D(2024, 11, 15),
            evidence="Hồ sơ, giấy xác nhận kèm theo (dữ liệu mẫu)",
            end_date=end_date,
        )
        ds.dossier_review(
            actor=admin,
            dossier=dossier,
            reviewed_on=D(2024, 11, 28),
            votes_for=7,
            votes_against=0,
            minutes="Hội đồng NVQS xã xét, nhất trí đề nghị (dữ liệu mẫu).",
        )
        ds.dossier_decide(
            actor=admin,
            dossier=dossier,
            granted=True,
            decision_number="2210/QĐ-UBND",
            decision_date=D(2024, 12, 10),
        )


def load_demo_postings(*, units: dict[str, Unit]) -> int:
    """Publish the demo postings and complaints; the number of postings created."""
    campaign = Campaign.objects.filter(unit=units["KD"], year=YEAR, call=1).first()
    if campaign is None:
        return 0
    admin = _system_admin()
    created = 0
    with transaction.atomic():
        for key in COMMUNES:
            commune = (
                campaign.communes.filter(unit=units[key]).select_related("unit", "campaign").first()
            )
            if commune is None:
                continue
            _ensure_dossiers(commune, admin)
            for kind, days in PLAN:
                if Posting.objects.filter(campaign=campaign, unit=commune.unit, kind=kind).exists():
                    continue
                places = ["hq", "agencies"] if kind == "deferral_exemption" else ["hq"]
                try:
                    ps.posting_publish(
                        actor=system_actor(),
                        commune=commune,
                        kind=kind,
                        data=ps.PostingInput(
                            posted_on=days.get(key, days["*"]),
                            places=places,
                            signer="Nguyễn Văn Hòa (dữ liệu mẫu)",
                        ),
                    )
                except ValidationError:
                    continue  # nothing of this kind in the demo yet
                created += 1
        for key, kind, received, who, content, resolution in COMPLAINTS:
            posting = Posting.objects.filter(
                campaign=campaign, unit=units[key], kind=kind, withdrawn_on=None
            ).first()
            if posting is None or Complaint.objects.filter(posting=posting).exists():
                continue
            recorded = ps.complaint_record(
                actor=system_actor(),
                posting=posting,
                received_on=received,
                complainant=who,
                content=content,
            )
            if resolution is not None:
                outcome, text, day = resolution
                ps.complaint_resolve(
                    actor=system_actor(),
                    complaint=recorded.complaint,
                    outcome=outcome,
                    resolution=text,
                    resolved_on=day,
                )
    return created


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the call-up app): public postings and complaints."""
    load_demo_postings(units=units)
    return []
