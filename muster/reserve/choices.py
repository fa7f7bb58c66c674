"""Django ``choices`` built from the pure enumerations of ``muster.law.reserve.enums``: the
labels are the Vietnamese and English words of the law, picked by the active language."""

from __future__ import annotations

from muster.core import lawtext
from muster.law.reserve.enums import CLASS_LABELS, GROUP_LABELS, KIND_LABELS

CLASS_CHOICES = lawtext.choices(CLASS_LABELS)
GROUP_CHOICES = lawtext.choices(GROUP_LABELS)
KIND_CHOICES = lawtext.choices(KIND_LABELS)
from muster.law.reserve.enums import ASSET_LABELS, FORCE_LABELS, ROLE_LABELS  # noqa: E402

ROLE_CHOICES = lawtext.choices(ROLE_LABELS)
FORCE_CHOICES = lawtext.choices(FORCE_LABELS)
ASSET_CHOICES = lawtext.choices(ASSET_LABELS)
from muster.law.reserve.training_enums import (  # noqa: E402
    CALL_KIND_LABELS,
    DEFERRAL_LABELS,
    MEETING_LABELS,
)

CALL_KIND_CHOICES = lawtext.choices(CALL_KIND_LABELS)
DEFERRAL_CHOICES = lawtext.choices(DEFERRAL_LABELS)
MEETING_CHOICES = lawtext.choices(MEETING_LABELS)
from muster.law.reserve.register_rules import CHOSEN_REASONS, REMOVAL_LABELS  # noqa: E402

REMOVAL_CHOICES = lawtext.choices({r: REMOVAL_LABELS[r] for r in CHOSEN_REASONS})
