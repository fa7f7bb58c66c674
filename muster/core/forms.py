"""What every form page shares: the Bootstrap form with a service's errors, the dd/mm/yyyy
date field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    """A date typed as dd/mm/yyyy (ISO is accepted too)."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )


class BootstrapForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css + " form-control-sm")

    def add_service_errors(
        self, error: ValidationError, mapping: dict[str, str] | None = None
    ) -> None:
        """Attach a service's ``ValidationError`` to the form's fields (or to the form)."""
        mapping = mapping or {}
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add_error(None, message)
            return
        for field, field_messages in error.message_dict.items():
            target = mapping.get(field, field)
            for message in field_messages:
                self.add_error(target if target in self.fields else None, message)
