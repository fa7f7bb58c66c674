"""The area check of directive services (the rules are ``directives.perms``), and what an
approved period refuses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.directives import perms
from muster.directives.models import Directive, Report, ReportStatus
from muster.geo.models import Unit

if TYPE_CHECKING:
    from muster.accounts.models import User

#: The message a locked (approved) period answers to any edit.
LOCKED_MESSAGE = (
    "This period has been approved and is locked: it can no longer be changed. "
    "To correct it, open a new revision."
)


def locked_message() -> str:
    return _(LOCKED_MESSAGE)


def require_in_scope(*, actor: User, unit: Unit) -> None:
    require_actor_area(actor, unit, _("This unit is outside your area."))


def editable_directive(*, actor: User, directive: Directive) -> None:
    require(perms.can_set_up_directives(actor))
    require_in_scope(actor=actor, unit=directive.unit)


def lock_report(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("directive", "unit").get(pk=report.pk)


def refuse_if_not_editable(report: Report) -> None:
    if report.is_locked:
        raise ValidationError(locked_message())
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(
            _("This report has been submitted and awaits approval: it cannot be changed now.")
        )
