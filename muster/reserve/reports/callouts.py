"""The call-out figures the reserve's reports show, read through a hook: the call-out module
(``muster.mobilisation``) sits above the reserve in the layers, so it registers its counter
here when it starts (``MobilisationConfig.ready``) and the reserve never imports it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from muster.geo.scope import Scope


@dataclass(frozen=True)
class CallOutFigures:
    """Call-out orders issued in a period that called reservists, the reservists called, those
    who arrived and those recorded absent."""

    orders: int = 0
    called: int = 0
    arrived: int = 0
    absent: int = 0


Counter = Callable[[Scope, dt.date, dt.date], CallOutFigures]

_counters: list[Counter] = []


def register(counter: Counter) -> None:
    """``counter(scope, first, last)``: the figures of the orders of the scope's communes issued
    from ``first`` to ``last`` (one query)."""
    if counter not in _counters:
        _counters.append(counter)


def callout_figures(scope: Scope, first: dt.date, last: dt.date) -> CallOutFigures | None:
    """The figures, or None when no call-out module is installed."""
    if not _counters:
        return None
    found = [c(scope, first, last) for c in _counters]
    return CallOutFigures(
        orders=sum(f.orders for f in found),
        called=sum(f.called for f in found),
        arrived=sum(f.arrived for f in found),
        absent=sum(f.absent for f in found),
    )
