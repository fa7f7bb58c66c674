"""The inputs of an apportionment (communes, overrides, parameters): their types, the
parsing of a JSON document and the checks. Pure."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeGuard

METHOD = "muster-apportion/2"
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


def _fraction_text(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )
