"""State changes of the medical appeal (giám định sức khỏe, TT 105/2023 Art 10, 12).

requested (the file is complete) → concluded (the assessing council's class, final). The
conclusion replaces the class of the examination appealed, so every reader of the council's
result (the eligibility engine, the gate, the books) takes the final class; the appeal keeps the
original one. A conclusion later than 15 days after the complete file (rule ``health.appeal``)
is recorded and flagged late.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.text import clean_line
from muster.core.validation import not_future, raise_errors
from muster.health import perms
from muster.health.models import HealthAppeal, HealthCall, SessionKind
from muster.law.book import rule_or_none

if TYPE_CHECKING:
    from muster.accounts.models import User

APPEAL_DAYS_FALLBACK = 15


def appeal_due(file_complete_on: dt.date) -> dt.date:
    """The last day for the assessing council's conclusion."""
    found = rule_or_none("health.appeal", file_complete_on)
    days = found.int_param("days") if found is not None else APPEAL_DAYS_FALLBACK
    return file_complete_on + dt.timedelta(days=days)


def appeal_request(
    *,
    actor: User,
    call: HealthCall,
    proposed_by: str,
    reason: str,
    body: str,
    file_complete_on: dt.date,
) -> HealthAppeal:
    """Record an appeal of ``call``'s conclusion, proposed by the commune NVQS council or the
    Ban CH PTKV, whose file is complete on ``file_complete_on``."""
    require(perms.can_handle_appeal(actor))
    require_actor_area(actor, call.person.registration_unit_id)
    errors: dict[str, list[str]] = {}
    proposed_by, reason, body = clean_line(proposed_by), clean_line(reason), clean_line(body)
    if call.session.kind != SessionKind.EXAMINATION or call.health_class is None:
        errors["__all__"] = [_("Only a concluded examination by the health council is appealed.")]
    elif call.concluded_on is not None and file_complete_on < call.concluded_on:
        errors["file_complete_on"] = [_("The file cannot be complete before the conclusion.")]
    for field, value, message in (
        ("proposed_by", proposed_by, _("Say who proposes the appeal.")),
        ("reason", reason, _("Give the reason for the appeal.")),
        ("body", body, _("Name the assessing council or hospital.")),
    ):
        if not value:
            errors[field] = [message]
    not_future(errors, "file_complete_on", file_complete_on)
    raise_errors(errors)
    try:
        with transaction.atomic():
            locked = HealthCall.objects.select_for_update().get(pk=call.pk)
            appeal = HealthAppeal.objects.create(
                call=locked,
                proposed_by=proposed_by[:200],
                reason=reason[:255],
                body=body[:200],
                file_complete_on=file_complete_on,
                original_class=locked.health_class or 0,
                original_temporary=locked.class_temporary,
            )
            record_event(
                actor=actor,
                action="health.appeal_request",
                obj=appeal,
                scope_unit=call.person.registration_unit,
                changes={
                    "call": str(call.public_id),
                    "original_class": locked.class_label,
                    "file_complete_on": file_complete_on.isoformat(),
                    "body": appeal.body,
                },
            )
    except IntegrityError as error:
        raise ValidationError(_("An appeal of this examination is already open.")) from error
    return appeal


def appeal_conclude(
    *,
    actor: User,
    appeal: HealthAppeal,
    concluded_on: dt.date,
    result_class: int,
    result_temporary: bool,
    document: str,
) -> HealthAppeal:
    """Record the assessing council's final class; it replaces the examination's class."""
    require(perms.can_handle_appeal(actor))
    require_actor_area(actor, appeal.call.person.registration_unit_id)
    document = clean_line(document)
    errors: dict[str, list[str]] = {}
    if not 1 <= result_class <= 6:
        errors["result_class"] = [_("Enter a health class from 1 to 6.")]
    if not document:
        errors["document"] = [_("Enter the appeal's conclusion document.")]
    if concluded_on < appeal.file_complete_on:
        errors["concluded_on"] = [_("The appeal cannot conclude before its file is complete.")]
    not_future(errors, "concluded_on", concluded_on)
    raise_errors(errors)
    with transaction.atomic():
        locked = HealthAppeal.objects.select_for_update().select_related("call").get(pk=appeal.pk)
        if locked.concluded_on is not None:
            raise ValidationError(_("This appeal is already concluded; its finding is final."))
        call = HealthCall.objects.select_for_update().get(pk=locked.call_id)
        locked.concluded_on = concluded_on
        locked.result_class = result_class
        locked.result_temporary = result_temporary
        locked.document = document[:120]
        locked.late = concluded_on > appeal_due(locked.file_complete_on)
        locked.save(
            update_fields=[
                "concluded_on",
                "result_class",
                "result_temporary",
                "document",
                "late",
            ]
        )
        call.health_class = result_class
        call.class_temporary = result_temporary
        call.decisive = "appeal"
        call.save(update_fields=["health_class", "class_temporary", "decisive"])
        record_event(
            actor=actor,
            action="health.appeal_conclude",
            obj=locked,
            scope_unit=call.person.registration_unit,
            changes={
                "call": str(call.public_id),
                "original_class": locked.original_label,
                "class": call.class_label,
                "document": locked.document,
                "late": locked.late,
            },
        )
    return locked
