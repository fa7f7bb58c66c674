"""The district quota page seen by a commune commander (issue 15, item 5): a commune reports
its own pool, the district splits; nothing is saved by a request that then answers an error,
and a refused action is a message, never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Allocation
from tests.conscription.campaign_factories import dhop_commune


def _url(campaign):
    return reverse("campaigns:campaign_quotas", args=[campaign.public_id])


def _events(action):
    return AuditEvent.objects.filter(action=action).count()


def _allocations(campaign):
    return sorted(
        Allocation.objects.filter(commune__campaign=campaign).values_list(
            "commune__unit__code", "service", "final"
        )
    )


def test_commune_commander_reports_the_pool_of_the_commune(client, campaign, personas, units):
    splits = _events("campaign.split")
    commune = dhop_commune(campaign, units)
    before, pools = _allocations(campaign), _events("campaign.pool")
    client.force_login(personas["commune_commander"])
    response = client.post(
        _url(campaign), {"action": "pool", "p-commune": commune.public_id, "p-stored_pool": "40"}
    )
    assert response.status_code == 302  # saved and audited, so the answer says so
    commune.refresh_from_db()
    assert commune.stored_pool == 40
    assert _events("campaign.pool") == pools + 1
    # The district splits: a commune's report does not move the other communes' shares.
    assert _events("campaign.split") == splits
    assert _allocations(campaign) == before


def test_commune_commander_cannot_split_the_district(client, campaign, personas):
    splits = _events("campaign.split")
    client.force_login(personas["commune_commander"])
    response = client.post(_url(campaign), {"action": "resplit"})
    assert response.status_code == 400
    assert "nằm ngoài địa bàn" in response.content.decode()  # "outside your area"
    assert _events("campaign.split") == splits


def test_commune_commander_sees_only_the_pool_form(client, campaign, personas):
    client.force_login(personas["commune_commander"])
    page = client.get(_url(campaign)).content.decode()
    assert 'value="pool"' in page
    assert 'value="resplit"' not in page and 'value="override"' not in page


def test_a_pool_whose_split_fails_is_not_saved(client, campaign, personas, units, monkeypatch):
    commune = dhop_commune(campaign, units)
    old, pools = commune.stored_pool, _events("campaign.pool")

    def refuse(**_kwargs):
        raise ValidationError("The communes' shares do not add up to the quota.")

    monkeypatch.setattr(cs, "resplit", refuse)
    client.force_login(personas["district_officer"])
    response = client.post(
        _url(campaign), {"action": "pool", "p-commune": commune.public_id, "p-stored_pool": "40"}
    )
    assert response.status_code == 400
    commune.refresh_from_db()
    assert commune.stored_pool == old
    assert _events("campaign.pool") == pools


@pytest.mark.parametrize("action", ["pool", "resplit"])
def test_district_officer_pool_and_resplit(client, campaign, personas, units, action):
    commune = dhop_commune(campaign, units)
    client.force_login(personas["district_officer"])
    splits = _events("campaign.split")
    data = {"action": action, "p-commune": commune.public_id, "p-stored_pool": "40"}
    assert client.post(_url(campaign), data).status_code == 302
    assert _events("campaign.split") == splits + 1
