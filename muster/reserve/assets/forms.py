"""Forms of the reserve technical assets' pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.reserve.assets.models import OwnerKind
from muster.reserve.choices import ASSET_CHOICES


class AssetForm(BootstrapForm):
    """An asset as the register writes it. A citizen owner is picked from the registry search
    (``owner_person``: his public id); an agency or enterprise is named."""

    kind = forms.ChoiceField(label=_("Kind of asset"), choices=ASSET_CHOICES)
    model_name = forms.CharField(label=_("Type and model"), max_length=160)
    registration_number = forms.CharField(label=_("Registration number"), max_length=40)
    features = forms.CharField(label=_("Features"), max_length=255, required=False)
    year_made = forms.IntegerField(label=_("Year made"), required=False)
    owner_kind = forms.ChoiceField(label=_("Owner"), choices=OwnerKind.choices)
    owner_person = forms.UUIDField(label=_("Owner (citizen)"), required=False)
    owner_name = forms.CharField(
        label=_("Owner (agency or enterprise)"), max_length=200, required=False
    )
    owner_address = forms.CharField(label=_("Owner's address"), max_length=255, required=False)
    on = date_field(_("On"))


class RemoveAssetForm(BootstrapForm):
    on = date_field(_("Removed on"))
    reason = forms.CharField(label=_("Reason"), max_length=255)


class RoundForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    opened_on = date_field(_("From"))
    closed_on = date_field(_("To"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class ConfirmForm(BootstrapForm):
    on = date_field(_("Checked on"))


class NeedForm(BootstrapForm):
    unit = forms.UUIDField(label=_("Reserve unit"))
    kind = forms.ChoiceField(label=_("Kind of asset"), choices=ASSET_CHOICES)
    features = forms.CharField(label=_("Required features"), max_length=255, required=False)
    count = forms.IntegerField(label=_("Number needed"), min_value=1, max_value=10000)


class AssignForm(BootstrapForm):
    asset = forms.UUIDField(widget=forms.HiddenInput)
    on = date_field(_("Assigned on"))


class EndAssignmentForm(BootstrapForm):
    assignment = forms.UUIDField(widget=forms.HiddenInput)
    on = date_field(_("Ended on"))
    reason = forms.CharField(label=_("Reason"), max_length=255)
