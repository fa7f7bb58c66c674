"""The decision form of the selection page: who, what (select, defer, exempt, refuse), on
which ground of Art 11, into which component and unit, the decision's number and day."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core import lawtext
from muster.core.forms import BootstrapForm, date_field
from muster.law.militia.grounds import GROUNDS
from muster.militia.choices import COMPONENT_CHOICES
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.selection.models import SelectionKind
from muster.people.models import Person


class DecisionForm(BootstrapForm):
    person = forms.ChoiceField(label=_("Citizen"))
    kind = forms.ChoiceField(label=_("Decision"), choices=SelectionKind.choices)
    ground = forms.ChoiceField(label=_("Ground (Art 11)"), required=False)
    component = forms.ChoiceField(label=_("Component"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    volunteer = forms.BooleanField(label=_("Volunteer (Art 11(3))"), required=False)
    decided_on = date_field(_("Decided on"))
    decision_ref = forms.CharField(label=_("Decision number"), max_length=80)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(
        self,
        *args: Any,
        people: Sequence[Person] = (),
        units: Sequence[MilitiaUnit] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choices(
            "person",
            [(str(p.public_id), f"{p.full_name} ({p.date_of_birth:%d/%m/%Y})") for p in people],
        )
        self._choices("ground", [(g.code, f"{g.code}: {lawtext.text(g.text)}") for g in GROUNDS])
        self._choices("component", list(COMPONENT_CHOICES))
        self._choices("unit", [(str(u.public_id), u.name) for u in units])

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *choices]
