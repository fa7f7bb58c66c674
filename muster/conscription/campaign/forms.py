"""Forms of the campaign pages. They parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Service
from muster.core.forms import BootstrapForm, date_field
from muster.geo.forms import UnitChoiceField
from muster.geo.models import UnitQuerySet


class CampaignForm(BootstrapForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=None, to_field_name="public_id")
    year = forms.IntegerField(label=_("Year"), min_value=2016, max_value=2100)
    call = forms.TypedChoiceField(
        label=_("Call"), choices=[(1, "1"), (2, "2")], coerce=int, initial=1
    )
    pool_review_by = date_field(_("Pool review by"), required=False)
    first_approval_by = date_field(_("First approval round by"), required=False)
    screening_start = date_field(_("Screening from"), required=False)
    screening_end = date_field(_("Screening to"), required=False)
    exam_start = date_field(_("Examination from"))
    exam_end = date_field(_("Examination to"))
    nomination_by = date_field(_("Village nomination and council review by"), required=False)
    second_approval_by = date_field(_("Second approval round by"), required=False)
    decisions_by = date_field(_("Decisions issued by"), required=False)
    handover_start = date_field(_("Handover day"))
    handover_end = date_field(_("Last handover day"), required=False)

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units


class QuotaForm(BootstrapForm):
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    value = forms.IntegerField(label=_("Quota"), min_value=0, max_value=100000)
    source_document = forms.CharField(label=_("Source document"), max_length=255)
    received_on = date_field(_("Received on"))


class OverrideForm(BootstrapForm):
    commune = forms.UUIDField(widget=forms.HiddenInput)
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    value = forms.IntegerField(
        label=_("Final figure (empty: back to the computed one)"), min_value=0, required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)
    decided_on = date_field(_("Decided on"))


class PoolForm(BootstrapForm):
    commune = forms.UUIDField(widget=forms.HiddenInput)
    stored_pool = forms.IntegerField(
        label=_("Reported callable pool (empty: count the registry)"), min_value=0, required=False
    )


class IssueForm(BootstrapForm):
    national_id = forms.RegexField(
        label=_("ID number (CCCD)"),
        regex=r"^\d{12}$",
        error_messages={"invalid": _("Enter the 12-digit ID number.")},
    )
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    issued_on = date_field(_("Issued on"))
    report_place = forms.CharField(
        label=_("Place of reporting"),
        max_length=200,
        required=False,
        help_text=_("Empty: the commune military command's seat."),
    )


class DeliverForm(BootstrapForm):
    delivered_on = date_field(_("Delivered on"))
    delivered_to = forms.CharField(label=_("Delivered to"), max_length=120)


class RevokeForm(BootstrapForm):
    reason = forms.CharField(label=_("Reason"), max_length=255)
