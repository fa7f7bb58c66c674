"""Every figure of the results report (``METRICS``, docs/reports.md) computed from a ``Tally``,
the commune table's columns, and a past year's tally from ``QuotaHistory``. Pure: no Django.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from muster.reports.figures.facts import (
    AGE_LABELS,
    BASE_FIELDS,
    DEFERRAL_GROUNDS,
    EXEMPTION_GROUNDS,
    FOUR_PLACES,
    RETURN_REASONS,
    SERVICES,
    VIOLATION_KINDS,
    Number,
    Tally,
)


@dataclass(frozen=True)
class Metric:
    key: str
    kind: str  # "int" or "percent"
    section: str
    needs: tuple[str, ...]


SECTIONS = ("pool", "health", "deferral", "quota", "handover", "quality", "violations")


def _metrics() -> tuple[Metric, ...]:
    m: list[Metric] = []

    def add(key: str, section: str, *needs: str, kind: str = "int") -> None:
        m.append(Metric(key, kind, section, needs or (key,)))

    add("registered", "pool")
    add("called_screening", "pool")
    add("called_exam", "pool")
    add("examined", "pool")
    add("examined_share", "pool", "examined", "called_exam", kind="percent")
    add("late_notices", "pool")
    for k in range(1, 7):
        add(f"class_{k}", "health", "health_class")
    add("fit", "health", "health_class")
    add("fit_share", "health", "health_class", "examined", kind="percent")
    add("callable", "health")
    add("deferred", "deferral", "deferred_people")
    for g in DEFERRAL_GROUNDS:
        add(f"deferred_{g}", "deferral", "deferred")
    add("exempt", "deferral", "exempt_people")
    for g in EXEMPTION_GROUNDS:
        add(f"exempt_{g}", "deferral", "exempt")
    for s in SERVICES:
        add(f"quota_{s}", "quota", "quota")
    add("quota_total", "quota", "quota")
    add("planned_rate", "quota", "quota", "callable", kind="percent")
    add("decisions", "quota")
    add("late_deliveries", "quota")
    for s in SERVICES:
        add(f"selected_{s}", "quota", "selected")
    add("selected", "quota")
    for s in SERVICES:
        add(f"handed_over_{s}", "handover", "handed_over")
    add("handed_over", "handover")
    add("percent_handover", "handover", "handed_over", "quota", kind="percent")
    add("returns", "handover")
    for r in RETURN_REASONS:
        add(f"returns_{r}", "handover", "returns")
    add("replacements", "handover")
    add("replacements_late", "handover")
    add("replacements_over_cap", "handover")
    add("in_service", "handover", "handed_over", "returns", "replacements")
    add(
        "percent_met",
        "handover",
        "handed_over",
        "returns",
        "replacements",
        "quota",
        kind="percent",
    )
    add(
        "realised_rate",
        "handover",
        "handed_over",
        "returns",
        "replacements",
        "callable",
        kind="percent",
    )
    add("graduates", "quality", "graduates_vocational", "graduates_higher")
    add(
        "graduates_share",
        "quality",
        "graduates_vocational",
        "graduates_higher",
        "handed_over",
        kind="percent",
    )
    add("graduates_higher", "quality")
    add("graduates_vocational", "quality")
    add("party_members", "quality")
    add("party_share", "quality", "party_members", "handed_over", kind="percent")
    add("youth_union_members", "quality")
    add("volunteers_recruited", "quality")
    add("volunteers_applied", "quality")
    add("ethnic_minorities", "quality")
    for label in AGE_LABELS:
        add(f"age_{label}", "quality", "age_bands")
    add("violations", "violations")
    for kind in VIOLATION_KINDS:
        add(f"violation_{kind}", "violations", "violations")
    return tuple(m)


METRICS = _metrics()
METRICS_BY_KEY = {m.key: m for m in METRICS}
#: The columns of the per-commune tables, by section (the summary lists every figure).
COMMUNE_COLUMNS: dict[str, tuple[str, ...]] = {
    "pool": (
        "registered",
        "called_screening",
        "called_exam",
        "examined",
        "examined_share",
        "late_notices",
    ),
    "health": (*(f"class_{k}" for k in range(1, 7)), "fit", "fit_share", "callable"),
    "deferral": (
        "deferred",
        *(f"deferred_{g}" for g in DEFERRAL_GROUNDS),
        "exempt",
        *(f"exempt_{g}" for g in EXEMPTION_GROUNDS),
    ),
    "quota": (
        *(f"quota_{s}" for s in SERVICES),
        "quota_total",
        "planned_rate",
        "decisions",
        "late_deliveries",
        *(f"selected_{s}" for s in SERVICES),
        "selected",
    ),
    "handover": (
        *(f"handed_over_{s}" for s in SERVICES),
        "handed_over",
        "percent_handover",
        "returns",
        "replacements",
        "replacements_late",
        "replacements_over_cap",
        "in_service",
        "percent_met",
    ),
    "quality": (
        "graduates",
        "graduates_share",
        "graduates_higher",
        "graduates_vocational",
        "party_members",
        "youth_union_members",
        "volunteers_recruited",
        "volunteers_applied",
        "ethnic_minorities",
        *(f"age_{label}" for label in AGE_LABELS),
    ),
    "violations": ("violations", *(f"violation_{k}" for k in VIOLATION_KINDS)),
}
#: The base fields ``QuotaHistory`` records (quota, pool, handed over, replacements).
HISTORY_FIELDS = frozenset({"quota", "callable", "handed_over", "replacements"})


def percent(part: int, whole: int) -> Decimal | None:
    """``part ÷ whole × 100`` to four places (half up), ``None`` when ``whole`` is 0."""
    if whole == 0:
        return None
    exact = Fraction(part * 100, whole)
    with localcontext() as ctx:
        ctx.prec = 40
        return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            FOUR_PLACES, rounding=ROUND_HALF_UP
        )


def values(t: Tally) -> dict[str, Number | None]:
    """Every figure of ``METRICS`` for the tally (``None``: not recorded, or no base)."""
    fit = t.health_class[1] + t.health_class[2] + t.health_class[3]
    quota_total = sum(t.quota[s] for s in SERVICES)
    handed_over = sum(t.handed_over[s] for s in SERVICES)
    returns = sum(t.returns.values())
    in_service = handed_over - returns + t.replacements
    graduates = t.graduates_vocational + t.graduates_higher
    out: dict[str, Number | None] = {
        "registered": t.registered,
        "called_screening": t.called_screening,
        "called_exam": t.called_exam,
        "examined": t.examined,
        "examined_share": percent(t.examined, t.called_exam),
        "late_notices": t.late_notices,
        **{f"class_{k}": t.health_class[k] for k in range(1, 7)},
        "fit": fit,
        "fit_share": percent(fit, t.examined),
        "callable": t.callable,
        "deferred": t.deferred_people,
        **{f"deferred_{g}": t.deferred[g] for g in DEFERRAL_GROUNDS},
        "exempt": t.exempt_people,
        **{f"exempt_{g}": t.exempt[g] for g in EXEMPTION_GROUNDS},
        **{f"quota_{s}": t.quota[s] for s in SERVICES},
        "quota_total": quota_total,
        "planned_rate": percent(quota_total, t.callable),
        "decisions": sum(t.decisions.values()),
        "late_deliveries": t.late_deliveries,
        **{f"selected_{s}": t.selected[s] for s in SERVICES},
        "selected": sum(t.selected[s] for s in SERVICES),
        **{f"handed_over_{s}": t.handed_over[s] for s in SERVICES},
        "handed_over": handed_over,
        "percent_handover": percent(handed_over, quota_total),
        "returns": returns,
        **{f"returns_{r}": t.returns[r] for r in RETURN_REASONS},
        "replacements": t.replacements,
        "replacements_late": t.replacements_late,
        "replacements_over_cap": t.replacements_over_cap,
        "in_service": in_service,
        "percent_met": percent(in_service, quota_total),
        "realised_rate": percent(in_service, t.callable),
        "graduates": graduates,
        "graduates_share": percent(graduates, handed_over),
        "graduates_higher": t.graduates_higher,
        "graduates_vocational": t.graduates_vocational,
        "party_members": t.party_members,
        "party_share": percent(t.party_members, handed_over),
        "youth_union_members": t.youth_union_members,
        "volunteers_recruited": t.volunteers_recruited,
        "volunteers_applied": t.volunteers_applied,
        "ethnic_minorities": t.ethnic_minorities,
        **{f"age_{label}": t.age_bands[label] for label in AGE_LABELS},
        "violations": sum(t.violations.values()),
        **{f"violation_{k}": t.violations[k] for k in VIOLATION_KINDS},
    }
    if t.unknown:
        for metric in METRICS:
            if t.unknown.intersection(metric.needs):
                out[metric.key] = None
    return out


def change(current: Number | None, previous: Number | None) -> Number | None:
    """This year minus last year (percentage points for percentages); ``None`` if either is."""
    if current is None or previous is None:
        return None
    return current - previous


def history_tally(
    *,
    quota: Mapping[str, int],
    callable_pool: int | None,
    handed_over: Mapping[str, int | None],
    replacements: int,
) -> Tally:
    """A past year known only from ``QuotaHistory`` rows: quota, pool, handed over and
    replacements; everything else is "not recorded"."""
    unknown = set(BASE_FIELDS) - HISTORY_FIELDS
    if callable_pool is None:
        unknown.add("callable")
    if any(v is None for v in handed_over.values()):
        unknown.add("handed_over")
    return Tally(
        quota=Counter(quota),
        callable=callable_pool or 0,
        handed_over=Counter({s: v or 0 for s, v in handed_over.items()}),
        replacements=replacements,
        unknown=frozenset(unknown),
    )
