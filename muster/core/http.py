"""Typed request for views behind login, and the "as of" day a page shows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from muster.core.dates import parse_user_date, today

if TYPE_CHECKING:
    from muster.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def reference_date(request: AuthenticatedHttpRequest) -> dt.date:
    """The "as of" day of a page: ``?on=dd/mm/yyyy``, else today, or the last day of the
    user's scope unit when that unit has ended (a 2025 district officer sees 30/06/2025)."""
    default = today()
    scope = request.user.scope_unit
    if scope is not None and scope.valid_to is not None and scope.valid_to < default:
        default = scope.valid_to
    return parse_user_date(request.GET.get("on")) or default
