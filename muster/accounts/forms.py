from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class UnlockForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    code = forms.CharField(
        label=_("One-time login code"),
        max_length=32,
        help_text=_("The code your unit's administrator gave you, e.g. ABCDE-FGHJK."),
    )
