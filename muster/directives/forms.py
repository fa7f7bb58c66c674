"""Forms of the directive pages. They parse input; the services validate and write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.directives.models import (
    Body,
    DirectionChoice,
    FrequencyChoice,
    Target,
    TargetKind,
    Task,
)
from muster.directives.periods import Period
from muster.directives.sources import sources
from muster.geo.models import Unit


class FigureField(forms.DecimalField):
    """A figure typed and shown the Vietnamese way, without the stored trailing zeros: 1.500
    ha is shown "1,5" (not "1,500", read as one thousand five hundred), 1143.000 m² "1143"."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite():
            value = (
                value.quantize(Decimal(1))
                if value == value.to_integral_value()
                else value.normalize()
            )
        return super().prepare_value(value)


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
            self.fields[f"target_{target.pk}"] = FigureField(
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


# --- Setting up a directive (district or provincial staff officers) ---


def _choices(field: forms.Field, choices: list[tuple[str, Any]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class DirectiveForm(BootstrapForm):
    """A directive's text and its reporting schedule. ``units`` (create only): issuing units."""

    unit = forms.ChoiceField(label=_("Issuing unit"))
    issuer = forms.CharField(label=_("Issuer"), max_length=200)
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    issued_on = date_field(_("Date issued"))
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1945,
        max_value=2100,
        error_messages={"invalid": _("Enter a year, e.g. 2025.")},
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    signer = forms.CharField(label=_("Signed by"), max_length=120, required=False)
    frequency = forms.ChoiceField(label=_("Reporting frequency"), choices=FrequencyChoice.choices)
    report_due_working_days = forms.IntegerField(
        label=_("Reports due (working days after the period)"),
        min_value=0,
        max_value=60,
        initial=5,
    )
    full_text = forms.CharField(
        label=_("Full text"), widget=forms.Textarea(attrs={"rows": 18}), required=False
    )

    def __init__(self, *args: Any, units: list[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {str(u.public_id): u for u in units or []}
        if units is None:
            del self.fields["unit"]
        else:
            _choices(self.fields["unit"], [(k, str(u)) for k, u in self.units.items()])


class _ResponsibilityForm(BootstrapForm):
    """Lead and coordinating units and bodies, chosen among those of the directive's area."""

    def __init__(self, *args: Any, units: list[Unit], bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit_map = {str(u.public_id): u for u in units}
        self.body_map = {str(b.public_id): b for b in bodies}
        unit_choices = [(k, str(u)) for k, u in self.unit_map.items()]
        body_choices = [(k, str(b)) for k, b in self.body_map.items()]
        self.fields["lead_unit"] = forms.ChoiceField(
            label=_("Lead unit"), choices=[("", "—"), *unit_choices], required=False
        )
        self.fields["lead_body"] = forms.ChoiceField(
            label=_("Lead body"), choices=[("", "—"), *body_choices], required=False
        )
        self.fields["coordinating_units"] = forms.MultipleChoiceField(
            label=_("Coordinating units"),
            choices=unit_choices,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["coordinating_bodies"] = forms.MultipleChoiceField(
            label=_("Coordinating bodies"),
            choices=body_choices,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        for name in ("lead_unit", "lead_body"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("coordinating_units", "coordinating_bodies"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def responsibility(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "lead_unit": self.unit_map.get(data.get("lead_unit") or ""),
            "lead_body": self.body_map.get(data.get("lead_body") or ""),
            "coordinating_units": [self.unit_map[k] for k in data.get("coordinating_units", [])],
            "coordinating_bodies": [self.body_map[k] for k in data.get("coordinating_bodies", [])],
        }

    @staticmethod
    def responsibility_initial(obj: Task | Target) -> dict[str, Any]:
        return {
            "lead_unit": str(obj.lead_unit.public_id) if obj.lead_unit else "",
            "lead_body": str(obj.lead_body.public_id) if obj.lead_body else "",
            "coordinating_units": [str(u.public_id) for u in obj.coordinating_units.all()],
            "coordinating_bodies": [str(b.public_id) for b in obj.coordinating_bodies.all()],
        }


class TaskForm(_ResponsibilityForm):
    order = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class TargetForm(_ResponsibilityForm):
    """A target; ``communes`` get one share field each (blank: no share)."""

    order = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=TargetKind.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=DirectionChoice.choices)
    value = FigureField(
        label=_("Planned value"),
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=3,
        localize=True,
        error_messages={"invalid": _("Enter a number, e.g. 1,5 or 1143.")},
    )
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=30, required=False)
    start_date = date_field(_("Start date"))
    due_date = date_field(_("Due date"))
    source = forms.ChoiceField(label=_("Live data source"), required=False)
    #: Carries the service's message on the shares (they must add up to the target's value).
    shares = forms.CharField(required=False, widget=forms.HiddenInput)
    milestones = forms.CharField(
        label=_("Milestones (one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, communes: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self.fields["source"],
            [("", _("None: reported by hand"))]
            + [(name, f"{s.label} ({s.module})") for name, s in sources().items()],
        )
        self.communes = communes
        for unit in communes:
            field = FigureField(
                label=unit.name,
                required=False,
                min_value=Decimal(0),
                max_digits=14,
                decimal_places=3,
                localize=True,
                error_messages={"invalid": _("Enter a number, e.g. 1,5 or 1143.")},
            )
            field.widget.attrs["class"] = "form-control form-control-sm"
            self.fields[f"share_{unit.public_id}"] = field

    def share_fields(self) -> list[forms.BoundField]:
        return [self[f"share_{u.public_id}"] for u in self.communes]

    def share_values(self) -> list[tuple[Unit, Decimal]]:
        result = []
        for unit in self.communes:
            value = self.cleaned_data.get(f"share_{unit.public_id}")
            if value is not None:
                result.append((unit, value))
        return result

    def milestone_titles(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["milestones"].splitlines() if line.strip()
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "order": data["order"],
            "title": data["title"],
            "kind": data["kind"],
            "direction": data["direction"],
            "value": data["value"],
            "unit_label": data["unit_label"],
            "start_date": data["start_date"],
            "due_date": data["due_date"],
            "source": data["source"],
            "shares": self.share_values(),
            "milestones": self.milestone_titles(),
            **self.responsibility(),
        }

    @classmethod
    def initial_for(cls, target: Target) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "order": target.order,
            "title": target.title,
            "kind": target.kind,
            "direction": target.direction,
            "value": target.value,
            "unit_label": target.unit_label,
            "start_date": target.start_date,
            "due_date": target.due_date,
            "source": target.source,
            "milestones": "\n".join(m.title for m in target.milestones.all()),
            **cls.responsibility_initial(target),
        }
        for share in target.shares.select_related("unit"):
            initial[f"share_{share.unit.public_id}"] = share.value
        return initial
