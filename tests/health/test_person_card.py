"""The citizen page's health card links a session only when the reader may open it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from muster.health.models import HealthCall, HealthSession
from tests.core.factories import make_person


def test_a_session_of_the_successor_commune_is_named_not_linked_for_the_old_commune(
    client, units, personas
):
    """A citizen of old Đức Hợp screened in 2026 by the new Đức Hợp (its successor since
    01/07/2025): the old commune's commander sees the citizen and the date, but the session
    belongs to a unit outside his area, so a link would be a 404; the regional command's
    officer, whose area holds both, gets the link."""
    person = make_person(units["DHOP"], date_of_birth=dt.date(2007, 4, 2))
    session = HealthSession.objects.create(
        kind="screening", unit=units["DHOP25"], date=dt.date(2026, 10, 20), place="Trạm y tế"
    )
    HealthCall.objects.create(session=session, person=person, notified_on=dt.date(2026, 10, 1))
    page = reverse("people:person_detail", kwargs={"public_id": person.public_id})
    link = reverse("health:session_detail", kwargs={"public_id": session.public_id})

    client.force_login(personas["commune_commander"])
    html = client.get(page).content.decode()
    assert "20/10/2026" in html
    assert link not in html
    assert client.get(link).status_code == 404

    client.force_login(personas["ptkv_officer"])
    html = client.get(page).content.decode()
    assert link in html
    assert client.get(link).status_code == 200
