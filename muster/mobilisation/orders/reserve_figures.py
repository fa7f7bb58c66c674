"""The call-out figures of the reserve's quarterly and yearly reports (registered with
``muster.reserve.reports.callouts`` by ``MobilisationConfig.ready``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum

from muster.geo.scope import Scope
from muster.law.mobilisation.rules import Force
from muster.mobilisation.orders.models import CallOutLine
from muster.reserve.reports.callouts import CallOutFigures


def reserve_callouts(scope: Scope, first: dt.date, last: dt.date) -> CallOutFigures:
    """Orders of the scope's communes issued from ``first`` to ``last`` (local dates) that
    called reservists; the reservists called, arrived and absent (one query)."""
    found = (
        CallOutLine.objects.filter(
            scope.q("order__holder"),
            force=Force.RESERVIST,
            order__issued_at__isnull=False,
            order__issued_at__date__gte=first,
            order__issued_at__date__lte=last,
        )
        .order_by()
        .aggregate(
            orders=Count("order", distinct=True),
            called=Sum("headcount", default=0),
            arrived=Sum("headcount", filter=Q(arrived_at__isnull=False), default=0),
            absent=Sum("headcount", filter=Q(absent=True), default=0),
        )
    )
    return CallOutFigures(**found)
