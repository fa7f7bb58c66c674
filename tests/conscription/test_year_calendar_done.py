"""The year calendar's done flags read from live data for the steps the plan only dated: the
April registration (its 10-day report), the pool review and the council's review rounds, the
screening and examination sessions, the call-up decisions and the handover."""

from __future__ import annotations

import datetime as dt

from muster.conscription.selection.models import ReviewKind, ReviewStep
from muster.conscription.year import selectors
from muster.conscription.year import sources as readers
from muster.health.models import HealthCall, HealthSession
from muster.law.callup.year import Step
from muster.law.text import Text
from muster.people.registration.models import RegistrationReport
from tests.conscription.campaign_factories import issue_decision, make_fit
from tests.conscription.selection_factories import HANDOVER, handed_over
from tests.core.factories import make_person

D = dt.date
Status = selectors.Status


def by_code(unit, year, today):
    return {e.step.code: e for e in selectors.commune_calendar(unit, year, today)}


def test_april_registration_done_from_its_report(units):
    dh, lb = units["DHOP"], units["DT"]
    RegistrationReport.objects.create(
        unit=dh, registration_date=D(2025, 4, 15), number="1/BC", reported_on=D(2025, 4, 20),
        recipient="x", registered=3, due_date=D(2025, 4, 25), legal_citation="x",
    )  # fmt: skip
    mine = by_code(dh, 2025, D(2025, 5, 5))["april_registration.2025"]
    assert (mine.status, mine.done_on) == (Status.DONE, D(2025, 4, 15))
    assert by_code(lb, 2025, D(2025, 4, 30))["april_registration.2025"].status == Status.DUE
    assert by_code(lb, 2025, D(2025, 5, 1))["april_registration.2025"].status == Status.LATE


def test_campaign_steps_done_from_sessions_decisions_and_handover(units, officer, commune):
    dh = units["DHOP"]
    person = make_fit(dh)  # examined 20/11/2024
    # Before any screening session the step is tracked: late once its window has closed.
    assert by_code(dh, 2024, D(2024, 10, 23))["screening.2025"].status == Status.LATE
    session = HealthSession.objects.create(
        kind="screening", unit=dh, date=D(2024, 10, 10), place="Trạm y tế"
    )
    HealthCall.objects.create(session=session, person=make_person(dh, full_name="Sơ Tuyển"))
    year_2024 = by_code(dh, 2024, D(2024, 12, 31))
    assert year_2024["screening.2025"].status == Status.DONE
    assert year_2024["screening.2025"].done_on == D(2024, 10, 10)
    assert year_2024["examination.2025"].done_on == D(2024, 11, 20)
    before = by_code(dh, 2025, D(2025, 1, 22))
    assert before["callup_decisions.2025"].status == Status.DUE
    issue_decision(officer, commune, person)  # 20/01/2025
    handed_over(officer, commune)
    after = by_code(dh, 2025, D(2025, 3, 1))
    assert after["callup_decisions.2025"].status == Status.DONE
    assert after["callup_decisions.2025"].done_on == D(2025, 1, 20)
    assert (after["handover.2025"].status, after["handover.2025"].done_on) == (
        Status.DONE,
        HANDOVER,
    )
    # Đồng Thanh issued nothing: late the day after the last day.
    theirs = by_code(units["DT"], 2025, D(2025, 3, 1))
    assert theirs["callup_decisions.2025"].status == Status.LATE


def _step(kind, due):
    return Step(f"{kind}.2025", kind, Text("x", "x"), due, (), campaign_year=2025)


def test_review_rounds_held(units, commune):
    dh, lb = units["DHOP"], units["DT"]
    for kind, day in (
        (ReviewKind.POOL_REVIEW, D(2024, 8, 10)),
        (ReviewKind.COUNCIL_REVIEW, D(2025, 1, 8)),
    ):
        ReviewStep.objects.create(
            commune=commune, kind=kind, held_on=day, chaired_by="Chủ tịch", minutes="Biên bản"
        )
    ids = [dh.pk, lb.pk]
    assert readers.pool_review_done(_step("pool_review", D(2024, 8, 15)), ids) == {
        dh.pk: D(2024, 8, 10)
    }
    assert readers.nomination_done(_step("nomination", D(2025, 1, 10)), ids) == {
        dh.pk: D(2025, 1, 8)
    }
    # Another campaign's rounds are not this one's.
    other = Step(
        "nomination.2026", "nomination", Text("x", "x"), D(2026, 1, 10), (), campaign_year=2026
    )
    assert readers.nomination_done(other, ids) == {}
