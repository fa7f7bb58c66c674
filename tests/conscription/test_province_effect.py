"""A decided province decision writes back into what it covers, in the decision's own
transaction: the list decision approves the frozen lists, the deferral decision grants (or, for
the items the chairman rejected, refuses) the reviewed dossiers, the quota decision confirms the
shares in force. A stale proposal is refused and nothing is written. The official PDF."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from muster.accounts.models import Role
from muster.accounts.services import system_actor
from muster.audit.models import AuditEvent
from muster.conscription import perms
from muster.conscription.campaign.models import Allocation
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.dossiers.services import dossier_propose, dossier_review
from muster.conscription.province import services as ps
from muster.conscription.province.models import ProvinceDecision
from muster.conscription.selection.models import SelectionEntry, SelectionList
from muster.geo.services import unit_create
from tests.conftest import make_user
from tests.conscription.province_factories import receive
from tests.core.factories import make_person

DECIDED = dt.date(2025, 10, 20)


def _frozen(commune, people, *, service: str = "army") -> SelectionList:
    """A frozen list of ``commune`` whose official places are ``people`` (in order)."""
    selection = SelectionList.objects.create(
        commune=commune,
        service=service,
        state="frozen",
        commitment="0" * 64,
        seed="s" * 32,
        frozen_at=timezone.now(),
        quota=len(people),
    )
    for place, person in enumerate(people, start=1):
        SelectionEntry.objects.create(
            selection=selection,
            person=person,
            place=place,
            list_kind="official",
            education=12,
            health_class=1,
            draw=f"{place:064d}",
        )
    return selection


@pytest.fixture
def lists(province, units):
    """Two communes' frozen army lists of Hưng Yên's campaign and the council's proposal."""
    receive(province)
    campaign = province["campaign"]
    communes = list(campaign.communes.select_related("unit").order_by("unit__path")[:2])
    frozen = []
    for n, commune in enumerate(communes):
        people = [make_person(commune.unit, full_name=f"Nguyễn Văn Ấn {n}{i}") for i in range(2)]
        frozen.append(_frozen(commune, people))
    proposal = ps.decision_propose(
        actor=province["council"],
        campaign=campaign,
        kind="callup_list",
        proposal_number="220/TTr-HĐNVQS",
        proposed_on=dt.date(2025, 10, 12),
    )
    return {**province, "lists": frozen, "proposal": proposal}


def decide(world, decision, **kw) -> ProvinceDecision:
    return ps.decision_decide(
        actor=kw.pop("actor", world["chairman"]),
        decision=decision,
        number=kw.pop("number", "2320/QĐ-UBND"),
        decided_on=kw.pop("decided_on", DECIDED),
        signer="Nguyễn Văn Chủ tịch",
        **kw,
    )


def test_a_decided_list_decision_approves_the_lists(lists) -> None:
    decided = decide(lists, lists["proposal"])
    assert decided.status == "decided"
    for selection in lists["lists"]:
        selection.refresh_from_db()
        assert selection.approved_on == DECIDED
        assert selection.approval_number == "2320/QĐ-UBND"
        assert selection.approval_authority == "provincial_chairman"
        assert "220/TTr-HĐNVQS" in selection.council_proposal
    approvals = AuditEvent.objects.filter(action="selection.approve", actor=lists["chairman"])
    assert approvals.count() == 2


@pytest.mark.parametrize("change", ["approved", "entries"])
def test_a_stale_list_refuses_the_decision_and_writes_nothing(lists, change) -> None:
    first, second = lists["lists"]
    if change == "approved":  # approved meanwhile by someone else
        SelectionList.objects.filter(pk=second.pk).update(
            approved_on=dt.date(2025, 10, 15), approval_number="1/QĐ"
        )
    else:  # an official place changed since the proposal froze the list
        entry = second.entries.get(place=2)
        entry.person = make_person(second.commune.unit, full_name="Trần Văn Mới")
        entry.save()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match=second.commune.unit.name):
        decide(lists, lists["proposal"])
    lists["proposal"].refresh_from_db()
    assert lists["proposal"].status == "proposed" and lists["proposal"].number == ""
    first.refresh_from_db()
    assert first.approved_on is None and first.approval_number == ""  # no partial write
    assert AuditEvent.objects.count() == events


def test_the_council_cannot_decide_and_another_province_gets_404(lists, login) -> None:
    with pytest.raises(PermissionDenied):
        decide(lists, lists["proposal"], actor=lists["council"])
    url = reverse("campaigns:province_decision", kwargs={"public_id": lists["proposal"].public_id})
    posted = login(lists["council"]).post(
        url, {"d-number": "9/QĐ", "d-decided_on": "20/10/2025", "d-signer": "X"}
    )
    assert posted.status_code == 403
    assert SelectionList.objects.filter(approved_on__isnull=False).count() == 0

    system = system_actor()
    other = unit_create(
        actor=system,
        code="27",
        kind="province",
        name="Bắc Ninh",
        parent=None,
        valid_from=dt.date(2025, 7, 1),
    )
    outsider = make_user("bn.chairman", Role.PROVINCE_CHAIRMAN, other)
    client = login(outsider)
    posted = client.post(url, {"d-number": "9/QĐ", "d-decided_on": "20/10/2025", "d-signer": "X"})
    assert posted.status_code == 404
    with pytest.raises(PermissionDenied):
        decide(lists, lists["proposal"], actor=outsider)


@pytest.fixture
def dossiers(province, units):
    """Three dossiers of Đức Hợp (new) reviewed by the commune council, and the proposal."""
    receive(province)
    commune = province["campaign"].communes.select_related("unit").get(unit=units["DHOP25"])
    system = system_actor()
    reviewed = []
    for i in range(3):
        person = make_person(commune.unit, full_name=f"Lê Văn Hoãn {i}")
        dossier = dossier_propose(
            actor=system,
            person=person,
            ground="41.1.g",
            proposed_on=dt.date(2025, 9, 1),
            evidence="Giấy xác nhận của trường",
            end_date=dt.date(2028, 6, 30),
        )
        reviewed.append(
            dossier_review(
                actor=system,
                dossier=dossier,
                reviewed_on=dt.date(2025, 9, 10),
                votes_for=7,
                votes_against=1,
                minutes="Hội đồng NVQS xã thống nhất đề nghị.",
            )
        )
    proposal = ps.decision_propose(
        actor=province["council"],
        campaign=province["campaign"],
        kind="deferral",
        proposal_number="221/TTr-HĐNVQS",
        proposed_on=dt.date(2025, 10, 12),
    )
    return {**province, "dossiers": reviewed, "proposal": proposal}


def test_a_deferral_decision_grants_the_dossiers_and_refuses_the_rejected(dossiers) -> None:
    rejected = dossiers["proposal"].items.get(person=dossiers["dossiers"][2].person)
    decide(dossiers, dossiers["proposal"], refused=[rejected.pk])
    states = {}
    for dossier in dossiers["dossiers"]:
        dossier.refresh_from_db()
        states[dossier.pk] = dossier.state
        assert dossier.decision_number == "2320/QĐ-UBND"
        assert dossier.decision_date == DECIDED
        assert dossier.authority == "provincial_chairman"
    first, second, third = dossiers["dossiers"]
    assert states == {
        first.pk: DossierState.GRANTED,
        second.pk: DossierState.GRANTED,
        third.pk: DossierState.REFUSED,
    }
    rejected.refresh_from_db()
    assert rejected.refused
    assert AuditEvent.objects.filter(action="dossier.decide").count() == 3


def test_a_deferral_number_too_long_for_the_dossiers_is_refused(dossiers) -> None:
    with pytest.raises(ValidationError) as refused:
        decide(dossiers, dossiers["proposal"], number="2320/QĐ-UBND-" + "X" * 40)
    assert "number" in refused.value.message_dict
    assert not Dossier.objects.filter(state="granted").exists()


def test_a_deferral_decision_on_a_dossier_decided_meanwhile_writes_nothing(dossiers) -> None:
    first, second, _third = dossiers["dossiers"]
    Dossier.objects.filter(pk=second.pk).update(
        state="refused", decision_number="1/QĐ", decision_date=dt.date(2025, 10, 1), authority="x"
    )
    with pytest.raises(ValidationError, match=second.person.full_name):
        decide(dossiers, dossiers["proposal"])
    first.refresh_from_db()
    assert first.state == DossierState.REVIEWED and first.decision_number == ""


def test_a_quota_decision_confirms_the_shares_in_force_or_is_refused(province) -> None:
    receive(province)
    campaign = province["campaign"]
    proposal = ps.decision_propose(
        actor=province["council"],
        campaign=campaign,
        kind="quota",
        proposal_number="215/TTr-HĐNVQS",
        proposed_on=dt.date(2025, 10, 10),
    )
    receive(province, value=50)  # a new figure from above: the proposal's shares are stale
    with pytest.raises(ValidationError):
        decide(province, proposal)
    assert ProvinceDecision.objects.get(pk=proposal.pk).status == "proposed"
    receive(province, value=40)  # back to the figure the council proposed
    shares = {(a.commune_id, a.service): a.final for a in Allocation.objects.all()}
    decided = decide(province, proposal)
    assert decided.status == "decided"
    assert shares == {(a.commune_id, a.service): a.final for a in Allocation.objects.all()}


def _pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "qd.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_the_official_pdf_of_the_decision(lists, login, units, personas, tmp_path) -> None:
    decide(lists, lists["proposal"])
    url = reverse(
        "campaigns:province_decision_pdf", kwargs={"public_id": lists["proposal"].public_id}
    )
    page = reverse("campaigns:province_decision", kwargs={"public_id": lists["proposal"].public_id})
    client = login(lists["chairman"])
    assert url in client.get(page).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdftotext(response.content, tmp_path)
    assert "QUYẾT ĐỊNH" in text
    assert "Chủ tịch Ủy ban nhân dân tỉnh".upper() in text.upper()
    assert "2320/QĐ-UBND" in text and "ngày 20 tháng 10 năm 2025" in text
    assert "khoản 3 Điều 34 Luật Nghĩa vụ quân sự" in text and "Điều 37" in text
    assert "220/TTr-HĐNVQS ngày 12/10/2025" in text
    assert "Nguyễn Văn Ấn 00" in text
    # Wrong role (a commune clerk of the area reads the page, not the official copy): 403.
    clerk = make_user("dh.clerk", Role.COMMUNE_CLERK, units["DHOP25"])
    assert login(clerk).get(url).status_code == 403
    # Not decided yet: no official copy.
    other = ps.decision_propose(
        actor=lists["council"],
        campaign=lists["campaign"],
        kind="quota",
        proposal_number="230/TTr-HĐNVQS",
        proposed_on=dt.date(2025, 10, 12),
    )
    pending = reverse("campaigns:province_decision_pdf", kwargs={"public_id": other.public_id})
    assert login(lists["chairman"]).get(pending).status_code == 404
    # Outside the area (Kim Động's old district officer does not hold Hưng Yên 2025): 404.
    system = system_actor()
    elsewhere = unit_create(
        actor=system,
        code="28",
        kind="province",
        name="Bắc Ninh",
        parent=None,
        valid_from=dt.date(2025, 7, 1),
    )
    stranger = make_user("bn.officer", Role.DISTRICT_OFFICER, elsewhere)
    assert login(stranger).get(url).status_code == 404


def test_the_chairmans_office_records_approvals_only_from_01_07_2025(lists) -> None:
    selection = lists["lists"][0]
    chairman, council = lists["chairman"], lists["council"]
    assert perms.can_approve_selection(chairman, selection, on=DECIDED)
    assert not perms.can_approve_selection(chairman, selection, on=dt.date(2025, 6, 30))
    assert not perms.can_approve_selection(council, selection, on=DECIDED)
    assert perms.can_approve_selection(lists["officer"], selection, on=dt.date(2025, 6, 30))
    assert perms.can_decide_dossier(chairman, on=DECIDED)
    assert not perms.can_decide_dossier(chairman, on=dt.date(2025, 6, 30))
    assert not perms.can_decide_dossier(chairman)


def test_the_office_leaves_a_dossier_out_through_the_page(dossiers, login) -> None:
    proposal = dossiers["proposal"]
    left_out = proposal.items.get(person=dossiers["dossiers"][0].person)
    url = reverse("campaigns:province_decision", kwargs={"public_id": proposal.public_id})
    client = login(dossiers["chairman"])
    assert f'value="{left_out.pk}"' in client.get(url).content.decode()
    done = client.post(
        url,
        {
            "d-number": "2321/QĐ-UBND",
            "d-decided_on": "20/10/2025",
            "d-signer": "Chủ tịch",
            "d-refused": [str(left_out.pk)],
        },
    )
    assert done.status_code == 302
    states = sorted(
        Dossier.objects.filter(pk__in=[d.pk for d in dossiers["dossiers"]]).values_list(
            "state", flat=True
        )
    )
    assert states == ["granted", "granted", "refused"]
