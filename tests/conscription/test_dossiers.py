"""Deferral and exemption dossiers: grounds by date, the state machine, the authority named by
the law of the decision date, end dates and the re-review list, the engine's facts, access."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.dossiers.selectors import rereview_list
from muster.conscription.dossiers.services import (
    dossier_decide,
    dossier_end,
    dossier_propose,
    dossier_review,
)
from muster.conscription.eligibility.selectors import facts_for_person, verdict_for_person
from muster.law.callup.dossiers import computed_end
from tests.core.factories import make_person

PROPOSED = dt.date(2025, 6, 1)


def _propose(personas, person, ground="41.1.g", end=dt.date(2027, 6, 30), **kw) -> Dossier:
    return dossier_propose(
        actor=personas["commune_commander"],
        person=person,
        ground=ground,
        proposed_on=kw.pop("proposed_on", PROPOSED),
        evidence="Giấy xác nhận của trường",
        end_date=end,
        **kw,
    )


def _review(personas, dossier, day=dt.date(2025, 6, 10)) -> Dossier:
    return dossier_review(
        actor=personas["service_council"],
        dossier=dossier,
        reviewed_on=day,
        votes_for=7,
        votes_against=1,
        minutes="Hội đồng NVQS xã thống nhất đề nghị.",
    )


def _decide(personas, dossier, day, granted=True) -> Dossier:
    return dossier_decide(
        actor=personas["district_officer"],
        dossier=dossier,
        granted=granted,
        decision_number="123/QĐ-UBND",
        decision_date=day,
    )


@pytest.fixture
def person(units):
    return make_person(units["DHOP"], date_of_birth=dt.date(2005, 3, 14))


@pytest.mark.parametrize(
    ("day", "authority"),
    [(dt.date(2025, 6, 30), "district_chairman"), (dt.date(2025, 7, 1), "provincial_chairman")],
)
def test_the_authority_is_the_one_of_the_decision_date(personas, person, day, authority):
    dossier = _decide(personas, _review(personas, _propose(personas, person)), day)
    assert dossier.state == DossierState.GRANTED
    assert dossier.authority == authority
    assert "Art 42(1)" in dossier.authority_citation
    if authority == "provincial_chairman":
        assert "98/2025" in dossier.authority_citation
    assert AuditEvent.objects.filter(action="dossier.decide").count() == 1


def test_decision_page_names_the_authority(login, personas, person):
    dossier = _decide(personas, _review(personas, _propose(personas, person)), dt.date(2025, 7, 1))
    client = login(personas["commune_clerk"])
    html = client.get(reverse("dossiers:dossier_detail", args=[dossier.public_id])).content
    assert 'id="authority"' in html.decode()


def test_state_machine_refuses_skipped_and_repeated_steps(personas, person):
    dossier = _propose(personas, person)
    with pytest.raises(ValidationError) as err:
        _decide(personas, dossier, dt.date(2025, 6, 20))
    assert "Reviewed by the commune council" in " ".join(err.value.messages) or err.value.messages
    with pytest.raises(ValidationError):
        dossier_end(
            actor=personas["district_officer"], dossier=dossier, ended_on=dt.date(2025, 7, 1)
        )
    reviewed = _review(personas, dossier)
    with pytest.raises(ValidationError):
        _review(personas, reviewed)
    refused = _decide(personas, reviewed, dt.date(2025, 6, 20), granted=False)
    assert refused.state == DossierState.REFUSED
    for attempt in (
        lambda: _decide(personas, refused, dt.date(2025, 6, 21)),
        lambda: dossier_end(
            actor=personas["district_officer"], dossier=refused, ended_on=dt.date(2025, 7, 1)
        ),
    ):
        with pytest.raises(ValidationError):
            attempt()
    refused.refresh_from_db()
    assert refused.state == DossierState.REFUSED
    assert refused.decision_date == dt.date(2025, 6, 20)


def test_refusal_page_shows_a_clear_message(login, personas, person):
    dossier = _propose(personas, person)
    client = login(personas["district_officer"])
    url = reverse("dossiers:dossier_decide", args=[dossier.public_id])
    response = client.post(
        url, {"outcome": "grant", "decision_number": "1/QĐ", "decision_date": "20/06/2025"}
    )
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.PROPOSED


def test_dates_must_follow_each_other(personas, person):
    dossier = _propose(personas, person)
    with pytest.raises(ValidationError) as err:
        _review(personas, dossier, day=PROPOSED - dt.timedelta(days=1))
    assert "reviewed_on" in err.value.message_dict
    reviewed = _review(personas, dossier)
    with pytest.raises(ValidationError) as err:
        _decide(personas, reviewed, dt.date(2025, 6, 9))
    assert "decision_date" in err.value.message_dict


def test_roles(personas, person):
    proposal = {"person": person, "ground": "41.1.b", "proposed_on": PROPOSED, "evidence": "x"}
    with pytest.raises(PermissionDenied):
        dossier_propose(actor=personas["health_council"], **proposal)
    dossier = _propose(personas, person)
    with pytest.raises(PermissionDenied):
        dossier_review(
            actor=personas["commune_commander"],
            dossier=dossier,
            reviewed_on=PROPOSED,
            votes_for=1,
            votes_against=0,
            minutes="x",
        )
    with pytest.raises(ValidationError):  # Đồng Thanh's commander: outside his area
        dossier_propose(actor=personas["other_commander"], **proposal)


@pytest.mark.parametrize(
    ("ground", "kwargs", "field"),
    [
        ("41.1.h", {"proposed_on": dt.date(2020, 6, 30), "end": dt.date(2022, 1, 1)}, "ground"),
        ("41.1.g", {"end": None}, "end_date"),
        ("41.2.a", {"end": dt.date(2030, 1, 1)}, "end_date"),
        ("41.1.đ", {"end": None}, "ground_start"),
        ("41.1.đ", {"end": None, "ground_start": dt.date(2022, 6, 1)}, "ground_start"),
        ("41.1.d", {"end": PROPOSED}, "end_date"),
        ("41.9.z", {"end": None}, "ground"),
    ],
)
def test_bad_proposals_are_refused_without_writing(personas, person, ground, kwargs, field):
    with pytest.raises(ValidationError) as err:
        _propose(personas, person, ground=ground, **kwargs)
    assert field in err.value.message_dict
    assert not Dossier.objects.exists()


def test_one_open_dossier_per_ground(personas, person):
    _propose(personas, person)
    with pytest.raises(ValidationError) as err:
        _propose(personas, person)
    assert "ground" in err.value.message_dict
    assert Dossier.objects.count() == 1


def test_resettlement_ends_three_years_after(personas, person):
    dossier = _propose(
        personas, person, ground="41.1.đ", end=None, ground_start=dt.date(2023, 9, 1)
    )
    assert dossier.end_date == dt.date(2026, 9, 1) == computed_end("41.1.đ", dt.date(2023, 9, 1))
    assert dossier.kind == "deferral"


def test_rereview_list_on_the_day_before_and_the_day_of_the_end(personas, person, units):
    end = dt.date(2027, 6, 30)
    dossier = _decide(
        personas, _review(personas, _propose(personas, person, end=end)), dt.date(2025, 7, 1)
    )
    other = make_person(units["DT"], full_name="Lê Văn Cường")
    theirs = dossier_propose(
        actor=personas["other_commander"],
        person=other,
        ground="41.1.g",
        proposed_on=PROPOSED,
        evidence="x",
        end_date=end,
    )
    theirs = dossier_review(
        actor=personas["admin"],
        dossier=theirs,
        reviewed_on=PROPOSED,
        votes_for=5,
        votes_against=0,
        minutes="x",
    )
    _decide(personas, theirs, dt.date(2025, 7, 1))
    assert list(rereview_list(user=personas["leader"], on=end)) == [theirs, dossier]  # by name
    commander = personas["commune_commander"]
    assert list(rereview_list(user=commander, on=end - dt.timedelta(days=1))) == []
    assert list(rereview_list(user=commander, on=end)) == [dossier]  # Đồng Thanh's is not his
    dossier_end(
        actor=personas["district_officer"], dossier=dossier, ended_on=end, note="Tốt nghiệp"
    )
    assert list(rereview_list(user=commander, on=end)) == []


def test_rereview_page(login, personas, person):
    end = dt.date(2027, 6, 30)
    _decide(personas, _review(personas, _propose(personas, person, end=end)), dt.date(2025, 7, 1))
    client = login(personas["leader"])
    url = reverse("dossiers:rereview_list")
    assert person.full_name not in client.get(url, {"on": "29/06/2027"}).content.decode()
    assert person.full_name in client.get(url, {"on": "30/06/2027"}).content.decode()


def test_a_granted_dossier_feeds_the_engine_while_it_stands(personas, person):
    dossier = _propose(personas, person, ground="41.1.b", end=dt.date(2026, 12, 31))
    assert "41.1.b" not in _codes(person, dt.date(2025, 8, 1))
    _decide(personas, _review(personas, dossier), dt.date(2025, 7, 1))
    assert not facts_for_person(person=person, on=dt.date(2025, 6, 30)).sole_breadwinner
    assert facts_for_person(person=person, on=dt.date(2025, 7, 1)).sole_breadwinner
    assert "41.1.b" in _codes(person, dt.date(2025, 8, 1))
    assert "41.1.b" not in _codes(person, dt.date(2026, 12, 31))


def test_an_exemption_decision_feeds_the_engine(personas, person):
    dossier = _propose(personas, person, ground="41.2.đ", end=None)
    _decide(personas, _review(personas, dossier), dt.date(2025, 7, 1))
    verdict = verdict_for_person(person=person, on=dt.date(2025, 9, 1))
    assert verdict is not None
    assert [r.code for r in verdict.exemptions] == ["41.2.đ"]


def _codes(person, on):
    verdict = verdict_for_person(person=person, on=on)
    assert verdict is not None
    return [r.code for r in verdict.deferrals + verdict.exemptions]


# --------------------------------------------------------------------------------- access


@pytest.fixture
def pair(personas, units, person):
    inside = _propose(personas, person)
    outside = dossier_propose(
        actor=personas["other_commander"],
        person=make_person(units["DT"], full_name="Lê Văn Cường"),
        ground="41.1.b",
        proposed_on=PROPOSED,
        evidence="x",
    )
    return {"in": inside, "out": outside}


@pytest.mark.parametrize(
    ("name", "allowed", "denied"),
    [
        ("dossiers:dossier_detail", "commune_clerk", None),
        ("dossiers:dossier_review", "service_council", "commune_clerk"),
        ("dossiers:dossier_decide", "commune_commander", "service_council"),
        ("dossiers:dossier_end", "commune_commander", "commune_auditor"),
    ],
)
def test_dossier_urls_access(client, personas, pair, name, allowed, denied):
    inside = reverse(name, args=[pair["in"].public_id])
    outside = reverse(name, args=[pair["out"].public_id])
    response = client.get(inside)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(personas[allowed])
    assert client.get(inside).status_code == 200
    assert client.get(outside).status_code == 404
    if denied:
        client.force_login(personas[denied])
        assert client.get(inside).status_code == 403
        assert client.get(outside).status_code == 404


def test_propose_url_access(client, personas, units, person):
    inside = reverse("dossiers:dossier_create", args=[person.public_id])
    outside = reverse("dossiers:dossier_create", args=[make_person(units["DT"]).public_id])
    assert client.get(inside).status_code == 302
    client.force_login(personas["commune_clerk"])
    assert client.get(inside).status_code == 403
    assert client.get(outside).status_code == 404
    client.force_login(personas["commune_commander"])
    assert client.get(inside).status_code == 200
    response = client.post(
        inside,
        {
            "ground": "41.1.g",
            "proposed_on": "01/06/2025",
            "evidence": "Giấy xác nhận",
            "end_date": "30/06/2027",
        },
    )
    assert response.status_code == 302
    assert Dossier.objects.get().ground == "41.1.g"


@pytest.mark.parametrize("name", ["dossiers:dossier_list", "dossiers:rereview_list"])
def test_list_urls_access(client, personas, pair, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(personas["commune_clerk"])
    response = client.get(reverse(name), {"on": "01/01/2030"})
    assert response.status_code == 200
    assert "Lê Văn Cường" not in response.content.decode()
