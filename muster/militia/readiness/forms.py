"""Forms of readiness: the call-out order. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.readiness.models import CallOutKind, CallOutPurpose

DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class CallOutForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CallOutKind.choices)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=CallOutPurpose.choices)
    description = forms.CharField(label=_("Details"), max_length=255, required=False)
    ordered_by = forms.CharField(
        label=_("Ordered by"),
        max_length=120,
        help_text=_("The commune commander, with the commune chairman's agreement."),
    )
    order_ref = forms.CharField(label=_("Order (number)"), max_length=80, required=False)
    ordered_at = forms.DateTimeField(
        label=_("Ordered at"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
        ),
        error_messages={"invalid": _("Enter a date and time as dd/mm/yyyy hh:mm.")},
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units called"),
        queryset=MilitiaUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, units: QuerySet[MilitiaUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = units
        field.to_field_name = "public_id"
