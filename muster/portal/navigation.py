"""The modules of Muster, in menu order. Modules not built yet say so plainly."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    slug: str
    label: str | Promise
    url_name: str | None  # None: not built yet
    description: str | Promise


MODULES: tuple[Module, ...] = (
    Module("dashboard", _("Dashboard"), "portal:dashboard", _("Your area at a glance.")),
    Module("units", _("Units"), "geo:unit_list", _("Provinces, communes and villages, dated.")),
    Module("people", _("Citizen registry"), "people:person_list", _("Citizens and their records.")),
    Module(
        "health",
        _("Health screening"),
        "health:session_list",
        _("Preliminary screening and examination by the health council."),
    ),
    Module(
        "conscription",
        _("Call-up"),
        "campaigns:campaign_list",
        _("Registration, the yearly campaign, quotas, selection, decisions and handover."),
    ),
    Module(
        "directives",
        _("Directives"),
        "directives:directive_list",
        _("Tasks, targets, reports and roll-up."),
    ),
    Module("documents", _("Documents"), None, _("Printed and exported official forms.")),
    Module("reports", _("Reports"), "reports:index", _("Results, evenness and dashboards.")),
    Module("militia", _("Militia"), None, _("The militia and self-defence force.")),
    Module("reserve", _("Reserve"), None, _("The mobilisation reserve and its vehicles.")),
    Module("education", _("Defence education"), None, _("Defence and security education.")),
    Module(
        "mobilisation",
        _("Disaster response"),
        None,
        _("Forces and vehicles ready to mobilise for disasters."),
    ),
    Module("audit", _("Audit log"), "audit:event_list", _("Who changed what, when and why.")),
)

MODULES_BY_SLUG = {m.slug: m for m in MODULES}
