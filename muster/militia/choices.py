"""Django ``choices`` built from the pure enumerations of ``muster.law.militia.enums``: the
labels are the Vietnamese and English words of the law, picked by the active language."""

from __future__ import annotations

from muster.core import lawtext
from muster.law.militia.enums import (
    COMPONENT_LABELS,
    FORCE_LABELS,
    LEVEL_LABELS,
    POST_LABELS,
    Component,
    Force,
    Level,
    Post,
)

COMPONENT_CHOICES = lawtext.choices(COMPONENT_LABELS)
FORCE_CHOICES = lawtext.choices(FORCE_LABELS)
LEVEL_CHOICES = lawtext.choices(LEVEL_LABELS)
POST_CHOICES = lawtext.choices(POST_LABELS)

__all__ = [
    "COMPONENT_CHOICES",
    "FORCE_CHOICES",
    "LEVEL_CHOICES",
    "POST_CHOICES",
    "Component",
    "Force",
    "Level",
    "Post",
]
