"""``{% directive_reminders %}``: the dashboard's reminders of directive reports, one line per
commune (unit), kind and directive with the count of reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats

from muster.accounts.perms import Cap, has_cap
from muster.core.dates import today
from muster.directives.selectors import group_reminders, reminders

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    """A directive's figure in the user's language without the stored trailing zeros: 1.500
    ha is "1,5" and 1143 m² "1.143" in Vietnamese ("1.5", "1,143" in English); never "1,500"
    (``floatformat:"-3"`` keeps all three decimals as soon as one is not zero)."""
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number.is_finite():
        number = (
            number.quantize(Decimal(1))
            if number == number.to_integral_value()
            else number.normalize()
        )
    return formats.number_format(number, use_l10n=True, force_grouping=True)


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
