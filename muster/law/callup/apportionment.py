"""Quota apportionment (phân bổ chỉ tiêu): split a quota received from above among communes.

Pure: no Django. The law (Law 78/2015 Art 34 as amended; legal-reference.md §2.6 "Quota chain",
§2.8) has the province (formerly the district) assign the army and police (CAND) numbers to
communes; the directive asks that quotas be even and stable across communes, and the old
guidance (TT 140 Art 6(1)) that every commune sends at least one recruit. docs/campaign.md
explains the method for a commune officer to check by hand; this docstring is the contract.

Method ``muster-apportion/1``, for each service (army, police) separately:

1. **Exact share** ``q_j = quota × pool_j ÷ Σ pool`` (a fraction, never rounded).
2. **Bounds** ``[lo_j, hi_j]`` per commune, in order of precedence:
   a. the callable pool caps the quota: ``0 ≤ a_j ≤ pool_j`` (never relaxed: a quota above the
      total pool is refused);
   b. the floor: ``a_j ≥ 1`` when ``pool_j ≥ 1`` (parameter ``floor``);
   c. the stability band around the mean ``m_j`` of the commune's quotas in the last
      ``history_years`` years: ``floor(m_j − d_j) ≤ a_j ≤ ceil(m_j + d_j)`` where
      ``d_j = max(stability_fraction × m_j, stability_absolute)`` (either may be omitted; both
      omitted means no band). A commune with no history has no band. A band is clipped to the
      pool and floor (a and b take precedence).
   If ``Σ lo > quota`` or ``Σ hi < quota`` the bounds are infeasible and are relaxed in this
   order, each step recorded in the certificate: first the floor is dropped if the floor alone
   cannot be met (fewer recruits than communes with a pool); then every stability band is
   widened by one recruit on each side, repeatedly, until the bounds are feasible (they become
   so at the latest when every band covers ``[floor, pool]``).
3. **Bounded share** ``e_j = clamp(λ × pool_j, lo_j, hi_j)`` with the single factor ``λ`` such
   that ``Σ e_j = quota``. ``λ`` is found by iteration: start with ``λ = quota ÷ Σ pool``; if
   the shares above their ``hi`` exceed (in total) the shortfall of those below their ``lo``,
   fix the former at ``hi``, otherwise fix the latter at ``lo``; recompute ``λ`` over the
   communes not yet fixed with what is left of the quota; stop when no share is outside its
   bounds. When no bound binds, ``e_j = q_j``.
4. **Largest remainder (Hamilton) rounding** of ``e_j``: each commune gets ``floor(e_j)``; the
   ``quota − Σ floor(e_j)`` recruits left go one each to the communes with the largest
   remainders ``e_j − floor(e_j)``; ties: larger remainder, then larger pool, then commune
   code (alphabetical). Every result lies within its bounds and within one of ``e_j``.
5. **Overrides** (each with a value, a reason and the deciding authority) replace the computed
   figure of their commune; steps 1–4 are then run again over the other communes with the
   quota minus the overridden values. The computed figure stays in the certificate beside it.

Properties (tests/conscription/test_apportionment.py): the sum equals the quota; without a
binding floor, band or override every commune is within one of its exact share; a commune's
quota never falls when only its own pool grows (Hamilton's population paradox needs two
communes' pools to change; the argument is in docs/campaign.md).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any, TypeGuard

METHOD = "muster-apportion/1"
SERVICES = ("army", "police")


class InputError(ValueError):
    """Bad inputs: every problem found, each a message that names its place in the input."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


# --------------------------------------------------------------------------- inputs


@dataclasses.dataclass(frozen=True)
class Commune:
    code: str
    name: str
    pool: int
    #: service → year → quota of that year (the commune's past quotas, for stability).
    history: Mapping[str, Mapping[int, int]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Override:
    service: str
    commune: str
    value: int
    reason: str
    authority: str


@dataclasses.dataclass(frozen=True)
class Parameters:
    floor: bool = True
    stability_fraction: Fraction | None = None
    stability_absolute: int | None = None
    history_years: int = 3


@dataclasses.dataclass(frozen=True)
class Inputs:
    year: int
    quotas: Mapping[str, int]
    communes: tuple[Commune, ...]
    parameters: Parameters = Parameters()
    overrides: tuple[Override, ...] = ()

    def to_json(self) -> dict[str, Any]:
        p = self.parameters
        return {
            "year": self.year,
            "quotas": {s: self.quotas[s] for s in SERVICES if s in self.quotas},
            "parameters": {
                "floor": p.floor,
                "stability_fraction": None
                if p.stability_fraction is None
                else _fraction_text(p.stability_fraction),
                "stability_absolute": p.stability_absolute,
                "history_years": p.history_years,
            },
            "communes": [
                {
                    "code": c.code,
                    "name": c.name,
                    "pool": c.pool,
                    "history": {
                        s: {str(y): c.history[s][y] for y in sorted(c.history[s])}
                        for s in SERVICES
                        if s in c.history
                    },
                }
                for c in self.communes
            ],
            "overrides": [dataclasses.asdict(o) for o in self.overrides],
        }


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_inputs(data: object) -> Inputs:
    """Read the JSON input schema (docs/campaign.md); raise ``InputError`` listing every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise InputError(["the input must be a JSON object"])

    year = data.get("year")
    if not _is_int(year) or not 1900 <= year <= 2200:
        problems.append("year: must be a whole number such as 2025")
        year = 0

    quotas: dict[str, int] = {}
    raw_quotas = data.get("quotas")
    if not isinstance(raw_quotas, dict) or not raw_quotas:
        problems.append('quotas: must be an object such as {"army": 120, "police": 15}')
    else:
        for service, value in raw_quotas.items():
            if service not in SERVICES:
                problems.append(f"quotas.{service}: unknown service (use army or police)")
            elif not _is_int(value) or value < 0:
                problems.append(f"quotas.{service}: must be a whole number ≥ 0, not {value!r}")
            else:
                quotas[service] = value

    params = Parameters()
    raw_params = data.get("parameters", {})
    if not isinstance(raw_params, dict):
        problems.append("parameters: must be an object")
        raw_params = {}
    unknown = set(raw_params) - {
        "floor",
        "stability_fraction",
        "stability_absolute",
        "history_years",
    }
    for key in sorted(unknown):
        problems.append(f"parameters.{key}: unknown parameter")
    floor = raw_params.get("floor", True)
    if not isinstance(floor, bool):
        problems.append("parameters.floor: must be true or false")
        floor = True
    fraction: Fraction | None = None
    raw_fraction = raw_params.get("stability_fraction")
    if raw_fraction is not None:
        try:
            if isinstance(raw_fraction, bool) or not isinstance(raw_fraction, int | float | str):
                raise ValueError
            fraction = Fraction(str(raw_fraction))
            if fraction < 0:
                raise ValueError
        except (ValueError, ZeroDivisionError):
            problems.append(
                "parameters.stability_fraction: must be a number ≥ 0 such as 0.25 or a "
                f'string such as "1/4", not {raw_fraction!r}'
            )
            fraction = None
    absolute = raw_params.get("stability_absolute")
    if absolute is not None and (not _is_int(absolute) or absolute < 0):
        problems.append(
            f"parameters.stability_absolute: must be a whole number ≥ 0, not {absolute!r}"
        )
        absolute = None
    years = raw_params.get("history_years", 3)
    if not _is_int(years) or years < 1:
        problems.append(f"parameters.history_years: must be a whole number ≥ 1, not {years!r}")
        years = 3
    params = Parameters(
        floor=floor, stability_fraction=fraction, stability_absolute=absolute, history_years=years
    )

    communes: list[Commune] = []
    raw_communes = data.get("communes")
    if not isinstance(raw_communes, list) or not raw_communes:
        problems.append("communes: must be a non-empty list")
        raw_communes = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_communes):
        where = f"communes[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be an object")
            continue
        code = raw.get("code")
        if not isinstance(code, str) or not code.strip():
            problems.append(f"{where}.code: must be a non-empty text")
            continue
        where = f"communes[{i}] ({code})"
        if code in seen:
            problems.append(f"{where}: the code appears twice")
        seen.add(code)
        name = raw.get("name", code)
        if not isinstance(name, str):
            problems.append(f"{where}.name: must be text")
            name = code
        pool = raw.get("pool")
        if not _is_int(pool) or pool < 0:
            problems.append(f"{where}.pool: must be a whole number ≥ 0, not {pool!r}")
            pool = 0
        history: dict[str, dict[int, int]] = {}
        raw_history = raw.get("history", {})
        if not isinstance(raw_history, dict):
            problems.append(f"{where}.history: must be an object by service")
            raw_history = {}
        for service, by_year in raw_history.items():
            if service not in SERVICES:
                problems.append(f"{where}.history.{service}: unknown service (use army or police)")
                continue
            if not isinstance(by_year, dict):
                problems.append(
                    f'{where}.history.{service}: must map years to quotas {{"2024": 3}}'
                )
                continue
            history[service] = {}
            for y, q in by_year.items():
                if not (isinstance(y, str) and y.isdigit()) or (year and int(y) >= year):
                    problems.append(
                        f"{where}.history.{service}.{y}: must be a past year before {year}"
                    )
                elif not _is_int(q) or q < 0:
                    problems.append(
                        f"{where}.history.{service}.{y}: must be a whole number ≥ 0, not {q!r}"
                    )
                else:
                    history[service][int(y)] = q
        communes.append(Commune(code=code, name=name, pool=pool, history=history))

    overrides: list[Override] = []
    raw_overrides = data.get("overrides", [])
    if not isinstance(raw_overrides, list):
        problems.append("overrides: must be a list")
        raw_overrides = []
    for i, raw in enumerate(raw_overrides):
        where = f"overrides[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be an object")
            continue
        fields: dict[str, Any] = {
            k: raw.get(k) for k in ("service", "commune", "value", "reason", "authority")
        }
        bad = False
        for key in ("service", "commune", "reason", "authority"):
            if not isinstance(fields[key], str) or not fields[key].strip():
                problems.append(f"{where}.{key}: required (non-empty text)")
                bad = True
        if not _is_int(fields["value"]) or fields["value"] < 0:
            problems.append(f"{where}.value: must be a whole number ≥ 0, not {fields['value']!r}")
            bad = True
        if not bad:
            overrides.append(Override(**fields))

    if problems:
        raise InputError(problems)
    inputs = Inputs(
        year=year,
        quotas=quotas,
        communes=tuple(communes),
        parameters=params,
        overrides=tuple(overrides),
    )
    validate(inputs)
    return inputs


def validate(inputs: Inputs) -> None:
    """Refuse what no method can satisfy: quotas above the pool, impossible overrides."""
    problems: list[str] = []
    by_code = {c.code: c for c in inputs.communes}
    total_pool = sum(c.pool for c in inputs.communes)
    for service, quota in inputs.quotas.items():
        if quota > total_pool:
            problems.append(
                f"quotas.{service}: {quota} exceeds the communes' total callable pool "
                f"({total_pool})"
            )
    seen: set[tuple[str, str]] = set()
    overridden: dict[str, int] = {}
    for i, o in enumerate(inputs.overrides):
        where = f"overrides[{i}] ({o.service} {o.commune})"
        if o.service not in inputs.quotas:
            problems.append(f"{where}: no {o.service} quota is given")
            continue
        commune = by_code.get(o.commune)
        if commune is None:
            problems.append(f"{where}: no commune has the code {o.commune!r}")
            continue
        if (o.service, o.commune) in seen:
            problems.append(f"{where}: a second override for the same commune and service")
            continue
        seen.add((o.service, o.commune))
        if o.value > commune.pool:
            problems.append(
                f"{where}: {o.value} exceeds the commune's callable pool ({commune.pool})"
            )
            continue
        if o.value > inputs.quotas[o.service]:
            problems.append(
                f"{where}: {o.value} exceeds the {o.service} quota ({inputs.quotas[o.service]})"
            )
            continue
        overridden[o.service] = overridden.get(o.service, 0) + o.value
    for service, fixed in overridden.items():
        quota = inputs.quotas[service]
        codes = {o.commune for o in inputs.overrides if o.service == service}
        rest_pool = sum(c.pool for c in inputs.communes if c.code not in codes)
        if fixed > quota:
            problems.append(
                f"overrides ({service}): they total {fixed}, more than the quota ({quota})"
            )
        elif quota - fixed > rest_pool:
            problems.append(
                f"overrides ({service}): they leave {quota - fixed} to allocate but the other "
                f"communes' callable pool is only {rest_pool}"
            )
    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------- certificate


@dataclasses.dataclass(frozen=True)
class BoundRow:
    """The bounds of one commune and where each comes from."""

    code: str
    pool: int
    exact_share: Fraction
    floor: int
    history_mean: Fraction | None
    band_lo: int | None
    band_hi: int | None
    lo: int
    hi: int


@dataclasses.dataclass(frozen=True)
class Iteration:
    """One step of the search for λ: the factor tried and the communes fixed at a bound."""

    factor: Fraction
    fixed_at_hi: tuple[str, ...]
    fixed_at_lo: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Row:
    """One commune in one rounding run."""

    code: str
    pool: int
    exact_share: Fraction
    exact_share_approx: str
    lo: int
    hi: int
    bounded_share: Fraction
    bound_adjustment: Fraction  # bounded_share − exact_share
    floor_part: int
    remainder: Fraction
    remainder_rank: int  # 1 = largest remainder; 0 when the remainder is zero
    extra_seat: bool
    result: int


@dataclasses.dataclass(frozen=True)
class Run:
    """Steps 1–4 over a set of communes with a total to share."""

    total: int
    total_pool: int
    relaxations: tuple[str, ...]
    bounds: tuple[BoundRow, ...]
    iterations: tuple[Iteration, ...]
    factor: Fraction
    seats_by_remainder: int
    rows: tuple[Row, ...]

    def result(self) -> dict[str, int]:
        return {r.code: r.result for r in self.rows}


@dataclasses.dataclass(frozen=True)
class OverrideRow:
    commune: str
    computed: int
    value: int
    adjustment: int
    reason: str
    authority: str


@dataclasses.dataclass(frozen=True)
class CommuneMetrics:
    code: str
    pool: int
    quota: int
    call_rate: str  # quota ÷ pool, 4 decimals; "" for an empty pool
    last_year: int | None
    change_from_last_year: int | None


@dataclasses.dataclass(frozen=True)
class Evenness:
    """Call rate per commune (quota ÷ callable pool), its spread, and the change from last year."""

    communes: tuple[CommuneMetrics, ...]
    rate_min: str
    rate_max: str
    rate_spread: str  # max − min
    rate_mean: str
    rate_std: str  # population standard deviation
    rate_cv: str  # std ÷ mean
    changed_communes: int
    total_absolute_change: int


@dataclasses.dataclass(frozen=True)
class ServiceAllocation:
    service: str
    quota: int
    computed: Run
    overrides: tuple[OverrideRow, ...]
    after_overrides: Run | None
    result: Mapping[str, int]
    evenness: Evenness


@dataclasses.dataclass(frozen=True)
class Certificate:
    """The allocation certificate (JSON via ``to_json``): inputs, method, every number, result."""

    method: str
    inputs: Inputs
    services: tuple[ServiceAllocation, ...]
    combined: Evenness
    warnings: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "inputs": self.inputs.to_json(),
            "services": [_jsonable(dataclasses.asdict(s)) for s in self.services],
            "combined": _jsonable(dataclasses.asdict(self.combined)),
            "warnings": list(self.warnings),
        }


def _fraction_text(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Fraction):
        return _fraction_text(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _approx(value: Fraction, places: int = 4) -> str:
    with localcontext() as ctx:
        ctx.prec = 50
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))


# --------------------------------------------------------------------------- the method


def history_mean(commune: Commune, service: str, year: int, years: int) -> Fraction | None:
    """Mean of the commune's quotas in the ``years`` years before ``year`` that are on record."""
    past = commune.history.get(service, {})
    window = [past[y] for y in range(year - years, year) if y in past]
    return Fraction(sum(window), len(window)) if window else None


def _band(mean: Fraction | None, params: Parameters, widen: int) -> tuple[int, int] | None:
    if mean is None or (params.stability_fraction is None and params.stability_absolute is None):
        return None
    d = max(
        params.stability_fraction * mean if params.stability_fraction is not None else Fraction(0),
        Fraction(params.stability_absolute or 0),
    )
    return max(0, math.floor(mean - d) - widen), math.ceil(mean + d) + widen


def _bounds(
    total: int,
    communes: Sequence[Commune],
    service: str,
    year: int,
    params: Parameters,
) -> tuple[list[BoundRow], list[str]]:
    """Step 2: bounds per commune, relaxed in the documented order until feasible."""
    relaxations: list[str] = []
    total_pool = sum(c.pool for c in communes)
    floor_on = params.floor
    with_pool = sum(1 for c in communes if c.pool > 0)
    if floor_on and with_pool > total:
        floor_on = False
        relaxations.append(
            f"floor dropped: {total} to allocate but {with_pool} communes have a callable pool"
        )
    means = {c.code: history_mean(c, service, year, params.history_years) for c in communes}

    def rows_for(widen: int) -> list[BoundRow]:
        rows: list[BoundRow] = []
        for c in communes:
            floor = 1 if floor_on and c.pool > 0 else 0
            band = _band(means[c.code], params, widen)
            lo, hi = floor, c.pool
            if band is not None:
                lo = min(max(lo, band[0]), c.pool)
                hi = max(min(hi, band[1]), lo)
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
        return rows

    def feasible(rows: list[BoundRow]) -> bool:
        return sum(r.lo for r in rows) <= total <= sum(r.hi for r in rows)

    rows = rows_for(0)
    if feasible(rows):
        return rows, relaxations
    # The smallest widening that makes the bounds feasible (feasibility only grows with it).
    # At ``top`` every band covers [0, pool], so the bounds are the floor and the pool alone.
    top = max((math.ceil(m) for m in means.values() if m is not None), default=0)
    top += max((c.pool for c in communes), default=0) + 1
    low = 0
    while top - low > 1:
        mid = (low + top) // 2
        if feasible(rows_for(mid)):
            top = mid
        else:
            low = mid
    relaxations.append(
        f"stability bands widened by {top} on each side: the bands as given could not add up "
        "to the quota"
    )
    return rows_for(top), relaxations


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
