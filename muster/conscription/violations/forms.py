"""Forms of the violation pages. They parse input; the services validate and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Campaign
from muster.conscription.violations.models import ViolationKind, ViolationSubject
from muster.core import lawtext
from muster.core.forms import BootstrapForm, date_field
from muster.geo.models import Unit
from muster.law.callup.violations import acts, good_reasons

#: The acts a case against a citizen of the registry can be opened for (his own acts, and his
#: obstructing another citizen), and those against an organisation or a named individual.
PERSON_KINDS = [(v, label) for v, label in ViolationKind.choices if v not in acts.ORG_KINDS]
OFFENDER_KINDS = [(v, label) for v, label in ViolationKind.choices if v not in acts.CITIZEN_KINDS]


class CampaignChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Campaign) -> str:
        return f"{obj.unit.name} {obj.year}/{obj.call}"


class CaseOpenForm(BootstrapForm):
    national_id = forms.RegexField(
        label=_("ID number (CCCD)"),
        regex=r"^\d{12}$",
        error_messages={"invalid": _("Enter the 12-digit ID number.")},
    )
    kind = forms.ChoiceField(label=_("Violation"), choices=PERSON_KINDS)
    occurred_on = date_field(_("Date of the act"))
    campaign = CampaignChoiceField(
        label=_("Call-up campaign"),
        queryset=Campaign.objects.none(),
        to_field_name="public_id",
        required=False,
    )
    facts = forms.CharField(
        label=_("Facts of the case"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["campaign"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = campaigns


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class OffenderCaseOpenForm(BootstrapForm):
    """A case against an organisation (agency, enterprise, school) or an individual outside the
    registry (a relative who obstructed)."""

    subject = forms.ChoiceField(label=_("Offender is"), choices=ViolationSubject.choices)
    offender_name = forms.CharField(
        label=_("Name of the organisation or individual"), max_length=200
    )
    offender_address = forms.CharField(label=_("Address"), max_length=255)
    unit = UnitChoiceField(
        label=_("Commune"), queryset=Unit.objects.none(), to_field_name="public_id"
    )
    kind = forms.ChoiceField(label=_("Violation"), choices=OFFENDER_KINDS)
    occurred_on = date_field(_("Date of the act"))
    campaign = CampaignChoiceField(
        label=_("Call-up campaign"),
        queryset=Campaign.objects.none(),
        to_field_name="public_id",
        required=False,
    )
    facts = forms.CharField(
        label=_("Facts of the case"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args: Any, campaigns: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("campaign", campaigns), ("unit", units)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset


class NoticeForm(BootstrapForm):
    served_on = date_field(_("Served on"))
    served_to = forms.CharField(label=_("Served to"), max_length=120)
    content = forms.CharField(label=_("Content"), max_length=255)
    respond_by = date_field(_("To answer by"), required=False)


class GoodReasonForm(BootstrapForm):
    reason = forms.ChoiceField(label=_("Good reason"), choices=())
    details = forms.CharField(label=_("Details and evidence"), max_length=255)
    on = date_field(_("Accepted on"))

    def __init__(self, *args: Any, occurred_on: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(g.code, lawtext.title(g)) for g in good_reasons.good_reasons(occurred_on)]


class DecideForm(BootstrapForm):
    decision_number = forms.CharField(label=_("Penalty decision number"), max_length=40)
    decided_on = date_field(_("Decided on"))
    decided_by = forms.CharField(label=_("Decided by"), max_length=120)
    fine_amount = forms.IntegerField(
        label=_("Fine (VND; empty for a warning)"), min_value=0, required=False, localize=True
    )
    apply_lighter = forms.BooleanField(
        label=_("Apply the lighter decree in force on the decision date"), required=False
    )


class PaymentForm(BootstrapForm):
    paid_on = date_field(_("Paid on"))
    amount = forms.IntegerField(label=_("Amount paid (VND)"), min_value=1, localize=True)


class EscalateForm(BootstrapForm):
    escalated_on = date_field(_("Referred on"))
    note = forms.CharField(label=_("Sent to, with"), max_length=200)
    prior_conviction = forms.BooleanField(
        label=_("Convicted of this offence before, not yet expunged"), required=False
    )
    reason = forms.CharField(
        label=_("Reason (when Art 332's condition does not hold)"), max_length=200, required=False
    )


class CloseForm(BootstrapForm):
    closed_on = date_field(_("Closed on"))
    note = forms.CharField(label=_("Why the case is closed"), max_length=255)
