"""Forms of the health pages. They parse input; the services validate and write."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core.forms import BootstrapForm, date_field
from muster.geo.forms import UnitChoiceField
from muster.geo.models import UnitQuerySet
from muster.health.models import SessionKind, Station


class SessionForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    unit = UnitChoiceField(label=_("Organising unit"), queryset=None, to_field_name="public_id")
    date = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=200)
    body = forms.CharField(label=_("Health station or council"), max_length=200, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units


_SPLIT = re.compile(r"[\s,;]+")


class CallForm(BootstrapForm):
    national_ids = forms.CharField(
        label=_("ID numbers (CCCD), one per line"),
        widget=forms.Textarea(attrs={"rows": 6, "autofocus": True}),
    )
    notified_on = date_field(_("Day the decision reached the citizens"), required=False)

    def clean_national_ids(self) -> list[str]:
        raw = self.cleaned_data["national_ids"]
        numbers = [n for n in _SPLIT.split(raw) if n]
        bad = [n for n in numbers if not (n.isdigit() and len(n) == 12)]
        if bad:
            raise forms.ValidationError(
                _("Not a 12-digit ID number: %(ids)s"), params={"ids": ", ".join(bad)}
            )
        return list(dict.fromkeys(numbers))


_NUM = {"inputmode": "decimal", "autocomplete": "off"}


def _num(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=8, widget=forms.TextInput(_NUM))


class ResultForm(BootstrapForm):
    """One station's entry: the fields shown depend on the station (see ``FIELDS``)."""

    height_cm = _num(_("Height (cm)"))
    weight_kg = _num(_("Weight (kg)"))
    chest_cm = _num(_("Chest (cm)"))
    right_eye = _num(_("Right eye (tenths)"))
    left_eye = _num(_("Left eye (tenths)"))
    right_corrected = _num(_("Right eye corrected"))
    left_corrected = _num(_("Left eye corrected"))
    myopia = _num(_("Myopia (D)"))
    myopia_operated = forms.BooleanField(label=_("Myopia operated"), required=False)
    hyperopia = _num(_("Hyperopia (D)"))
    astigmatism = _num(_("Astigmatism (D)"))
    score = forms.CharField(label=_("Score 1–6 (add T if temporary)"), required=False, max_length=2)
    temporary = forms.BooleanField(label=_("Temporary (T)"), required=False)
    positive = forms.TypedChoiceField(
        label=_("Test result"),
        choices=[("", "—"), ("negative", _("negative")), ("positive", _("positive"))],
        coerce=lambda value: value == "positive",
        empty_value=None,
        required=False,
    )
    exempt_icd = forms.CharField(
        label=_("Registration-exempt illness (ICD)"), required=False, max_length=8
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    FIELDS = {
        Station.PHYSIQUE: ("height_cm", "weight_kg", "chest_cm", "exempt_icd", "note"),
        Station.EYES: (
            "right_eye",
            "left_eye",
            "right_corrected",
            "left_corrected",
            "myopia",
            "myopia_operated",
            "hyperopia",
            "astigmatism",
            "temporary",
            "exempt_icd",
            "note",
        ),
        Station.DRUG_TEST: ("positive", "note"),
        Station.HIV_TEST: ("positive", "exempt_icd", "note"),
    }
    OTHER = ("score", "temporary", "exempt_icd", "note")

    def __init__(self, *args: Any, station: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.FIELDS.get(Station(station), self.OTHER)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        first = self.fields[keep[0]]
        first.widget.attrs["autofocus"] = True


class AppealRequestForm(BootstrapForm):
    """A medical appeal (giám định) with its complete file (TT 105/2023 Art 10)."""

    proposed_by = forms.CharField(
        label=_("Proposed by"),
        max_length=200,
        help_text=_("The commune military service council or the Ban CH PTKV."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=255)
    body = forms.CharField(
        label=_("Assessing council or hospital"),
        max_length=200,
        help_text=_(
            "The provincial medical assessment council; after the handover, Military Hospital "
            "103 or 175."
        ),
    )
    file_complete_on = date_field(_("File complete on"))


class AppealConcludeForm(BootstrapForm):
    """The assessing council's final class."""

    concluded_on = date_field(_("Concluded on"))
    result_class = forms.TypedChoiceField(
        label=_("Health class"), choices=[(n, str(n)) for n in range(1, 7)], coerce=int
    )
    result_temporary = forms.BooleanField(label=_("Temporary (T)"), required=False)
    document = forms.CharField(label=_("Conclusion document"), max_length=120)


class ReferralForm(BootstrapForm):
    """Where a T-class citizen was referred for treatment, and when he is examined again."""

    referred_to = forms.CharField(label=_("Referred for treatment to"), max_length=200)
    recheck_by = date_field(_("To be examined again by"))
