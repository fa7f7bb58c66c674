"""Postings of a commune formed in 2025 (issue 15, item 12): the new Đức Hợp holds the citizens
registered at Phú Thọ, Mai Động and the old Đức Hợp (``people.succession.holding``), so its
lists gather their results and decisions although none of them is registered at it."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.conscription.campaign import services as cs
from muster.conscription.postings import selectors as sel
from muster.conscription.postings import services as ps
from muster.conscription.postings.models import PostingKind
from tests.conscription.posting_factories import grant, result
from tests.core.factories import make_person

D = dt.date


@pytest.fixture
def campaign(units, personas):
    """The 2027 campaign of the regional defence command for the four successor communes."""
    return cs.campaign_create(
        actor=personas["admin"],
        unit=units["PTKV1"],
        year=2027,
        call=1,
        calendar=cs.CalendarInput(
            exam_start=D(2026, 11, 1), exam_end=D(2026, 12, 31), handover_start=D(2027, 3, 3)
        ),
    )


@pytest.fixture
def held(units):
    """Citizens registered before the merger: two at units that became the new Đức Hợp, one at
    Đồng Thanh (which did not)."""
    return {
        "an": make_person(units["DHOP"], full_name="Nguyễn Văn An", date_of_birth=D(2007, 5, 1)),
        "binh": make_person(units["MD"], full_name="Trần Văn Bình", date_of_birth=D(2007, 2, 3)),
        "dt": make_person(units["DT"], full_name="Lê Văn Dũng", date_of_birth=D(2007, 3, 3)),
    }


def _commune(campaign, unit):
    return campaign.communes.select_related("unit", "campaign").get(unit=unit)


def _names(gathered):
    return sorted(record.name for _id, record in gathered.items)


def test_the_new_commune_gathers_the_results_of_its_predecessors(campaign, units, held):
    for person in held.values():
        result(person, day=D(2026, 11, 20), unit=units["PTKV1"])
    gathered = sel.gather(
        commune=_commune(campaign, units["DHOP25"]),
        kind=PostingKind.EXAM_RESULTS,
        as_of=D(2026, 12, 1),
    )
    assert _names(gathered) == ["Nguyễn Văn An", "Trần Văn Bình"]


def test_the_new_commune_gathers_the_dossiers_of_its_predecessors(campaign, units, held):
    for person in held.values():
        grant(person, decided=D(2026, 12, 10), authority="provincial_chairman")
    gathered = sel.gather(
        commune=_commune(campaign, units["DHOP25"]),
        kind=PostingKind.DEFERRAL_EXEMPTION,
        as_of=D(2026, 12, 20),
    )
    assert _names(gathered) == ["Nguyễn Văn An", "Trần Văn Bình"]


def test_the_new_commune_posts_and_its_board_counts_them(campaign, units, held, personas):
    for person in held.values():
        result(person, day=D(2026, 11, 20), unit=units["PTKV1"])
    commune = _commune(campaign, units["DHOP25"])
    posting = ps.posting_publish(
        actor=personas["admin"],
        commune=commune,
        kind=PostingKind.EXAM_RESULTS,
        data=ps.PostingInput(posted_on=D(2026, 12, 1), places=["hq"]),
    )
    assert len(posting.source_ids) == 2
    rows = sel.board(user=personas["admin"], campaign=campaign, today=D(2026, 12, 2))
    cells = {(row.commune.unit.code, cell.kind): cell for row in rows for cell in row.cells}
    exam = cells[(units["DHOP25"].code, PostingKind.EXAM_RESULTS)]
    assert (exam.records, exam.changed, exam.current) == (2, 0, posting)
