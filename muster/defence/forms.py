"""Forms of the defence pages (dates dd/mm/yyyy, numbers 1.234,5 by the locale)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.core.lawtext import choices
from muster.defence.models import AreaUnit, WorkStatus
from muster.law.defence.cycles import DRILL_TITLES, PLAN_TITLES
from muster.law.defence.works import KIND_TITLES


class WorkForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=choices(KIND_TITLES))
    name = forms.CharField(label=_("Name"), max_length=200)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    area = forms.DecimalField(
        label=_("Area"), max_digits=12, decimal_places=3, min_value=0, required=False
    )
    area_unit = forms.ChoiceField(label=_("Area unit"), choices=AreaUnit.choices)
    budget_planned = forms.DecimalField(
        label=_("Planned budget (VND)"), max_digits=16, decimal_places=0, min_value=0
    )


class WorkUpdateForm(BootstrapForm):
    budget_spent = forms.DecimalField(
        label=_("Budget spent (VND)"), max_digits=16, decimal_places=0, min_value=0
    )
    status = forms.ChoiceField(label=_("Status"), choices=WorkStatus.choices)


class MilestoneForm(BootstrapForm):
    planned_on = date_field(_("Planned date"), required=False)
    done_on = date_field(_("Done date"), required=False)


class EvidenceForm(BootstrapForm):
    file = forms.FileField(label=_("Evidence file (PDF, JPEG or PNG, at most 5 MB)"))


class PlanForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=choices(PLAN_TITLES))
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    approved_on = date_field(_("Approved on"), required=False)


class PlanUpdateForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    approved_on = date_field(_("Approved on"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DrillForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=choices(DRILL_TITLES))
    planned_on = date_field(_("Planned date"))
    held_on = date_field(_("Held on"), required=False)
