"""Forms of the reviews between agencies (sơ kết / tổng kết)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.reports.models import ReviewKind


class ReviewCreateForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Review"), choices=ReviewKind.choices)
    unit = forms.ChoiceField(label=_("Reporting unit"))

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {str(u.public_id): u for u in units}
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ChoiceField)
        unit.choices = [(k, str(u)) for k, u in self.units.items()]


def _text(label: Any, rows: int = 5) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class ReviewEditForm(BootstrapForm):
    number = forms.CharField(
        label=_("Number"), required=False, max_length=40, help_text="12/BC-BCHQS"
    )
    signer_title = forms.CharField(label=_("Signer's title"), required=False, max_length=80)
    signer_name = forms.CharField(label=_("Signer's name"), required=False, max_length=120)
    results = _text(_("Results (assessment)"))
    shortcomings = _text(_("Shortcomings and their causes"))
    lessons = _text(_("Lessons learnt"))
    direction = _text(_("Direction for the time ahead"))


class DayForm(BootstrapForm):
    day = date_field(_("Date"))
    remarks = forms.CharField(label=_("Remarks"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))  # fmt: skip
