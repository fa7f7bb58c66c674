"""What every form page shares: the Bootstrap form with a service's errors, the dd/mm/yyyy
date field, and :func:`submit`, the POST → service → message step of a form page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")

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


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    """The action of a submitted form succeeded; ``value`` is what it returned."""

    value: T


def submit(
    request: HttpRequest,
    form: BootstrapForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: StrOrPromise | None,
    mapping: dict[str, str] | None = None,
) -> Done[T] | None:
    """Run ``action`` on a valid POSTed form: the step every form page repeats.

    * not a POST, or the form is invalid: nothing runs, None;
    * ``action(form.cleaned_data)`` (the view calls its service there, with its actor)
      raises ``ValidationError``: the messages go on the form (fields renamed by
      ``mapping``, see :meth:`BootstrapForm.add_service_errors`), None;
    * else the ``success`` message (None: the view says it itself) and :class:`Done` with
      what the action returned, for the view to redirect.

    The page's status on None stays the view's choice (most answer a POST with 400).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        value = action(form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error, mapping)
        return None
    if success is not None:
        messages.success(request, success)
    return Done(value)
