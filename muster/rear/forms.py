"""Forms of the rear policy: they parse input (the serving soldiers and their relatives of one
commune as choices); the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.handover.models import Recruit
from muster.core.forms import BootstrapForm, date_field
from muster.people.models import FamilyTie
from muster.rear.models import EntitlementKind, Occasion, SchoolKind, SupportKind
from muster.rear.selectors import TIE_KINDS


class _SoldierChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        person = obj.decision.person
        return f"{person.full_name} ({person.date_of_birth:%Y})"


class _RelativeChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name} — {obj.get_relation_display()}: {obj.relative_name}"


class _CommuneForm(BootstrapForm):
    def __init__(self, *args: Any, recruits: list[Recruit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [r.pk for r in recruits]
        recruit_field = self.fields["recruit"]
        assert isinstance(recruit_field, forms.ModelChoiceField)
        recruit_field.queryset = Recruit.objects.filter(pk__in=ids).select_related(
            "decision__person"
        )
        if "relative" in self.fields:
            people = [r.decision.person_id for r in recruits]
            relative_field = self.fields["relative"]
            assert isinstance(relative_field, forms.ModelChoiceField)
            relative_field.queryset = FamilyTie.objects.filter(
                person_id__in=people, relation__in=tuple(TIE_KINDS)
            ).select_related("person")


class CaseForm(_CommuneForm):
    recruit = _SoldierChoice(
        label=_("Soldier"), queryset=Recruit.objects.none(), to_field_name="public_id"
    )
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    relative = _RelativeChoice(
        label=_("Relative (not for a house case)"),
        queryset=FamilyTie.objects.none(),
        to_field_name="public_id",
        required=False,
    )
    event_on = date_field(_("Event date"))
    ill_days = forms.IntegerField(label=_("Days ill"), min_value=0, max_value=3660, required=False)
    hospital_days = forms.IntegerField(
        label=_("Days in hospital (one stay)"), min_value=0, max_value=3660, required=False
    )
    commune_confirmed_on = date_field(_("Confirmed by the commune on"), required=False)
    sent_on = date_field(_("Sent to the unit on (commander)"), required=False)
    papers_missing = forms.BooleanField(label=_("Papers missing"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, can_send: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_send:
            del self.fields["sent_on"]


class SendForm(BootstrapForm):
    sent_on = date_field(_("Sent to the unit on"))
    papers_missing = forms.BooleanField(label=_("Papers missing"), required=False)


class DecideForm(BootstrapForm):
    granted = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Granted")), ("0", _("Refused"))],
        coerce=lambda v: v == "1",
    )
    decided_on = date_field(_("Decided on"))
    decision_ref = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    reason = forms.CharField(label=_("Reason for refusal"), max_length=255, required=False)


class EntitlementForm(_CommuneForm):
    recruit = _SoldierChoice(
        label=_("Soldier"), queryset=Recruit.objects.none(), to_field_name="public_id"
    )
    relative = _RelativeChoice(
        label=_("Relative"), queryset=FamilyTie.objects.none(), to_field_name="public_id"
    )
    kind = forms.ChoiceField(label=_("Entitlement"), choices=EntitlementKind.choices)
    reference = forms.CharField(label=_("Card number or school"), max_length=120)
    school_kind = forms.ChoiceField(label=_("School"), choices=SchoolKind.choices, required=False)
    granted_on = date_field(_("Granted on"))
    valid_to = date_field(_("Valid to"), required=False)


class VisitForm(_CommuneForm):
    recruit = _SoldierChoice(
        label=_("Soldier"), queryset=Recruit.objects.none(), to_field_name="public_id"
    )
    occasion = forms.ChoiceField(label=_("Occasion"), choices=Occasion.choices)
    visited_on = date_field(_("Visited on"))
    gift = forms.CharField(label=_("Gift"), max_length=200, required=False)
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=0, max_value=10**9, initial=0)
    visitors = forms.CharField(label=_("Visited by"), max_length=200, required=False)
