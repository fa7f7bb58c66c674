"""The registry list's filter form (issue 3 item 5): village, age on a date, status, education,
family facts. Bad values show a message on the form and are left out of the query.

The village list is cut to one commune (issue 20): a province's 800 villages in one ``<select>``
cost most of the page. A submitted village is still checked against the user's whole area, so
a link holding only ``village`` filters as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.geo.forms import UnitChoiceField
from muster.geo.models import Unit, UnitQuerySet
from muster.people.models import HigherLevel
from muster.people.selectors import ANY_HIGHER, PersonFilter


class PersonFilterForm(BootstrapForm):
    village = UnitChoiceField(
        label=_("Village"), queryset=Unit.objects.none(), to_field_name="public_id", required=False
    )
    on = date_field(_("Age and status on"), required=False)
    min_age = forms.IntegerField(label=_("Age from"), min_value=0, max_value=120, required=False)
    max_age = forms.IntegerField(label=_("Age to"), min_value=0, max_value=120, required=False)
    status = forms.ChoiceField(
        label=_("Registration status"),
        required=False,
        choices=[
            ("", _("All")),
            ("registered", _("Registered")),
            ("barred", _("Not allowed to register (Art 13)")),
            ("exempt", _("Exempt from registration (Art 14)")),
            ("removed", _("Removed from the register")),
        ],
    )
    grade_min = forms.IntegerField(label=_("Grade from"), min_value=0, max_value=12, required=False)
    grade_max = forms.IntegerField(label=_("Grade to"), min_value=0, max_value=12, required=False)
    higher_level = forms.ChoiceField(
        label=_("Trade or higher education"),
        required=False,
        choices=[
            ("", _("All")),
            (ANY_HIGHER, _("Any trade or higher level")),
            *[(v, label) for v, label in HigherLevel.choices if v],
        ],
    )
    martyr_parent = forms.BooleanField(label=_("Martyr parent"), required=False)
    invalid_parent = forms.BooleanField(
        label=_("War-invalid or sick-soldier parent"), required=False
    )
    sibling_serving = forms.BooleanField(label=_("Sibling serving"), required=False)

    def __init__(
        self, *args: Any, villages: UnitQuerySet, commune: Unit | None = None, **kw: Any
    ) -> None:
        """``villages``: those a submitted village is checked against (the user's area);
        ``commune``: the commune chosen in the list, whose villages alone are accepted. Until
        ``show_villages`` is called the select offers no village."""
        super().__init__(*args, **kw)
        self.commune = commune
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        self.show_villages(None)

    def show_villages(self, shown: Sequence[Unit] | None) -> None:
        """List ``shown`` in the village select (no query); ``None``: a disabled select asking
        for a commune first. Validation is unaffected."""
        field = self.fields["village"]
        assert isinstance(field, UnitChoiceField)
        if shown is None:
            field.widget.choices = [("", _("Choose a commune first"))]
            field.widget.attrs["disabled"] = True
            return
        field.widget.attrs.pop("disabled", None)
        field.widget.choices = [
            ("", field.empty_label),
            *((str(v.public_id), field.label_from_instance(v)) for v in shown),
        ]

    def chosen_village(self) -> Unit | None:
        """The valid village filtered on (after ``is_valid``), if any."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        village: Unit | None = data.get("village")
        return village

    def clean_village(self) -> Unit | None:
        village: Unit | None = self.cleaned_data.get("village")
        commune = self.commune
        if village is not None and commune is not None and village.parent_id != commune.pk:
            # The commune was changed after the village was picked: the commune wins.
            return None
        return village

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", _("The upper age cannot be below the lower age."))
        low, high = data.get("grade_min"), data.get("grade_max")
        if low is not None and high is not None and low > high:
            self.add_error("grade_max", _("The upper grade cannot be below the lower grade."))
        return data

    def person_filter(self) -> PersonFilter:
        """The filter of the valid fields (an invalid field is left out, never a 500)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        village = self.chosen_village()
        return PersonFilter(
            on=data.get("on"),
            village_ids=frozenset({village.pk}) if village is not None else None,
            min_age=data.get("min_age"),
            max_age=data.get("max_age"),
            status=data.get("status") or "",
            grade_min=data.get("grade_min"),
            grade_max=data.get("grade_max"),
            higher_level=data.get("higher_level") or "",
            martyr_parent=bool(data.get("martyr_parent")),
            invalid_parent=bool(data.get("invalid_parent")),
            sibling_serving=bool(data.get("sibling_serving")),
        )
