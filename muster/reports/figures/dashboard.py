"""The dashboard: the campaign's stage on a day and its indicators against last year. Pure: no
Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from muster.reports.figures.facts import Number

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
