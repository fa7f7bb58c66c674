"""Pages of defence education: the index of a year (per unit and group: due, trained,
certified, quota and coverage), the members (add, import a spreadsheet), the courses (create;
a course's enrolments, results and certificates), the members due for training and the
certificate list (PDF, Excel). Thin: selectors read, services change."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.education import selectors as sel
from muster.education import services
from muster.education.choices import Result
from muster.education.documents import certificate_list
from muster.education.forms import CourseForm, EnrolForm, ImportForm, MemberForm, PlanForm
from muster.education.imports import check_file
from muster.education.perms import can_manage_education, can_view_education
from muster.geo.models import VILLAGE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of
from muster.law.education.groups import group_on
from muster.law.rulebook import NoRuleInForce


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2014 <= int(raw) <= 2100:
        return int(raw)
    return reference_date(request).year


def _day(request: AuthenticatedHttpRequest, year: int) -> dt.date:
    day = reference_date(request)
    return day if day.year == year else dt.date(year, 12, 31)


def _units(request: AuthenticatedHttpRequest, day: dt.date) -> list[Unit]:
    return list(
        Unit.objects.filter(scope_of(request.user).q("pk"))
        .exclude(kind__in=VILLAGE_LEVEL_KINDS)
        .valid_on(day)
        .order_by("depth", "name")
    )


def _unit(units: list[Unit], key: str) -> Unit:
    found = next((u for u in units if str(u.public_id) == key), None)
    if found is None:
        raise Http404(_("Not found, or outside your area."))
    return found


def _choices(units: list[Unit]) -> list[tuple[str, str]]:
    return [(str(u.public_id), u.name) for u in units]


def _groups(day: dt.date) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for number in (1, 2, 3, 4):
        try:
            rule = group_on(number, day)
        except NoRuleInForce:
            continue
        out.append(
            {
                "number": number,
                "members": lawtext.text(rule.members),
                "convenes": lawtext.text(rule.convenes),
                "place": lawtext.text(rule.place),
                "verified": rule.verified,
                "citations": lawtext.cite_all(rule.citations),
            }
        )
    return out


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Per unit of the area and group: due, trained and certified this year against the plan."""
    user = request.user
    require(can_view_education(user))
    year = _year(request)
    day = _day(request, year)
    units = _units(request, day)
    form = PlanForm(units=_choices(units), initial={"year": year}, prefix="plan")
    status = 200
    if request.method == "POST":
        require(can_manage_education(user))
        form = PlanForm(request.POST, units=_choices(units), prefix="plan")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.save_plan(
                    actor=user,
                    unit=_unit(units, data["unit"]),
                    year=data["year"],
                    quotas=[data[f"quota{g}"] for g in (1, 2, 3, 4)],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The plan is saved."))
                return redirect(f"{request.path}?year={data['year']}")
        status = 400
    rows, totals = sel.overview(user, year, day)
    context = {
        "year": year,
        "day": day,
        "rows": rows,
        "totals": totals,
        "groups": _groups(day),
        "form": form,
        "can_manage": can_manage_education(user),
    }
    return render(request, "education/index.html", context, status=status)


def due(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The members due for training on the day (never certified, or past the years)."""
    require(can_view_education(request.user))
    day = reference_date(request)
    raw = request.GET.get("group", "")
    group = int(raw) if raw in ("1", "2", "3", "4") else None
    people = sel.due(request.user, day, group)
    context = {"people": people, "day": day, "group": group}
    return render(request, "education/due.html", context)


def members(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The members of the area; the command adds one or imports a spreadsheet."""
    user = request.user
    require(can_view_education(user))
    day = reference_date(request)
    units = _units(request, day)
    choices = _choices(units)
    form = MemberForm(units=choices, initial={"valid_from": day}, prefix="member")
    upload = ImportForm(units=choices, initial={"valid_from": day}, prefix="import")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        require(can_manage_education(user))
        action = request.POST.get("action")
        if action == "add":
            form = MemberForm(request.POST, units=choices, prefix="member")
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.add_member(
                        actor=user,
                        unit=_unit(units, data["unit"]),
                        full_name=data["full_name"],
                        birth_year=data["birth_year"],
                        post=data["post"],
                        group=data["group"],
                        category=data["category"],
                        valid_from=data["valid_from"],
                    )
                except ValidationError as error:
                    form.add_service_errors(error)
                else:
                    messages.success(request, _("The member is added."))
                    return redirect("education:members")
        elif action == "import":
            upload = ImportForm(request.POST, request.FILES, units=choices, prefix="import")
            if upload.is_valid():
                data = upload.cleaned_data
                checked = check_file(data["file"].read(), data["file"].name)
                errors = checked.errors
                if not errors:
                    try:
                        made = services.import_members(
                            actor=user,
                            unit=_unit(units, data["unit"]),
                            rows=checked.rows,
                            valid_from=data["valid_from"],
                        )
                    except ValidationError as error:
                        errors = list(error.messages)
                    else:
                        messages.success(request, _("%(n)s members imported.") % {"n": len(made)})
                        return redirect("education:members")
        else:
            raise Http404(_("Unknown action."))
        status = 400
    context = {
        "people": sel.members(user).select_related("unit").order_by("unit__name", "group"),
        "form": form,
        "upload": upload,
        "import_errors": errors,
        "can_manage": can_manage_education(user),
    }
    return render(request, "education/members.html", context, status=status)


def courses(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The courses of a year in the area; the command records a course."""
    user = request.user
    require(can_view_education(user))
    year = _year(request)
    day = _day(request, year)
    units = _units(request, day)
    form = CourseForm(units=_choices(units), prefix="course")
    status = 200
    if request.method == "POST":
        require(can_manage_education(user))
        form = CourseForm(request.POST, units=_choices(units), prefix="course")
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = services.create_course(
                    actor=user,
                    unit=_unit(units, data["unit"]),
                    group=data["group"],
                    title=data["title"],
                    convened_by=data["convened_by"],
                    place=data["place"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    hours=data["hours"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The course is recorded."))
                return redirect("education:course", public_id=made.public_id)
        status = 400
    context = {
        "year": year,
        "courses": sel.courses(user, year).order_by("starts_on", "pk"),
        "form": form,
        "can_manage": can_manage_education(user),
    }
    return render(request, "education/courses.html", context, status=status)


def course(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A course: its enrolments with results and certificates; the command enrols members,
    records results and issues certificates."""
    user = request.user
    item = sel.course_for(user, public_id)
    day = reference_date(request)
    pool = sel.candidates(user, item, max(day, item.starts_on))
    enrol = EnrolForm(
        members=[(str(m.public_id), f"{m.full_name} ({m.unit.name})") for m in pool],
        prefix="enrol",
    )
    rows = sel.enrolments(item)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        require(can_manage_education(user))
        action = request.POST.get("action")
        try:
            if action == "enrol":
                enrol = EnrolForm(
                    request.POST,
                    members=[(str(m.public_id), m.full_name) for m in pool],
                    prefix="enrol",
                )
                if enrol.is_valid():
                    wanted = set(enrol.cleaned_data["members"])
                    added = services.enrol(
                        actor=user,
                        course=item,
                        members=[m for m in pool if str(m.public_id) in wanted],
                    )
                    messages.success(request, _("%(n)s members enrolled.") % {"n": added})
                    return redirect("education:course", public_id=item.public_id)
            elif action == "results":
                results = {
                    e.pk: request.POST.get(f"result-{e.member.public_id}", e.result)
                    for e, _cert in rows
                }
                services.record_results(actor=user, course=item, results=results)
                messages.success(request, _("The results are saved."))
                return redirect("education:course", public_id=item.public_id)
            elif action == "issue":
                made = services.issue_certificates(actor=user, course=item)
                messages.success(request, _("%(n)s certificates issued.") % {"n": len(made)})
                return redirect("education:course", public_id=item.public_id)
            else:
                raise Http404(_("Unknown action."))
        except ValidationError as error:
            problems = list(error.messages)
        status = 400
    try:
        rule = group_on(item.group, item.starts_on)
        verified = rule.verified
    except NoRuleInForce:
        verified = False
    context = {
        "course": item,
        "rows": rows,
        "enrol": enrol,
        "problems": problems,
        "results": Result.choices,
        "verified": verified,
        "can_manage": can_manage_education(user),
    }
    return render(request, "education/course.html", context, status=status)


def certificates(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The certificates issued in a year to members of the area."""
    year = _year(request)
    items = sel.certificates(request.user, year)
    context = {"year": year, "items": items}
    return render(request, "education/certificates.html", context)


def certificate_file(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The certificate list of a year in PDF or Excel."""
    year = _year(request)
    items = sel.certificates(request.user, year)
    doc = certificate_list(items, year=year, unit=request.user.scope_unit, today=today())
    name = f"chung-chi-gdqpan-{year}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    if fmt == "pdf":
        return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)
    raise Http404(_("Not found, or outside your area."))
