"""``{% calendar_reminders %}``: the home page's reminders of the year calendar, one line per
step with the count of communes late and due; ``|step_status`` and ``|step_badge``: a status's
label and Bootstrap badge class."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from muster.accounts.perms import Cap, has_cap
from muster.conscription.year import selectors
from muster.core.dates import today
from muster.geo.selectors import communes_on

register = template.Library()

Status = selectors.Status

LABELS = {
    Status.UPCOMING: _("Upcoming"),
    Status.DUE: _("Due"),
    Status.LATE: _("Late"),
    Status.DONE: _("Done"),
    Status.DONE_LATE: _("Done late"),
    Status.PASSED: _("Passed"),
}
BADGES = {
    Status.UPCOMING: "text-bg-light",
    Status.DUE: "text-bg-warning",
    Status.LATE: "text-bg-danger",
    Status.DONE: "text-bg-success",
    Status.DONE_LATE: "text-bg-secondary",
    Status.PASSED: "text-bg-light",
}

#: How many lines the dashboard shows open; the rest are folded under a summary.
SHOWN = 5


@register.filter
def step_status(status: str) -> str:
    return str(LABELS.get(Status(status), status))


@register.filter
def step_badge(status: str) -> str:
    return BADGES.get(Status(status), "text-bg-light")


@register.filter
def status_count(counts: dict[str, int], status: str) -> int:
    return counts.get(status, 0)


@register.inclusion_tag("conscription/year/_reminders.html", takes_context=True)
def calendar_reminders(context: Any) -> dict[str, Any]:
    """The steps of this year with communes late or due, for the user's communes."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_cap(user, Cap.VIEW_UNITS):
        return {"lines": [], "folded": []}
    day = today()
    lines = selectors.reminders(list(communes_on(user=user, day=day)), day)
    return {"lines": lines[:SHOWN], "folded": lines[SHOWN:], "total": len(lines), "year": day.year}
