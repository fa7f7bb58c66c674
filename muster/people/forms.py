"""Forms of the registry pages. They parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.geo.forms import UnitChoiceField
from muster.geo.models import Unit, UnitQuerySet
from muster.people.models import EvidenceKind, MaritalStatus, Sex
from muster.people.reference import ETHNIC_GROUPS, KINH


class PersonForm(BootstrapForm):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    date_of_birth = date_field(_("Date of birth"))
    national_id = forms.CharField(label=_("ID number (CCCD)"), max_length=20)
    registration_unit = UnitChoiceField(
        label=_("Registration unit"), queryset=Unit.objects.none(), to_field_name="public_id"
    )
    residence_unit = UnitChoiceField(
        label=_("Village or residential group"),
        queryset=Unit.objects.none(),
        to_field_name="public_id",
        required=False,
    )
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), choices=ETHNIC_GROUPS, initial=KINH)
    religion = forms.CharField(label=_("Religion"), max_length=60, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=120, required=False)
    workplace = forms.CharField(label=_("Workplace or school"), max_length=200, required=False)
    school_grade = forms.IntegerField(
        label=_("School grade completed"), min_value=0, max_value=12, required=False
    )
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=MaritalStatus.choices, initial=MaritalStatus.SINGLE
    )

    def __init__(self, *args: Any, communes: UnitQuerySet, villages: UnitQuerySet, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["registration_unit"].queryset = communes  # type: ignore[attr-defined]
        self.fields["residence_unit"].queryset = villages  # type: ignore[attr-defined]


class PersonCreateForm(PersonForm):
    first_registration_date = date_field(_("First registration date"), required=False)
    certificate_number = forms.CharField(
        label=_("Registration certificate number"), max_length=40, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first_registration_date") and not data.get("certificate_number"):
            self.add_error("certificate_number", _("Enter the registration certificate number."))
        if data.get("certificate_number") and not data.get("first_registration_date"):
            self.add_error("first_registration_date", _("Enter the first registration date."))
        return data


class PersonEditForm(PersonForm):
    reason = forms.CharField(label=_("Reason for the change"), max_length=255)


class TransferForm(BootstrapForm):
    to_unit = UnitChoiceField(
        label=_("Destination commune"), queryset=Unit.objects.none(), to_field_name="public_id"
    )
    left_on = date_field(_("Date of leaving"))
    arrived_on = date_field(_("Date of arrival"))
    registered_on = date_field(_("Date registered at the new commune"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["to_unit"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.commune_level().order_by("name_search", "valid_from")
        )


class AbsenceForm(BootstrapForm):
    action = forms.ChoiceField(
        label=_("Record"),
        choices=[("start", _("Start of absence")), ("return", _("Return"))],
    )
    event_date = date_field(_("Date of leaving or returning"))
    registered_on = date_field(_("Date registered again (return)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class EvidenceForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=EvidenceKind.choices)
    date = date_field(_("Document date"))
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
