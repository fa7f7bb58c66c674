"""Pages of the registration books and lists, the January list, the year roll-over and the
book exports. Thin: the selectors in ``books`` read, the services write."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import require_cap
from muster.accounts.perms import Cap, has_cap
from muster.core.dates import parse_user_date, today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import file_response
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.jobs.models import Job, JobState
from muster.people.books.common import BOOKS, BookFilter, communes_for_user, villages_of
from muster.people.books.exports import FORMATS, JOB_KIND, ROLLOVER, book_title, render_book
from muster.people.books.forms import JanuaryForm
from muster.people.books.pages import book_page
from muster.people.books.rollover import rollover_lists, rollover_page
from muster.people.books.services import request_book_export
from muster.people.registration.services.events import record_january_list


def _download(request: AuthenticatedHttpRequest, book: str, f: BookFilter, fmt: str,
              call_up: dt.date | None) -> HttpResponse:  # fmt: skip
    """A commune's book, made in the request (a few hundred rows: a fraction of a second); a
    book of the whole area goes through a background job (the export buttons)."""
    if f.commune is None:
        messages.info(
            request,
            _("A book of the whole area is made in the background: press one of its export "
              "buttons."),
        )  # fmt: skip
        return redirect(f"{request.path}?{_query_without(request, 'format')}")
    done = render_book(book, request.user, f, fmt, call_up=call_up)
    return file_response(done.data, filename=done.filename, content_type=done.content_type)


def _filter(request: AuthenticatedHttpRequest) -> tuple[BookFilter, dict[str, Any]]:
    """The book filter from the query string, with the choices and the problems to show."""
    user = request.user
    problems: list[str] = []
    communes = communes_for_user(user)
    raw_commune = request.GET.get("commune", "")
    commune: Unit | None = None
    if raw_commune:
        commune = next((c for c in communes if str(c.public_id) == raw_commune), None)
        if commune is None:
            problems.append(_("Unknown commune: showing the whole area."))
    elif len(communes) == 1:
        commune = communes[0]
    villages = villages_of(user, commune)
    raw_village = request.GET.get("village", "")
    village = next((v for v in villages if str(v.public_id) == raw_village), None)
    year = today().year
    raw_year = request.GET.get("year", "").strip()
    if raw_year:
        if raw_year.isdigit() and 1950 <= int(raw_year) <= 2100:
            year = int(raw_year)
        else:
            problems.append(_("The year must be a number such as 2025."))
    dates: dict[str, dt.date | None] = {}
    for key in ("date_from", "date_to", "on"):
        raw = request.GET.get(key, "").strip()
        dates[key] = parse_user_date(raw)
        if raw and dates[key] is None:
            problems.append(_("Could not read the date “%(raw)s” (use dd/mm/yyyy).") % {"raw": raw})
    start, end = dates["date_from"], dates["date_to"]
    if start and end and start > end:
        problems.append(_("The start of the period is after its end."))
        dates["date_to"] = None
    f = BookFilter(
        commune=commune,
        village=village,
        year=year,
        date_from=dates["date_from"],
        date_to=dates["date_to"],
        on=dates["on"],
    )
    context = {
        "communes": communes,
        "villages": villages,
        "f": f,
        "problems": problems,
        "raw": {k: request.GET.get(k, "") for k in ("date_from", "date_to", "on", "year")},
    }
    return f, context


def _query_without(request: AuthenticatedHttpRequest, *keys: str) -> str:
    query = request.GET.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


def book_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_PEOPLE)
    return render(
        request,
        "people/books/index.html",
        {
            "books": list(BOOKS.values()),
            "can_edit": has_cap(request.user, Cap.EDIT_PEOPLE),
        },
    )


def book_view(request: AuthenticatedHttpRequest, book: str) -> HttpResponse:
    spec = BOOKS.get(book)
    if spec is None:
        raise Http404(_("No such book."))
    require_cap(request.user, Cap.VIEW_PEOPLE)
    f, context = _filter(request)
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return _download(request, book, f, fmt, None)
    raw_page = request.GET.get("page", "1")
    page = book_page(book, request.user, f, int(raw_page) if raw_page.isdigit() else 1)
    return render(
        request,
        "people/books/book.html",
        {
            **context,
            "spec": spec,
            "page": page,
            "doc": page.document,
            "query": _query_without(request, "page", "format"),
            "can_edit": has_cap(request.user, Cap.EDIT_PEOPLE),
            "export_book": book,
        },
    )


def _call_up(request: AuthenticatedHttpRequest, f: BookFilter, context: dict[str, Any]) -> dt.date:
    raw = request.GET.get("call_up", "").strip()
    call_up = parse_user_date(raw)
    if raw and call_up is None:
        context["problems"].append(
            _("Could not read the date “%(raw)s” (use dd/mm/yyyy).") % {"raw": raw}
        )
    day = call_up if call_up is not None else dt.date(f.year, 2, 1)
    context["call_up_raw"] = raw or f"{day:%d/%m/%Y}"
    return day


def rollover_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The year roll-over for a campaign year and its call-up date (Art 33: Feb or March):
    the three lists counted, one page of each shown (``rollover_page``)."""
    require_cap(request.user, Cap.VIEW_PEOPLE)
    f, context = _filter(request)
    call_up = _call_up(request, f, context)
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return _download(request, ROLLOVER, f, fmt, call_up)
    lists = rollover_lists(request.user, f, call_up)
    sections = []
    for key, label, items in (
        ("entering", _("Enters the call-up pool"), lists.entering),
        ("ageing-out", _("Ages out: reserve registration"), lists.ageing_out),
        ("re-review", _("Needs re-review"), lists.re_review),
    ):
        raw_page = request.GET.get(f"{key}-page", "1")
        page = rollover_page(items, int(raw_page) if raw_page.isdigit() else 1)
        sections.append(
            {
                "id": key,
                "label": label,
                "page": page,
                "query": _query_without(request, f"{key}-page", "format"),
            }
        )
    return render(
        request,
        "people/books/rollover.html",
        {
            **context,
            "lists": lists,
            "query": _query_without(request, "format"),
            "sections": sections,
            "export_book": ROLLOVER,
        },
    )


# --- Book exports (background jobs) ----------------------------------------------------------


@require_POST
def book_export_view(request: AuthenticatedHttpRequest, book: str) -> HttpResponse:
    """Queue a book (or the roll-over) as a file; the filter is the page's query string."""
    if book != ROLLOVER and book not in BOOKS:
        raise Http404(_("No such book."))
    require_cap(request.user, Cap.VIEW_PEOPLE)
    f, context = _filter(request)
    call_up = _call_up(request, f, context) if book == ROLLOVER else None
    page = reverse("people:rollover") if book == ROLLOVER else reverse("people:book", args=[book])
    query = _query_without(request, "format")
    if context["problems"]:
        return redirect(f"{page}?{query}")
    try:
        job = request_book_export(
            actor=request.user, book=book, f=f, fmt=request.POST.get("fmt", ""), call_up=call_up
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(f"{page}?{query}")
    return redirect("people:book_export_detail", public_id=job.public_id)


def _export_job(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Job:
    """The user's own book export (anyone else's is a 404, as is one whose unit has left
    his area)."""
    require_cap(request.user, Cap.VIEW_PEOPLE)
    job = (
        Job.objects.defer("content")
        .select_related("scope_unit")
        .filter(owner=request.user, kind=JOB_KIND, public_id=public_id)
        .first()
    )
    if job is None or not scope_of(request.user).contains(job.scope_unit):
        raise Http404(_("No such export."))
    return job


def _export_context(job: Job) -> dict[str, Any]:
    return {
        "job": job,
        "states": JobState,
        "status_view": "people:book_export_status",
        "download_view": "people:book_export_download",
        "book_title": book_title(job.params.get("book", "")),
        "fmt": job.params.get("fmt", ""),
    }


def book_export_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    job = _export_job(request, public_id)
    return render(request, "people/books/export_detail.html", _export_context(job))


def book_export_status(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The progress bar (polled by htmx every second until the file is ready)."""
    job = _export_job(request, public_id)
    return render(request, "jobs/_export_status.html", _export_context(job))


def book_export_download(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    job = _export_job(request, public_id)
    if job.state != JobState.DONE:
        raise Http404(_("The file is not ready."))
    content = Job.objects.values_list("content", flat=True).get(pk=job.pk)
    return file_response(bytes(content), filename=job.filename, content_type=job.content_type)


# --- January list ----------------------------------------------------------------------------


def january_record_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Record the January list of a commune as dated events (Law 78/2015 Art 16(1))."""
    require_cap(request.user, Cap.EDIT_PEOPLE)
    communes = communes_for_user(request.user)
    title = _("Record the January list")
    if request.method != "POST":
        now = today()
        form = JanuaryForm(communes=communes, initial={"year": now.year, "list_date": now})
        return render(request, "people/books/january_record.html", {"form": form, "title": title})
    form = JanuaryForm(request.POST, communes=communes)
    done = submit(
        request,
        form,
        lambda data: record_january_list(
            actor=request.user,
            commune=form.communes[data["commune"]],
            year=data["year"],
            list_date=data["list_date"],
        ),
        success=None,
    )
    if done:
        messages.success(
            request,
            _("The January list has been recorded: %(count)s citizens.")
            % {"count": len(done.value)},
        )
        data = form.cleaned_data
        url = reverse("people:book", kwargs={"book": "january"})
        return redirect(f"{url}?commune={data['commune']}&year={data['year']}")
    return render(
        request,
        "people/books/january_record.html",
        {"form": form, "title": title},
        status=400,
    )
