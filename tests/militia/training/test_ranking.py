"""The ranking of a competition (hội thao): units by the average of their members' results
(good 2, pass 1, fail 0; equal scores share a rank), members good first; shown on the
session page of a competition only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from muster.militia.training import selectors as sel
from muster.militia.training import services
from muster.militia.training.ranking import competition_ranking
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit


def _competition(actor, commune, kind="competition"):
    plan = {p.component: p for p in services.plan_year(actor=actor, commune=commune, year=2025)}
    return services.session_record(
        actor=actor,
        plan=plan["mobile"],
        starts_on=dt.date(2025, 4, 7),
        ends_on=dt.date(2025, 4, 7),
        days=1,
        place="Sân UBND xã",
        subject="Hội thao bắn súng",
        kind=kind,
    )


def _results(actor, session, results):
    services.attendance_record(
        actor=actor,
        session=session,
        rows=[services.AttendanceRow(m, True, 1, r) for m, r in results],
    )


def test_units_ranked_by_average_result_and_ties_share_a_rank(personas, force, units):
    commander, dhop = personas["commune_commander"], units["DHOP"]
    second = make_militia_unit(dhop, name="Trung đội cơ động 2")
    third = make_militia_unit(dhop, name="Trung đội cơ động 3")
    best = make_member(make_person(dhop, full_name="Hà Văn Giỏi"), unit=second)
    tied = make_member(make_person(dhop, full_name="Hà Văn Đạt"), unit=third)
    session = _competition(commander, dhop)
    m = force["members"]
    _results(
        commander,
        session,
        [
            (m["first"], "good"),
            (m["second"], "pass"),
            (m["third"], "fail"),
            (best, "good"),
            (tied, "pass"),
        ],
    )
    ranking = competition_ranking(sel.attendance_sheet(user=commander, session=session))
    got = [(u.rank, u.unit.name, u.score, u.ranked) for u in ranking.units]  # type: ignore[union-attr]
    assert got == [
        (1, "Trung đội cơ động 2", Decimal("2.00"), 1),
        (2, "Trung đội cơ động", Decimal("1.00"), 3),
        (2, "Trung đội cơ động 3", Decimal("1.00"), 1),
    ]
    names = [r.membership.person.full_name for r in ranking.members]
    assert names[:2] == ["Hà Văn Giỏi", "Lê Văn An"] and names[-1] == "Ngô Văn Cường"


def test_ranking_shown_on_a_competition_page_only(login, personas, force, units):
    commander, dhop = personas["commune_commander"], units["DHOP"]
    session = _competition(commander, dhop)
    _results(commander, session, [(force["members"]["first"], "good")])
    client = login(commander)
    page = client.get(reverse("militia:training_session", args=[session.public_id]))
    text = page.content.decode()
    assert page.status_code == 200 and 'data-testid="ranking"' in text
    assert 'data-rank="1"' in text and "Trung đội cơ động" in text
    training = _competition(commander, dhop, kind="training")
    page = client.get(reverse("militia:training_session", args=[training.public_id]))
    assert 'data-testid="ranking"' not in page.content.decode()
