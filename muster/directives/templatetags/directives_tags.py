"""``{% directive_reminders %}``: the dashboard's reminders of directive reports."""

from __future__ import annotations

from typing import Any

from django import template

from muster.accounts.perms import Cap, has_cap
from muster.core.dates import today
from muster.directives.selectors import reminders

register = template.Library()

#: How many reminders the dashboard lists (the rest are counted).
SHOWN = 8
_ORDER = {"overdue": 0, "to_review": 1, "due_soon": 2}


@register.inclusion_tag("directives/_reminders.html", takes_context=True)
def directive_reminders(context: Any) -> dict[str, Any]:
    """Overdue reports, reports due within a week and reports awaiting review, for the user."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_cap(user, Cap.VIEW_REPORTS):
        return {"reminders": [], "total": 0, "shown": SHOWN}
    items = sorted(
        reminders(user=user, on=today()),
        key=lambda r: (_ORDER[r.kind], r.obligation.due_on, r.obligation.unit.name),
    )
    return {"reminders": items[:SHOWN], "total": len(items), "shown": SHOWN}
