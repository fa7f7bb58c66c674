"""The API tokens page: an administrator issues a token for another user of his area (the
owner's area bounds it, audited); anyone else may issue only for himself (403)."""

from __future__ import annotations

import datetime as dt

from muster.accounts.services import system_actor
from muster.api.models import ApiToken
from muster.audit.models import AuditEvent
from muster.core.dates import today


def _form(unit, owner=None, name="bảng tin"):
    data = {
        "name": name,
        "unit": unit.pk,
        "expires_on": (today() + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
    }
    if owner is not None:
        data["owner"] = owner.pk
    return data


def test_a_non_admin_cannot_issue_for_another_user(login, personas, units):
    client = login(personas["commune_clerk"])
    assert b'name="owner"' not in client.get("/api/tokens/").content
    response = client.post("/api/tokens/", _form(units["DHOP"], personas["commune_commander"]))
    assert response.status_code == 403
    assert not ApiToken.objects.exists()
    # For himself, named or not, as before.
    response = client.post("/api/tokens/", _form(units["DHOP"], personas["commune_clerk"]))
    assert response.status_code == 200
    assert ApiToken.objects.get().owner == personas["commune_clerk"]


def test_an_admin_issues_for_a_user_of_his_area(login, personas, units):
    admin, clerk = personas["admin"], personas["commune_clerk"]
    client = login(admin)
    page = client.get("/api/tokens/")
    assert page.status_code == 200 and b'name="owner"' in page.content
    response = client.post("/api/tokens/", _form(units["DHOP"], clerk))
    assert response.status_code == 200, response.context["form"].errors
    token = ApiToken.objects.get()
    assert token.owner == clerk and token.unit == units["DHOP"]
    assert response.context["secret"].startswith(f"mst_{token.prefix}_")
    event = AuditEvent.objects.get(action="api.token_issue")
    assert event.actor == admin and event.changes["owner"] == [None, clerk.username]


def test_the_owners_area_bounds_the_token(login, personas, units):
    client = login(personas["admin"])
    response = client.post("/api/tokens/", _form(units["DT"], personas["commune_clerk"]))
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_an_officer_is_refused_and_the_system_actor_is_no_owner(login, personas, units):
    """A district officer is no administrator: an owner is refused; and an owner outside an
    administrator's choices (the system actor) is a form error, not a token."""
    officer = login(personas["district_officer"])
    denied = officer.post("/api/tokens/", _form(units["DHOP"], personas["commune_clerk"]))
    assert denied.status_code == 403
    admin = login(personas["admin"])
    system = system_actor()
    refused = admin.post("/api/tokens/", _form(units["DHOP"], system))
    assert refused.status_code == 400 and "owner" in refused.context["form"].errors
    assert not ApiToken.objects.exists()
