"""Django ``choices`` built from the pure enumerations of ``muster.law.reserve.enums``: the
labels are the Vietnamese and English words of the law, picked by the active language."""

from __future__ import annotations

from muster.core import lawtext
from muster.law.reserve.enums import CLASS_LABELS, GROUP_LABELS, KIND_LABELS

CLASS_CHOICES = lawtext.choices(CLASS_LABELS)
GROUP_CHOICES = lawtext.choices(GROUP_LABELS)
KIND_CHOICES = lawtext.choices(KIND_LABELS)
