"""Forms of the posting pages. They parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muster.conscription.postings.models import ComplaintOutcome, PostingKind
from muster.core.forms import BootstrapForm, date_field

#: The places of posting (codes of ``posting_rules.PLACES``), as the pages name them.
PLACE_LABELS = {
    "hq": _("Commune People's Committee headquarters"),
    "portal": _("Commune web portal"),
    "agencies": _("Agencies and organisations where the citizens work or study"),
    "villages": _("Community meeting places of the villages and residential groups"),
}
SOURCE_CHOICES = [
    ("decisions", _("Valid call-up decisions")),
    ("selection", _("Official part of the frozen selection list")),
]


def place_labels(codes: str) -> list[str]:
    return [str(PLACE_LABELS.get(c, c)) for c in codes.split(",") if c]


class _PlacesMixin(BootstrapForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "places" in self.fields:
            self.fields["places"].widget.attrs["class"] = "form-check-input"


def _places() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Posted at"),
        choices=list(PLACE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Say where the list is posted.")},
    )


class PublishForm(_PlacesMixin):
    kind = forms.ChoiceField(label=_("List"), choices=PostingKind.choices)
    posted_on = date_field(_("Posted on"))
    places = _places()
    title = forms.CharField(
        label=_("Title (empty: the usual title)"), max_length=255, required=False
    )
    signer = forms.CharField(
        label=_("Name of the signatory (chairman)"), max_length=120, required=False
    )
    source = forms.ChoiceField(
        label=_("Call-up list taken from"), choices=SOURCE_CHOICES, required=False
    )


class CorrectForm(_PlacesMixin):
    posted_on = date_field(_("Corrected list posted on"))
    reason = forms.CharField(label=_("Reason for the correction"), max_length=255)
    places = _places()
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    signer = forms.CharField(
        label=_("Name of the signatory (chairman)"), max_length=120, required=False
    )


class WithdrawForm(BootstrapForm):
    withdrawn_on = date_field(_("Withdrawn on"))
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=255)


class ComplaintForm(BootstrapForm):
    received_on = date_field(_("Received on"))
    complainant = forms.CharField(label=_("Complainant"), max_length=120)
    content = forms.CharField(
        label=_("Content"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveForm(BootstrapForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ComplaintOutcome.UPHELD.value, ComplaintOutcome.UPHELD.label),
            (ComplaintOutcome.REJECTED.value, ComplaintOutcome.REJECTED.label),
            (ComplaintOutcome.WITHDRAWN.value, ComplaintOutcome.WITHDRAWN.label),
        ],
    )
    resolution = forms.CharField(
        label=_("Resolution"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    resolved_on = date_field(_("Resolved on"))
