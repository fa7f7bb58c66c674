"""The year roll-over lists of a campaign (``conscription.rollover``) and their document."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muster.documents.tables import Column, Kind, TableDocument
from muster.law.ages import years_before
from muster.law.callup import rollover
from muster.people.models import FamilyTie, StudyStatus
from muster.people.registration.models import EventKind, RegistrationBar, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User
from muster.people.books.common import BookFilter, Row, official_document
from muster.people.books.persons import GRADUATE_LEVELS, SIBLINGS, people_base

# --- Year roll-over ------------------------------------------------------------------------


@dataclass(frozen=True)
class RolloverRow:
    person: RolledMan
    grounds: tuple[tuple[rollover.Ground, dt.date], ...] = ()

    @property
    def reason(self) -> str:
        return grounds_text(self.grounds)


@dataclass(frozen=True)
class RolloverLists:
    call_up: dt.date
    previous: dt.date
    entering: list[RolloverRow]
    ageing_out: list[RolloverRow]
    re_review: list[RolloverRow]


@dataclass(frozen=True, slots=True)
class RolledMan:
    """What the roll-over reads and prints of a man: a district holds some 11,000 men of
    these ages, read as plain rows (no model instances, no units)."""

    pk: int
    public_id: uuid.UUID
    full_name: str
    date_of_birth: dt.date
    national_id: str
    higher_level: str
    study_status: str
    study_end_date: dt.date | None
    commune: str
    village: str


def rollover_lists(user: User, f: BookFilter, call_up: dt.date) -> RolloverLists:
    """The roll-over of the men in the user's area (or commune / village) for ``call_up``.

    Four queries whatever the number of men: the men born in the window that can matter, the
    registration bars ending in the window, their siblings' ties, and those siblings' reserve
    registrations (a discharged soldier registers as a reservist: Art 18, Art 45).
    """
    previous = rollover.previous_call_up(call_up)
    # Older than 28 on the previous call-up day, or younger than 18 on the call-up day: no role.
    earliest = years_before(previous, rollover.GRADUATE_MAX_AGE + 2)
    latest = years_before(call_up, rollover.MIN_AGE)
    people = [
        RolledMan(*values)
        for values in people_base(user, f)
        .filter(date_of_birth__gt=earliest, date_of_birth__lte=latest)
        .order_by("name_search", "id")
        .values_list(
            "id", "public_id", "full_name", "date_of_birth", "national_id", "higher_level",
            "study_status", "study_end_date", "registration_unit__name", "residence_unit__name",
        )
    ]  # fmt: skip
    ids = [p.pk for p in people]
    bars: dict[int, list[dt.date]] = {}
    for person_id, end in RegistrationBar.objects.filter(
        person_id__in=ids, end_date__gte=previous, end_date__lt=call_up
    ).values_list("person_id", "end_date"):
        if end is not None:
            bars.setdefault(person_id, []).append(end)
    sibling_of: dict[int, list[int]] = {}
    for person_id, relative_id in FamilyTie.objects.filter(
        person_id__in=ids, relation__in=SIBLINGS, relative__isnull=False
    ).values_list("person_id", "relative_id"):
        sibling_of.setdefault(relative_id, []).append(person_id)
    discharged: dict[int, list[dt.date]] = {}
    for relative_id, home in RegistrationEvent.objects.filter(
        person_id__in=list(sibling_of),
        kind=EventKind.RESERVE_REGISTRATION,
        trigger_date__gte=previous,
        trigger_date__lt=call_up,
    ).values_list("person_id", "trigger_date"):
        for person_id in sibling_of[relative_id]:
            if home is not None:
                discharged.setdefault(person_id, []).append(home)
    candidates = [
        rollover.Candidate(
            key=p.pk,
            birth_date=p.date_of_birth,
            graduate_deferred=(
                p.higher_level in GRADUATE_LEVELS and p.study_status == StudyStatus.GRADUATED
            ),
            study_end_date=p.study_end_date,
            bar_end_dates=bars.get(p.pk, ()),
            sibling_discharge_dates=discharged.get(p.pk, ()),
        )
        for p in people
    ]
    result = rollover.roll_over(candidates, call_up=call_up, previous=previous)
    by_id = {p.pk: p for p in people}
    return RolloverLists(
        call_up=call_up,
        previous=previous,
        entering=[RolloverRow(by_id[k]) for k in result.entering],
        ageing_out=[RolloverRow(by_id[k]) for k in result.ageing_out],
        re_review=[RolloverRow(by_id[r.key], r.grounds) for r in result.re_review],
    )


GROUND_LABELS = {
    rollover.Ground.STUDIES_ENDED: gettext_lazy("studies ended"),
    rollover.Ground.BAR_ENDED: gettext_lazy("registration bar ended"),
    rollover.Ground.SIBLING_DISCHARGED: gettext_lazy("sibling discharged"),
}


def grounds_text(grounds: Sequence[tuple[rollover.Ground, dt.date]]) -> str:
    return "; ".join(f"{GROUND_LABELS[g]} {day:%d/%m/%Y}" for g, day in grounds)


def rollover_document(user: User, f: BookFilter, lists: RolloverLists) -> TableDocument:
    columns = [
        Column(_("No."), Kind.INT, 5),
        Column(_("List"), Kind.TEXT, 18),
        Column(_("Full name"), Kind.TEXT, 22),
        Column(_("Date of birth"), Kind.DATE, 11),
        Column(_("ID number (CCCD)"), Kind.TEXT, 14),
        Column(_("Commune"), Kind.TEXT, 14),
        Column(_("Village"), Kind.TEXT, 12),
        Column(_("Reason"), Kind.TEXT, 30),
    ]
    groups = (
        (_("Enters the call-up pool"), lists.entering),
        (_("Ages out: reserve registration"), lists.ageing_out),
        (_("Needs re-review"), lists.re_review),
    )
    rows: list[Row] = []
    for label, items in groups:
        for item in items:
            p = item.person
            rows.append(
                Row(
                    p.public_id,
                    (
                        len(rows) + 1,
                        label,
                        p.full_name,
                        p.date_of_birth,
                        p.national_id,
                        p.commune,
                        p.village or "",
                        grounds_text(item.grounds),
                    ),
                )
            )
    subtitle = _("Call-up date %(day)s (previous %(previous)s)") % {
        "day": f"{lists.call_up:%d/%m/%Y}",
        "previous": f"{lists.previous:%d/%m/%Y}",
    }
    return official_document(
        user=user,
        f=f,
        title=_("Year roll-over of the call-up pool"),
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        notes=[
            _("Call-up age: Law 78/2015 Art 30 (18 to the end of 25; 27 for graduates deferred "
              "while studying); reserve registration: Art 18.")
        ],
    )  # fmt: skip


ROLLOVER_PAGE_SIZE = 50


@dataclass(frozen=True)
class RolloverPage:
    """One page of one roll-over list for the screen (the whole list goes to the files)."""

    rows: list[tuple[int, RolloverRow]]  # (number across pages, row)
    number: int
    num_pages: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def rollover_page(items: Sequence[RolloverRow], page: int) -> RolloverPage:
    count = len(items)
    num_pages = max(1, -(-count // ROLLOVER_PAGE_SIZE))
    number = min(max(1, page), num_pages)
    start = (number - 1) * ROLLOVER_PAGE_SIZE
    chunk = items[start : start + ROLLOVER_PAGE_SIZE]
    return RolloverPage(
        rows=list(enumerate(chunk, start=start + 1)),
        number=number,
        num_pages=num_pages,
        count=count,
    )
