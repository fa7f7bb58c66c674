"""Issue 16: "New call-up campaign" is offered only to those who can create a campaign for
some unit on the page's date, and its unit list is those units."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from tests.conftest import make_user

NEW = "campaigns:campaign_create"


def _offered(client) -> bool:
    page = client.get(reverse("campaigns:campaign_list")).content.decode()
    return reverse(NEW) in page


@pytest.mark.parametrize("key", ["DHOP25", "DHOP"])
def test_a_commune_commander_is_not_offered_a_campaign(client, units, key):
    client.force_login(make_user("c", Role.COMMUNE_COMMANDER, units[key]))
    assert not _offered(client)
    assert client.get(reverse(NEW)).status_code == 403


def test_the_regional_officer_is_offered_his_units_of_today(client, units):
    client.force_login(make_user("ptkv", Role.DISTRICT_OFFICER, units["PTKV1"]))
    assert _offered(client)
    form = client.get(reverse(NEW)).context["form"]
    # today's regional command; not the former district or province it succeeded
    assert list(form.fields["unit"].queryset) == [units["PTKV1"]]


def test_the_2025_officer_is_offered_his_district_as_of_its_last_day(client, units):
    client.force_login(make_user("kd", Role.DISTRICT_OFFICER, units["KD"]))
    assert _offered(client)
    form = client.get(reverse(NEW)).context["form"]
    assert list(form.fields["unit"].queryset) == [units["KD"]]


def test_the_administrator_is_offered_the_units_of_today(client, units):
    client.force_login(make_user("root", Role.SYSTEM_ADMIN, None))
    form = client.get(reverse(NEW)).context["form"]
    assert set(form.fields["unit"].queryset) == {units["HY2025"], units["PTKV1"]}
