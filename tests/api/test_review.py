"""Review findings of the API routers: the station codes come from the law's tables, the
campaign quotas are built once, and the registration events and a session's calls are pages."""

from __future__ import annotations

import datetime as dt

from muster.health.models import HealthCall, HealthSession, Station
from muster.law.health.standards import EXAM_ROUND_1, EXAM_ROUND_1_WOMEN, EXAM_ROUND_2
from muster.people.registration.models import EventKind, RegistrationEvent
from tests.core.factories import make_person


def _law_stations() -> list[str]:
    return [
        code.strip()
        for table in (EXAM_ROUND_1, EXAM_ROUND_1_WOMEN, EXAM_ROUND_2)
        for code in table.split(",")
        if code.strip()
    ]


def test_the_station_codes_are_the_laws_in_its_order(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    station = schema["components"]["schemas"]["ResultIn"]["properties"]["station"]
    assert station["enum"] == _law_stations()
    assert set(station["enum"]) == set(Station.values)


def _walk(client, path: str, limit: int) -> list[dict]:
    """Every item of a paged list, page by page; each page at most ``limit`` long."""
    items: list[dict] = []
    cursor = ""
    for _ in range(20):
        response = client.get(f"{path}?limit={limit}{cursor}")
        assert response.status_code == 200, response.content
        page = response.json()
        assert set(page) == {"items", "next_cursor"}
        assert len(page["items"]) <= limit
        items += page["items"]
        if page["next_cursor"] is None:
            return items
        cursor = f"&cursor={page['next_cursor']}"
    raise AssertionError("the pages never end")


def test_registration_events_are_cursor_pages(api, issue, units):
    person = make_person(units["DHOP"])
    days = [dt.date(2024, 1, 20), dt.date(2024, 4, 1), dt.date(2024, 4, 1), dt.date(2025, 1, 2)]
    for day in days:
        RegistrationEvent.objects.create(
            person=person, kind=EventKind.ADDITIONAL, event_date=day, unit=units["DHOP"]
        )
    client = api(issue())
    path = f"/api/v1/citizens/{person.public_id}/registration-events"
    items = _walk(client, path, 1)
    assert [e["event_date"] for e in items] == [d.isoformat() for d in days]
    assert len({e["public_id"] for e in items}) == 4
    assert client.get(f"{path}?limit=500").status_code == 422
    assert client.get(f"{path}?cursor=bm9wZQ").status_code == 400


def test_a_sessions_calls_are_cursor_pages(api, issue, units):
    session = HealthSession.objects.create(
        kind="screening", unit=units["DHOP"], date=dt.date(2024, 11, 16), place="x"
    )
    names = ["Nguyễn Văn An", "Lê Văn Bình", "Trần Văn Cường", "Phạm Văn Dũng", "Vũ Văn Em"]
    for name in names:
        HealthCall.objects.create(
            session=session, person=make_person(units["DHOP"], full_name=name)
        )
    outside = make_person(units["DT"], full_name="Đỗ Văn Giang")
    HealthCall.objects.create(session=session, person=outside)
    client = api(issue())
    items = _walk(client, f"/api/v1/health/sessions/{session.public_id}/calls", 2)
    assert sorted(c["full_name"] for c in items) == sorted(names)
    assert all(c["commune"] for c in items)
