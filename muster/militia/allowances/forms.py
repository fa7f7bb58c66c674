"""Forms of the allowances: the month asked, a province's rate. They parse input; the
services decide."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.militia.allowances.models import RateKind

_MONTH = re.compile(r"(?P<month>\d{1,2})/(?P<year>\d{4})")
_ISO_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")


def parse_month(raw: str | None) -> dt.date | None:
    """``MM/YYYY`` (or ``YYYY-MM``) as the first day of that month; None when blank or bad."""
    if not raw:
        return None
    found = _MONTH.fullmatch(raw.strip()) or _ISO_MONTH.fullmatch(raw.strip())
    if found is None:
        return None
    month, year = int(found["month"]), int(found["year"])
    if not 1 <= month <= 12 or year < 1900:
        return None
    return dt.date(year, month, 1)


class ProvinceRateForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Allowance"), choices=RateKind.choices)
    valid_from = date_field(_("In force from"))
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=1)
    decision = forms.CharField(label=_("Decision of the province"), max_length=120)
