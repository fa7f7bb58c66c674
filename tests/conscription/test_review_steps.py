"""Review steps: the village nomination (bình cử) and the commune council's review rounds
(xét duyệt), with minutes, attendance, votes and per-citizen outcomes; who may record what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.conscription.selection import selectors as sel
from muster.conscription.selection.models import ReviewKind, ReviewOutcome, ReviewStep
from muster.conscription.selection.services import review as review_services
from muster.geo.models import Unit
from tests.concurrency import needs_postgres, run_threads
from tests.conscription.campaign_factories import dhop_commune
from tests.conscription.selection_factories import campaign_with_quota, fit_people
from tests.core.factories import make_village


def village_of(commune_unit: Unit, name: str) -> Unit:
    return make_village(
        commune_unit, f"{commune_unit.code}-{name[-1]}", name, valid_from=commune_unit.valid_from
    )


@pytest.fixture
def village(units) -> Unit:
    return village_of(units["DHOP"], "Thôn Đức Trung")


def _council(actor, commune, *, outcomes=(), **overrides):
    values = {
        "kind": ReviewKind.COUNCIL_REVIEW,
        "held_on": dt.date(2025, 1, 8),
        "chaired_by": "Nguyễn Văn Bình, Chủ tịch UBND xã",
        "members": 9,
        "present": 8,
        "minutes": "Hội đồng NVQS xã xét duyệt vòng 2.",
        "votes_for": 7,
        "votes_against": 1,
        "abstained": 0,
        "round": 2,
        **overrides,
    }
    return review_services.review_step_record(
        actor=actor, commune=commune, outcomes=tuple(outcomes), **values
    )


def _nomination(actor, commune, village, *, outcomes=(), **overrides):
    values = {
        "kind": ReviewKind.VILLAGE_NOMINATION,
        "village": village,
        "held_on": dt.date(2025, 1, 3),
        "chaired_by": "Trưởng thôn",
        "present": 40,
        "minutes": "Hội nghị bình cử của thôn.",
        "votes_for": 35,
        "votes_against": 3,
        "abstained": 2,
        **overrides,
    }
    return review_services.review_step_record(
        actor=actor, commune=commune, outcomes=tuple(outcomes), **values
    )


def test_the_village_nomination_is_recorded_by_the_commune_command(
    commune, village, units, personas
):
    people = fit_people(units["DHOP"], 2)
    step = _nomination(
        personas["commune_commander"],
        commune,
        village,
        outcomes=[
            review_services.OutcomeInput(
                person=people[0], approved=True, votes_for=30, votes_against=5
            ),
            review_services.OutcomeInput(person=people[1], approved=False, note="đang đi làm xa"),
        ],
    )
    assert step.village == village and step.members is None
    assert {(o.person_id, o.approved) for o in step.outcomes.all()} == {
        (people[0].pk, True),
        (people[1].pk, False),
    }
    event = AuditEvent.objects.get(action="selection.review.record")
    assert event.changes["approved"] == 1 and event.changes["refused"] == 1
    with pytest.raises(PermissionDenied):  # the council's members record their own rounds only
        _nomination(personas["service_council"], commune, village, round=2)


def test_the_council_review_is_recorded_by_the_council_members(commune, units, personas):
    person = fit_people(units["DHOP"], 1)[0]
    with pytest.raises(PermissionDenied):
        _council(personas["commune_commander"], commune)
    with pytest.raises(PermissionDenied):
        _council(personas["leader"], commune)
    step = _council(
        personas["service_council"],
        commune,
        outcomes=[review_services.OutcomeInput(person=person, approved=True)],
    )
    assert step.outcomes.get().approved
    with pytest.raises(ValidationError) as err:  # the same round twice
        _council(personas["service_council"], commune)
    assert "round" in err.value.message_dict
    with pytest.raises(ValidationError):  # Đồng Thanh's council is not Đức Hợp's
        dt_commune = commune.campaign.communes.get(unit=units["DT"])
        _council(personas["service_council"], dt_commune, round=3)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"votes_for": 8, "votes_against": 1}, "votes_for"),  # 9 votes, 8 present
        ({"present": 10}, "present"),  # more present than members
        ({"present": 0, "votes_for": 0, "votes_against": 0}, "present"),
        ({"minutes": "  "}, "minutes"),
        ({"chaired_by": ""}, "chaired_by"),
        ({"round": 0}, "round"),
        ({"held_on": dt.date(2025, 2, 14)}, "held_on"),  # after the handover day
        ({"votes_for": -1}, "votes_for"),
    ],
)
def test_bad_meetings_are_refused_field_by_field(commune, personas, overrides, field):
    with pytest.raises(ValidationError) as err:
        _council(personas["service_council"], commune, **overrides)
    assert field in err.value.message_dict
    assert ReviewStep.objects.count() == 0


def test_votes_on_a_citizen_and_the_majority_rule(commune, units, personas, village):
    person = fit_people(units["DHOP"], 1)[0]
    council = personas["service_council"]
    # 9 votes on him with 8 present.
    with pytest.raises(ValidationError, match="8"):
        _council(council, commune, outcomes=[review_services.OutcomeInput(person, True, 6, 3)])
    # Approved with 4 of 9 members: not more than half of all members (Art 36(3)).
    with pytest.raises(ValidationError, match="36"):
        _council(council, commune, outcomes=[review_services.OutcomeInput(person, True, 4, 2)])
    # The meeting's vote stands for a citizen without his own: 4 of 9 is not enough either.
    with pytest.raises(ValidationError, match="36"):
        _council(
            council,
            commune,
            votes_for=4,
            votes_against=4,
            outcomes=[review_services.OutcomeInput(person, approved=True)],
        )
    # Five of nine is more than half.
    assert _council(
        council, commune, outcomes=[review_services.OutcomeInput(person, True, 5, 3)]
    ).pk
    # A village meeting: more than half of those present.
    commander = personas["commune_commander"]
    with pytest.raises(ValidationError):
        _nomination(
            commander,
            commune,
            village,
            outcomes=[review_services.OutcomeInput(person, True, 20, 10)],
        )
    assert _nomination(
        commander, commune, village, outcomes=[review_services.OutcomeInput(person, True, 21, 10)]
    )


def test_outcomes_are_checked(commune, units, personas, village):
    council = personas["service_council"]
    here = fit_people(units["DHOP"], 1)[0]
    elsewhere = fit_people(units["DT"], 1)[0]
    with pytest.raises(ValidationError, match=elsewhere.full_name):
        _council(
            council, commune, outcomes=[review_services.OutcomeInput(elsewhere, approved=False)]
        )
    with pytest.raises(ValidationError):  # twice in one step
        _council(
            council,
            commune,
            outcomes=[
                review_services.OutcomeInput(here, approved=False),
                review_services.OutcomeInput(here, approved=True),
            ],
        )
    step = _council(council, commune, outcomes=[review_services.OutcomeInput(here, approved=False)])
    with pytest.raises(ValidationError):
        review_services.review_outcome_add(
            actor=council, step=step, outcome=review_services.OutcomeInput(here, approved=True)
        )
    # A nomination names a village of the commune; a council review names none.
    dt_village = village_of(units["DT"], "Thôn Đồng Xá")
    commander = personas["commune_commander"]
    with pytest.raises(ValidationError) as err:
        _nomination(commander, commune, dt_village)
    assert "village" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _nomination(commander, commune, None)
    assert "village" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _council(council, commune, village=village, round=5)
    assert "village" in err.value.message_dict


def test_the_database_refuses_more_votes_than_present(commune):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewStep.objects.create(
            commune=commune,
            kind=ReviewKind.COUNCIL_REVIEW,
            held_on=dt.date(2025, 1, 8),
            chaired_by="x",
            present=3,
            minutes="x",
            votes_for=3,
            votes_against=1,
        )


def test_the_latest_council_round_decides_who_is_in_the_pool(commune, units, personas):
    council = personas["service_council"]
    people = fit_people(units["DHOP"], 3)
    _council(
        council,
        commune,
        round=1,
        outcomes=[review_services.OutcomeInput(people[0], approved=False)],
    )
    pool = {m.person.pk for m in sel.build_pool(commune=commune, service="army").members}
    assert pool == {people[1].pk, people[2].pk}
    _council(
        council,
        commune,
        round=2,
        held_on=dt.date(2025, 1, 12),
        outcomes=[review_services.OutcomeInput(people[0], approved=True)],
    )
    pool = {m.person.pk for m in sel.build_pool(commune=commune, service="army").members}
    assert pool == {p.pk for p in people}


def test_pages_record_a_step_and_add_outcomes_with_htmx(commune, units, personas, client):
    person = fit_people(units["DHOP"], 1)[0]
    campaign = commune.campaign
    url = reverse("campaigns:review_list", args=[campaign.public_id])
    client.force_login(personas["leader"])
    assert client.post(url, {}).status_code == 403
    client.force_login(personas["service_council"])
    form = {
        "r-kind": "council_review",
        "r-commune": str(commune.public_id),
        "r-round": "1",
        "r-held_on": "08/01/2025",
        "r-chaired_by": "Chủ tịch",
        "r-members": "9",
        "r-present": "8",
        "r-votes_for": "9",
        "r-votes_against": "0",
        "r-abstained": "0",
        "r-minutes": "Biên bản",
    }
    bad = client.post(url, form)
    assert bad.status_code == 400
    assert "vượt số người có mặt" in bad.content.decode()
    # The council member cannot choose a village nomination: not among his kinds.
    assert client.post(url, {**form, "r-kind": "village_nomination"}).status_code == 400
    response = client.post(url, {**form, "r-votes_for": "7"})
    assert response.status_code == 302
    step = ReviewStep.objects.get()
    detail = reverse("campaigns:review_detail", args=[step.public_id])
    fragment = client.post(
        detail,
        {"o-national_id": person.national_id, "o-approved": "0", "o-note": "chưa đủ tiêu chuẩn"},
        HTTP_HX_REQUEST="true",
    )
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert person.full_name in fragment.content.decode()
    again = client.post(
        detail,
        {"o-national_id": person.national_id, "o-approved": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert again.status_code == 200 and "đã được ghi nhận ở bước này" in again.content.decode()
    assert ReviewOutcome.objects.get().approved is False
    client.force_login(personas["commune_commander"])
    assert client.post(detail, {"o-national_id": person.national_id}).status_code == 403
    assert client.get(detail).status_code == 200


def test_the_database_refuses_a_second_record_of_the_same_round(commune, village):
    """The service and the model's validation check first; the constraints hold even when
    both are bypassed (bulk_create skips them), for the council (no village: a plain unique
    index would let NULLs through) and per village."""

    def create(**values):
        return ReviewStep.objects.bulk_create([ReviewStep(**values)])

    base = {
        "commune": commune,
        "held_on": dt.date(2025, 1, 8),
        "chaired_by": "Chủ tịch",
        "present": 5,
        "minutes": "Biên bản.",
    }
    create(kind=ReviewKind.COUNCIL_REVIEW, round=1, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        create(kind=ReviewKind.COUNCIL_REVIEW, round=1, **base)
    create(kind=ReviewKind.COUNCIL_REVIEW, round=2, **base)
    nomination = {"kind": ReviewKind.VILLAGE_NOMINATION, "round": 1, **base}
    create(village=village, **nomination)
    with pytest.raises(IntegrityError), transaction.atomic():
        create(village=village, **nomination)
    other = village_of(commune.unit, "Thôn Đức Hạ")
    create(village=other, **nomination)
    assert ReviewStep.objects.filter(commune=commune).count() == 4


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_recording_the_same_round_at_once_leave_one(units, personas):
    """Both pass the service's check before either writes; the constraint refuses the second,
    which gets the same Vietnamese message as a sequential duplicate."""
    needs_postgres("two connections at once")
    campaign = campaign_with_quota(units, personas["district_officer"])
    commune = dhop_commune(campaign, units)
    actor = personas["service_council"]
    messages: list[str] = []

    def record(index: int) -> None:
        try:
            _council(actor, commune, round=1)
        except ValidationError as exc:
            messages.extend(exc.message_dict["round"])

    assert run_threads(4, record) == []
    assert ReviewStep.objects.filter(commune=commune, kind=ReviewKind.COUNCIL_REVIEW).count() == 1
    assert messages == ["Vòng này đã được ghi nhận."] * 3
