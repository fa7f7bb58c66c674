"""When a posting is due and how long it stays up: the window and the due dates. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from muster.law.callup import campaign as campaign_rules
from muster.law.callup.postings.book import _window_code, rule
from muster.law.rulebook import NoRuleInForce, Rule

# ----------------------------------------------------------------------------- the window


@dataclass(frozen=True)
class Window:
    """What the rule in force on the posting day says about one posting."""

    kind: str
    posted_on: dt.date
    days: int
    ends_on: dt.date
    places: tuple[str, ...]
    citation: str  # English labels, "; "-joined
    citation_vi: str
    confirmed: bool


def window_days(kind: str, posted_on: dt.date) -> int:
    """Length of the posting: results take it from ``campaign.posting.results`` (one source)."""
    if kind in ("screening_results", "exam_results"):
        return campaign_rules.rule("campaign.posting.results", posted_on).int_param("days")
    return rule(_window_code(kind), posted_on).int_param("days")


def window(kind: str, posted_on: dt.date) -> Window:
    """The window of a posting of ``kind`` made on ``posted_on`` (``NoRuleInForce`` if none)."""
    item = rule(_window_code(kind), posted_on)
    days = window_days(kind, posted_on)
    results = (
        campaign_rules.rule("campaign.posting.results", posted_on)
        if kind in ("screening_results", "exam_results")
        else None
    )
    citations = item.citations if results is None else results.citations
    return Window(
        kind=kind,
        posted_on=posted_on,
        days=days,
        ends_on=ends_on(posted_on, days),
        places=tuple(str(item.param("places")).split(",")),
        citation="; ".join(c.label for c in citations),
        citation_vi=str(item.param("citation_vi")),
        confirmed=item.confirmed and (results is None or results.confirmed),
    )


def ends_on(posted_on: dt.date, days: int) -> dt.date:
    """The last day of the posting: the posting day is not counted (01/12 + 20 → 21/12)."""
    return posted_on + dt.timedelta(days=days)


def in_window(posted_on: dt.date, last_day: dt.date, day: dt.date) -> bool:
    """``day`` falls in the posting window (both ends inclusive)."""
    return posted_on <= day <= last_day


def complaint_late(last_day: dt.date, received_on: dt.date) -> bool:
    """A complaint received after the last day of the window (21/12 in time, 22/12 late)."""
    return received_on > last_day


def missing_places(kind: str, posted_on: dt.date, places: Iterable[str]) -> tuple[str, ...]:
    """The places the rule in force requires that ``places`` leaves out (in rule order)."""
    given = set(places)
    return tuple(p for p in window(kind, posted_on).places if p not in given)


# ----------------------------------------------------------------------------- due dates


@dataclass(frozen=True)
class Due:
    """By when a posting of ``kind`` is due, and why."""

    kind: str
    due: dt.date | None  # None: cannot be known yet (e.g. no call-up order issued)
    reference: dt.date | None  # the day the duty counts from (decision signed, window end)
    sense: str  # "after_decision", "before_callup", "after_window", "before_handover"
    title_vi: str
    citation: str
    confirmed: bool


def due_for(
    kind: str,
    *,
    calendar: campaign_rules.Calendar,
    first_decision: dt.date | None = None,
    first_callup: dt.date | None = None,
) -> Due | None:
    """The due date of ``kind`` for a commune of a campaign with ``calendar``.

    ``first_decision``: the earliest signature of the deferral/exemption decisions on the list;
    ``first_callup``: the day the commune's first call-up decision (order) was issued (else the
    campaign's "decisions issued by" day is used). None when no rule is in force."""
    if kind == "deferral_exemption":
        if first_decision is None:
            return None
        item = _rule_or_none("posting.deferral_exemption.due", first_decision)
        if item is None:
            return None
        days = item.int_param("days")
        sense = str(item.param("sense"))
        if sense == "after_decision":
            due: dt.date | None = first_decision + dt.timedelta(days=days)
        else:
            callup = first_callup or calendar.decisions_by
            due = None if callup is None else callup - dt.timedelta(days=days)
        return Due(kind, due, first_decision, sense, item.title_vi, _cite(item), item.confirmed)
    if kind in ("screening_results", "exam_results"):
        end = calendar.screening_end if kind == "screening_results" else calendar.exam_end
        if end is None:
            return None
        item = _rule_or_none("posting.results.due", end)
        if item is None:
            return None
        due = end + dt.timedelta(days=item.int_param("days_after_window"))
        return Due(kind, due, end, "after_window", item.title_vi, _cite(item), item.confirmed)
    if kind == "callup_list":
        item = _rule_or_none("posting.callup_list", calendar.handover)
        if item is None:
            return None
        due = calendar.handover - dt.timedelta(days=item.int_param("due_before_handover"))
        return Due(
            kind,
            due,
            calendar.handover,
            "before_handover",
            item.title_vi,
            _cite(item),
            item.confirmed,
        )
    raise ValueError(f"unknown posting kind {kind!r}")


def _rule_or_none(code: str, day: dt.date) -> Rule | None:
    try:
        return rule(code, day)
    except NoRuleInForce:
        return None


def _cite(item: Rule) -> str:
    return "; ".join(c.label for c in item.citations)
