"""Reads of public postings (niêm yết công khai): the records a list is built from, the
per-commune board of what was posted and in time, and the public pages.

Staff reads take the acting user and cut to ``geo.scope.scope_of(user)``. ``gather`` reads the
records of one commune that the caller has already authorised (the publish service and its
preview). The public reads return only postings, never the records behind them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.campaign.selectors import calendar_of
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.postings.models import Complaint, ComplaintOutcome, Posting, PostingKind
from muster.conscription.selection.models import ListKind, SelectionEntry, SelectionState
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.health.models import HealthCall, SessionKind
from muster.law.book import rule_or_none
from muster.law.callup.postings import book as posting_book
from muster.law.callup.postings import rows as posting_rows
from muster.law.callup.postings import schedule as posting_schedule
from muster.law.callup.postings import status as posting_status
from muster.people.succession import holding

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person

SESSION_OF = {
    PostingKind.SCREENING_RESULTS: SessionKind.SCREENING,
    PostingKind.EXAM_RESULTS: SessionKind.EXAMINATION,
}
DECIDED = (DossierState.GRANTED, DossierState.ENDED)


def period(campaign: Campaign) -> tuple[dt.date, dt.date]:
    """The days whose decisions and results belong to the campaign: from 1 July of the year
    before (as the campaign board counts health sessions) to the handover day."""
    return dt.date(campaign.year - 1, 7, 1), campaign.handover_start


def dossier_stands(
    *,
    decision_date: dt.date | None,
    state: str,
    ended_on: dt.date | None,
    end_date: dt.date | None,
    on: dt.date,
) -> bool:
    """A granted deferral or exemption whose decision stands on ``on``."""
    if decision_date is None or decision_date > on or state not in DECIDED:
        return False
    if ended_on is not None and ended_on <= on:
        return False
    return not (end_date is not None and end_date <= on)


# ----------------------------------------------------------------------------- gathering


@dataclass(frozen=True)
class Gathered:
    """The records of a commune's list as of one day, with their public ids."""

    kind: str
    source: str
    items: list[tuple[str, posting_rows.SourceRecord]]
    #: The earliest date of a record that qualifies only after the day (None: there is none).
    first_later: dt.date | None
    basis: str


def _village(person: Person) -> str:
    home = person.residence_unit
    return home.name if home is not None else ""


def _record(person: Person, **extra: Any) -> posting_rows.SourceRecord:
    return posting_rows.SourceRecord(
        name=person.full_name,
        born=person.date_of_birth,
        village=_village(person),
        national_id=person.national_id,
        phone=person.phone,
        **extra,
    )


def _min(days: Iterable[dt.date]) -> dt.date | None:
    return min(days, default=None)


def gather(*, commune: CampaignCommune, kind: str, as_of: dt.date, source: str = "") -> Gathered:
    """The records a list of ``kind`` for ``commune`` holds when posted on ``as_of``.

    For the call-up list ``source`` is "decisions" (valid call-up decisions, the default) or
    "selection" (the official part of the commune's frozen selection lists)."""
    campaign = commune.campaign
    start, end = period(campaign)
    if kind == PostingKind.DEFERRAL_EXEMPTION:
        return _gather_dossiers(commune, start, end, as_of)
    if kind in SESSION_OF:
        return _gather_health(commune, kind, start, end, as_of)
    if kind == PostingKind.CALLUP_LIST:
        if source == "selection":
            return _gather_selection(commune, as_of)
        return _gather_decisions(commune, as_of)
    raise ValueError(f"unknown posting kind {kind!r}")


def _gather_dossiers(
    commune: CampaignCommune, start: dt.date, end: dt.date, as_of: dt.date
) -> Gathered:
    dossiers = Dossier.objects.filter(
        holding([commune.unit]).q("person__"),
        state__in=DECIDED,
        decision_date__gte=start,
        decision_date__lte=end,
    ).select_related("person__residence_unit")
    items: list[tuple[str, posting_rows.SourceRecord]] = []
    later: list[dt.date] = []
    decisions: set[tuple[str, dt.date, str]] = set()
    for d in dossiers:
        assert d.decision_date is not None
        if d.decision_date > as_of:
            later.append(d.decision_date)
            continue
        if not dossier_stands(
            decision_date=d.decision_date,
            state=d.state,
            ended_on=d.ended_on,
            end_date=d.end_date,
            on=as_of,
        ):
            continue
        ground = rule_or_none(d.ground, d.decision_date)
        items.append(
            (
                str(d.public_id),
                _record(
                    d.person,
                    decision=d.kind,
                    ground=d.ground,
                    ground_text=ground.title_vi if ground is not None else "",
                ),
            )
        )
        decisions.add((d.decision_number, d.decision_date, d.authority))
    basis = "; ".join(
        f"Quyết định số {number} ngày {day:%d/%m/%Y} của "
        f"{posting_rows.AUTHORITY_VI.get(authority, authority)}"
        for number, day, authority in sorted(decisions, key=lambda x: (x[1], x[0]))
    )
    return Gathered(PostingKind.DEFERRAL_EXEMPTION, "dossiers", items, _min(later), basis)


def _gather_health(
    commune: CampaignCommune, kind: str, start: dt.date, end: dt.date, as_of: dt.date
) -> Gathered:
    calls = (
        HealthCall.objects.filter(
            holding([commune.unit]).q("person__"),
            session__kind=SESSION_OF[PostingKind(kind)],
            session__date__gte=start,
            session__date__lte=end,
            concluded_on__isnull=False,
        )
        .select_related("person__residence_unit", "session")
        .order_by("person_id", "-concluded_on", "-id")
    )
    latest: dict[int, HealthCall] = {}
    later: list[dt.date] = []
    for call in calls:
        assert call.concluded_on is not None
        if call.concluded_on > as_of:
            later.append(call.concluded_on)
        elif call.person_id not in latest:
            latest[call.person_id] = call
    items = [
        (
            str(c.public_id),
            _record(
                c.person,
                health_class=c.health_class,
                exempt_illness=c.exempt_icd,
                concluded_on=c.concluded_on,
            ),
        )
        for c in latest.values()
    ]
    days = sorted({c.session.date for c in latest.values()})
    label = "sơ tuyển" if kind == PostingKind.SCREENING_RESULTS else "khám sức khỏe"
    basis = f"Kết quả {label} các ngày " + ", ".join(f"{d:%d/%m/%Y}" for d in days) if days else ""
    return Gathered(kind, "health", items, _min(later), basis)


def _gather_decisions(commune: CampaignCommune, as_of: dt.date) -> Gathered:
    decisions = CallupDecision.objects.filter(
        commune=commune, status=DecisionStatus.VALID
    ).select_related("person__residence_unit")
    items: list[tuple[str, posting_rows.SourceRecord]] = []
    later: list[dt.date] = []
    numbers: list[int] = []
    days: set[dt.date] = set()
    for d in decisions:
        if d.issued_on > as_of:
            later.append(d.issued_on)
            continue
        items.append(
            (str(d.public_id), _record(d.person, service=d.service, enlist_on=d.enlist_on))
        )
        numbers.append(d.number)
        days.add(d.issued_on)
    basis = ""
    if numbers:
        basis = (
            "Quyết định (lệnh) gọi công dân nhập ngũ số "
            + ", ".join(str(n) for n in sorted(numbers))
            + " ký ngày "
            + ", ".join(f"{d:%d/%m/%Y}" for d in sorted(days))
        )
    return Gathered(PostingKind.CALLUP_LIST, "decisions", items, _min(later), basis)


def _gather_selection(commune: CampaignCommune, as_of: dt.date) -> Gathered:
    entries = (
        SelectionEntry.objects.filter(
            selection__commune=commune,
            selection__state=SelectionState.FROZEN,
            list_kind=ListKind.OFFICIAL,
        )
        .select_related("person__residence_unit", "selection")
        .order_by("selection_id", "place")
    )
    items: list[tuple[str, posting_rows.SourceRecord]] = []
    later: list[dt.date] = []
    handover = commune.campaign.handover_start
    for entry in entries:
        frozen = entry.selection.frozen_at
        frozen_on = timezone.localtime(frozen).date() if frozen else None
        if frozen_on is None or frozen_on > as_of:
            if frozen_on is not None:
                later.append(frozen_on)
            continue
        items.append(
            (
                f"{entry.selection.public_id}/{entry.place}",
                _record(entry.person, service=entry.selection.service, enlist_on=handover),
            )
        )
    basis = "Danh sách tuyển chọn chính thức (đã chốt)" if items else ""
    return Gathered(PostingKind.CALLUP_LIST, "selection", items, _min(later), basis)


def has_frozen_selection(commune: CampaignCommune) -> bool:
    return commune.selection_lists.filter(state=SelectionState.FROZEN).exists()


# ----------------------------------------------------------------------------- staff reads


def postings_for_user(user: User) -> QuerySet[Posting]:
    return Posting.objects.filter(**scope_of(user).lookup("unit")).select_related(
        "unit", "campaign"
    )


def complaints_of(posting: Posting) -> list[Complaint]:
    return list(posting.complaints.select_related("correction").order_by("received_on", "id"))


def chain(posting: Posting) -> list[Posting]:
    """The posting's versions from the first to the latest (corrections), oldest first."""
    same = Posting.objects.filter(unit_id=posting.unit_id, kind=posting.kind)
    if posting.campaign_id is None:
        same = same.filter(campaign__isnull=True)
    else:
        same = same.filter(campaign_id=posting.campaign_id)
    versions = list(same.order_by("posted_on", "id"))
    by_id = {p.pk: p for p in versions}
    first = posting
    while first.supersedes_id is not None and first.supersedes_id in by_id:
        first = by_id[first.supersedes_id]
    replaced_by = {p.supersedes_id: p for p in versions if p.supersedes_id is not None}
    found = [first]
    while found[-1].pk in replaced_by:
        found.append(replaced_by[found[-1].pk])
    return found


def latest_version(posting: Posting) -> Posting:
    return chain(posting)[-1]


@dataclass
class Cell:
    """One kind of list of one commune on the postings board."""

    kind: str
    status: posting_status.Status
    due: posting_schedule.Due | None
    current: Posting | None = None
    records: int = 0
    #: Records that qualify today but are not on the current posting, plus posted records that
    #: no longer qualify: the posting should be corrected.
    changed: int = 0
    pending_complaints: int = 0
    upheld_uncorrected: int = 0
    missing_places: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(PostingKind(self.kind).label)

    @property
    def flags(self) -> int:
        return int(self.status.missed) + int(bool(self.upheld_uncorrected))


@dataclass
class BoardRow:
    commune: CampaignCommune
    cells: list[Cell] = field(default_factory=list)

    @property
    def missed(self) -> int:
        return sum(1 for c in self.cells if c.status.missed)


def board(*, user: User, campaign: Campaign, today: dt.date) -> list[BoardRow]:
    """Per commune in the user's area and per kind: whether the list was posted and in time,
    its window, complaints and changes since. The queries do not grow with the communes:
    five, plus one per generation of predecessors (``people.succession.holding``)."""
    area = scope_of(user)
    communes = list(
        campaign.communes.filter(**area.lookup("unit"))
        .select_related("unit")
        .order_by("unit__path")
    )
    unit_ids = [c.unit_id for c in communes]
    # A commune's lists hold the citizens it holds (people.succession): a commune formed in
    # 2025 answers for those registered at the units that became it.
    held = holding([c.unit for c in communes])
    start, end = period(campaign)
    calendar = calendar_of(campaign)

    postings: dict[tuple[int, str], list[Posting]] = defaultdict(list)
    for p in (
        Posting.objects.filter(campaign=campaign, unit_id__in=unit_ids)
        .annotate(
            pending=Count("complaints", filter=Q(complaints__outcome=ComplaintOutcome.PENDING)),
            upheld_open=Count(
                "complaints",
                filter=Q(
                    complaints__outcome=ComplaintOutcome.UPHELD,
                    complaints__correction__isnull=True,
                ),
            ),
        )
        .order_by("posted_on", "id")
    ):
        postings[(p.unit_id, p.kind)].append(p)

    current_ids: dict[tuple[int, str], set[str]] = defaultdict(set)
    first_decision: dict[int, dt.date] = {}
    for d in Dossier.objects.filter(
        held.q("person__"),
        state__in=DECIDED,
        decision_date__gte=start,
        decision_date__lte=end,
    ).values(
        "public_id",
        "person__registration_unit_id",
        "person__residence_unit_id",
        "decision_date",
        "state",
        "ended_on",
        "end_date",
    ):
        unit = held.commune_of(d["person__registration_unit_id"], d["person__residence_unit_id"])
        day = d["decision_date"]
        if day is None or unit is None:
            continue
        first_decision[unit] = min(first_decision.get(unit, day), day)
        if dossier_stands(
            decision_date=day,
            state=d["state"],
            ended_on=d["ended_on"],
            end_date=d["end_date"],
            on=today,
        ):
            current_ids[(unit, PostingKind.DEFERRAL_EXEMPTION)].add(str(d["public_id"]))

    seen: set[tuple[str, int]] = set()
    for c in (
        HealthCall.objects.filter(
            held.q("person__"),
            session__date__gte=start,
            session__date__lte=end,
            concluded_on__isnull=False,
            concluded_on__lte=today,
        )
        .values(
            "public_id",
            "person_id",
            "person__registration_unit_id",
            "person__residence_unit_id",
            "session__kind",
        )
        .order_by("person_id", "-concluded_on", "-id")
    ):
        key = (c["session__kind"], c["person_id"])
        holder = held.commune_of(c["person__registration_unit_id"], c["person__residence_unit_id"])
        if key in seen or holder is None:
            continue
        seen.add(key)
        results = (
            PostingKind.SCREENING_RESULTS
            if c["session__kind"] == SessionKind.SCREENING
            else PostingKind.EXAM_RESULTS
        )
        current_ids[(holder, results)].add(str(c["public_id"]))

    first_callup: dict[int, dt.date] = {}
    for dec in CallupDecision.objects.filter(
        commune__in=communes, status=DecisionStatus.VALID
    ).values("public_id", "commune__unit_id", "issued_on"):
        unit = dec["commune__unit_id"]
        first_callup[unit] = min(first_callup.get(unit, dec["issued_on"]), dec["issued_on"])
        if dec["issued_on"] <= today:
            current_ids[(unit, PostingKind.CALLUP_LIST)].add(str(dec["public_id"]))

    rows: list[BoardRow] = []
    for commune in communes:
        row = BoardRow(commune=commune)
        for kind in posting_book.KINDS:
            versions = postings.get((commune.unit_id, kind), [])
            now = current_ids.get((commune.unit_id, kind), set())
            due = posting_schedule.due_for(
                kind,
                calendar=calendar,
                first_decision=first_decision.get(commune.unit_id),
                first_callup=first_callup.get(commune.unit_id),
            )
            status = posting_status.status(
                required=bool(now),
                due=due.due if due else None,
                versions=[
                    posting_status.Version(v.posted_on, v.ends_on, v.withdrawn_on) for v in versions
                ],
                today=today,
            )
            current = next((v for v in versions if v.withdrawn_on is None), None)
            cell = Cell(kind=kind, status=status, due=due, current=current, records=len(now))
            if current is not None:
                posted = set(current.source_ids)
                # Selection-based call-up lists are keyed by list and place, not by decision.
                if current.source != "selection":
                    cell.changed = len(now - posted) + len(posted - now)
                cell.missing_places = posting_schedule.missing_places(
                    kind, current.posted_on, current.places.split(",") if current.places else ()
                )
            cell.pending_complaints = sum(getattr(v, "pending", 0) for v in versions)
            cell.upheld_uncorrected = sum(
                getattr(v, "upheld_open", 0) for v in versions if v.withdrawn_on is None
            )
            row.cells.append(cell)
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------- public reads


def public_unit(public_id: Any) -> Unit | None:
    """The commune-level unit of a public index (None: unknown or not commune-level)."""
    from muster.geo.models import COMMUNE_LEVEL_KINDS

    return Unit.objects.filter(public_id=public_id, kind__in=COMMUNE_LEVEL_KINDS).first()


def public_postings(unit: Unit) -> list[Posting]:
    """The unit's current (not withdrawn) postings, newest first."""
    return list(
        Posting.objects.filter(unit=unit, withdrawn_on__isnull=True)
        .select_related("campaign")
        .order_by("-posted_on", "-id")
    )


def public_posting(public_id: Any) -> Posting | None:
    return (
        Posting.objects.filter(public_id=public_id)
        .select_related("unit", "campaign", "supersedes")
        .first()
    )


def complaint_counts(posting: Posting) -> dict[str, int]:
    """How many complaints were received and how each stands (no names, no content)."""
    counts = dict.fromkeys(ComplaintOutcome.values, 0)
    for item in posting.complaints.values("outcome").annotate(n=Count("id")):
        counts[item["outcome"]] = item["n"]
    counts["total"] = sum(counts.values())
    return counts
