"""List pages cost a constant number of queries, however many rows they show."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.core.factories import make_person, make_village

#: A generous ceiling: the point is that it does not grow with the rows.
MAX_QUERIES = 15


def count_queries(client, path: str, **extra) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def villages(parent, n: int, *, actor=None, start: int = 0):
    return [
        make_village(parent, f"V{start + i:03d}", f"Thôn {start + i}", actor=actor)
        for i in range(n)
    ]


def add_people(commune, homes, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        make_person(
            commune,
            full_name=f"Lê Văn Bình {i:02d}",
            date_of_birth=dt.date(2000 + i % 8, 1 + i % 12, 1 + i % 28),
            residence_unit=homes[i % len(homes)],
        )


def test_person_list_queries_do_not_grow_with_rows(client, units, personas):
    client.force_login(personas["commune_clerk"])
    homes = villages(units["DHOP"], 5)
    path = reverse("people:person_list")
    add_people(units["DHOP"], homes, 5)
    few, html = count_queries(client, path)
    assert html.count("Lê Văn Bình") == 5
    add_people(units["DHOP"], homes, 45, start=5)
    many, html = count_queries(client, path)
    assert html.count("Lê Văn Bình") == 50
    assert "Thôn 4" in html  # the village column is filled
    assert many == few <= MAX_QUERIES
    # The htmx partial (live search) and a filtered page likewise.
    partial, html = count_queries(client, path + "?q=binh", HTTP_HX_REQUEST="true")
    assert html.count("Lê Văn Bình") == 50
    assert partial <= few
    filtered, html = count_queries(client, f"{path}?unit={units['DHOP'].public_id}&sex=M")
    assert html.count("Lê Văn Bình") == 50
    assert filtered <= MAX_QUERIES


def test_audit_page_queries_do_not_grow_with_rows(client, units, personas):
    auditor = personas["commune_auditor"]  # Đức Hợp: its unit event and four accounts so far
    client.force_login(auditor)
    path = reverse("audit:event_list")
    few, html = count_queries(client, path)
    assert html.count("data-action=") == 5
    # Events by several actors, each scoped to a different unit.
    actors = [personas[k] for k in ("commune_commander", "commune_clerk", "admin")]
    for i in range(45):
        villages(units["DHOP"], 1, actor=actors[i % 3], start=i)
    many, html = count_queries(client, path)
    assert html.count("data-action=") == 50
    assert "Thôn 44" in html
    assert many == few <= MAX_QUERIES
    filtered, html = count_queries(client, f"{path}?unit={units['DHOP'].public_id}&user=p.clerk")
    assert html.count("data-action=") == 15  # the villages the clerk created
    assert filtered <= MAX_QUERIES
