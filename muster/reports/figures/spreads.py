"""The evenness view: per commune call rates, quota met and replacements, their spread this
year and last, and the communes that stand out (docs/reports.md §2). Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from muster.reports.figures.facts import FOUR_PLACES, Number
from muster.reports.figures.metrics import change

#: A call rate further than this many standard deviations from the mean names the commune.
STANDOUT_STD = Decimal("1.5")
#: Fewer communes than this: no commune is named by the standard-deviation rule.
STANDOUT_MIN_COMMUNES = 3
#: A quota change larger than this share of last year's quota (and at least 1) is unstable;
#: the same band as the apportionment's stability band (docs/campaign.md).
STABILITY_FRACTION = Fraction(1, 4)


@dataclass(frozen=True)
class Spread:
    """Spread of one figure across communes: population standard deviation, CV = std ÷ mean."""

    n: int
    minimum: Decimal | None
    maximum: Decimal | None
    spread: Decimal | None
    mean: Decimal | None
    std: Decimal | None
    cv: Decimal | None  # a percentage (std ÷ mean × 100)


def spread(numbers: Sequence[Number]) -> Spread:
    if not numbers:
        return Spread(0, None, None, None, None, None, None)
    with localcontext() as ctx:
        ctx.prec = 40
        items = [Decimal(x) for x in numbers]
        mean = sum(items, Decimal(0)) / len(items)
        variance = sum(((x - mean) ** 2 for x in items), Decimal(0)) / len(items)
        std = variance.sqrt()
        cv = std / mean * 100 if mean else None
        lo, hi = min(items), max(items)

        def q(x: Decimal) -> Decimal:
            return x.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)

        return Spread(
            n=len(items),
            minimum=q(lo),
            maximum=q(hi),
            spread=q(hi - lo),
            mean=q(mean),
            std=q(std),
            cv=q(cv) if cv is not None else None,
        )


#: The figures of the evenness view, per commune.
EVENNESS_METRICS = ("planned_rate", "realised_rate", "percent_met", "replacements", "quota_total")
#: Of those, the rates whose outliers are named by the standard-deviation rule.
RATE_METRICS = ("planned_rate", "realised_rate")


@dataclass(frozen=True)
class Standout:
    """A commune named by a rule of docs/reports.md §2."""

    row: int
    metric: str
    value: Number | None
    rule: str  # "high", "low", "below_quota", "replacements", "unstable"


@dataclass(frozen=True)
class EvennessRow:
    row: int
    this_year: dict[str, Number | None]
    last_year: dict[str, Number | None] | None
    changes: dict[str, Number | None]


@dataclass(frozen=True)
class Evenness:
    rows: tuple[EvennessRow, ...]
    this_year: dict[str, Spread]
    last_year: dict[str, Spread]
    standouts: tuple[Standout, ...]

    def spread_change(self, metric: str, attr: str) -> Decimal | None:
        a = getattr(self.this_year[metric], attr)
        b = getattr(self.last_year[metric], attr)
        return None if a is None or b is None else a - b

    def named(self, row: int) -> list[Standout]:
        return [s for s in self.standouts if s.row == row]


def unstable(current: int, previous: int) -> bool:
    """A quota change larger than max(¼ of last year's quota, 1) recruit."""
    return abs(current - previous) > max(STABILITY_FRACTION * previous, Fraction(1))


def evenness(
    rows: Sequence[tuple[int, Mapping[str, Number | None]]],
    previous: Mapping[int, Mapping[str, Number | None] | None],
    *,
    handover_recorded: bool,
) -> Evenness:
    """Per commune, the evenness figures this year and last year, their spread and the
    communes that stand out (docs/reports.md §2). ``handover_recorded``: the campaign has
    handed over recruits, so a commune short of its quota is named."""
    out_rows: list[EvennessRow] = []
    for key, vals in rows:
        prev = previous.get(key)
        this = {m: vals.get(m) for m in EVENNESS_METRICS}
        last = {m: prev.get(m) for m in EVENNESS_METRICS} if prev is not None else None
        out_rows.append(
            EvennessRow(
                row=key,
                this_year=this,
                last_year=last,
                changes={m: change(this[m], last[m] if last else None) for m in EVENNESS_METRICS},
            )
        )

    def numbers(metric: str, last: bool) -> list[Number]:
        found: list[Number] = []
        for r in out_rows:
            source = r.last_year if last else r.this_year
            if source is not None and source.get(metric) is not None:
                value = source[metric]
                assert value is not None
                found.append(value)
        return found

    this_year = {m: spread(numbers(m, False)) for m in EVENNESS_METRICS}
    last_year = {m: spread(numbers(m, True)) for m in EVENNESS_METRICS}
    standouts: list[Standout] = []
    for metric in RATE_METRICS:
        s = this_year[metric]
        if s.n < STANDOUT_MIN_COMMUNES or not s.std or s.mean is None:
            continue
        band = STANDOUT_STD * s.std
        for r in out_rows:
            value = r.this_year[metric]
            if value is None:
                continue
            if value > s.mean + band:
                standouts.append(Standout(r.row, metric, value, "high"))
            elif value < s.mean - band:
                standouts.append(Standout(r.row, metric, value, "low"))
    for r in out_rows:
        met = r.this_year["percent_met"]
        if handover_recorded and met is not None and met < 100:
            standouts.append(Standout(r.row, "percent_met", met, "below_quota"))
        repl = r.this_year["replacements"]
        if repl:
            standouts.append(Standout(r.row, "replacements", repl, "replacements"))
        quota, last = r.this_year["quota_total"], r.last_year
        prev_quota = last.get("quota_total") if last else None
        if isinstance(quota, int) and isinstance(prev_quota, int) and unstable(quota, prev_quota):
            standouts.append(Standout(r.row, "quota_total", quota - prev_quota, "unstable"))
    return Evenness(tuple(out_rows), this_year, last_year, tuple(standouts))
