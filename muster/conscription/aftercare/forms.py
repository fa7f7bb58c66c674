"""Forms after the handover and of the allowance. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.aftercare.models import NoticeMethod, Payer
from muster.core.forms import BootstrapForm, date_field


class StandardsRecheckForm(BootstrapForm):
    checked_on = date_field(_("Re-checked on"))
    meets = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("Meets the standards")), ("0", _("Does not meet the standards"))],
        coerce=lambda v: v == "1",
    )
    finding = forms.CharField(label=_("Finding"), max_length=255, required=False)
    document_ref = forms.CharField(label=_("Document (reference)"), max_length=80, required=False)


class FamilyNoticeForm(BootstrapForm):
    recruit = forms.UUIDField(widget=forms.HiddenInput)
    tie = forms.ChoiceField(label=_("Family member"))
    notified_on = date_field(_("Notified on"))
    method = forms.ChoiceField(label=_("How"), choices=NoticeMethod.choices)
    notified_by = forms.CharField(label=_("Notified by"), max_length=120)

    def __init__(self, *args: Any, ties: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tie"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = ties


class PeriodForm(BootstrapForm):
    start = date_field(_("From"))
    end = date_field(_("To"))


class AllowanceLineForm(BootstrapForm):
    line = forms.UUIDField(widget=forms.HiddenInput)
    hours = forms.DecimalField(
        label=_("Hours attended"),
        min_value=0,
        max_value=24,
        max_digits=4,
        decimal_places=1,
        localize=True,  # "3,5" in Vietnamese
    )
    travel = forms.IntegerField(
        label=_("Travel costs"), min_value=0, max_value=10_000_000, localize=True
    )
    payer = forms.ChoiceField(label=_("Paid by"), choices=Payer.choices)
