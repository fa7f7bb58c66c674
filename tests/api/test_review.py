"""Review findings of the API routers: the station codes come from the law's tables, the
campaign quotas are built once, and the registration events and a session's calls are pages."""

from __future__ import annotations

from muster.health.models import Station
from muster.law.health.standards import EXAM_ROUND_1, EXAM_ROUND_1_WOMEN, EXAM_ROUND_2


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
