"""Forms of the militia's organisation and cadres. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.militia.choices import COMPONENT_CHOICES, FORCE_CHOICES, LEVEL_CHOICES, POST_CHOICES
from muster.militia.organisation.models import Appointment, CadreRating


def _set_choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class UnitForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=160)
    force = forms.ChoiceField(label=_("Force"), choices=FORCE_CHOICES)
    agency = forms.CharField(
        label=_("Agency or enterprise (self-defence)"), max_length=200, required=False
    )
    component = forms.ChoiceField(label=_("Component"), choices=COMPONENT_CHOICES)
    level = forms.ChoiceField(label=_("Level"), choices=LEVEL_CHOICES)
    village = forms.ChoiceField(label=_("Village (on-site units)"), required=False)
    parent = forms.ChoiceField(label=_("Part of"), required=False)
    establishment = forms.IntegerField(label=_("Established strength"), min_value=1)
    established_on = date_field(_("Established on"))
    decision_ref = forms.CharField(label=_("Decision (number)"), max_length=80)

    def __init__(
        self,
        *args: Any,
        villages: list[tuple[str, str]],
        parents: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "village", [("", "—"), *villages])
        _set_choices(self, "parent", [("", "—"), *parents])


class DissolveForm(BootstrapForm):
    ended_on = date_field(_("Dissolved on"))
    decision_ref = forms.CharField(label=_("Decision (number)"), max_length=80)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class FillForm(BootstrapForm):
    on = date_field(_("Established on"))
    decision_ref = forms.CharField(label=_("Decision (number)"), max_length=80)


class AssignForm(BootstrapForm):
    membership = forms.ChoiceField(label=_("Member"))

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "membership", members)


class AppointForm(BootstrapForm):
    person = forms.ChoiceField(label=_("Member of the force"), required=False)
    person_id = forms.UUIDField(
        label=_("Or the person's record number in the registry"), required=False
    )
    post = forms.ChoiceField(label=_("Post"), choices=POST_CHOICES)
    unit = forms.ChoiceField(label=_("Unit (empty: the commune military command)"), required=False)
    appointed_on = date_field(_("Appointed on"))
    decision_ref = forms.CharField(label=_("Decision (number)"), max_length=80)
    grassroots_degree = forms.BooleanField(
        label=_("Holds the degree in grassroots military science"), required=False
    )
    without_social_insurance = forms.BooleanField(
        label=_("Does not take part in social insurance"), required=False
    )

    def __init__(
        self,
        *args: Any,
        people: list[tuple[str, str]],
        units: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "person", [("", "—"), *people])
        _set_choices(self, "unit", [("", "—"), *units])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not data.get("person_id"):
            self.add_error("person", _("Choose the person to appoint."))
        return data


class DismissForm(BootstrapForm):
    ended_on = date_field(_("Ends on"))
    reason = forms.ChoiceField(label=_("Why"), choices=Appointment.EndReason.choices)
    note = forms.CharField(label=_("Grounds"), max_length=255, required=False)
    decision_ref = forms.CharField(label=_("Decision (number)"), max_length=80)


class ReviewForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    rating = forms.ChoiceField(label=_("Rating"), choices=CadreRating.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class TargetForm(BootstrapForm):
    province = forms.ChoiceField(label=_("Province"))
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    ratio_pct = forms.DecimalField(
        label=_("Target share of the population (%)"),
        max_digits=5,
        decimal_places=2,
        localize=True,
    )
    decision_ref = forms.CharField(label=_("Province's decision (number)"), max_length=80)
    citation = forms.CharField(label=_("Legal basis"), max_length=255, required=False)

    def __init__(self, *args: Any, provinces: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "province", provinces)
