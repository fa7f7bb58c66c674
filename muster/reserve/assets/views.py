"""Pages of a commune's register of reserve technical assets: the list (kind filter, search
without diacritics), adding an asset (the owner picked from the registry search, or an agency
or enterprise named), one asset's page (edit, remove with the reason) and the owner's notice in
PDF and Word. Thin: the services write, the selectors read."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.http import DOCX, PDF, file_response
from muster.documents.pdf import render_report_pdf
from muster.documents.word import render_report_docx
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.reserve.enums import AssetKind
from muster.people.models import Person
from muster.people.selectors import search_people
from muster.reserve.assets import selectors as sel
from muster.reserve.assets import services
from muster.reserve.assets.documents import owner_notice
from muster.reserve.assets.forms import AssetForm, RemoveAssetForm
from muster.reserve.assets.models import Asset, AssetAssignment
from muster.reserve.choices import ASSET_CHOICES
from muster.reserve.perms import can_manage_assets, can_view_reserve
from muster.reserve.views import commune_for


def assets(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's technical assets on the day, by kind and search."""
    commune = commune_for(request, public_id)
    day = reference_date(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in AssetKind.__members__.values() else ""
    query = request.GET.get("q", "")[:80]
    rows = sel.assets_of_commune(
        user=request.user, commune=commune, day=day, kind=kind, query=query
    )
    context = {
        "commune": commune,
        "day": day,
        "rows": rows[: sel.PAGE],
        "total": len(rows),
        "page": sel.PAGE,
        "kinds": ASSET_CHOICES,
        "kind": kind,
        "q": query,
        "counts": sel.counts_by_kind(user=request.user, commune=commune, day=day),
        "can_manage": can_manage_assets(request.user),
    }
    return render(request, "reserve/assets/list.html", context)


def _owner(request: AuthenticatedHttpRequest, public_id: uuid.UUID | None) -> Person | None:
    if public_id is None:
        return None
    return Person.objects.filter(
        scope_of(request.user).q("registration_unit"), public_id=public_id
    ).first()


def _data(request: AuthenticatedHttpRequest, d: dict[str, Any]) -> services.AssetData:
    owner = _owner(request, d["owner_person"])
    if d["owner_kind"] == "citizen" and d["owner_person"] is not None and owner is None:
        raise ValidationError({"owner_person": [_("This citizen is outside your area.")]})
    return services.AssetData(
        kind=d["kind"],
        model_name=d["model_name"],
        registration_number=d["registration_number"],
        features=d["features"],
        year_made=d["year_made"],
        owner_kind=d["owner_kind"],
        owner_person=owner,
        owner_name=d["owner_name"],
        owner_address=d["owner_address"],
    )


def _candidates(request: AuthenticatedHttpRequest, query: str) -> list[Person]:
    if len(query.strip()) < 2:
        return []
    return search_people(user=request.user, query=query, page_size=20).people


def asset_add(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Add an asset to the commune's register; a citizen owner is found by the registry search
    (name without diacritics, or ID number) and picked."""
    commune = commune_for(request, public_id)
    require(can_manage_assets(request.user))
    owner_q = (request.POST.get("owner_q") or request.GET.get("owner_q", ""))[:80]
    form = AssetForm(
        request.POST or None,
        initial={"on": today(), "owner_kind": "citizen", "kind": AssetKind.ROAD_VEHICLE.value},
    )
    status = 200
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda d: services.register_asset(
                actor=request.user, commune=commune, data=_data(request, d), on=d["on"]
            ),
            success=_("The asset has been registered."),
        )
        if done is not None:
            return redirect(reverse("reserve:asset", args=[done.value.public_id]))
        status = 400
    context = {
        "commune": commune,
        "form": form,
        "owner_q": owner_q,
        "candidates": _candidates(request, owner_q),
        "picked": request.POST.get("owner_person", ""),
    }
    return render(request, "reserve/assets/add.html", context, status=status)


def _asset(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Asset:
    return get_for_user(
        request.user,
        Asset.objects.select_related("holder", "owner_person"),
        unit_field="holder",
        cap=can_view_reserve,
        public_id=public_id,
    )


def asset(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One asset: what the register says, its yearly registrations and assignments; edit and
    remove."""
    item = _asset(request, public_id)
    initial = {
        "kind": item.kind,
        "model_name": item.model_name,
        "registration_number": item.registration_number,
        "features": item.features,
        "year_made": item.year_made,
        "owner_kind": item.owner_kind,
        "owner_person": item.owner_person.public_id if item.owner_person else None,
        "owner_name": item.owner_name,
        "owner_address": item.owner_address,
        "on": today(),
    }
    action = request.POST.get("action", "")
    edit = AssetForm(request.POST if action == "edit" else None, initial=initial)
    remove = RemoveAssetForm(request.POST if action == "remove" else None, initial={"on": today()})
    status = 200
    if request.method == "POST":
        require(can_manage_assets(request.user))
        if action == "edit":
            done: Any = submit(
                request,
                edit,
                lambda d: services.update_asset(
                    actor=request.user, asset=item, data=_data(request, d), on=d["on"]
                ),
                success=_("The asset has been updated."),
            )
        else:
            done = submit(
                request,
                remove,
                lambda d: services.remove_asset(
                    actor=request.user, asset=item, on=d["on"], reason=d["reason"]
                ),
                success=_("The asset has been taken off the register."),
            )
        if done is not None:
            return redirect(reverse("reserve:asset", args=[item.public_id]))
        status = 400
    context = {
        "item": item,
        "commune": item.holder,
        "edit": edit,
        "remove": remove,
        "action": action,
        "entries": item.round_entries.select_related("round").order_by("-round__year"),
        "assignments": visible_rows(
            request,
            item.assignments.select_related("need__unit__area").order_by("-assigned_on"),
            lambda a: a.need.unit.area,
        ),
        "can_manage": can_manage_assets(request.user),
        "day": reference_date(request),
    }
    return render(request, "reserve/assets/asset.html", context, status=status)


def visible_rows(
    request: AuthenticatedHttpRequest,
    rows: Iterable[AssetAssignment],
    unit_of: Callable[[AssetAssignment], Unit],
) -> list[AssetAssignment]:
    """The rows, each marked ``visible`` when the reader may open the linked page (a unit or an
    asset of another area is shown without a link, never as a link to a 404)."""
    scope = scope_of(request.user)
    found = list(rows)
    for row in found:
        row.visible = scope.contains(unit_of(row))  # type: ignore[attr-defined]
    return found


def _notice(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> tuple[Asset, Any]:
    item = _asset(request, public_id)
    assignment = item.assignments.filter(ended_on__isnull=True).select_related("need__unit").first()
    return item, owner_notice(item, assignment, day=today())


def asset_notice_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item, notice = _notice(request, public_id)
    return file_response(
        render_report_pdf(notice),
        filename=f"Thông báo PTKTDB {item.registration_number}.pdf",
        content_type=PDF,
    )


def asset_notice_docx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item, notice = _notice(request, public_id)
    return file_response(
        render_report_docx(notice),
        filename=f"Thông báo PTKTDB {item.registration_number}.docx",
        content_type=DOCX,
    )
