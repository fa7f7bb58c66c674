"""Forms of the handover pages. They parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Service
from muster.conscription.handover.models import ReturnReason
from muster.core.forms import BootstrapForm, date_field


class ReceivingUnitForm(BootstrapForm):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=200)
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class PlanForm(BootstrapForm):
    commune = forms.UUIDField(widget=forms.HiddenInput)
    receiving_unit = forms.UUIDField(widget=forms.HiddenInput)
    number = forms.IntegerField(label=_("Number"), min_value=0, max_value=10000)


class HandoverForm(BootstrapForm):
    receiving_unit = forms.ChoiceField(label=_("Receiving unit"))
    handed_on = date_field(_("Handed over on"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    locality_signer = forms.CharField(label=_("Signed for the locality by"), max_length=120)
    unit_signer = forms.CharField(label=_("Signed for the receiving unit by"), max_length=120)
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decisions = forms.MultipleChoiceField(
        label=_("Recruits handed over"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        units: list[tuple[str, str]],
        decisions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["receiving_unit"]
        assert isinstance(unit, forms.ChoiceField)
        unit.choices = [("", "—"), *units]
        chosen = self.fields["decisions"]
        assert isinstance(chosen, forms.MultipleChoiceField)
        chosen.choices = decisions
        chosen.widget.attrs["class"] = "form-check-input"


class RecheckForm(BootstrapForm):
    rechecked_on = date_field(_("Re-examined on"))
    fit = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("Fit")), ("0", _("Unfit"))],
        coerce=lambda v: v == "1",
    )
    health_class = forms.IntegerField(
        label=_("Health class"), min_value=1, max_value=6, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class ReturnForm(BootstrapForm):
    returned_on = date_field(_("Returned on"))
    reason_kind = forms.ChoiceField(label=_("Reason"), choices=ReturnReason.choices)
    reason = forms.CharField(label=_("Details"), max_length=255)
    council_form_ref = forms.CharField(
        label=_("Council's health form (reference)"), max_length=80, required=False
    )
    recheck_form_ref = forms.CharField(
        label=_("Unit's re-examination form (reference)"), max_length=80, required=False
    )


class ReplacementForm(BootstrapForm):
    replaced_on = date_field(_("Replaced on"))
    person = forms.ChoiceField(label=_("Standby citizen"), required=False)
    skip_reason = forms.CharField(
        label=_("Reason for passing over the next one"), max_length=255, required=False
    )

    def __init__(self, *args: Any, standby: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("The next on the standby list")), *standby]
