"""Forms of the directive pages. They parse input; the services validate and write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.directives.models import Target
from muster.directives.periods import Period
from muster.geo.models import Unit
from muster.people.forms import BootstrapForm


class ReportCreateForm(BootstrapForm):
    unit = forms.ChoiceField(label=_("Reporting unit"))
    period = forms.ChoiceField(label=_("Period"))

    def __init__(
        self, *args: Any, units: list[Unit], period_list: list[Period], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.units = {str(u.public_id): u for u in units}
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [(k, str(u)) for k, u in self.units.items()]
        self.periods = {p.start.isoformat(): p for p in period_list}
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)
        period_field.choices = [(k, p.label()) for k, p in self.periods.items()]


class ReportForm(BootstrapForm):
    """Narrative plus one figure (value to date) per target the unit reports on."""

    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    shortcomings = forms.CharField(
        label=_("Shortcomings and difficulties"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    evidence = forms.FileField(label=_("Evidence file (PDF, JPEG or PNG)"), required=False)

    def __init__(self, *args: Any, targets: list[Target], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        for target in targets:
            self.fields[f"target_{target.pk}"] = forms.DecimalField(
                label=f"{target.task.order}.{target.order} {target.title}"
                + (f" ({target.unit_label})" if target.unit_label else ""),
                required=False,
                min_value=Decimal(0),
                max_digits=14,
                decimal_places=3,
                localize=True,
                error_messages={"invalid": _("Enter a number, e.g. 1,5 or 1143.")},
            )
            self.fields[f"target_{target.pk}"].widget.attrs["class"] = (
                "form-control form-control-sm"
            )

    def figures(self) -> dict[int, tuple[Decimal | None, str]]:
        return {t.pk: (self.cleaned_data.get(f"target_{t.pk}"), "") for t in self.targets}

    def target_fields(self) -> list[forms.BoundField]:
        return [self[f"target_{t.pk}"] for t in self.targets]


class ReviewForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and lock")), ("return", _("Send back"))],
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReviseForm(BootstrapForm):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)
