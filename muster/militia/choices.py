"""Django ``choices`` built from the pure enumerations of ``muster.law.militia.enums``: the
labels are the Vietnamese and English words of the law, picked by the active language."""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise

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
from muster.law.text import Text


class _Label(Promise):
    """A lazy label: the Text's sentence in the language active when it is shown (a
    ``Promise``, so forms, templates and the migration writer treat it as a lazy string)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return lawtext.text(self.text)

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.text)


def _choices(labels: dict[StrEnum, Text]) -> list[tuple[str, _Label]]:
    return [(member.value, _Label(text)) for member, text in labels.items()]


COMPONENT_CHOICES = _choices(COMPONENT_LABELS)  # type: ignore[arg-type]
FORCE_CHOICES = _choices(FORCE_LABELS)  # type: ignore[arg-type]
LEVEL_CHOICES = _choices(LEVEL_LABELS)  # type: ignore[arg-type]
POST_CHOICES = _choices(POST_LABELS)  # type: ignore[arg-type]

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
