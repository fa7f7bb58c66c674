"""Forms of the reserve's training pages: a call-up, adding reservists, a deferral, the
attendance of a call, a meeting and its minutes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.reserve.choices import CALL_KIND_CHOICES, DEFERRAL_CHOICES, MEETING_CHOICES
from muster.reserve.training.models import CallEntry

Choices = Sequence[tuple[str, str]]


def _pick(label: Any, choices: Choices, *, required: bool = True) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
    )


def _choice(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class CallForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CALL_KIND_CHOICES)
    title = forms.CharField(label=_("Subject"), max_length=200)
    starts_on = date_field(_("First day"))
    ends_on = date_field(_("Last day"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)
    reserve_unit = forms.ChoiceField(label=_("Reserve unit"), required=False)

    def __init__(self, *args: Any, units: Choices, reservists: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _choice(self, "reserve_unit").choices = [("", "—"), *units]
        self.fields["reservists"] = _pick(_("Reservists called"), reservists)


class AddForm(BootstrapForm):
    def __init__(self, *args: Any, reservists: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["reservists"] = _pick(_("Reservists to add"), reservists)


class DeferForm(BootstrapForm):
    entry = forms.ChoiceField(label=_("Reservist"))
    ground = forms.ChoiceField(label=_("Ground of deferral"), choices=DEFERRAL_CHOICES)
    confirmed_by = forms.CharField(label=_("Confirmed by"), max_length=200)

    def __init__(self, *args: Any, entries: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _choice(self, "entry").choices = list(entries)


class AttendanceForm(BootstrapForm):
    """For each reservist called: present, days attended (empty: the whole call), his pay
    coefficient and whether the state budget pays him."""

    def __init__(self, *args: Any, entries: Sequence[CallEntry], days: int, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.entries = list(entries)
        for entry in self.entries:
            key = entry.public_key
            self.fields[f"present_{key}"] = forms.BooleanField(
                label=_("Present"), required=False, initial=entry.status != "absent"
            )
            self.fields[f"days_{key}"] = forms.IntegerField(
                label=_("Days"), required=False, min_value=1, max_value=days, initial=entry.days
            )
            self.fields[f"coef_{key}"] = forms.DecimalField(
                label=_("Pay coefficient"),
                required=False,
                min_value=Decimal("0.01"),
                max_value=Decimal("19.99"),
                decimal_places=2,
                initial=entry.coefficient,
                localize=True,
            )
            self.fields[f"state_{key}"] = forms.BooleanField(
                label=_("State-paid"), required=False, initial=entry.state_paid
            )
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"

    def rows(self) -> Iterator[tuple[CallEntry, list[forms.BoundField]]]:
        for entry in self.entries:
            key = entry.public_key
            yield entry, [self[f"{p}_{key}"] for p in ("present", "days", "coef", "state")]

    def values(self) -> Iterator[tuple[CallEntry, bool, int | None, Decimal | None, bool]]:
        data = self.cleaned_data
        for entry in self.entries:
            key = entry.public_key
            yield (
                entry,
                bool(data.get(f"present_{key}")),
                data.get(f"days_{key}"),
                data.get(f"coef_{key}"),
                bool(data.get(f"state_{key}")),
            )


class MeetingForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MEETING_CHOICES)
    reserve_unit = forms.ChoiceField(label=_("Reserve unit"), required=False)
    held_on = date_field(_("Held on"))
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal(24), decimal_places=1,
        localize=True,
    )  # fmt: skip
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    chair = forms.CharField(label=_("Chaired by"), max_length=200, required=False)
    secretary = forms.CharField(label=_("Secretary"), max_length=200, required=False)

    def __init__(self, *args: Any, units: Choices, reservists: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _choice(self, "reserve_unit").choices = [("", "—"), *units]
        self.fields["attendees"] = _pick(_("Present"), reservists, required=False)


class MinutesForm(BootstrapForm):
    chair = forms.CharField(label=_("Chaired by"), max_length=200, required=False)
    secretary = forms.CharField(label=_("Secretary"), max_length=200, required=False)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}))
    conclusions = forms.CharField(
        label=_("Conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, reservists: Choices, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["present"] = _pick(_("Present"), reservists, required=False)
