from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.accounts.models import User
from muster.core.forms import BootstrapForm, date_field
from muster.geo.models import Unit, UnitQuerySet

if TYPE_CHECKING:
    from django.db.models import QuerySet


class TokenForm(BootstrapForm):
    #: Administrators only: the token acts as its owner, within the owner's area.
    owner = forms.ModelChoiceField(
        label=_("Owner (empty: yourself)"), queryset=User.objects.none(), required=False
    )
    name = forms.CharField(label=_("Name"), max_length=80)
    unit = forms.ModelChoiceField(label=_("Unit (the token's area)"), queryset=Unit.objects.none())
    write = forms.BooleanField(
        label=_("May write (register citizens, enter results)"), required=False
    )
    expires_on = date_field(_("Valid until"))

    def __init__(
        self, *args: Any, units: UnitQuerySet, owners: QuerySet[User] | None = None, **kwargs: Any
    ) -> None:
        """``owners``: the users an administrator may issue a token for (the field is shown
        to administrators only; empty: the token is his own)."""
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
        owner = self.fields["owner"]
        if owners is None:
            del self.fields["owner"]
        else:
            assert isinstance(owner, forms.ModelChoiceField)
            owner.queryset = owners
