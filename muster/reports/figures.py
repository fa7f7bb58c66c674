"""The call-up results report, its evenness view and the dashboard's indicators, as pure
aggregation. No Django.

The selectors read the database into the plain facts of this module (counts grouped by commune
from a few grouped queries, and the quota-sized records: recruits, decisions, returns,
replacements) and the functions here add them up. Every figure is defined in docs/reports.md;
the keys of ``METRICS`` are the names used there, on screen and in the exports.

* A ``Tally`` holds the base counts of one commune (or of several added together). Fields a
  source does not record (a past year known only from ``QuotaHistory``) are listed in
  ``unknown``; a figure that needs one of them is ``None`` ("not recorded"), never 0.
* ``values(tally)`` gives every figure of ``METRICS`` (counts, and percentages as ``Decimal``
  with four places, computed exactly from the counts).
* ``evenness`` gives per commune the call rates, quota met and replacements, their spread
  (min, max, spread, mean, population std, CV) this year and last year, and the communes that
  stand out by the rules of ``docs/reports.md`` §2.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from muster.law.ages import age_on
from muster.people.reference import KINH

SERVICES = ("army", "police")
DEFERRAL_GROUNDS = ("41.1.a", "41.1.b", "41.1.c", "41.1.d", "41.1.đ", "41.1.e", "41.1.g", "41.1.h")
EXEMPTION_GROUNDS = ("41.2.a", "41.2.b", "41.2.c", "41.2.d", "41.2.đ")
#: ``ViolationKind`` values (Decree 218/2025 Arts 8–10); a test keeps them equal.
VIOLATION_KINDS = (
    "no_first_registration",
    "no_change_registration",
    "absent_screening",
    "refused_screening",
    "absent_exam",
    "refused_exam",
    "cheated_exam",
    "defied_exam",
    "absent_callup",
    "evaded_after_fit",
    "refused_callup",
)
#: ``ReturnReason`` values; a test keeps them equal.
RETURN_REASONS = ("health", "political", "procedure", "other")
#: Age bands of recruits, in completed years on the day they were handed over (both ends in).
AGE_BANDS: tuple[tuple[int, int], ...] = ((18, 19), (20, 21), (22, 23), (24, 25), (26, 27))
OTHER_AGE = "other"
VOCATIONAL_LEVELS = frozenset({"trade"})
HIGHER_LEVELS = frozenset({"college", "university", "postgraduate"})
GRADUATED = "graduated"
#: A call rate further than this many standard deviations from the mean names the commune.
STANDOUT_STD = Decimal("1.5")
#: Fewer communes than this: no commune is named by the standard-deviation rule.
STANDOUT_MIN_COMMUNES = 3
#: A quota change larger than this share of last year's quota (and at least 1) is unstable;
#: the same band as the apportionment's stability band (docs/campaign.md).
STABILITY_FRACTION = Fraction(1, 4)

_FOUR = Decimal("0.0001")

Number = int | Decimal


def band_label(band: tuple[int, int]) -> str:
    return f"{band[0]}–{band[1]}"


AGE_LABELS = (*(band_label(b) for b in AGE_BANDS), OTHER_AGE)


def age_band(born: dt.date, day: dt.date) -> str:
    """The band of someone born on ``born`` on ``day``: 18 on his 18th birthday, 19 the day
    before his 20th (the 29 February rule of ``core.ages``)."""
    age = age_on(born, day)
    for band in AGE_BANDS:
        if band[0] <= age <= band[1]:
            return band_label(band)
    return OTHER_AGE


def is_graduate(higher_level: str, study_status: str) -> bool:
    return bool(higher_level) and study_status == GRADUATED


@dataclass(frozen=True)
class RecruitFact:
    """A recruit handed over (``Recruit``), with the facts the quality figures count."""

    row: int
    service: str
    born: dt.date
    handed_on: dt.date
    higher_level: str
    study_status: str
    party_member: bool
    youth_union_member: bool
    ethnicity: str
    volunteer: bool
    #: Handed over under a replacement decision (counted as a replacement, not a handover).
    replacement: bool


def _counter() -> Counter[str]:
    return Counter()


def _class_counter() -> Counter[int]:
    return Counter()


@dataclass
class Tally:
    """The base counts of one commune, or of several added together (``+``)."""

    registered: int = 0
    called_screening: int = 0
    called_exam: int = 0
    examined: int = 0
    late_notices: int = 0
    health_class: Counter[int] = field(default_factory=_class_counter)
    callable: int = 0
    deferred: Counter[str] = field(default_factory=_counter)
    deferred_people: int = 0
    exempt: Counter[str] = field(default_factory=_counter)
    exempt_people: int = 0
    quota: Counter[str] = field(default_factory=_counter)
    decisions: Counter[str] = field(default_factory=_counter)
    late_deliveries: int = 0
    selected: Counter[str] = field(default_factory=_counter)
    handed_over: Counter[str] = field(default_factory=_counter)
    graduates_vocational: int = 0
    graduates_higher: int = 0
    party_members: int = 0
    youth_union_members: int = 0
    ethnic_minorities: int = 0
    volunteers_recruited: int = 0
    age_bands: Counter[str] = field(default_factory=_counter)
    volunteers_applied: int = 0
    returns: Counter[str] = field(default_factory=_counter)
    replacements: int = 0
    replacements_late: int = 0
    replacements_over_cap: int = 0
    violations: Counter[str] = field(default_factory=_counter)
    #: Base fields this tally's source does not record.
    unknown: frozenset[str] = frozenset()

    def __add__(self, other: Tally) -> Tally:
        out = Tally(unknown=self.unknown | other.unknown)
        for name in _BASE_FIELDS:
            a, b = getattr(self, name), getattr(other, name)
            setattr(out, name, Counter(a) + b if isinstance(a, Counter) else a + b)
        return out

    def add_recruit(self, fact: RecruitFact) -> None:
        if fact.replacement:
            return
        self.handed_over[fact.service] += 1
        if is_graduate(fact.higher_level, fact.study_status):
            if fact.higher_level in VOCATIONAL_LEVELS:
                self.graduates_vocational += 1
            else:
                self.graduates_higher += 1
        self.party_members += int(fact.party_member)
        self.youth_union_members += int(fact.youth_union_member)
        self.ethnic_minorities += int(fact.ethnicity != KINH)
        self.volunteers_recruited += int(fact.volunteer)
        self.age_bands[age_band(fact.born, fact.handed_on)] += 1


_BASE_FIELDS = tuple(name for name in Tally.__dataclass_fields__ if name != "unknown")


def total(tallies: Iterable[Tally]) -> Tally:
    out = Tally()
    for t in tallies:
        out = out + t
    return out


# ----------------------------------------------------------------------------- figures


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
            _FOUR, rounding=ROUND_HALF_UP
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
    unknown = set(_BASE_FIELDS) - HISTORY_FIELDS
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


# ----------------------------------------------------------------------------- evenness


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
            return x.quantize(_FOUR, rounding=ROUND_HALF_UP)

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


# ----------------------------------------------------------------------------- dashboard

STAGES = (
    "preparation",
    "screening",
    "examination",
    "review",
    "decisions",
    "handover",
    "after_handover",
    "closed",
)


def stage_on(
    today: dt.date,
    *,
    screening_start: dt.date | None,
    exam_start: dt.date,
    exam_end: dt.date,
    nomination_by: dt.date | None,
    handover_start: dt.date,
    handover_end: dt.date | None,
    after_days: int,
) -> str:
    """The stage of a campaign on ``today`` from its calendar: before the first window →
    preparation; from screening start to the day before the examination → screening; the
    examination window → examination; then up to the village nomination and council review
    deadline → review; then up to the day before the handover → decisions; the handover days;
    up to ``after_days`` (the replacement window) after the last handover day →
    after_handover; later → closed."""
    last_handover = handover_end or handover_start
    if today > last_handover + dt.timedelta(days=after_days):
        return "closed"
    if today > last_handover:
        return "after_handover"
    if today >= handover_start:
        return "handover"
    if today > exam_end:
        if nomination_by is not None and today <= nomination_by:
            return "review"
        return "decisions"
    if today >= exam_start:
        return "examination"
    if screening_start is not None and today >= screening_start:
        return "screening"
    return "preparation"


@dataclass(frozen=True)
class Indicator:
    """A headline figure against its target; ``met`` is None when there is no target or no
    figure yet."""

    key: str
    value: Number | None
    target: Number | None
    comparison: str  # "at_least" or "at_most"
    met: bool | None


def indicators(
    current: Mapping[str, Number | None], previous: Mapping[str, Number | None] | None
) -> list[Indicator]:
    """The directive's targets: 100 % of the quota, no replacement after handover, no late
    notice or decision, every citizen called examined, graduates' share at least last year's."""

    def make(key: str, target: Number | None, comparison: str) -> Indicator:
        value = current.get(key)
        met: bool | None = None
        if value is not None and target is not None:
            met = value >= target if comparison == "at_least" else value <= target
        return Indicator(key, value, target, comparison, met)

    last_share = previous.get("graduates_share") if previous else None
    handed = current.get("handed_over")
    return [
        make("percent_met", 100 if handed else None, "at_least"),
        make("replacements", 0, "at_most"),
        make("graduates_share", last_share, "at_least"),
        make("examined_share", 100, "at_least"),
        make("late_notices", 0, "at_most"),
        make("late_deliveries", 0, "at_most"),
    ]
