"""Forms of the allowances: the month asked, a province's rate. They parse input; the
services decide."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.militia.allowances.models import RateKind


def parse_month(raw: str | None) -> dt.date | None:
    """``MM/YYYY`` (or ``YYYY-MM``) as the first day of that month; None when blank or bad."""
    if not raw:
        return None
    for fmt in ("%m/%Y", "%Y-%m"):
        try:
            return dt.datetime.strptime(raw.strip(), fmt).date().replace(day=1)
        except ValueError:
            continue
    return None


class ProvinceRateForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Allowance"), choices=RateKind.choices)
    valid_from = date_field(_("In force from"))
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=1)
    decision = forms.CharField(label=_("Decision of the province"), max_length=120)
