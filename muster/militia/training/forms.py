"""Forms of the militia's training. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.militia.training.models import Result, SessionKind, TrainerLevel
from muster.militia.training.selectors import SheetRow


class PlanApproveForm(BootstrapForm):
    plan = forms.UUIDField(widget=forms.HiddenInput)
    approved_on = date_field(_("Approved on"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class SessionForm(BootstrapForm):
    plan = forms.ChoiceField(label=_("Plan"))
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    starts_on = date_field(_("From"))
    ends_on = date_field(_("To"))
    days = forms.IntegerField(label=_("Days counted"), min_value=1, max_value=90)
    place = forms.CharField(label=_("Place"), max_length=160)
    subject = forms.CharField(label=_("Subject"), max_length=255)
    trainer_level = forms.ChoiceField(
        label=_("Trained by"), choices=TrainerLevel.choices, initial=TrainerLevel.COMMUNE
    )

    def __init__(
        self,
        *args: Any,
        plans: list[tuple[str, str]],
        units: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        plan = self.fields["plan"]
        unit = self.fields["unit"]
        assert isinstance(plan, forms.ChoiceField) and isinstance(unit, forms.ChoiceField)
        plan.choices = plans
        unit.choices = [("", _("The whole component")), *units]


class AttendanceForm(BootstrapForm):
    """One line per member expected: ``present-<id>`` (checked by default), ``days-<id>``
    (the session's days by default), ``result-<id>``; ``<id>`` is the membership's public
    id."""

    def __init__(self, *args: Any, rows: list[SheetRow], session_days: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines = []
        results = [("", "—"), *Result.choices]
        for row in rows:
            key = str(row.membership.public_id)
            att = row.attendance
            self.fields[f"present-{key}"] = forms.BooleanField(
                required=False, initial=att.present if att else True
            )
            self.fields[f"days-{key}"] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=session_days,
                initial=att.days if att and att.present else session_days,
            )
            self.fields[f"result-{key}"] = forms.ChoiceField(
                required=False, choices=results, initial=att.result if att else ""
            )
            self.lines.append(
                (row, self[f"present-{key}"], self[f"days-{key}"], self[f"result-{key}"])
            )

    def values(self) -> list[tuple[SheetRow, bool, int, str]]:
        """(row, present, days, result) of each member, from the cleaned data."""
        out = []
        for row, *_fields in self.lines:
            key = str(row.membership.public_id)
            present = bool(self.cleaned_data.get(f"present-{key}"))
            days = self.cleaned_data.get(f"days-{key}") or 0
            out.append((row, present, days if present else 0, self.cleaned_data[f"result-{key}"]))
        return out
