"""The method: bounds from the history, bounded shares, the allocation, evenness and the
split between services. Pure."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from muster.law.callup.apportionment.certificate import (
    BoundRow,
    Certificate,
    CommuneMetrics,
    Evenness,
    Iteration,
    OverrideRow,
    Row,
    Run,
    ServiceAllocation,
    _approx,
)
from muster.law.callup.apportionment.inputs import (
    METHOD,
    SERVICES,
    Commune,
    Inputs,
    Parameters,
    validate,
)

# --------------------------------------------------------------------------- the method


def history_mean(commune: Commune, service: str, year: int, years: int) -> Fraction | None:
    """Mean of the commune's quotas in the ``years`` years before ``year`` that are on record."""
    past = commune.history.get(service, {})
    window = [past[y] for y in range(year - years, year) if y in past]
    return Fraction(sum(window), len(window)) if window else None


def _band(mean: Fraction | None, params: Parameters) -> tuple[int, int] | None:
    if mean is None or (params.stability_fraction is None and params.stability_absolute is None):
        return None
    d = max(
        params.stability_fraction * mean if params.stability_fraction is not None else Fraction(0),
        Fraction(params.stability_absolute or 0),
    )
    return max(0, math.floor(mean - d)), math.ceil(mean + d)


def _bounds(
    total: int,
    communes: Sequence[Commune],
    service: str,
    year: int,
    params: Parameters,
) -> tuple[list[BoundRow], list[str]]:
    """Step 2: the bounds per commune, then the **tier** of them the quota reaches.

    Each commune has the nested levels ``0 ≤ floor ≤ lo ≤ hi ≤ pool`` (the floor, the band's
    lower and upper bounds, the pool). They are met in order of precedence, all communes
    together: the floors first, then the bands' lower bounds, then the shares inside the bands,
    then beyond the bands up to the pools. The quota falls in one tier, between two levels
    ``[below, above]``; the rows carry those as ``lo``/``hi``, and step 3 shares the quota
    inside them in proportion to the pools. So when the floors or the bands cannot all be met
    they are met in proportion to the pools (and none is dropped or widened at a stroke): every
    bounded share is continuous and non-decreasing in the quota."""
    relaxations: list[str] = []
    total_pool = sum(c.pool for c in communes)
    means = {c.code: history_mean(c, service, year, params.history_years) for c in communes}
    levels: list[tuple[int, int, int, int]] = []
    rows: list[BoundRow] = []
    for c in communes:
        floor = 1 if params.floor and c.pool > 0 else 0
        band = _band(means[c.code], params)
        lo, hi = floor, c.pool
        if band is not None:
            lo = min(max(lo, band[0]), c.pool)
            hi = max(min(hi, band[1]), lo)
        levels.append((floor, lo, hi, c.pool))
        exact = Fraction(total * c.pool, total_pool) if total_pool else Fraction(0)
        rows.append(
            BoundRow(
                code=c.code,
                pool=c.pool,
                exact_share=exact,
                floor=floor,
                history_mean=means[c.code],
                band_lo=None if band is None else band[0],
                band_hi=None if band is None else band[1],
                lo=lo,
                hi=hi,
            )
        )
    floors, los, his = (sum(level[k] for level in levels) for k in range(3))
    if los <= total <= his:
        return rows, relaxations  # every bound can be met: the tier between lo and hi
    if total < floors:
        tier = [(0, floor) for floor, _lo, _hi, _pool in levels]
        relaxations.append(
            f"floor met in proportion to the pools: {total} to allocate but {floors} communes "
            "have a callable pool"
        )
    elif total < los:
        tier = [(floor, lo) for floor, lo, _hi, _pool in levels]
        relaxations.append(
            f"stability bands' lower bounds met in proportion to the pools: they add up to "
            f"{los}, more than the {total} to allocate"
        )
    else:
        tier = [(hi, pool) for _floor, _lo, hi, pool in levels]
        relaxations.append(
            f"stability bands' upper bounds exceeded in proportion to the pools: they add up "
            f"to {his}, fewer than the {total} to allocate"
        )
    return [
        replace(row, lo=below, hi=above) for row, (below, above) in zip(rows, tier, strict=True)
    ], relaxations


def _bounded_shares(
    total: int, bounds: Sequence[BoundRow]
) -> tuple[dict[str, Fraction], Fraction, list[Iteration]]:
    """Step 3: ``e_j = clamp(λ × pool_j, lo_j, hi_j)`` with ``Σ e_j = total``."""
    fixed: dict[str, Fraction] = {}
    iterations: list[Iteration] = []
    factor = Fraction(0)
    while True:
        free = [b for b in bounds if b.code not in fixed]
        left = total - sum(fixed.values())
        free_pool = sum(b.pool for b in free)
        factor = Fraction(left, free_pool) if free_pool else Fraction(0)
        shares = {b.code: factor * b.pool for b in free}
        over = [b for b in free if shares[b.code] > b.hi]
        under = [b for b in free if shares[b.code] < b.lo]
        excess = sum((shares[b.code] - b.hi for b in over), Fraction(0))
        deficit = sum((b.lo - shares[b.code] for b in under), Fraction(0))
        if not over and not under:
            iterations.append(Iteration(factor=factor, fixed_at_hi=(), fixed_at_lo=()))
            return {**fixed, **shares}, factor, iterations
        if excess >= deficit and over:
            for b in over:
                fixed[b.code] = Fraction(b.hi)
            iterations.append(
                Iteration(factor=factor, fixed_at_hi=tuple(b.code for b in over), fixed_at_lo=())
            )
        else:
            for b in under:
                fixed[b.code] = Fraction(b.lo)
            iterations.append(
                Iteration(factor=factor, fixed_at_hi=(), fixed_at_lo=tuple(b.code for b in under))
            )


def _run(
    total: int, communes: Sequence[Commune], service: str, year: int, params: Parameters
) -> Run:
    bounds, relaxations = _bounds(total, communes, service, year, params)
    shares, factor, iterations = _bounded_shares(total, bounds)
    floor_parts = {b.code: math.floor(shares[b.code]) for b in bounds}
    left = total - sum(floor_parts.values())
    order = sorted(
        (b for b in bounds if shares[b.code] != floor_parts[b.code]),
        key=lambda b: (-(shares[b.code] - floor_parts[b.code]), -b.pool, b.code),
    )
    rank = {b.code: i + 1 for i, b in enumerate(order)}
    rows = []
    for b in bounds:
        extra = rank.get(b.code, 0) != 0 and rank[b.code] <= left
        share = shares[b.code]
        rows.append(
            Row(
                code=b.code,
                pool=b.pool,
                exact_share=b.exact_share,
                exact_share_approx=_approx(b.exact_share),
                lo=b.lo,
                hi=b.hi,
                bounded_share=share,
                bound_adjustment=share - b.exact_share,
                floor_part=floor_parts[b.code],
                remainder=share - floor_parts[b.code],
                remainder_rank=rank.get(b.code, 0),
                extra_seat=extra,
                result=floor_parts[b.code] + (1 if extra else 0),
            )
        )
    return Run(
        total=total,
        total_pool=sum(c.pool for c in communes),
        relaxations=tuple(relaxations),
        bounds=tuple(bounds),
        iterations=tuple(iterations),
        factor=factor,
        seats_by_remainder=left,
        rows=tuple(rows),
    )


def allocate(
    total: int,
    communes: Sequence[Commune],
    *,
    service: str = "army",
    year: int = 0,
    params: Parameters = Parameters(),
) -> dict[str, int]:
    """Steps 1–4 only: the computed quota per commune code."""
    return _run(total, communes, service, year, params).result()


def _rate(quota: int, pool: int) -> Fraction | None:
    return Fraction(quota, pool) if pool else None


def evenness(
    communes: Sequence[Commune], quotas: Mapping[str, int], last_year: Mapping[str, int | None]
) -> Evenness:
    rows = []
    rates: list[Fraction] = []
    for c in communes:
        rate = _rate(quotas[c.code], c.pool)
        if rate is not None:
            rates.append(rate)
        last = last_year.get(c.code)
        rows.append(
            CommuneMetrics(
                code=c.code,
                pool=c.pool,
                quota=quotas[c.code],
                call_rate="" if rate is None else _approx(rate),
                last_year=last,
                change_from_last_year=None if last is None else quotas[c.code] - last,
            )
        )
    if rates:
        mean = sum(rates, Fraction(0)) / len(rates)
        variance = sum(((r - mean) ** 2 for r in rates), Fraction(0)) / len(rates)
        with localcontext() as ctx:
            ctx.prec = 50
            std_dec = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
            std = Fraction(std_dec)
        cv = std / mean if mean else Fraction(0)
        lo, hi = min(rates), max(rates)
    else:
        mean = std = cv = lo = hi = Fraction(0)
    changes = [r.change_from_last_year for r in rows if r.change_from_last_year is not None]
    return Evenness(
        communes=tuple(rows),
        rate_min=_approx(lo),
        rate_max=_approx(hi),
        rate_spread=_approx(hi - lo),
        rate_mean=_approx(mean),
        rate_std=_approx(std),
        rate_cv=_approx(cv),
        changed_communes=sum(1 for d in changes if d),
        total_absolute_change=sum(abs(d) for d in changes),
    )


def apportion_service(inputs: Inputs, service: str) -> ServiceAllocation:
    quota = inputs.quotas[service]
    params = inputs.parameters
    communes = list(inputs.communes)
    computed = _run(quota, communes, service, inputs.year, params)
    result = computed.result()
    overrides = [o for o in inputs.overrides if o.service == service]
    after: Run | None = None
    rows: list[OverrideRow] = []
    if overrides:
        fixed = {o.commune: o.value for o in overrides}
        others = [c for c in communes if c.code not in fixed]
        after = _run(quota - sum(fixed.values()), others, service, inputs.year, params)
        result = {**after.result(), **fixed}
        result = {c.code: result[c.code] for c in communes}
        rows = [
            OverrideRow(
                commune=o.commune,
                computed=computed.result()[o.commune],
                value=o.value,
                adjustment=o.value - computed.result()[o.commune],
                reason=o.reason,
                authority=o.authority,
            )
            for o in overrides
        ]
    last = {c.code: c.history.get(service, {}).get(inputs.year - 1) for c in communes}
    return ServiceAllocation(
        service=service,
        quota=quota,
        computed=computed,
        overrides=tuple(rows),
        after_overrides=after,
        result=result,
        evenness=evenness(communes, result, last),
    )


def apportion(inputs: Inputs) -> Certificate:
    """The certificate for every service in ``inputs`` (validated first)."""
    validate(inputs)
    services = tuple(apportion_service(inputs, s) for s in SERVICES if s in inputs.quotas)
    combined_quota = {c.code: sum(s.result[c.code] for s in services) for c in inputs.communes}
    last: dict[str, int | None] = {}
    for c in inputs.communes:
        years = [c.history.get(s.service, {}).get(inputs.year - 1) for s in services]
        last[c.code] = None if any(y is None for y in years) else sum(y or 0 for y in years)
    warnings = tuple(
        f"{c.code}: army and police quotas together ({combined_quota[c.code]}) exceed the "
        f"callable pool ({c.pool})"
        for c in inputs.communes
        if combined_quota[c.code] > c.pool
    )
    return Certificate(
        method=METHOD,
        inputs=inputs,
        services=services,
        combined=evenness(inputs.communes, combined_quota, last),
        warnings=warnings,
    )


def differences(expected: Any, found: Any, path: str = "$") -> list[str]:
    """Every place where two JSON values differ, as ``path: expected … found …`` lines."""
    if isinstance(expected, dict) and isinstance(found, dict):
        out: list[str] = []
        for key in list(expected) + [k for k in found if k not in expected]:
            if key not in found:
                out.append(f"{path}.{key}: missing from the certificate")
            elif key not in expected:
                out.append(f"{path}.{key}: not produced by the method")
            else:
                out.extend(differences(expected[key], found[key], f"{path}.{key}"))
        return out
    if isinstance(expected, list) and isinstance(found, list):
        if len(expected) != len(found):
            return [f"{path}: {len(expected)} items expected, {len(found)} found"]
        out = []
        for i, (e, f) in enumerate(zip(expected, found, strict=True)):
            out.extend(differences(e, f, f"{path}[{i}]"))
        return out
    if expected != found or type(expected) is not type(found):
        return [f"{path}: expected {expected!r}, found {found!r}"]
    return []
