"""Forms of the dossier pages. They parse input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.core import lawtext
from muster.core.forms import BootstrapForm, date_field
from muster.law.book import versions
from muster.law.callup import dossiers as dossiers_rules


def ground_choices() -> list[tuple[str, str]]:
    """Every ground of Art 41, titled in the user's language (called per form)."""
    return [
        (code, f"{code} — {lawtext.title(versions(code)[-1])}") for code in dossiers_rules.GROUNDS
    ]


class ProposeForm(BootstrapForm):
    ground = forms.ChoiceField(label=_("Ground"), choices=ground_choices)
    proposed_on = date_field(_("Proposed on"))
    evidence = forms.CharField(
        label=_("Evidence attached"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    ground_start = date_field(_("Resettled on (41.1.đ)"), required=False)
    end_date = date_field(_("Ground ends on"), required=False)


class ReviewForm(BootstrapForm):
    reviewed_on = date_field(_("Council review date"))
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=99)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=99)
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )


class DecideForm(BootstrapForm):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=[("grant", _("Granted")), ("refuse", _("Refused"))]
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=40)
    decision_date = date_field(_("Decision date"))


class EndForm(BootstrapForm):
    ended_on = date_field(_("Ended on"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
