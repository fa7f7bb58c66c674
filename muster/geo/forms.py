"""Form fields of units."""

from __future__ import annotations

from django import forms

from muster.geo.models import Unit


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A unit, named with the years it was valid."""

    def label_from_instance(self, obj: Unit) -> str:
        end = f"{obj.valid_to:%Y}" if obj.valid_to else ""
        return f"{obj} ({obj.valid_from:%Y}–{end})"
