"""Django ``choices`` built from the pure enumerations of ``muster.law.mobilisation.rules``."""

from __future__ import annotations

from muster.core import lawtext
from muster.law.mobilisation.rules import AUTHORITY_LABELS, FORCE_LABELS, KIND_LABELS

KIND_CHOICES = lawtext.choices(KIND_LABELS)
FORCE_CHOICES = lawtext.choices(FORCE_LABELS)
AUTHORITY_CHOICES = [(code, lawtext.LazyText(text)) for code, text in AUTHORITY_LABELS.items()]
