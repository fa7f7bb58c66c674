"""Forms of the reserve units' pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.reserve.choices import FORCE_CHOICES, KIND_CHOICES, ROLE_CHOICES
from muster.reserve.units.models import ReserveUnit


class UnitForm(BootstrapForm):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    force = forms.ChoiceField(label=_("Force"), choices=FORCE_CHOICES)
    spare_percent = forms.IntegerField(
        label=_("Spare (%, empty: 10)"), min_value=0, max_value=100, required=False
    )
    parent = forms.ModelChoiceField(
        label=_("Part of"), queryset=ReserveUnit.objects.none(), required=False
    )
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)
    established_on = date_field(_("Established on"))

    def __init__(self, *args: Any, parents: list[ReserveUnit] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ReserveUnit.objects.filter(pk__in=[p.pk for p in parents or []])


class EndForm(BootstrapForm):
    ended_on = date_field(_("Ends on (first day out of force)"))
    decision = forms.CharField(label=_("Decision"), max_length=120)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class PostForm(BootstrapForm):
    specialty_code = forms.CharField(label=_("Military specialty code"), max_length=20)
    specialty_name = forms.CharField(label=_("Military specialty"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    rank = forms.CharField(label=_("Rank"), max_length=60, required=False)
    count = forms.IntegerField(label=_("Posts"), min_value=1)


class CloseForm(BootstrapForm):
    post_specialty = forms.CharField(label=_("Post's military specialty"), max_length=20)
    reservist_specialty = forms.CharField(label=_("Close military specialty"), max_length=20)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
