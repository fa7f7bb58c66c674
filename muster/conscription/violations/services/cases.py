"""A violation case opened (with its repeat and band), its notices served and a good reason
accepted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.conscription import perms
from muster.conscription.campaign.models import Campaign
from muster.conscription.violations.models import (
    ViolationCase,
    ViolationKind,
    ViolationNotice,
    ViolationState,
    ViolationSubject,
)
from muster.conscription.violations.services.common import (
    SANCTIONED_STATES,
    _audit,
    _in_area,
    _lock,
    _locked_case,
    _state_label,
    _step_date,
    case_band,
)
from muster.core.validation import not_future, raise_errors
from muster.law.callup.violations import bands, deadlines, good_reasons
from muster.law.callup.violations import book as violation_book
from muster.law.callup.violations import repeats as repeat_rules
from muster.law.callup.violations import states as case_states
from muster.law.rulebook import NoRuleInForce
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User


# ----------------------------------------------------------------------------- repeats


def priors_of(
    person: Person | None,
    *,
    exclude: ViolationCase | None = None,
    offender: tuple[str, str, int] | None = None,
) -> list[repeat_rules.PriorSanction]:
    """The offender's earlier sanctions (a decided penalty), for repeat detection: the
    citizen's (``person``), or a named offender's (``offender``: subject, name, unit id; the
    same name, case aside, in the same unit)."""
    qs = ViolationCase.objects.filter(state__in=SANCTIONED_STATES, decided_on__isnull=False)
    if person is not None:
        qs = qs.filter(person=person)
    elif offender is not None:
        subject, name, unit_id = offender
        qs = qs.filter(
            person__isnull=True, subject=subject, offender_name__iexact=name, unit_id=unit_id
        )
    else:
        return []
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    found: list[repeat_rules.PriorSanction] = []
    for case in qs:
        assert case.decided_on is not None
        executed: dt.date | None
        if case.warning_only:
            executed = case.decided_on
        elif case.fine_amount and (case.paid_amount or 0) >= case.fine_amount:
            executed = case.paid_on
        else:
            executed = None
        found.append(
            repeat_rules.PriorSanction(
                key=str(case.public_id),
                kind=case.kind,
                decided_on=case.decided_on,
                warning=case.warning_only,
                executed_on=executed,
            )
        )
    return found


def repeat_of(
    person: Person | None,
    kind: str,
    occurred_on: dt.date,
    *,
    offender: tuple[str, str, int] | None = None,
) -> ViolationCase | None:
    """The earlier sanctioned case of which an act of ``kind`` on ``occurred_on`` is a repeat."""
    found = repeat_rules.find_repeat(priors_of(person, offender=offender), kind, occurred_on)
    if found is None:
        return None
    return ViolationCase.objects.get(public_id=found.key)


def band_of(person: Person, kind: str, occurred_on: dt.date, repeat: bool) -> bands.Band:
    return bands.band_for(
        kind,
        occurred_on,
        repeat=repeat,
        aged_17_in_year=deadlines.aged_17_in_year(person.date_of_birth.year, occurred_on),
    )


# ----------------------------------------------------------------------------- open


def check_offence(
    errors: dict[str, list[str]],
    kind: str,
    occurred_on: dt.date,
    subject: str,
    *,
    in_registry: bool,
) -> None:
    """The act is one ``subject`` can commit, and an offence on ``occurred_on`` (a new offence of
    Decree 218/2025 is none before 05/08/2025)."""
    if kind not in ViolationKind.values:
        errors["kind"] = [_("Choose the act.")]
        return
    if occurred_on < violation_book.COVERAGE_START:
        errors.setdefault("occurred_on", []).append(
            _("No penalty rule is recorded for acts before %(day)s.")
            % {"day": f"{violation_book.COVERAGE_START:%d/%m/%Y}"}
        )
        return
    try:
        offenders = bands.offenders_of(kind, occurred_on)
    except NoRuleInForce:
        errors.setdefault("occurred_on", []).append(
            _("This act was not an offence on that day: the decree in force had no penalty for it.")
        )
        return
    if not bands.subject_allowed(offenders, subject, in_registry=in_registry):
        errors.setdefault("kind", []).append(
            {
                "citizen": _(
                    "Only the citizen called commits this act: open the case by ID number."
                ),
                "organisation": _("Only an agency or organisation commits this act."),
            }.get(offenders, _("This offender cannot commit this act."))
        )


def band_fields(band: bands.Band) -> dict[str, object]:
    """The band, its citation and its remedial measure, frozen on a case when it is opened."""
    return {
        "decree": band.decree,
        "penalty_citation": band.citation_vi[:255],
        "warning_only": band.warning,
        "fine_min": band.fine_min,
        "fine_max": band.fine_max,
        "rule_code": band.rule_code,
        "band_confirmed": band.confirmed,
        "remedial_measures": band.remedy.title_vi[:255] if band.remedy else "",
        "remedial_confirmed": band.remedy.confirmed if band.remedy else True,
    }


@transaction.atomic
def case_open(
    *,
    actor: User,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    facts: str,
    campaign: Campaign | None = None,
    source_ref: str = "",
) -> ViolationCase:
    """Open a case for ``person``'s act of ``kind`` on ``occurred_on``: his own registration,
    examination or call-up, or his obstructing another citizen's.

    The band of the decree in force on that day and its remedial measure are frozen on the
    case; an earlier sanction of the same act that still counts makes the case a repeat
    (``repeat_of``)."""
    require(perms.can_handle_violation(actor))
    _in_area(actor, person.registration_unit_id)
    person = (
        Person.objects.select_for_update().select_related("registration_unit").get(pk=person.pk)
    )
    errors: dict[str, list[str]] = {}
    facts = facts.strip()
    check_offence(errors, kind, occurred_on, ViolationSubject.INDIVIDUAL, in_registry=True)
    if not facts:
        errors["facts"] = [_("Describe the facts: what happened, when and where.")]
    not_future(errors, "occurred_on", occurred_on)
    if occurred_on <= person.date_of_birth:
        errors.setdefault("occurred_on", []).append(_("The date is before the citizen's birth."))
    if (
        campaign is not None
        and not campaign.communes.filter(unit=person.registration_unit).exists()
    ):
        errors.setdefault("campaign", []).append(
            _("The citizen's commune does not take part in this campaign.")
        )
    if (
        kind in ViolationKind.values
        and ViolationCase.objects.filter(person=person, kind=kind, occurred_on=occurred_on)
        .exclude(state=ViolationState.CLOSED, decided_on__isnull=True)
        .exists()
    ):
        errors.setdefault("__all__", []).append(
            _("This citizen already has a case for this act on this day.")
        )
    raise_errors(errors)
    earlier = repeat_of(person, kind, occurred_on)
    band = band_of(person, kind, occurred_on, earlier is not None)
    try:
        with transaction.atomic():
            case = ViolationCase.objects.create(
                person=person,
                unit=person.registration_unit,
                campaign=campaign,
                kind=kind,
                occurred_on=occurred_on,
                facts=facts,
                repeat_of=earlier,
                source_ref=source_ref,
                **band_fields(band),
            )
    except IntegrityError:
        raise ValidationError(_("A case has already been opened from this record.")) from None
    _audit(
        actor,
        "violation.open",
        case,
        {
            "kind": kind,
            "occurred_on": occurred_on,
            "decree": band.decree,
            "band": [band.fine_min, band.fine_max],
            "warning": band.warning,
            "remedial_measures": case.remedial_measures,
            "repeat_of": earlier.public_id if earlier else None,
            "source": source_ref,
        },
        reason=band.citation_vi,
    )
    return case


# ----------------------------------------------------------------------------- notices


@transaction.atomic
def notice_serve(
    *,
    actor: User,
    case: ViolationCase,
    served_on: dt.date,
    served_to: str,
    content: str,
    respond_by: dt.date | None = None,
) -> ViolationNotice:
    """Serve a notice or summons (giấy mời, thông báo); the first one moves an open case to
    "notice served", later ones keep the state."""
    locked = _locked_case(actor, case)
    if locked.state not in case_states.NOTICE_STATES:
        raise ValidationError(
            _("No notice can be served in a case that is “%(state)s”.")
            % {"state": _state_label(locked.state)}
        )
    errors: dict[str, list[str]] = {}
    if not served_to.strip():
        errors["served_to"] = [_("Say to whom the notice was handed.")]
    if not content.strip():
        errors["content"] = [_("Say what the notice asks or tells.")]
    not_future(errors, "served_on", served_on)
    if served_on < locked.occurred_on:
        errors.setdefault("served_on", []).append(_("The notice cannot precede the act."))
    if respond_by is not None and respond_by < served_on:
        errors["respond_by"] = [_("The answer date cannot precede the notice.")]
    raise_errors(errors)
    notice = ViolationNotice.objects.create(
        case=locked,
        served_on=served_on,
        served_to=served_to.strip(),
        content=content.strip(),
        respond_by=respond_by,
    )
    changes: dict[str, object] = {"served_on": served_on, "served_to": served_to.strip()}
    if locked.state == ViolationState.OPEN:
        locked.state = ViolationState.NOTICE_SERVED
        locked.save(update_fields=["state"])
        changes["state"] = [ViolationState.OPEN, ViolationState.NOTICE_SERVED]
    _audit(actor, "violation.notice", locked, changes, reason=content.strip())
    return notice


# ----------------------------------------------------------------------------- good reason


@transaction.atomic
def good_reason_accept(
    *, actor: User, case: ViolationCase, reason: str, details: str, on: dt.date
) -> ViolationCase:
    """Close the case on a good reason (lý do chính đáng) of the list in force on the day of
    the act, where the act allows one ("… without good reason")."""
    locked = _lock(actor, case, ViolationState.GOOD_REASON)
    try:
        applies = case_band(locked).good_reason_applies
    except (NoRuleInForce, bands.NotAnOffender):
        applies = False
    errors: dict[str, list[str]] = {}
    if not applies:
        errors["reason"] = [_("This act has no “good reason” exception in the decree.")]
    elif good_reasons.good_reason(reason, locked.occurred_on) is None:
        errors["reason"] = [_("Choose one of the good reasons of the decree in force.")]
    if not details.strip():
        errors["details"] = [_("Give the details and the evidence of the good reason.")]
    _step_date(errors, "on", on, locked)
    raise_errors(errors)
    before = locked.state
    locked.state = ViolationState.GOOD_REASON
    locked.good_reason = reason
    locked.good_reason_note = details.strip()[:255]
    locked.closed_on = on
    locked.save(update_fields=["state", "good_reason", "good_reason_note", "closed_on"])
    _audit(
        actor,
        "violation.good_reason",
        locked,
        {"state": [before, locked.state], "good_reason": reason, "closed_on": on},
        reason=details.strip(),
    )
    return locked
