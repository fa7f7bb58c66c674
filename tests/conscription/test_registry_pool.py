"""The registry pool judges each man from prefetched rows exactly as from his own queries."""

from __future__ import annotations

import datetime as dt

from muster.conscription.campaign import pool as campaign_pool
from muster.conscription.dossiers.models import Dossier
from muster.conscription.eligibility.selectors import facts_for_person
from muster.health.models import HealthCall, HealthSession
from muster.people.models import FamilyTie, Relation
from muster.people.registration.models import BarKind, RegistrationBar
from tests.conscription.campaign_factories import verify_political
from tests.core.factories import make_person

HANDOVER = dt.date(2025, 2, 13)


def _world(units):
    commune = units["DHOP"]
    born = dt.date(2004, 5, 1)
    fit = make_person(commune, full_name="Nguyễn Văn An", date_of_birth=born)
    session = HealthSession.objects.create(
        kind="examination", unit=units["KD"], date=dt.date(2024, 11, 20), place="TTYT"
    )
    HealthCall.objects.create(
        session=session,
        person=fit,
        notified_on=dt.date(2024, 11, 1),
        health_class=2,
        concluded_on=session.date,
        bmi=21,
    )
    unfit = make_person(commune, full_name="Trần Văn Bình", date_of_birth=born)
    HealthCall.objects.create(
        session=session, person=unfit, notified_on=dt.date(2024, 11, 1), health_class=4,
        concluded_on=session.date, bmi=17,
    )  # fmt: skip
    expired = make_person(commune, full_name="Lê Văn Cường", date_of_birth=born)
    old = HealthSession.objects.create(
        kind="examination", unit=units["KD"], date=dt.date(2024, 1, 10), place="TTYT"
    )
    HealthCall.objects.create(
        session=old, person=expired, notified_on=dt.date(2023, 12, 20), health_class=1,
        concluded_on=old.date, bmi=22,
    )  # fmt: skip
    deferred = make_person(commune, full_name="Phạm Văn Dũng", date_of_birth=born)
    Dossier.objects.create(
        person=deferred, kind="deferral", ground="41.1.b", ground_citation="Art 41(1)(b)",
        state="granted", proposed_on=dt.date(2024, 9, 1), reviewed_on=dt.date(2024, 9, 5),
        decision_date=dt.date(2024, 9, 20), authority="district_chairman",
    )  # fmt: skip
    ended = make_person(commune, full_name="Vũ Văn Em", date_of_birth=born)
    Dossier.objects.create(
        person=ended, kind="deferral", ground="41.1.b", ground_citation="Art 41(1)(b)",
        state="granted", proposed_on=dt.date(2024, 1, 1), reviewed_on=dt.date(2024, 1, 5),
        decision_date=dt.date(2024, 1, 20), authority="district_chairman",
        end_date=dt.date(2025, 1, 1),
    )  # fmt: skip
    barred = make_person(commune, full_name="Đỗ Văn Giang", date_of_birth=born)
    RegistrationBar.objects.create(
        person=barred, kind=BarKind.BARRED_ART13, ground="Đang chấp hành án",
        legal_citation="Art 13(1)(a)", start_date=dt.date(2024, 6, 1),
    )  # fmt: skip
    martyr = make_person(commune, full_name="Bùi Văn Hải", date_of_birth=born)
    FamilyTie.objects.create(
        person=martyr, relation=Relation.FATHER, relative_name="Bùi Văn Liệt", is_martyr=True
    )
    make_person(commune, full_name="Ngô Văn Khải", date_of_birth=born)  # not examined
    return commune


def test_prefetched_facts_are_the_queried_facts(units):
    commune = _world(units)
    pairs = campaign_pool.pool_verdicts(commune, HANDOVER)
    assert len(pairs) == 8
    for person, _verdict in pairs:
        prefetched = facts_for_person(
            person=person,
            on=HANDOVER,
            ties=person.pool_ties,
            bars=person.pool_bars,
            health_calls=person.pool_calls,
            dossiers=person.pool_dossiers,
        )
        assert prefetched == facts_for_person(person=person, on=HANDOVER), person.full_name


def test_the_rows_read_for_the_pool_give_the_queried_facts_and_verdicts(units):
    """The province-scale path reads plain rows, not models: the same facts, the same
    verdicts, and the same men as the model path."""
    commune = _world(units)
    people = [person for person, _verdict in campaign_pool.pool_verdicts(commune, HANDOVER)]
    verify_political(people[0])
    verify_political(people[1], outcome="fail")
    verify_political(people[2], on=HANDOVER + dt.timedelta(days=1))  # after the day: unknown
    pairs = campaign_pool.pool_verdicts(commune, HANDOVER)
    rows = campaign_pool.pool_facts(commune, HANDOVER)
    judged = campaign_pool.pool_judged(commune, HANDOVER)
    assert list(rows) == [person.pk for person, _verdict in pairs]
    for person, verdict in pairs:
        assert rows[person.pk] == facts_for_person(person=person, on=HANDOVER), person.full_name
        assert judged[person.pk] == verdict, person.full_name
    assert any(campaign_pool.definite_bars(v) for v in judged.values())
    assert [rows[p.pk].political for p in people[:3]] == ["pass", "fail", "unknown"]


def test_ties_outside_bearing_add_nothing_to_the_facts(units):
    """The pool reads only the ties that can bear on the call-up (``people.models.BEARING``,
    its partial index): every other tie must leave the facts as they are."""
    from muster.people.models import BEARING

    commune = units["DHOP"]
    born = dt.date(2004, 5, 1)
    bearing = [
        {"relation": Relation.FATHER, "is_martyr": True},
        {"relation": Relation.MOTHER, "war_invalid_class": 2},
        {"relation": Relation.FATHER, "war_invalid_class": 1},
        {"relation": Relation.FATHER, "sick_soldier_loss_pct": 70},
        {"relation": Relation.BROTHER, "is_martyr": True},
        {"relation": Relation.SISTER, "serving_as_soldier": True},
    ]
    plain = [
        {"relation": r, "war_invalid_loss_pct": 30, "heroic_mother": True, "able_to_work": False}
        for r in Relation.values
    ]
    for n, tie in enumerate(bearing):
        man = make_person(commune, full_name=f"Hà Văn Tình {n}", date_of_birth=born)
        for extra in plain:
            FamilyTie.objects.create(person=man, relative_name="Người thân", **extra)
        FamilyTie.objects.create(person=man, relative_name="Người thân", **tie)
        every = facts_for_person(person=man, on=HANDOVER)
        assert FamilyTie.objects.filter(BEARING, person=man).count() == 1
        assert every == facts_for_person(
            person=man, on=HANDOVER, ties=FamilyTie.objects.filter(BEARING, person=man)
        )
        assert every != facts_for_person(person=man, on=HANDOVER, ties=[]), tie
        assert campaign_pool.pool_facts(commune, HANDOVER)[man.pk] == every


def test_the_pool_reads_a_fixed_number_of_queries(units, django_assert_max_num_queries):
    commune = _world(units)
    for extra in range(30):
        make_person(commune, full_name=f"Trần Văn Thêm {extra}", date_of_birth=dt.date(2004, 1, 1))
    with django_assert_max_num_queries(10):
        assert len(campaign_pool.pool_judged(commune, HANDOVER)) == 38


def test_no_verdict_before_the_encoded_law(units):
    commune = _world(units)
    make_person(commune, full_name="Đỗ Văn Cũ", date_of_birth=dt.date(1995, 1, 1))
    before = dt.date(2018, 6, 1)
    judged = campaign_pool.pool_judged(commune, before)
    assert len(judged) == 1 and all(v is None for v in judged.values())
    assert [v for _p, v in campaign_pool.pool_verdicts(commune, before)] == [None]


def test_the_pool_counts_the_callable_and_the_not_yet_examined(
    units, django_assert_max_num_queries
):
    commune = _world(units)
    from muster.conscription.campaign.models import Campaign, CampaignCommune

    campaign = Campaign.objects.create(
        unit=units["KD"], year=2025, exam_start=dt.date(2024, 11, 1),
        exam_end=dt.date(2024, 12, 31), handover_start=HANDOVER,
    )  # fmt: skip
    row = CampaignCommune.objects.create(campaign=campaign, unit=commune)
    with django_assert_max_num_queries(12):  # not one per citizen
        pool = campaign_pool.registry_pool(row, HANDOVER)
    # An (class 2), Cường (his result expired: not examined yet), Em (deferral ended), Khải
    # (not examined); not Bình (class 4), Dũng (deferred), Giang (barred), Hải (exempt).
    assert pool == 4
