"""Forms of the registration steps on the person page: additional and reserve registration,
removal, Art 13 / Art 14 status. They parse input; the conscription services validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.law.callup.registration_grounds import ART13_POINTS
from muster.law.health.rules import EXEMPT_ILLNESSES
from muster.people.registration.models import BarKind


class AdditionalRegistrationForm(BootstrapForm):
    changed_on = date_field(_("Date of the change"))
    change = forms.CharField(label=_("What changed"), max_length=200)
    registered_on = date_field(_("Date registered"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class ReserveRegistrationForm(BootstrapForm):
    arrived_home_on = date_field(_("Date of arriving home after discharge"))
    certificate_number = forms.CharField(
        label=_("Reserve registration certificate number"), max_length=40
    )
    registered_on = date_field(_("Date registered"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class RemovalForm(BootstrapForm):
    reason = forms.ChoiceField(
        label=_("Reason for the removal"),
        choices=[
            ("death", _("Death")),
            ("over_age", _("Over reserve age")),
            ("art13", _("Not allowed to register (Art 13)")),
            ("art14", _("Exempt from registration (Art 14)")),
        ],
    )
    confirmed_on = date_field(_("Date confirmed"))
    reported_on = date_field(_("Date reported"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class BarForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Status"), choices=BarKind.choices)
    art13_point = forms.ChoiceField(
        label=_("Art 13(1) point"),
        required=False,
        choices=[("", "—"), *((p.point, f"({p.point}) {p.label}") for p in ART13_POINTS)],
    )
    icd_code = forms.CharField(
        label=_("Illness ICD-10 code (Art 14)"),
        max_length=8,
        required=False,
        help_text=", ".join(i.label for i in EXEMPT_ILLNESSES),
    )
    start_date = date_field(_("Start"))
    end_date = date_field(_("End (if known)"), required=False)
    detail = forms.CharField(
        label=_("Details (decision, judgment)"), max_length=120, required=False
    )


class BarEndForm(BootstrapForm):
    end_date = date_field(_("End"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
