"""The certificate of an apportionment: the bounds, iterations, rows, evenness and
per-service allocation, with their exact and JSON forms. Pure."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

from muster.law.callup.apportionment.inputs import Inputs, _fraction_text

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
