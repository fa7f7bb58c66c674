"""Forms of registration: the steps on the person page (additional and reserve registration,
removal, Art 13 / Art 14 status), and the commune's April and reserve calls (issue, delivery,
registration, the 10-day report). They parse input; the registration services validate."""

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


class IssueForm(BootstrapForm):
    issued_on = date_field(_("Issued on"))
    registration_date = date_field(_("Registration date"))
    registration_place = forms.CharField(label=_("Registration place"), max_length=200)
    signer_name = forms.CharField(label=_("Signed by"), max_length=120)


class DeliveryForm(BootstrapForm):
    # Shares its HTML form with the register and print buttons: the server checks it.
    use_required_attribute = False
    delivered_on = date_field(_("Delivered on"))


class RegisterForm(BootstrapForm):
    use_required_attribute = False
    registered_on = date_field(_("Registered on"))
    certificate_on = date_field(_("Certificate handed over on"))


class ReportForm(BootstrapForm):
    registration_date = date_field(_("Registration date"))
    reported_on = date_field(_("Reported on"))
    number = forms.CharField(label=_("Number"), max_length=40)


class ReserveIssueForm(IssueForm):
    national_ids = forms.CharField(
        label=_("Also call by ID number (discharged soldiers)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("ID numbers (CCCD) separated by spaces or lines."),
    )
