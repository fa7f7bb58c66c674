"""The province's part of the call-up after 01/07/2025: the quota received and split, the
provincial council's proposal and the chairman's decision; who may do it, and when."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.accounts.services import system_actor
from muster.audit.models import AuditEvent
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Allocation, Campaign
from muster.conscription.province import services as ps
from muster.conscription.province.models import ProvinceDecision
from muster.geo.services import unit_create
from tests.conscription.province_factories import CAL, PDF, receive, scan


def test_quota_received_split_proposed_and_decided(province) -> None:
    campaign: Campaign = province["campaign"]
    receipt = receive(province)
    assert receipt.file is not None and bytes(receipt.file.data) == PDF
    shares = Allocation.objects.filter(commune__campaign=campaign, service="army")
    assert sum(a.final for a in shares) == 40 and shares.count() == campaign.communes.count()
    assert "1875/QĐ-BTL" in campaign.quotas.get(service="army").source_document

    proposal = ps.decision_propose(
        actor=province["council"],
        campaign=campaign,
        kind="quota",
        proposal_number="215/TTr-HĐNVQS",
        proposed_on=dt.date(2025, 10, 10),
    )
    items = {(i.commune.unit_id, i.service): i.value for i in proposal.items.all()}
    assert items == {(a.commune.unit_id, "army"): a.final for a in shares}
    # A second open proposal of the same kind waits for the first one's decision.
    with pytest.raises(ValidationError):
        ps.decision_propose(
            actor=province["council"],
            campaign=campaign,
            kind="quota",
            proposal_number="216/TTr-HĐNVQS",
            proposed_on=dt.date(2025, 10, 11),
        )

    decided = ps.decision_decide(
        actor=province["chairman"],
        decision=proposal,
        number="2316/QĐ-UBND",
        decided_on=dt.date(2025, 10, 20),
        signer="Chủ tịch UBND tỉnh",
        upload=scan("2316.pdf"),
    )
    assert decided.status == "decided" and decided.authority == "provincial_chairman"
    assert "Art 34(3)" in decided.citation and "Điều 37" in decided.citation_vi
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"province.quota_receive", "province.propose", "province.decide"} <= actions
    with pytest.raises(ValidationError):  # decided once
        ps.decision_decide(
            actor=province["chairman"],
            decision=decided,
            number="2317/QĐ-UBND",
            decided_on=dt.date(2025, 10, 21),
            signer="Chủ tịch UBND tỉnh",
        )


def test_before_the_reform_the_district_chairman_decided(province) -> None:
    receive(province)
    with pytest.raises(ValidationError, match="01/07/2025"):
        ps.decision_propose(
            actor=province["council"],
            campaign=province["campaign"],
            kind="deferral",
            proposal_number="1/TTr",
            proposed_on=dt.date(2025, 6, 30),
        )


def test_roles_that_may_not_act_are_refused(province) -> None:
    campaign = province["campaign"]
    with pytest.raises(PermissionDenied):  # the council proposes, it does not receive quotas
        receive({**province, "officer": province["council"]})
    receive(province)
    for who in ("officer", "chairman", "commander"):
        with pytest.raises(PermissionDenied):
            ps.decision_propose(
                actor=province[who],
                campaign=campaign,
                kind="quota",
                proposal_number="1",
                proposed_on=dt.date(2025, 10, 10),
            )


def test_commune_user_gets_403_and_another_province_404(province, units, login) -> None:
    campaign = province["campaign"]
    receive(province)
    proposal = ps.decision_propose(
        actor=province["council"],
        campaign=campaign,
        kind="quota",
        proposal_number="215/TTr-HĐNVQS",
        proposed_on=dt.date(2025, 10, 10),
    )
    client = login(province["commander"])
    page = reverse("campaigns:province_page", kwargs={"public_id": campaign.public_id})
    assert client.get(page).status_code == 200  # his commune is in the campaign: he reads it
    detail = reverse("campaigns:province_decision", kwargs={"public_id": proposal.public_id})
    posted = client.post(
        detail,
        {"d-number": "9/QĐ", "d-decided_on": "20/10/2025", "d-signer": "X"},
    )
    assert posted.status_code == 403
    posted = client.post(
        page,
        {
            "action": "propose",
            "p-kind": "deferral",
            "p-proposal_number": "1",
            "p-proposed_on": "10/10/2025",
        },
    )
    assert posted.status_code == 403
    assert ProvinceDecision.objects.get(pk=proposal.pk).status == "proposed"

    # The chairman's office records the decision through the page.
    office = login(province["chairman"])
    done = office.post(
        detail,
        {"d-number": "2316/QĐ-UBND", "d-decided_on": "20/10/2025", "d-signer": "Chủ tịch"},
    )
    assert done.status_code == 302
    assert ProvinceDecision.objects.get(pk=proposal.pk).number == "2316/QĐ-UBND"

    # Another province's campaign is outside Hưng Yên's area: 404.
    system = system_actor()
    other = unit_create(
        actor=system,
        code="27",
        kind="province",
        name="Bắc Ninh",
        parent=None,
        valid_from=dt.date(2025, 7, 1),
    )
    unit_create(
        actor=system,
        code="27001",
        kind="commune",
        name="Xã Một",
        parent=other,
        valid_from=dt.date(2025, 7, 1),
    )
    elsewhere = cs.campaign_create(actor=system, unit=other, year=2026, call=1, calendar=CAL)
    for user in ("officer", "chairman"):
        client = login(province[user])
        url = reverse("campaigns:province_page", kwargs={"public_id": elsewhere.public_id})
        assert client.get(url).status_code == 404
