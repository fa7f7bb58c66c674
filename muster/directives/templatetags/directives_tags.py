"""``{% directive_reminders %}``: the dashboard's reminders of directive reports, one line per
commune (unit), kind and directive with the count of reports."""

from __future__ import annotations

from typing import Any

from django import template

from muster.accounts.perms import Cap, has_cap
from muster.core.dates import today
from muster.directives.selectors import group_reminders, reminders

register = template.Library()

#: How many lines the dashboard shows open; the rest are folded under a summary.
SHOWN = 5


@register.inclusion_tag("directives/_reminders.html", takes_context=True)
def directive_reminders(context: Any) -> dict[str, Any]:
    """Overdue reports, reports due within a week and reports awaiting review, for the user,
    grouped by unit."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_cap(user, Cap.VIEW_REPORTS):
        return {"lines": [], "folded": [], "total": 0}
    items = reminders(user=user, on=today())
    lines = group_reminders(items)
    return {"lines": lines[:SHOWN], "folded": lines[SHOWN:], "total": len(items)}
