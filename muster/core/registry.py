"""What each module contributes to the pages and commands it does not own.

An app registers, from its ``AppConfig.ready()``, its menu entry, the live data sources that a
directive's targets can read, its steps of the demo, its cards on the citizen page and its
figures per unit. The shared pages (the menu, the directive board, ``load_demo``, the citizen
page, the unit pages) read this
registry and import no module of a domain: adding an app touches ``config/settings.py`` and
``config/urls.py`` only. Tests and the access matrix read it too.

A registry entry names code either as a callable of the registering app itself (it may import
its own modules) or, for the demo builders that live in ``muster.demo`` above every app, as a
dotted path (``"muster.demo.callup.selection:load_demo_selection"``) resolved when the demo
runs, so no app imports upward.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

Label = str | Promise


@dataclass(frozen=True)
class MenuEntry:
    """One module in the menu. ``url_name=None``: not built yet (its page says so plainly)."""

    slug: str
    label: Label
    url_name: str | None
    description: Label
    order: int
    #: URL namespaces whose pages belong to this module (the menu marks it active there).
    namespaces: tuple[str, ...] = ()
    #: Shown only to users for whom this answers True (default: every signed-in user).
    visible_to: Callable[[Any], bool] | None = None

    @property
    def built(self) -> bool:
        return self.url_name is not None


#: A live data source reads a figure over some units (ids) for a year; ``None``: no data yet.
Reader = Callable[[frozenset[int], int], Decimal | None]
#: The same figure over each of several sets of units at once (a board's shares), in order.
BatchReader = Callable[[Sequence[frozenset[int]], int], list[Decimal | None]]


@dataclass(frozen=True)
class DataSource:
    name: str
    label: Label
    module: Label
    read: Reader
    #: Reads every set in a few queries; without it, ``read_each`` calls ``read`` per set.
    batch: BatchReader | None = None

    def read_each(self, unit_sets: Sequence[frozenset[int]], year: int) -> list[Decimal | None]:
        if self.batch is not None:
            return self.batch(unit_sets, year)
        return [self.read(units, year) for units in unit_sets]


@dataclass(frozen=True)
class DemoStep:
    """One step of ``load_demo``: ``builder`` is ``"package.module:function"``, called with the
    keyword arguments ``units`` (code → Unit), ``seed`` and ``scale``; it returns the lines to
    print (an empty list when there is nothing new). Steps run in ``order``."""

    name: str
    order: int
    builder: str

    def resolve(self) -> Callable[..., list[str]]:
        module, _sep, attribute = self.builder.partition(":")
        function: Callable[..., list[str]] = getattr(importlib.import_module(module), attribute)
        return function


@dataclass(frozen=True)
class CitizenCard:
    """A card on the citizen page: ``template`` rendered with ``context(person, request)`` (the
    person already fetched and authorised by the page; the request gives the user and the
    query, e.g. the day a verdict is judged on); ``width`` is the Bootstrap column class."""

    name: str
    order: int
    template: str
    context: Callable[[Any, Any], Mapping[str, Any]]
    width: str = "col-12"


@dataclass(frozen=True)
class UnitFigure:
    """A figure the unit pages show per unit (a column of the tree, a line of a unit's page):
    ``counts(unit_ids)`` answers ``{unit id: value}`` in one query for all of them."""

    name: str
    label: Label
    order: int
    counts: Callable[[list[int]], Mapping[int, int]]


@dataclass(frozen=True)
class CalendarSource:
    """A part of the year calendar (``muster.law.callup.year``): ``kind`` names the steps it
    answers for; ``done(step, commune_ids)`` reads the live data and answers ``{commune id: the
    day the step was done}`` for the communes that did it (a step of a kind no source reads is
    shown by its dates alone); ``steps``, when given, is a pure builder
    (``YearInput -> list[Step]``) adding the kind's steps to every calendar. A running step
    (items with deadlines of their own, such as the changes after registration) gives
    ``status(step, commune_ids, today)`` instead of ``done``: ``{commune id: "late" or
    "due"}`` for the communes with items open; the others have nothing open (done)."""

    kind: str
    done: Callable[[Any, Sequence[int]], Mapping[int, Any]] | None = None
    steps: Callable[[Any], list[Any]] | None = None
    status: Callable[[Any, Sequence[int], Any], Mapping[int, str]] | None = None


@dataclass
class Registry:
    menu_entries: dict[str, MenuEntry] = field(default_factory=dict)
    sources: dict[str, DataSource] = field(default_factory=dict)
    demo_steps: dict[str, DemoStep] = field(default_factory=dict)
    citizen_cards: dict[str, CitizenCard] = field(default_factory=dict)
    unit_figures: dict[str, UnitFigure] = field(default_factory=dict)
    calendar_sources: dict[str, CalendarSource] = field(default_factory=dict)

    def add_menu(self, entry: MenuEntry) -> None:
        """Register a menu entry; a built module replaces a planned entry of the same slug, and
        registering the same entry twice is harmless (``ready()`` may run twice in tests)."""
        known = self.menu_entries.get(entry.slug)
        if known is not None and known.built and entry.built and known != entry:
            raise ValueError(f"menu entry {entry.slug!r} is registered twice")
        if known is None or not known.built or entry.built:
            self.menu_entries[entry.slug] = entry

    def add_source(self, source: DataSource) -> None:
        self._add(self.sources, source.name, source)

    def add_demo_step(self, step: DemoStep) -> None:
        self._add(self.demo_steps, step.name, step)

    def add_citizen_card(self, card: CitizenCard) -> None:
        self._add(self.citizen_cards, card.name, card)

    def add_unit_figure(self, figure: UnitFigure) -> None:
        self._add(self.unit_figures, figure.name, figure)

    def add_calendar_source(self, source: CalendarSource) -> None:
        self._add(self.calendar_sources, source.kind, source)

    @staticmethod
    def _add(table: dict[str, Any], name: str, entry: object) -> None:
        known = table.get(name)
        if known is not None and known != entry:
            raise ValueError(f"{name!r} is registered twice")
        table[name] = entry

    def menu(self) -> list[MenuEntry]:
        return sorted(self.menu_entries.values(), key=lambda e: (e.order, e.slug))

    def menu_for(self, user: Any) -> list[MenuEntry]:
        return [e for e in self.menu() if e.visible_to is None or e.visible_to(user)]

    def module_of_namespace(self, namespace: str) -> str:
        for entry in self.menu_entries.values():
            if namespace in entry.namespaces:
                return entry.slug
        return ""

    def steps(self) -> list[DemoStep]:
        return sorted(self.demo_steps.values(), key=lambda s: (s.order, s.name))

    def cards(self) -> list[CitizenCard]:
        return sorted(self.citizen_cards.values(), key=lambda c: (c.order, c.name))

    def figures(self) -> list[UnitFigure]:
        return sorted(self.unit_figures.values(), key=lambda f: (f.order, f.name))


#: The one registry of the running project, filled by the apps' ``ready()``.
registry = Registry()
