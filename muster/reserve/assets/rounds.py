"""The yearly registration of reserve technical assets (đăng ký PTKTDB hằng năm, Law 53/2019
Art 13 as amended by Law 98/2025 Art 7(4)): a round per commune and year with its period, the
assets confirmed, updated, newly registered or removed in it, and its report, per commune and
rolled up for the area (counts by kind)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.text import clean_line
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law import book
from muster.law.reserve.enums import AssetKind
from muster.law.rulebook import Rule
from muster.reserve.assets.models import Asset, EntryAction, RegistrationRound, RoundEntry
from muster.reserve.perms import can_manage_assets

if TYPE_CHECKING:
    from muster.accounts.models import User


def yearly_rules(day: dt.date) -> tuple[Rule, Rule]:
    """The yearly registration rule and the default-period rule in force on ``day``."""
    return (
        book.rule("reserve.assets.registration_yearly", day),
        book.rule("reserve.assets.registration_period", day),
    )


def default_period(year: int) -> tuple[dt.date, dt.date]:
    """The period the rule proposes for ``year`` (unverified default: the calendar year)."""
    rule = book.rule("reserve.assets.registration_period", dt.date(year, 1, 1))
    return (
        dt.date(year, rule.int_param("start_month"), rule.int_param("start_day")),
        dt.date(year, rule.int_param("end_month"), rule.int_param("end_day")),
    )


def open_round(
    *,
    actor: User,
    commune: Unit,
    year: int,
    opened_on: dt.date,
    closed_on: dt.date,
    note: str = "",
) -> RegistrationRound:
    """Hold ``commune``'s yearly registration of ``year`` from ``opened_on`` to ``closed_on``
    (a period may be set ahead; what is done in it is dated no later than today)."""
    require(can_manage_assets(actor))
    require_actor_area(actor, commune)
    errors: dict[str, list[str]] = {}
    if opened_on.year != year or closed_on.year != year:
        errors.setdefault("opened_on", []).append(_("The period must lie within the year."))
    if closed_on < opened_on:
        errors.setdefault("closed_on", []).append(_("The end cannot be before the start."))
    if RegistrationRound.objects.filter(holder=commune, year=year).exists():
        errors.setdefault("year", []).append(
            _("This commune already has its registration for this year.")
        )
    raise_errors(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                found = RegistrationRound.objects.create(
                    holder=commune,
                    year=year,
                    opened_on=opened_on,
                    closed_on=closed_on,
                    note=clean_line(note)[:255],
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"year": [_("This commune already has its registration for this year.")]}
            ) from exc
        yearly, period = yearly_rules(opened_on)
        record_event(
            actor=actor,
            action="reserve.asset_round.open",
            obj=found,
            scope_unit=commune,
            changes={
                "year": year,
                "opened_on": opened_on.isoformat(),
                "closed_on": closed_on.isoformat(),
            },
            reason="; ".join(c.label_vi for c in (*yearly.citations, *period.citations))[:255],
        )
    return found


def confirm_assets(
    *, actor: User, round: RegistrationRound, assets: Sequence[Asset], on: dt.date
) -> int:
    """Note the ``assets`` checked unchanged on ``on`` (those the round has not seen yet);
    returns how many were confirmed."""
    require(can_manage_assets(actor))
    require_actor_area(actor, round.holder_id)
    errors: dict[str, list[str]] = {}
    if not round.opened_on <= on <= round.closed_on:
        errors.setdefault("on", []).append(_("The day must lie within the round's period."))
    not_future(errors, "on", on)
    if any(a.holder_id != round.holder_id for a in assets):
        errors.setdefault("assets", []).append(_("An asset of another commune was chosen."))
    if any(a.removed_on is not None and a.removed_on <= on for a in assets):
        errors.setdefault("assets", []).append(_("An asset off the register was chosen."))
    if not assets:
        errors.setdefault("assets", []).append(_("Choose the assets checked."))
    raise_errors(errors)
    with transaction.atomic():
        seen = set(
            RoundEntry.objects.filter(round=round, asset__in=assets).values_list(
                "asset_id", flat=True
            )
        )
        fresh = [
            RoundEntry(round=round, asset=a, action=EntryAction.CONFIRMED, on=on)
            for a in assets
            if a.pk not in seen
        ]
        RoundEntry.objects.bulk_create(fresh)
        record_event(
            actor=actor,
            action="reserve.asset_round.confirm",
            obj=round,
            scope_unit=round.holder,
            changes={"on": on.isoformat(), "confirmed": len(fresh)},
        )
    return len(fresh)


# -- The report ------------------------------------------------------------------------------

COLUMNS = ("at_start", "confirmed", "updated", "new", "removed", "unchecked", "at_close")


@dataclass
class Tally:
    """Counts of one round (or a sum of rounds) for one kind of asset."""

    at_start: int = 0
    confirmed: int = 0
    updated: int = 0
    new: int = 0
    removed: int = 0
    unchecked: int = 0
    at_close: int = 0

    def add(self, other: Tally) -> None:
        for name in COLUMNS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def values(self) -> list[int]:
        return [getattr(self, name) for name in COLUMNS]


@dataclass
class RoundReport:
    round: RegistrationRound
    by_kind: dict[AssetKind, Tally] = field(default_factory=dict)
    total: Tally = field(default_factory=Tally)


def _on_register(registered_on: dt.date, removed_on: dt.date | None, day: dt.date) -> bool:
    return registered_on <= day and (removed_on is None or removed_on > day)


def round_reports(rounds: Iterable[RegistrationRound]) -> list[RoundReport]:
    """The report of each round, by kind (two queries whatever the number of rounds):

    * ``at_start``: on the register the day before the round opened;
    * ``confirmed``, ``updated``, ``new``, ``removed``: the round's entries;
    * ``unchecked``: on the register at the start and not seen by the round;
    * ``at_close``: on the register on the round's last day."""
    rounds = list(rounds)
    holders = {r.holder_id for r in rounds}
    assets = list(
        Asset.objects.filter(holder_id__in=holders).values_list(
            "pk", "holder_id", "kind", "registered_on", "removed_on"
        )
    )
    entries: dict[int, dict[int, str]] = {}
    for round_id, asset_id, action in RoundEntry.objects.filter(round__in=rounds).values_list(
        "round_id", "asset_id", "action"
    ):
        entries.setdefault(round_id, {})[asset_id] = action
    reports: list[RoundReport] = []
    for item in rounds:
        report = RoundReport(round=item)
        seen = entries.get(item.pk, {})
        eve = item.opened_on - dt.timedelta(days=1)
        for pk, holder_id, kind, registered_on, removed_on in assets:
            if holder_id != item.holder_id:
                continue
            tally = report.by_kind.setdefault(AssetKind(kind), Tally())
            at_start = _on_register(registered_on, removed_on, eve)
            tally.at_start += at_start
            tally.at_close += _on_register(registered_on, removed_on, item.closed_on)
            done = seen.get(pk, "")
            if done:
                setattr(tally, done, getattr(tally, done) + 1)
            elif at_start:
                tally.unchecked += 1
        report.by_kind = {
            k: t
            for k, t in sorted(report.by_kind.items(), key=lambda kv: list(AssetKind).index(kv[0]))
            if any(t.values())
        }
        for tally in report.by_kind.values():
            report.total.add(tally)
        reports.append(report)
    return reports


@dataclass
class AreaReport:
    year: int
    communes: list[Unit]
    reports: list[RoundReport]
    missing: list[Unit]  # communes of the area without a round that year
    by_kind: dict[AssetKind, Tally]
    total: Tally


def area_report(*, user: User, year: int) -> AreaReport:
    """The rounds of ``year`` in ``user``'s area, each with its report, the communes of 31/12
    without a round, and the sums by kind."""
    day = dt.date(year, 12, 31)
    communes = list(
        Unit.objects.filter(scope_of(user).q("pk")).commune_level().valid_on(day).order_by("name")
    )
    rounds = list(
        RegistrationRound.objects.filter(scope_of(user).q("holder"), year=year)
        .select_related("holder")
        .order_by("holder__name")
    )
    reports = round_reports(rounds)
    with_round = {r.holder_id for r in rounds}
    by_kind: dict[AssetKind, Tally] = {}
    total = Tally()
    for report in reports:
        for kind, tally in report.by_kind.items():
            by_kind.setdefault(kind, Tally()).add(tally)
        total.add(report.total)
    by_kind = dict(sorted(by_kind.items(), key=lambda kv: list(AssetKind).index(kv[0])))
    return AreaReport(
        year=year,
        communes=communes,
        reports=reports,
        missing=[c for c in communes if c.pk not in with_round],
        by_kind=by_kind,
        total=total,
    )
