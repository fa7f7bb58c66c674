"""Call-up decisions for the API: a campaign's decisions in the actor's area, and the
verification of one decision, the same answer as the public page the decision's QR code opens
(``campaigns:verify``): what the paper shows (issuing body, document, printed number, commune,
the citizen's name and year of birth, date) and its status. Never the ID number nor the full
birth date.

A decision outside the area is a 404, as on its web page (``commune__unit`` in scope).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from ninja import Schema

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap
from muster.api.resources.campaigns import campaign_get
from muster.api.resources.common import UnitRef, bind_scope, unit_ref
from muster.conscription.campaign.documents import decision_heading
from muster.conscription.decisions import selectors as decisions_selectors
from muster.conscription.decisions.models import CallupDecision, DecisionStatus

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.scope import Scope


class CitizenRef(Schema):
    """The citizen a decision names: his public id, name and year of birth (no ID number)."""

    public_id: uuid.UUID
    full_name: str
    birth_year: int


class DecisionOut(Schema):
    public_id: uuid.UUID
    #: As printed after "Số:": number/year of issue ("1/2025").
    number: str
    title: str
    service: str
    status: str
    status_label: str
    issued_on: dt.date
    enlist_on: dt.date
    delivered_on: dt.date | None
    #: Delivered fewer than 15 days before the enlistment day (Law 78/2015 Art 34(6)).
    delivered_late: bool
    commune: UnitRef
    person: CitizenRef

    @classmethod
    def of(cls, decision: CallupDecision) -> DecisionOut:
        person = decision.person
        return cls(
            public_id=decision.public_id,
            number=decision.printed_number,
            title=decision.title,
            service=decision.service,
            status=decision.status,
            status_label=str(decision.get_status_display()),
            issued_on=decision.issued_on,
            enlist_on=decision.enlist_on,
            delivered_on=decision.delivered_on,
            delivered_late=decisions_selectors.delivery_late(decision),
            commune=unit_ref(decision.commune.unit),
            person=CitizenRef(
                public_id=person.public_id,
                full_name=person.full_name,
                birth_year=person.date_of_birth.year,
            ),
        )


def decision_list(
    *, actor: User, scope: Scope, campaign: uuid.UUID, status: str | None = None
) -> QuerySet[CallupDecision]:
    """The campaign's decisions of the communes in the area, by authority and number (the
    decision list page's); ``status`` keeps one status (valid, revoked, replaced). One query
    (person and commune joined), to page and map with ``DecisionOut.of``."""
    found = campaign_get(actor=actor, scope=scope, public_id=campaign)
    rows = decisions_selectors.decisions_for_user(user=actor, campaign=found)
    if status is not None:
        rows = rows.filter(status=status)
    return rows.order_by("authority", "number", "pk")


def decision_get(*, actor: User, scope: Scope, public_id: uuid.UUID) -> CallupDecision:
    """One decision, fetched as its web page does (404 outside the area)."""
    bind_scope(actor, scope)
    return get_for_user(
        actor,
        CallupDecision.objects.select_related("person", "commune__unit", "campaign__unit"),
        unit_field="commune__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


class VerificationOut(Schema):
    """The public verification page's answer for a decision, field for field."""

    public_id: uuid.UUID
    #: The issuing body as printed ("BAN CHỈ HUY QUÂN SỰ HUYỆN KIM ĐỘNG").
    issuer: str
    #: The document's title as printed ("LỆNH GỌI CÔNG DÂN NHẬP NGŨ").
    document: str
    #: The number line as printed ("Số: 1/2025").
    number: str
    commune: str
    citizen: str
    birth_year: int
    issued_on: dt.date
    status: str
    status_label: str
    #: Whether the decision stands (neither revoked nor replaced).
    valid: bool

    @classmethod
    def of(cls, decision: CallupDecision) -> VerificationOut:
        heading = decision_heading(decision)
        return cls(
            public_id=decision.public_id,
            issuer=heading.issuer,
            document=heading.document,
            number=heading.number,
            commune=decision.commune.unit.name,
            citizen=decision.person.full_name,
            birth_year=decision.person.date_of_birth.year,
            issued_on=decision.issued_on,
            status=decision.status,
            status_label=str(decision.get_status_display()),
            valid=decision.status == DecisionStatus.VALID,
        )


def decision_verification(*, actor: User, scope: Scope, public_id: uuid.UUID) -> VerificationOut:
    """What the QR code's page says of the decision ``public_id`` (in the area, else 404)."""
    return VerificationOut.of(decision_get(actor=actor, scope=scope, public_id=public_id))
