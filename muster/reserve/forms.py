"""Forms of the reserve pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.geo.models import Unit
from muster.reserve.choices import KIND_CHOICES, REMOVAL_CHOICES


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
    officer_specialty = forms.CharField(
        label=_("Officer's specialty"), max_length=120, required=False
    )
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


class RemoveReasonForm(BootstrapForm):
    """Take a reservist off the register: the reason from the dated list, a note."""

    on = date_field(_("Removed on"))
    code = forms.ChoiceField(label=_("Reason"), choices=())
    note = forms.CharField(label=_("Notes"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *REMOVAL_CHOICES]


class HealthCheckForm(BootstrapForm):
    checked_on = date_field(_("Checked on"))
    grade = forms.IntegerField(label=_("Health grade (1–6)"), min_value=1, max_value=6)
    notes = forms.CharField(label=_("Notes"), max_length=255, required=False)


class TrainingForm(BootstrapForm):
    on = date_field(_("Training ended on"))
    months = forms.IntegerField(
        label=_("Months of concentrated training"), min_value=1, max_value=6
    )


class ReviewForm(BootstrapForm):
    reviewed_on = date_field(_("Reviewed on"))
    met = forms.ChoiceField(
        label=_("Met"),
        choices=(
            ("in_person", _("In person")),
            ("family", _("Through the family")),
            ("employer", _("Through the employer")),
            ("not_found", _("Not found")),
        ),
    )
    matches_file = forms.BooleanField(label=_("Matches the file"), required=False, initial=True)
    notes = forms.CharField(label=_("Notes"), max_length=255, required=False)


class TransferForm(BootstrapForm):
    to_commune = forms.ModelChoiceField(
        label=_("Receiving commune"), queryset=Unit.objects.none(), to_field_name="public_id"
    )
    on = date_field(_("Requested on"))
    note = forms.CharField(label=_("Notes"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_commune"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.commune_level().order_by("name")


class AcceptForm(BootstrapForm):
    transfer = forms.UUIDField(widget=forms.HiddenInput)
    on = date_field(_("Accepted on"))
