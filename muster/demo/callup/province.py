"""The demo's province (from 01/07/2025): Hưng Yên's 2027 call-up as the province runs it.

The provincial military command records the quotas received (army from the Military Region,
police from the Ministry of Public Security, with a scan), the campaign's apportionment splits
them to every commune of the province, the provincial military service council proposes the
communes' quotas and the provincial chairman decides them (QĐ 2316/QĐ-UBND of 20/11/2026, the
decision the regional command's 2027 campaign cites as its source). Deferrals the commune
councils reviewed go to the chairman as a second proposal, left waiting for his decision.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from muster.accounts.models import User
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.province import services as ps
from muster.demo.callup.campaign2027 import CALENDAR, YEAR, demo_quotas
from muster.geo.models import Unit

RECEIVED = {
    "army": ("Bộ Tư lệnh Quân khu 3", "1875/QĐ-BTL", dt.date(2026, 11, 5), dt.date(2026, 11, 7)),
    "police": ("Bộ Công an", "8120/QĐ-BCA-X01", dt.date(2026, 11, 6), dt.date(2026, 11, 9)),
}
PROPOSAL = ("215/TTr-HĐNVQS", dt.date(2026, 11, 15))
DECISION = ("2316/QĐ-UBND", dt.date(2026, 11, 20), "Chủ tịch UBND tỉnh Hưng Yên")
DEFERRAL_PROPOSAL = ("231/TTr-HĐNVQS", dt.date(2026, 11, 28))


def _scan(name: str) -> SimpleUploadedFile:
    """A one-page placeholder PDF standing for the scanned document."""
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def load_province(*, units: dict[str, Unit], scale: float) -> Campaign | None:
    province = units["HY2025"]
    if Campaign.objects.filter(unit=province, year=YEAR, call=1).exists():
        return None
    officer = User.objects.get(username="hungyen.officer")
    council = User.objects.get(username="hungyen.council")
    chairman = User.objects.get(username="hungyen.chairman")
    quotas = demo_quotas(scale)
    with transaction.atomic():
        campaign = cs.campaign_create(
            actor=officer, unit=province, year=YEAR, call=1, calendar=CALENDAR
        )
        # The pools the communes counted for the regional command's campaign of the same year.
        counted = dict(
            CampaignCommune.objects.filter(
                campaign__year=YEAR, campaign__call=1, campaign__unit__kind="defence_region"
            )
            .exclude(pool_used=None)
            .values_list("unit_id", "pool_used")
        )
        for commune in campaign.communes.all():
            if commune.unit_id in counted:
                cs.pool_set(actor=officer, commune=commune, stored_pool=counted[commune.unit_id])
        for service, (issuer, number, issued, received) in RECEIVED.items():
            ps.quota_receive(
                actor=officer,
                campaign=campaign,
                service=service,
                value=quotas[service],
                issuer=issuer,
                number=number,
                issued_on=issued,
                received_on=received,
                upload=_scan(f"{service}.pdf"),
            )
        proposal = ps.decision_propose(
            actor=council,
            campaign=campaign,
            kind="quota",
            proposal_number=PROPOSAL[0],
            proposed_on=PROPOSAL[1],
        )
        ps.decision_decide(
            actor=chairman,
            decision=proposal,
            number=DECISION[0],
            decided_on=DECISION[1],
            signer=DECISION[2],
            upload=_scan("2316-QD-UBND.pdf"),
        )
        try:
            with transaction.atomic():
                ps.decision_propose(
                    actor=council,
                    campaign=campaign,
                    kind="deferral",
                    proposal_number=DEFERRAL_PROPOSAL[0],
                    proposed_on=DEFERRAL_PROPOSAL[1],
                )
        except ValidationError:
            pass  # no dossier reviewed by a commune council yet
    return campaign


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the call-up app): the province's 2027 quotas."""
    campaign = load_province(units=units, scale=scale)
    if campaign is None:
        return []
    quotas = {q.service: q.value for q in campaign.quotas.all()}
    return [
        f"Province: Hưng Yên {campaign.year}, quotas received ({quotas.get('army', 0)} army / "
        f"{quotas.get('police', 0)} police), split to {campaign.communes.count()} communes, "
        f"the council's proposal {PROPOSAL[0]} and the chairman's decision {DECISION[0]}."
    ]
