"""Forms of the book pages: recording the January list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from muster.core.forms import BootstrapForm, date_field
from muster.geo.models import Unit


class JanuaryForm(BootstrapForm):
    commune = forms.ChoiceField(label=gettext_lazy("Commune"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1950, max_value=2100)
    list_date = date_field(gettext_lazy("Date of the list"))

    def __init__(self, *args: Any, communes: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.communes = {str(c.public_id): c for c in communes}
        field = self.fields["commune"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (str(c.public_id), f"{c.name} ({c.valid_from:%Y}–{c.valid_to:%Y})" if c.valid_to
             else f"{c.name} ({c.valid_from:%Y}–)")
            for c in communes
        ]  # fmt: skip
