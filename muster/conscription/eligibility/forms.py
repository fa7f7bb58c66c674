"""The form of the political-standard verification (thẩm tra tiêu chuẩn chính trị)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.eligibility.models import PoliticalOutcome
from muster.core.forms import BootstrapForm, date_field


class PoliticalVerificationForm(BootstrapForm):
    verified_on = date_field(_("Verified on"))
    verified_by = forms.CharField(
        label=_("Verified by (body)"),
        max_length=200,
        help_text=_("Usually the commune police."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=PoliticalOutcome.choices)
    document = forms.CharField(label=_("Verification document (number and date)"), max_length=120)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
