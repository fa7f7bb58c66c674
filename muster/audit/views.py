"""The audit page: auditors filter events by unit, user, action and date."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from muster.accounts.access import require_cap
from muster.accounts.models import User
from muster.accounts.perms import Cap
from muster.audit.labels import action_label
from muster.audit.selectors import events_for_user
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.selectors import units_for_user

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def __init__(self, *args: object, acting_user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        units = units_for_user(acting_user).exclude(kind__in=["village", "residential_group"])
        self.fields["unit"].choices = [("", _("All units"))] + [  # type: ignore[attr-defined]
            (str(u.public_id), f"{u.name} ({u.get_kind_display()}, {u.valid_from:%Y})")
            for u in units.order_by("path")
        ]
        actions = (
            events_for_user(user=acting_user)
            .order_by("action")
            .values_list("action", flat=True)
            .distinct()
        )
        self.fields["action"].choices = [("", _("All actions"))] + [  # type: ignore[attr-defined]
            (a, action_label(a)) for a in actions
        ]
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"
            if isinstance(field, forms.DateField):
                field.widget.attrs["placeholder"] = "dd/mm/yyyy"


def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_AUDIT)
    form = AuditFilterForm(request.GET or None, acting_user=request.user)
    filters: dict[str, object] = {}
    if form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            root = units_for_user(request.user).get(public_id=data["unit"])
            filters["unit_ids"] = frozenset(
                units_for_user(request.user)
                .filter(path__startswith=root.path)
                .values_list("pk", flat=True)
            )
        if data["user"]:
            actor = User.objects.filter(username=data["user"]).first()
            filters["actor_id"] = actor.pk if actor else -1
        filters["action"] = data["action"] or ""
        filters["date_from"] = data["date_from"]
        filters["date_to"] = data["date_to"]
    qs = events_for_user(user=request.user, **filters)  # type: ignore[arg-type]
    before = request.GET.get("before", "")
    if before.isdigit():
        qs = qs.filter(seq__lt=int(before))
    events = list(qs.select_related("actor")[: PAGE_SIZE + 1])
    next_before = None
    if len(events) > PAGE_SIZE:
        events = events[:PAGE_SIZE]
        next_before = events[-1].seq
    for event in events:
        event.action_label = action_label(event.action)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "events": events, "next_before": next_before, "query": query.urlencode()},
    )
