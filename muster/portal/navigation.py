"""The menu of Muster: every module's entry from the registry (``muster.core.registry``), in
menu order. The portal registers the dashboard and the modules not built yet (their pages say
so plainly); a built app that registers the same slug replaces the planned entry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from muster.core.registry import MenuEntry, registry

PLANNED = (
    MenuEntry("documents", _("Documents"), None, _("Printed and exported official forms."), 70),
    MenuEntry("militia", _("Militia"), None, _("The militia and self-defence force."), 90),
    MenuEntry("education", _("Defence education"), None, _("Defence and security education."), 110),
    MenuEntry(
        "mobilisation",
        _("Disaster response"),
        None,
        _("Forces and vehicles ready to mobilise for disasters."),
        120,
    ),
)


def register() -> None:
    registry.add_menu(
        MenuEntry(
            "dashboard",
            _("Dashboard"),
            "portal:dashboard",
            _("Your area at a glance."),
            0,
            namespaces=("portal",),
        )
    )
    for entry in PLANNED:
        registry.add_menu(entry)


def modules() -> list[MenuEntry]:
    """Every module in menu order (built and planned)."""
    return registry.menu()


def module(slug: str) -> MenuEntry | None:
    return registry.menu_entries.get(slug)
