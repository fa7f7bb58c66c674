"""Forms of the selection pages (volunteers, lists, review steps). They parse input; the
services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Service
from muster.conscription.selection.models import ReviewKind
from muster.core.forms import BootstrapForm, date_field

_ID = {
    "regex": r"^\d{12}$",
    "error_messages": {"invalid": _("Enter the 12-digit ID number.")},
}


class VolunteerForm(BootstrapForm):
    national_id = forms.RegexField(label=_("ID number (CCCD)"), **_ID)  # type: ignore[arg-type]
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    applied_on = date_field(_("Applied on"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class WithdrawForm(BootstrapForm):
    volunteer = forms.UUIDField(widget=forms.HiddenInput)
    withdrawn_on = date_field(_("Application withdrawn on"))
    reason = forms.CharField(label=_("Reason"), max_length=255)


class OpenListForm(BootstrapForm):
    commune = forms.UUIDField(widget=forms.HiddenInput)
    service = forms.ChoiceField(choices=Service.choices, widget=forms.HiddenInput)


class StandbyForm(BootstrapForm):
    standby = forms.IntegerField(label=_("Standby places"), min_value=0, max_value=500)


class IssueOfficialForm(BootstrapForm):
    issued_on = date_field(_("Issued on"))
    report_place = forms.CharField(
        label=_("Place of reporting"),
        max_length=200,
        required=False,
        help_text=_("Empty: the commune military command's seat."),
    )


class ApproveListForm(BootstrapForm):
    """The decision approving the list of citizens called (Art 34(3))."""

    approved_on = date_field(_("Approved on"))
    approval_number = forms.CharField(label=_("Approval decision number"), max_length=60)
    council_proposal = forms.CharField(
        label=_("Provincial military service council's proposal (from 1 July 2025)"),
        max_length=120,
        required=False,
    )


class ReviewStepForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    commune = forms.ChoiceField(label=_("Commune"))
    village = forms.ChoiceField(label=_("Village (a nomination)"), required=False)
    round = forms.IntegerField(label=_("Round"), min_value=1, max_value=20, initial=1)
    held_on = date_field(_("Held on"))
    chaired_by = forms.CharField(label=_("Chaired by"), max_length=120)
    members = forms.IntegerField(
        label=_("Council members (a council review)"), min_value=1, max_value=200, required=False
    )
    present = forms.IntegerField(label=_("Present"), min_value=1, max_value=5000)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=5000, initial=0)
    votes_against = forms.IntegerField(
        label=_("Votes against"), min_value=0, max_value=5000, initial=0
    )
    abstained = forms.IntegerField(label=_("Abstained"), min_value=0, max_value=5000, initial=0)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self,
        *args: Any,
        communes: list[tuple[str, str]],
        villages: list[tuple[str, str]],
        kinds: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = communes
        village = self.fields["village"]
        assert isinstance(village, forms.ChoiceField)
        village.choices = [("", "—"), *villages]
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = kinds


class OutcomeForm(BootstrapForm):
    national_id = forms.RegexField(label=_("ID number (CCCD)"), **_ID)  # type: ignore[arg-type]
    approved = forms.TypedChoiceField(
        label=_("Review outcome"),
        choices=[("1", _("Approved")), ("0", _("Not approved"))],
        coerce=lambda v: v == "1",
    )
    votes_for = forms.IntegerField(
        label=_("Votes for (empty: the meeting's vote)"), min_value=0, required=False
    )
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
