"""Setting up a directive: staff officers with Cap.REVIEW_DIRECTIVE at the issuing level."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user, require, require_cap
from muster.accounts.perms import Cap
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.directives import perms
from muster.directives.forms import (
    DirectiveForm,
    TargetForm,
    TaskForm,
)
from muster.directives.models import (
    Body,
    Directive,
    FrequencyChoice,
    Target,
    TargetKind,
    Task,
)
from muster.directives.services import setup as setup_services
from muster.directives.services import targets as target_services
from muster.directives.sources import sources
from muster.geo.models import COMMUNE_LEVEL_KINDS, KIND_TIER, Unit
from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user


def _require_issuing_scope(request: AuthenticatedHttpRequest, directive: Directive) -> None:
    """A directive is edited at its issuing level (``perms.is_issuing_level``)."""
    require(
        perms.is_issuing_level(request.user, directive),
        _("Only the issuing level can change this directive."),
    )


def _editable(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Directive:
    directive = get_for_user(
        request.user,
        Directive.objects.select_related("unit"),
        unit_field="concerned_units",
        cap=Cap.REVIEW_DIRECTIVE,
        public_id=public_id,
    )
    _require_issuing_scope(request, directive)
    return directive


def _editable_task(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Task:
    task = get_for_user(
        request.user,
        Task.objects.select_related("directive__unit", "lead_unit", "lead_body"),
        unit_field="directive__concerned_units",
        cap=Cap.REVIEW_DIRECTIVE,
        public_id=public_id,
    )
    _require_issuing_scope(request, task.directive)
    return task


def _area_units(request: AuthenticatedHttpRequest, directive: Directive) -> list[Unit]:
    """Units that may answer for a task or target: the issuing unit's area down to the
    communes, valid in the directive's year, inside the user's scope."""
    return list(
        Unit.objects.filter(
            path__startswith=directive.unit.path,
            **scope_of(request.user).lookup("pk"),
            kind__in=[k for k, tier in KIND_TIER.items() if tier <= 3],
            valid_from__lte=dt.date(directive.year, 12, 31),
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(directive.year, 1, 1)))
        .order_by("path")
    )


def _area_bodies(directive: Directive) -> list[Body]:
    return list(
        Body.objects.filter(unit__path__startswith=directive.unit.path).select_related("unit")
    )


def _communes(units: list[Unit]) -> list[Unit]:
    return sorted((u for u in units if u.kind in COMMUNE_LEVEL_KINDS), key=lambda u: u.name_search)


def directive_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.REVIEW_DIRECTIVE)
    units = list(
        units_for_user(request.user)
        .filter(kind__in=[k for k, tier in KIND_TIER.items() if tier <= 2])
        .order_by("path", "-valid_from")
    )
    year = reference_date(request).year
    form = DirectiveForm(
        request.POST or None,
        units=units,
        initial={"year": year, "frequency": FrequencyChoice.MONTHLY, "report_due_working_days": 5},
    )
    done = submit(
        request,
        form,
        lambda data: setup_services.directive_create(
            actor=request.user,
            unit=form.units[data["unit"]],
            **{k: v for k, v in data.items() if k != "unit"},
        ),
        success=_("The directive has been created. Now add its tasks."),
    )
    if done:
        return redirect("directives:directive_edit", public_id=done.value.public_id)
    return render(
        request,
        "directives/directive_form.html",
        {"form": form, "directive": None, "no_units": not units},
        status=400 if form.errors else 200,
    )


def directive_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    directive = _editable(request, public_id)
    fields = [
        "issuer",
        "number",
        "issued_on",
        "year",
        "title",
        "signer",
        "frequency",
        "report_due_working_days",
        "full_text",
    ]
    form = DirectiveForm(request.POST or None, initial={f: getattr(directive, f) for f in fields})
    if submit(
        request,
        form,
        lambda data: setup_services.directive_update(
            actor=request.user, directive=directive, **data
        ),
        success=_("The directive has been saved."),
    ):
        return redirect("directives:directive_edit", public_id=directive.public_id)
    tasks = (
        Task.objects.filter(directive=directive)
        .select_related("lead_unit", "lead_body")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.select_related("lead_unit", "lead_body"))
        )
        .order_by("order")
    )
    return render(
        request,
        "directives/directive_form.html",
        {"form": form, "directive": directive, "tasks": tasks, "sources": sources()},
        status=400 if form.errors else 200,
    )


def _task_page(
    request: AuthenticatedHttpRequest, directive: Directive, task: Task | None
) -> HttpResponse:
    """The form of a new task (``task`` is None) or of an existing one."""
    if task is None:
        next_order = Task.objects.filter(directive=directive).aggregate(m=Max("order"))["m"]
        initial: dict[str, object] = {"order": (next_order or 0) + 1}
    else:
        initial = {
            "order": task.order,
            "title": task.title,
            "description": task.description,
            **TaskForm.responsibility_initial(task),
        }
    form = TaskForm(
        request.POST or None,
        units=_area_units(request, directive),
        bodies=_area_bodies(directive),
        initial=initial,
    )

    def save(data: dict[str, Any]) -> Task:
        fields = {
            "order": data["order"],
            "title": data["title"],
            "description": data["description"],
            **form.responsibility(),
        }
        if task is None:
            return setup_services.task_create(actor=request.user, directive=directive, **fields)
        return setup_services.task_update(actor=request.user, task=task, **fields)

    saved = _("The task has been added.") if task is None else _("The task has been saved.")
    if submit(request, form, save, success=saved):
        return redirect("directives:directive_edit", public_id=directive.public_id)
    return render(
        request,
        "directives/task_form.html",
        {"form": form, "directive": directive, "task": task},
        status=400 if form.errors else 200,
    )


def task_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _task_page(request, _editable(request, public_id), None)


def task_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    task = _editable_task(request, public_id)
    return _task_page(request, task.directive, task)


@require_POST
def task_move(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    task = _editable_task(request, public_id)
    try:
        setup_services.task_move(actor=request.user, task=task, up=request.POST.get("to") == "up")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("directives:directive_edit", public_id=task.directive.public_id)


def _target_page(
    request: AuthenticatedHttpRequest,
    task: Task,
    target: Target | None,
) -> HttpResponse:
    directive = task.directive
    units = _area_units(request, directive)
    if target is not None:
        initial = TargetForm.initial_for(target)
    else:
        next_order = (task.targets.aggregate(m=Max("order"))["m"] or 0) + 1
        initial = {
            "order": next_order,
            "kind": TargetKind.NUMERIC,
            "start_date": dt.date(directive.year, 1, 1),
            "due_date": dt.date(directive.year, 12, 31),
        }
    form = TargetForm(
        request.POST or None,
        units=units,
        bodies=_area_bodies(directive),
        communes=_communes(units),
        initial=initial,
    )

    def save(data: dict[str, Any]) -> Target:
        if target is None:
            return target_services.target_create(
                actor=request.user, task=task, **form.service_kwargs()
            )
        return target_services.target_update(
            actor=request.user, target=target, **form.service_kwargs()
        )

    if submit(request, form, save, success=_("The target has been saved.")):
        return redirect("directives:directive_edit", public_id=directive.public_id)
    return render(
        request,
        "directives/target_form.html",
        {"form": form, "directive": directive, "task": task, "target": target},
        status=400 if form.errors else 200,
    )


def target_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _target_page(request, _editable_task(request, public_id), None)


def target_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    target = get_for_user(
        request.user,
        Target.objects.select_related("task__directive__unit", "lead_unit", "lead_body"),
        unit_field="task__directive__concerned_units",
        cap=Cap.REVIEW_DIRECTIVE,
        public_id=public_id,
    )
    _require_issuing_scope(request, target.task.directive)
    return _target_page(request, target.task, target)
