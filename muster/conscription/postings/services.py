"""State changes of public postings (niêm yết công khai) and the complaints against them.

* ``posting_publish``: take the snapshot of a commune's list as of the posting day, reduced to
  what may be public (``posting_rules.public_row``), with the window of the rule in force on
  that day. Later changes to the records never change a posting.
* ``posting_withdraw``: take a posting down, with the reason.
* ``posting_correct``: a correction (đính chính) withdraws the posting and publishes a new one
  that names the one it supersedes, in one transaction; upheld complaints of the old posting
  are linked to the correction.
* ``complaint_record`` and ``complaint_resolve``: a complaint (khiếu nại, kiến nghị) received
  against a posting and its outcome.

Each service checks the role (403) and the area (validation error), validates with messages
in the user's language, writes in one transaction and records the audit event in it. The
audit events carry counts and dates, never the names on the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import CampaignCommune
from muster.conscription.postings import selectors as sel
from muster.conscription.postings.models import Complaint, ComplaintOutcome, Posting, PostingKind
from muster.law.callup.postings import book as posting_book
from muster.law.callup.postings import rows as posting_rows
from muster.law.callup.postings import schedule as posting_schedule
from muster.law.rulebook import NoRuleInForce

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Why there is nothing to post, per kind.
_NOTHING = {
    PostingKind.DEFERRAL_EXEMPTION: gettext_lazy(
        "No deferral or exemption has been granted in this commune for this campaign: there is "
        "nothing to post."
    ),
    PostingKind.SCREENING_RESULTS: gettext_lazy(
        "No screening result has been recorded for this commune in this campaign: there is "
        "nothing to post."
    ),
    PostingKind.EXAM_RESULTS: gettext_lazy(
        "No examination result has been recorded for this commune in this campaign: there is "
        "nothing to post."
    ),
    PostingKind.CALLUP_LIST: gettext_lazy(
        "No valid call-up decision has been issued in this commune for this campaign: there is "
        "nothing to post."
    ),
}
#: Posted before the first decision or result of the list existed, per kind.
_TOO_EARLY = {
    PostingKind.DEFERRAL_EXEMPTION: gettext_lazy(
        "The list cannot be posted on %(day)s: the first deferral or exemption decision was "
        "signed on %(first)s."
    ),
    PostingKind.SCREENING_RESULTS: gettext_lazy(
        "The results cannot be posted on %(day)s: the first screening result was concluded on "
        "%(first)s."
    ),
    PostingKind.EXAM_RESULTS: gettext_lazy(
        "The results cannot be posted on %(day)s: the first examination result was concluded "
        "on %(first)s."
    ),
    PostingKind.CALLUP_LIST: gettext_lazy(
        "The list cannot be posted on %(day)s: the first call-up decision was issued on %(first)s."
    ),
}
_DUPLICATE = gettext_lazy(
    "This list is already posted (since %(day)s). To change it, publish a correction: the "
    "current posting is withdrawn and the new one says which one it replaces."
)

SOURCES = ("decisions", "selection")
TEXT_LIMIT = 4000


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class PostingInput:
    """What the commune says about a posting: the day, where, and optionally title/signer."""

    posted_on: dt.date
    places: Sequence[str]
    title: str = ""
    signer: str = ""
    source: str = ""


def _validate(
    commune: CampaignCommune, kind: str, data: PostingInput, today: dt.date
) -> tuple[posting_schedule.Window, sel.Gathered]:
    errors: dict[str, list[str]] = {}
    if kind not in PostingKind.values:
        raise ValidationError({"kind": [_("Choose the kind of list.")]})
    if data.posted_on > today:
        errors.setdefault("posted_on", []).append(
            _("A posting is recorded on or after the day it is put up, not in advance.")
        )
    places = list(data.places)
    if not places:
        errors.setdefault("places", []).append(_("Say where the list is posted."))
    elif any(p not in posting_book.PLACES for p in places):
        errors.setdefault("places", []).append(_("Unknown place of posting."))
    if len(data.title) > 255:
        errors.setdefault("title", []).append(_("The title is too long (255 characters)."))
    if len(data.signer) > 120:
        errors.setdefault("signer", []).append(_("The name is too long (120 characters)."))
    source = data.source or ("decisions" if kind == PostingKind.CALLUP_LIST else "")
    if kind == PostingKind.CALLUP_LIST and source not in SOURCES:
        errors.setdefault("source", []).append(_("Choose where the call-up list comes from."))
    if (
        kind == PostingKind.CALLUP_LIST
        and source == "selection"
        and not sel.has_frozen_selection(commune)
    ):
        errors.setdefault("source", []).append(_("The commune has no frozen selection list yet."))
    try:
        window = posting_schedule.window(kind, data.posted_on)
    except NoRuleInForce:
        errors.setdefault("posted_on", []).append(
            _("No rule on public postings is in force on that day.")
        )
    if errors:
        raise ValidationError(errors)
    gathered = sel.gather(commune=commune, kind=kind, as_of=data.posted_on, source=source)
    if not gathered.items:
        if gathered.first_later is not None:
            message = str(_TOO_EARLY[PostingKind(kind)]) % {
                "day": _d(data.posted_on),
                "first": _d(gathered.first_later),
            }
        else:
            message = str(_NOTHING[PostingKind(kind)])
        raise ValidationError({"posted_on": [message]})
    return window, gathered


def _current(commune: CampaignCommune, kind: str) -> Posting | None:
    return Posting.objects.filter(
        unit_id=commune.unit_id, campaign_id=commune.campaign_id, kind=kind, withdrawn_on=None
    ).first()


def _create(
    *,
    actor: User,
    commune: CampaignCommune,
    kind: str,
    data: PostingInput,
    window: posting_schedule.Window,
    gathered: sel.Gathered,
    supersedes: Posting | None,
) -> Posting:
    rows = posting_rows.snapshot(kind, [record for _id, record in gathered.items])
    ids = [public_id for public_id, _record in gathered.items]
    posting = Posting.objects.create(
        unit=commune.unit,
        campaign=commune.campaign,
        kind=kind,
        title=(data.title.strip() or posting_rows.default_title(kind, commune.campaign.year))[:255],
        posted_on=data.posted_on,
        ends_on=window.ends_on,
        legal_citation=window.citation_vi[:255],
        places=",".join(p for p in posting_book.PLACES if p in set(data.places)),
        rows=rows,
        source=gathered.source,
        source_ids=sorted(ids),
        basis=gathered.basis,
        signer=data.signer.strip(),
        supersedes=supersedes,
    )
    record_event(
        actor=actor,
        action="posting.correct" if supersedes else "posting.publish",
        obj=posting,
        scope_unit=commune.unit,
        changes={
            "kind": kind,
            "posted_on": data.posted_on,
            "ends_on": window.ends_on,
            "rows": len(rows),
            "places": posting.places,
            "supersedes": str(supersedes.public_id) if supersedes else None,
        },
    )
    return posting


def posting_publish(
    *,
    actor: User,
    commune: CampaignCommune,
    kind: str,
    data: PostingInput,
    today: dt.date | None = None,
) -> Posting:
    """Post ``commune``'s list of ``kind`` on ``data.posted_on``: snapshot, window, places.

    Refused: nothing to post, a day before the first decision or result, a day in the future,
    and a second current posting of the same list (publish a correction instead)."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.unit_id)
    window, gathered = _validate(commune, kind, data, _today(today))
    existing = _current(commune, kind)
    if existing is not None:
        raise ValidationError(str(_DUPLICATE) % {"day": _d(existing.posted_on)})
    try:
        with transaction.atomic():
            return _create(
                actor=actor,
                commune=commune,
                kind=kind,
                data=data,
                window=window,
                gathered=gathered,
                supersedes=None,
            )
    except IntegrityError:  # a concurrent request posted the same list first
        existing = _current(commune, kind)
        day = _d(existing.posted_on) if existing else _d(data.posted_on)
        raise ValidationError(str(_DUPLICATE) % {"day": day}) from None


def _check_withdrawal(posting: Posting, withdrawn_on: dt.date, reason: str, today: dt.date) -> None:
    errors: dict[str, list[str]] = {}
    if posting.withdrawn_on is not None:
        errors.setdefault("__all__", []).append(
            _("This posting was already withdrawn on %(day)s.") % {"day": _d(posting.withdrawn_on)}
        )
    if not reason.strip():
        errors.setdefault("reason", []).append(_("Give the reason for the change."))
    elif len(reason.strip()) > 255:
        errors.setdefault("reason", []).append(_("The reason is too long (255 characters)."))
    if withdrawn_on < posting.posted_on:
        errors.setdefault("withdrawn_on", []).append(
            _("A posting cannot be withdrawn before it was posted (%(day)s).")
            % {"day": _d(posting.posted_on)}
        )
    if withdrawn_on > today:
        errors.setdefault("withdrawn_on", []).append(_("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)


def _lock(posting: Posting) -> Posting:
    return (
        Posting.objects.select_for_update(of=("self",))
        .select_related("unit", "campaign")
        .get(pk=posting.pk)
    )


def _withdraw(
    actor: User,
    posting: Posting,
    withdrawn_on: dt.date,
    reason: str,
    today: dt.date,
    *,
    correction: bool = False,
) -> Posting:
    """Lock ``posting``, check its withdrawal again and record it (in the caller's transaction);
    ``correction``: a corrected list replaces it."""
    locked = _lock(posting)
    _check_withdrawal(locked, withdrawn_on, reason, today)
    locked.withdrawn_on = withdrawn_on
    locked.withdrawn_reason = reason.strip()
    locked.save(update_fields=["withdrawn_on", "withdrawn_reason"])
    changes: dict[str, object] = {"withdrawn_on": withdrawn_on}
    if correction:
        changes["correction"] = True
    record_event(
        actor=actor,
        action="posting.withdraw",
        obj=locked,
        scope_unit=locked.unit,
        changes=changes,
        reason=reason.strip(),
    )
    return locked


def posting_withdraw(
    *,
    actor: User,
    posting: Posting,
    withdrawn_on: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> Posting:
    """Take a posting down (posted by mistake); its public page then says so."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, posting.unit_id)
    with transaction.atomic():
        return _withdraw(actor, posting, withdrawn_on, reason, _today(today))


def posting_correct(
    *,
    actor: User,
    posting: Posting,
    reason: str,
    data: PostingInput,
    today: dt.date | None = None,
) -> Posting:
    """Withdraw ``posting`` on ``data.posted_on`` and publish the corrected list that day.

    The new posting takes a fresh snapshot and a fresh window (20 days again) and names the
    one it supersedes; upheld complaints of the old posting are linked to it."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, posting.unit_id)
    day = _today(today)
    if posting.campaign_id is None:
        raise ValidationError(_("This posting does not belong to a campaign."))
    commune = CampaignCommune.objects.select_related("unit", "campaign").get(
        campaign_id=posting.campaign_id, unit_id=posting.unit_id
    )
    keep_source = posting.source if posting.kind == PostingKind.CALLUP_LIST else ""
    data = PostingInput(
        posted_on=data.posted_on,
        places=data.places,
        title=data.title or posting.title,
        signer=data.signer or posting.signer,
        source=data.source or keep_source,
    )
    _check_withdrawal(posting, data.posted_on, reason, day)
    window, gathered = _validate(commune, posting.kind, data, day)
    with transaction.atomic():
        locked = _withdraw(actor, posting, data.posted_on, reason, day, correction=True)
        new = _create(
            actor=actor,
            commune=commune,
            kind=posting.kind,
            data=data,
            window=window,
            gathered=gathered,
            supersedes=locked,
        )
        Complaint.objects.filter(
            posting=locked, outcome=ComplaintOutcome.UPHELD, correction__isnull=True
        ).update(correction=new)
    return new


# ----------------------------------------------------------------------------- complaints


@dataclass(frozen=True)
class Recorded:
    complaint: Complaint
    #: Received after the last day of the window: recorded, and the page warns.
    late: bool


def complaint_record(
    *,
    actor: User,
    posting: Posting,
    received_on: dt.date,
    complainant: str,
    content: str,
    today: dt.date | None = None,
) -> Recorded:
    """Record a complaint received against ``posting``. One received after the window is
    recorded (citizens keep their right to complain) and flagged late."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, posting.unit_id)
    errors: dict[str, list[str]] = {}
    if not complainant.strip():
        errors["complainant"] = [_("Enter who made the complaint.")]
    elif len(complainant.strip()) > 120:
        errors["complainant"] = [_("The name is too long (120 characters).")]
    if not content.strip():
        errors["content"] = [_("Enter what the complaint says.")]
    elif len(content) > TEXT_LIMIT:
        errors["content"] = [_("The text is too long (4000 characters).")]
    if received_on < posting.posted_on:
        errors["received_on"] = [
            _("A complaint against this posting cannot precede it (posted on %(day)s).")
            % {"day": _d(posting.posted_on)}
        ]
    elif received_on > _today(today):
        errors["received_on"] = [_("The date cannot be in the future.")]
    elif posting.withdrawn_on is not None and received_on > posting.withdrawn_on:
        errors["received_on"] = [
            _(
                "This posting was withdrawn on %(day)s: record the complaint against the "
                "posting that replaced it."
            )
            % {"day": _d(posting.withdrawn_on)}
        ]
    if errors:
        raise ValidationError(errors)
    late = posting_schedule.complaint_late(posting.ends_on, received_on)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            posting=posting,
            received_on=received_on,
            complainant=complainant.strip(),
            content=content.strip(),
        )
        record_event(
            actor=actor,
            action="posting.complaint",
            obj=complaint,
            scope_unit=posting.unit,
            changes={
                "posting": str(posting.public_id),
                "received_on": received_on,
                "late": late,
            },
        )
    return Recorded(complaint, late)


RESOLUTIONS = (ComplaintOutcome.UPHELD, ComplaintOutcome.REJECTED, ComplaintOutcome.WITHDRAWN)


def complaint_resolve(
    *,
    actor: User,
    complaint: Complaint,
    outcome: str,
    resolution: str,
    resolved_on: dt.date,
    today: dt.date | None = None,
) -> Complaint:
    """Close a pending complaint: upheld (the list must be corrected), rejected or withdrawn."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, complaint.posting.unit_id)
    errors: dict[str, list[str]] = {}
    if outcome not in RESOLUTIONS:
        errors["outcome"] = [_("Choose the outcome.")]
    if not resolution.strip():
        errors["resolution"] = [_("Say how the complaint was resolved.")]
    elif len(resolution) > TEXT_LIMIT:
        errors["resolution"] = [_("The text is too long (4000 characters).")]
    if resolved_on > _today(today):
        errors["resolved_on"] = [_("The date cannot be in the future.")]
    with transaction.atomic():
        locked = (
            Complaint.objects.select_for_update(of=("self",))
            .select_related("posting__unit")
            .get(pk=complaint.pk)
        )
        if locked.outcome != ComplaintOutcome.PENDING:
            errors.setdefault("__all__", []).append(
                _("This complaint was already resolved on %(day)s.")
                % {"day": _d(locked.resolved_on) if locked.resolved_on else ""}
            )
        if resolved_on < locked.received_on:
            errors["resolved_on"] = [
                _("The resolution cannot precede the complaint (received on %(day)s).")
                % {"day": _d(locked.received_on)}
            ]
        if errors:
            raise ValidationError(errors)
        locked.outcome = outcome
        locked.resolution = resolution.strip()
        locked.resolved_on = resolved_on
        locked.save(update_fields=["outcome", "resolution", "resolved_on"])
        record_event(
            actor=actor,
            action="posting.complaint_resolve",
            obj=locked,
            scope_unit=locked.posting.unit,
            changes={"outcome": outcome, "resolved_on": resolved_on},
        )
    return locked
