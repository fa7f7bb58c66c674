"""Field errors collected by a service before it raises them together (field → messages)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from muster.core.dates import today


def not_future(errors: dict[str, list[str]], field: str, day: dt.date) -> None:
    """Add an error to ``field`` when ``day`` is after today."""
    if day > today():
        errors.setdefault(field, []).append(_("This date cannot be in the future."))


def raise_errors(errors: dict[str, list[str]]) -> None:
    """Raise the collected errors, if there are any, as one ``ValidationError``."""
    if errors:
        raise ValidationError(errors)
