"""Forms of the province's pages. They parse input; the services validate and write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Service
from muster.conscription.province.models import DecisionKind
from muster.core.forms import BootstrapForm, date_field


class ReceiveForm(BootstrapForm):
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    value = forms.IntegerField(label=_("Quota"), min_value=0, max_value=100000)
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=160,
        help_text=_(
            "The Military Region for the army, the Ministry of Public Security for the police."
        ),
    )
    number = forms.CharField(label=_("Document number"), max_length=60)
    issued_on = date_field(_("Document date"))
    received_on = date_field(_("Received on"))
    file = forms.FileField(label=_("Scan of the document (PDF, JPEG or PNG)"), required=False)


class ProposeForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Proposal about"), choices=DecisionKind.choices)
    proposal_number = forms.CharField(label=_("Council's proposal number"), max_length=60)
    proposed_on = date_field(_("Proposed on"))


class DecideForm(BootstrapForm):
    number = forms.CharField(label=_("Decision number"), max_length=60)
    decided_on = date_field(_("Decision date"))
    signer = forms.CharField(label=_("Signed by"), max_length=150)
    file = forms.FileField(
        label=_("Scan of the signed decision (PDF, JPEG or PNG)"), required=False
    )
    refused = forms.TypedMultipleChoiceField(
        label=_("Not accepted by the chairman"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("The dossiers of these citizens are refused; the others are granted."),
    )

    def __init__(
        self, *args: Any, refusable: Sequence[tuple[int, str]] = (), **kwargs: Any
    ) -> None:
        """``refusable``: the items the chairman may leave out (deferrals and exemptions)."""
        super().__init__(*args, **kwargs)
        if refusable:
            field = self.fields["refused"]
            assert isinstance(field, forms.TypedMultipleChoiceField)
            field.choices = list(refusable)
        else:
            del self.fields["refused"]
