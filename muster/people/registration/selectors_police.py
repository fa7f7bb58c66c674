"""Reads of the police's quarterly reports: each report with its window and whether it came
late (after the 25th–30th window of its quarter, the 30th rolled past days off)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from muster.core.calendar import holidays_between
from muster.law.callup import year as year_rules
from muster.people.registration.models import PoliceReport


@dataclass(frozen=True)
class ReportRow:
    report: PoliceReport
    window_start: dt.date
    due: dt.date

    @property
    def late(self) -> bool:
        return self.report.received_on > self.due


def report_rows(reports: Iterable[PoliceReport]) -> list[ReportRow]:
    """Each report with its window, the days off read once for all of them."""
    reports = list(reports)
    if not reports:
        return []
    first = min(dt.date(r.year, r.quarter * 3, 25) for r in reports)
    last = max(dt.date(r.year, r.quarter * 3, 30) for r in reports) + dt.timedelta(days=20)
    holidays = holidays_between(first, last)
    rows = []
    for report in reports:
        start, due = year_rules.quarter_window(report.year, report.quarter, holidays)
        rows.append(ReportRow(report, start, due))
    return rows
