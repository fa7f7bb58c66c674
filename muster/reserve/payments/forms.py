"""Forms of the Khung B cadre appointments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.reserve.payments.models import KHUNG_B_CHOICES


class AppointForm(BootstrapForm):
    reservist = forms.ChoiceField(label=_("Reservist"))
    post = forms.ChoiceField(label=_("Khung B post"), choices=KHUNG_B_CHOICES)
    appointed_on = date_field(_("Appointed on"))
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)

    def __init__(self, *args: Any, reservists: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reservist"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = reservists


class EndAppointmentForm(BootstrapForm):
    appointment = forms.ChoiceField(label=_("Appointment"))
    ended_on = date_field(_("Left the post on (not counted)"))
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)

    def __init__(self, *args: Any, appointments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["appointment"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = appointments
