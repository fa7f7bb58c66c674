"""Forms of the reserve pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.reserve.choices import KIND_CHOICES


class ReceiveForm(BootstrapForm):
    """A discharged soldier reaching home (found by his ID number in the registry)."""

    national_id = forms.CharField(label=_("ID number (CCCD)"), max_length=12)
    service_started_on = date_field(
        _("Service started on (empty: the call-up handover)"), required=False
    )
    discharged_on = date_field(_("Discharged on"))
    arrived_home_on = date_field(_("Arrived home on"))
    on = date_field(_("Received on"))
    return_note = forms.CharField(
        label=_("Return to school or employer, job training"), max_length=255, required=False
    )


class RegisterForm(BootstrapForm):
    national_id = forms.CharField(label=_("ID number (CCCD)"), max_length=12)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=40)
    specialty_code = forms.CharField(
        label=_("Military specialty code"), max_length=20, required=False
    )
    specialty_name = forms.CharField(label=_("Military specialty"), max_length=120, required=False)
    rank = forms.CharField(label=_("Rank"), max_length=60, required=False)
    on = date_field(_("Registered on"))
    combat = forms.BooleanField(label=_("Saw combat"), required=False)
    police_months = forms.IntegerField(
        label=_("Months served in the People's Police"), min_value=0, initial=0, required=False
    )
    professional_soldier = forms.BooleanField(
        label=_("Former professional soldier"), required=False
    )
    concentrated_training_months = forms.IntegerField(
        label=_("Months of concentrated training as a reservist"),
        min_value=0,
        initial=0,
        required=False,
    )


class RemoveForm(BootstrapForm):
    on = date_field(_("Removed on"))
    reason = forms.CharField(label=_("Reason"), max_length=255)
