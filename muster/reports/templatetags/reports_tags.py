"""Filters of the report pages: figures in the Vietnamese format (1.234,5), changes with their
sign, and ``{% campaign_reports %}``, the dashboard's link to the campaign's reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from muster.accounts.perms import Cap, has_cap
from muster.documents.tables import Kind, format_cell
from muster.reports.selectors import report_campaigns

register = template.Library()

_KINDS = {"int": Kind.INT, "percent": Kind.PERCENT, "points": Kind.DECIMAL}


@register.filter
def fig(value: Any, kind: str = "int") -> str:
    """A figure: ``1.234`` or ``12,5%``; "—" when not recorded."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        value = Decimal(str(value))
    return format_cell(value, _KINDS.get(kind, Kind.INT))


@register.filter
def chg(value: Any, kind: str = "int") -> str:
    """A change from last year with its sign: ``+3``, ``−2,5`` (percentages in points)."""
    if value is None:
        return "—"
    text = format_cell(abs(value), Kind.INT if kind == "int" else Kind.DECIMAL)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


@register.filter
def get(mapping: Any, key: str) -> Any:
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def bar_width(value: Any, maximum: Any) -> str:
    """A bar's width in percent of ``maximum`` (for tables without JavaScript)."""
    if not value or not maximum:
        return "0"
    return f"{min(100.0, float(value) * 100 / float(maximum)):.1f}"


@register.inclusion_tag("reports/_dashboard_card.html", takes_context=True)
def campaign_reports(context: Any) -> dict[str, Any]:
    """The latest campaigns of the user's area, with links to their dashboard and reports."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_cap(user, Cap.VIEW_REPORTS):
        return {"campaigns": []}
    return {"campaigns": list(report_campaigns(user)[:3])}


@register.filter
def has_stage(report: Any, section: str) -> bool:
    return bool(report.has(section))
