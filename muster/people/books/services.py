"""Ask for a book as a file made in the background (``muster.jobs``, kind ``people.book``).

``request_book_export`` checks the role and the area, submits the job with the book's filter
as its parameters (``people.books.exports.params_of``) and records the audit event in the same
transaction; a worker makes the file (``people.books.exports.run``) and the owner follows its
progress and downloads it from the book export pages (``books.views``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.models import User
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.jobs import services as jobs
from muster.jobs.models import Job
from muster.people.books.common import BookFilter
from muster.people.books.exports import JOB_KIND, params_of


def request_book_export(
    *, actor: User, book: str, f: BookFilter, fmt: str, call_up: dt.date | None = None
) -> Job:
    """Queue the making of ``book`` (a book's slug or ``rollover``) in ``fmt`` for the filter
    ``f`` (its commune, or the actor's whole area); returns the job to follow."""
    require_cap(actor, Cap.VIEW_PEOPLE)
    unit = f.commune if f.commune is not None else actor.scope_unit
    if unit is None:
        raise ValidationError(_("Choose a commune."))
    require_actor_area(actor, unit)
    params = params_of(book, f, fmt, call_up)
    with transaction.atomic():
        job = jobs.submit(owner=actor, kind=JOB_KIND, params=params, scope_unit=unit)
        record_event(
            actor=actor,
            action="people.book_export",
            obj=job,
            scope_unit=unit,
            changes={"book": book, "format": fmt, "year": f.year},
        )
    return job
