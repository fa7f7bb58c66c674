from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.geo.models import Unit, UnitQuerySet


class TokenForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=80)
    unit = forms.ModelChoiceField(label=_("Unit (the token's area)"), queryset=Unit.objects.none())
    write = forms.BooleanField(
        label=_("May write (register citizens, enter results)"), required=False
    )
    expires_on = date_field(_("Valid until"))

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
