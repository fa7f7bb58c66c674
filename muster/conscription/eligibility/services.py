"""State changes of the call-up's eligibility inputs: the political-standard verification
(thẩm tra, xác minh tiêu chuẩn chính trị, TTLT 50/2016/TTLT-BQP-BCA as amended by
TT 97/2025/TT-BQP)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription import perms
from muster.conscription.eligibility.models import PoliticalOutcome, PoliticalVerification
from muster.core.text import clean_line
from muster.core.validation import not_future, raise_errors

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person


def political_verification_record(
    *,
    actor: User,
    person: Person,
    verified_on: dt.date,
    verified_by: str,
    outcome: str,
    document: str,
    note: str = "",
) -> PoliticalVerification:
    """Record who verified the citizen's political standard, when, with what outcome and on
    which document. A later verification supersedes an earlier one for the days after it."""
    require(perms.can_record_political_verification(actor))
    require_actor_area(actor, person.registration_unit_id, _("This citizen is outside your area."))
    verified_by = clean_line(verified_by)
    document = clean_line(document)
    note = clean_line(note)
    errors: dict[str, list[str]] = {}
    if outcome not in PoliticalOutcome.values:
        errors["outcome"] = [_("Choose whether the citizen meets the political standard.")]
    if not verified_by:
        errors["verified_by"] = [_("Say who verified the political standard.")]
    if not document:
        errors["document"] = [_("Enter the verification document (number and date).")]
    not_future(errors, "verified_on", verified_on)
    if verified_on < person.date_of_birth:
        errors["verified_on"] = [_("The verification date is before the citizen's birth.")]
    if len(verified_by) > 200 or len(document) > 120 or len(note) > 255:
        errors["__all__"] = [_("A field is too long.")]
    raise_errors(errors)
    with transaction.atomic():
        verification = PoliticalVerification.objects.create(
            person=person,
            verified_on=verified_on,
            verified_by=verified_by,
            outcome=outcome,
            document=document,
            note=note,
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            action="conscription.political_verification",
            obj=verification,
            scope_unit=person.registration_unit,
            changes={
                "person": str(person.public_id),
                "verified_on": verified_on.isoformat(),
                "verified_by": verified_by,
                "outcome": outcome,
                "document": document,
            },
        )
    return verification
