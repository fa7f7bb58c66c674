"""Forms of call-outs: another force on the roster, an order. They parse input; the services
decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.militia.readiness.forms import DATETIME_FORMATS
from muster.militia.readiness.models import CallOutPurpose
from muster.mobilisation.choices import AUTHORITY_CHOICES, KIND_CHOICES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _datetime_field(label: StrOrPromise) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
        ),
        error_messages={"invalid": _("Enter a date and time as dd/mm/yyyy hh:mm.")},
    )


class OtherForceForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=160)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    headcount = forms.IntegerField(label=_("People"), min_value=1, max_value=10000)
    contact = forms.CharField(label=_("Contact"), max_length=120, required=False)
    available_from = date_field(_("Available from"))


class OrderForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    hazard = forms.ChoiceField(
        label=_("Purpose"), choices=[("", "—"), *CallOutPurpose.choices], required=False
    )
    number = forms.CharField(label=_("Order number"), max_length=60)
    description = forms.CharField(label=_("Details"), max_length=255, required=False)
    authority = forms.ChoiceField(label=_("Signed as"), choices=AUTHORITY_CHOICES)
    signed_by = forms.CharField(label=_("Signed by (name)"), max_length=120)
    ordered_at = _datetime_field(_("Ordered at"))
    assembly_place = forms.CharField(label=_("Assembly place"), max_length=200)
    assembly_at = _datetime_field(_("Assembly time"))
