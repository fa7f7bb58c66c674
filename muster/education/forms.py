"""Forms of the defence education pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.education.choices import GROUP_CHOICES, Category

Choices = Sequence[tuple[str, str]]


def _units(form: forms.Form, units: Choices) -> None:
    field = form.fields["unit"]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(units)


class MemberForm(BootstrapForm):
    unit = forms.ChoiceField(label=_("Unit"))
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1920, max_value=2010)
    post = forms.CharField(label=_("Post or office"), max_length=200)
    group = forms.TypedChoiceField(label=_("Group"), choices=GROUP_CHOICES, coerce=int)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    valid_from = date_field(_("Member from"))

    def __init__(self, *args: Any, units: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _units(self, units)


class ImportForm(BootstrapForm):
    unit = forms.ChoiceField(label=_("Unit"))
    file = forms.FileField(label=_("Spreadsheet (xlsx or csv)"))
    valid_from = date_field(_("Member from"))

    def __init__(self, *args: Any, units: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _units(self, units)


class PlanForm(BootstrapForm):
    unit = forms.ChoiceField(label=_("Unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2014, max_value=2100)
    quota1 = forms.IntegerField(label=_("Group 1"), min_value=0, max_value=100_000)
    quota2 = forms.IntegerField(label=_("Group 2"), min_value=0, max_value=100_000)
    quota3 = forms.IntegerField(label=_("Group 3"), min_value=0, max_value=100_000)
    quota4 = forms.IntegerField(label=_("Group 4"), min_value=0, max_value=100_000)

    def __init__(self, *args: Any, units: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _units(self, units)


class CourseForm(BootstrapForm):
    unit = forms.ChoiceField(label=_("Organising unit"))
    group = forms.TypedChoiceField(label=_("Group"), choices=GROUP_CHOICES, coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    convened_by = forms.CharField(label=_("Convened by"), max_length=200)
    place = forms.CharField(label=_("Training place"), max_length=200)
    starts_on = date_field(_("First day"))
    ends_on = date_field(_("Last day"))
    hours = forms.IntegerField(label=_("Curriculum hours"), min_value=1, max_value=500)

    def __init__(self, *args: Any, units: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _units(self, units)


class EnrolForm(BootstrapForm):
    def __init__(self, *args: Any, members: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["members"] = forms.MultipleChoiceField(
            label=_("Members to enrol"),
            choices=members,
            widget=forms.CheckboxSelectMultiple,
        )
