"""Forms of the commune police's quarterly report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.geo.forms import UnitChoiceField
from muster.geo.models import Unit
from muster.law.callup.registration_grounds import ART13_POINTS
from muster.people.registration.models import PoliceItemKind


class PoliceReportForm(BootstrapForm):
    commune = UnitChoiceField(
        label=_("Commune"), queryset=Unit.objects.none(), to_field_name="public_id"
    )
    year = forms.IntegerField(label=_("Year"), min_value=2016, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, str(q)) for q in (1, 2, 3, 4)]
    )
    received_on = date_field(_("Received on"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, communes: Any = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]


class PoliceItemForm(BootstrapForm):
    national_id = forms.CharField(label=_("ID number (CCCD)"), max_length=12)
    kind = forms.ChoiceField(label=_("Reported"), choices=PoliceItemKind.choices)
    event_date = date_field(_("Date"))
    art13_point = forms.ChoiceField(
        label=_("Point of Art 13(1) (detention)"),
        choices=[(p.point, p.point) for p in ART13_POINTS],
        required=False,
        initial="a",
    )
    to_unit = UnitChoiceField(
        label=_("New commune (residence change)"),
        queryset=Unit.objects.none(),
        to_field_name="public_id",
        required=False,
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["to_unit"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.commune_level().order_by("name_search", "valid_from")
        )
