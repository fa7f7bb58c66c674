"""Forms of the registration and membership pages (dates typed dd/mm/yyyy)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.militia.members.models import RegistrationSource


class AprilForm(BootstrapForm):
    """The one step: register the commune's citizens turning 18 in ``year`` on ``on``."""

    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    on = date_field(_("Registered on"))


_ONE_SOURCES = [
    (v, label) for v, label in RegistrationSource.choices if v != RegistrationSource.APRIL
]


class RegisterOneForm(BootstrapForm):
    """One citizen (found by his ID number in the registry): a new resident, new staff."""

    national_id = forms.CharField(label=_("ID number (CCCD)"), max_length=12)
    source = forms.ChoiceField(label=_("Source"), choices=_ONE_SOURCES)
    agency = forms.CharField(label=_("Agency or enterprise"), max_length=200, required=False)
    exempt_reason = forms.CharField(
        label=_("Exempt: disability, serious or mental illness"), max_length=200, required=False
    )
    on = date_field(_("Registered on"))


class RemoveForm(BootstrapForm):
    registration = forms.UUIDField(widget=forms.HiddenInput)
    on = date_field(_("Removed on"))
    reason = forms.CharField(label=_("Reason"), max_length=255)


class ExtendForm(BootstrapForm):
    until = date_field(_("Extended to"))
    on = date_field(_("Decided on"))
    decision_ref = forms.CharField(label=_("Decision number"), max_length=80)


class CompleteForm(BootstrapForm):
    on = date_field(_("Completed on"))
    decision_ref = forms.CharField(label=_("Decision number"), max_length=80)


class LeaveForm(BootstrapForm):
    on = date_field(_("Left on"))
    reason = forms.CharField(label=_("Reason"), max_length=255)


class AbsenceForm(BootstrapForm):
    left_on = date_field(_("Absent from"))
    returns_on = date_field(_("Absent to"), required=False)
    reported_on = date_field(_("Reported on"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
