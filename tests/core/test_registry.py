"""Modules register what they add to shared pages (muster.core.registry): the menu, the directive
data sources, the demo steps and the citizen-page cards. The shared pages read only the
registry, so a module added later shows up without editing them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from muster.core.registry import (
    CitizenCard,
    Commitment,
    DataSource,
    DemoStep,
    MenuEntry,
    Registry,
    UnitFigure,
    registry,
)
from muster.directives.sources import read_source, sources
from tests.core.factories import make_person

TEST_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def test_every_built_app_has_its_menu_entry_in_order():
    slugs = [entry.slug for entry in registry.menu()]
    assert slugs[0] == "dashboard" and slugs[-1] == "audit"
    built = {e.slug for e in registry.menu() if e.built}
    assert {
        "units",
        "people",
        "health",
        "conscription",
        "directives",
        "reports",
        "militia",
        "reserve",
        "mobilisation",
        "education",
    } <= built
    assert {"documents"} <= {e.slug for e in registry.menu() if not e.built}


def test_a_built_module_replaces_its_planned_entry_and_a_clash_is_refused():
    book = Registry()
    planned = MenuEntry("militia", "Militia", None, "coming", 90)
    built = dataclasses.replace(planned, url_name="militia:index")
    book.add_menu(planned)
    book.add_menu(built)
    book.add_menu(planned)  # a planned entry never hides a built one
    assert book.menu() == [built]
    with pytest.raises(ValueError, match="twice"):
        book.add_menu(dataclasses.replace(built, url_name="other:index"))
    book.add_source(DataSource("x.count", "X", "X", lambda ids, year: None))
    with pytest.raises(ValueError, match="twice"):
        book.add_source(DataSource("x.count", "Y", "Y", lambda ids, year: None))


def test_the_audit_entry_is_shown_only_to_roles_that_read_the_log(personas):
    assert "audit" in [e.slug for e in registry.menu_for(personas["auditor"])]
    assert "audit" not in [e.slug for e in registry.menu_for(personas["commune_clerk"])]


def test_directive_sources_come_from_the_apps(units):
    assert {"registry.men_turning_17", "callup.quota_met_pct", "callup.replacements"} <= set(
        sources()
    )
    assert read_source("callup.replacements", frozenset({units["DHOP"].pk}), 2025) is None
    assert read_source("no.such.source", frozenset(), 2025) is None


def test_every_demo_step_resolves_to_its_builder():
    steps = registry.steps()
    names = [s.name for s in steps]
    assert names[:2] == ["people", "accounts"]
    # The directive reads the 2025 campaign's quotas: its step comes after the campaign's.
    assert names.index("callup.campaign2025") < names.index("directives")
    for step in steps:
        assert callable(step.resolve()), step.builder
    with pytest.raises(ModuleNotFoundError):
        DemoStep("x", 1, "muster.demo.no_such_module:step").resolve()


@pytest.fixture
def extra_card(settings):
    """A card a later module would register (its template in tests/templates), removed after."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]
    card = CitizenCard(
        "test.extra",
        5,
        "test_card.html",
        lambda person, request: {"name": person.full_name, "who": request.user.username},
        "col-lg-6",
    )
    registry.add_citizen_card(card)
    yield card
    del registry.citizen_cards[card.name]


def test_the_citizen_page_shows_every_registered_card(client, personas, units, extra_card):
    person = make_person(units["DHOP"])
    client.force_login(personas["commune_clerk"])
    html = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    user = personas["commune_clerk"].username
    assert f'<div class="col-lg-6"><p id="test-card">{person.full_name} / {user}</p>' in html
    # The modules' own cards follow in their order: the extra card (order 5) comes first.
    places = [html.index(f'id="{card}"') for card in ("test-card", "health", "dossiers", "callup")]
    assert places == sorted(places)


def test_a_registered_source_feeds_read_source(units):
    def twelve(unit_ids: frozenset[int], year: int) -> Decimal | None:
        return Decimal(12)

    registry.add_source(DataSource("test.twelve", "Twelve", "Test", twelve))
    try:
        assert read_source("test.twelve", frozenset(), 2025) == Decimal(12)
    finally:
        del registry.sources["test.twelve"]


def test_the_unit_pages_show_every_registered_figure(client, personas, units):
    make_person(units["DHOP"])
    figure = UnitFigure("test.sevens", "Sevens", 20, lambda ids: dict.fromkeys(ids, 7))
    registry.add_unit_figure(figure)
    try:
        client.force_login(personas["commune_clerk"])
        listing = client.get(reverse("geo:unit_list")).content.decode()
        assert '<th class="num">Sevens</th>' in listing
        detail = client.get(reverse("geo:unit_detail", args=[units["DHOP"].public_id]))
        assert ("Sevens", 7) in detail.context["figures"]
        assert detail.context["figures"][0][1] == 1  # the registry's own count comes first
    finally:
        del registry.unit_figures[figure.name]


def test_commitments_come_from_the_apps_and_exclude_the_askers_own():
    names = {c.name for c in registry.commitments()}
    assert {"militia.standing", "callup.official_list"} <= names
    fake = Registry()
    fake.add_commitment(Commitment("a", "A", lambda ids: {i: "in A" for i in ids if i % 2}))
    fake.add_commitment(Commitment("b", "B", lambda ids: {i: "in B" for i in ids if i > 1}))
    assert fake.commitments_of([1, 2, 3]) == {1: ["in A"], 2: ["in B"], 3: ["in A", "in B"]}
    assert fake.commitments_of([1, 2, 3], exclude="a") == {2: ["in B"], 3: ["in B"]}
    assert fake.commitments_of([]) == {}
    with pytest.raises(ValueError):
        fake.add_commitment(Commitment("a", "other", lambda ids: {}))
