"""Django ``choices`` built from the pure enumerations of ``muster.law.reserve.enums``: the
labels are the Vietnamese and English words of the law, picked by the active language."""

from __future__ import annotations

from enum import Enum

from django.utils.functional import Promise

from muster.core import lawtext
from muster.law.reserve.enums import CLASS_LABELS, GROUP_LABELS, KIND_LABELS
from muster.law.text import Text


class _Label(Promise):
    """A lazy label: the Text's sentence in the language active when it is shown."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return lawtext.text(self.text)

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.text)


def _choices(labels: dict[Enum, Text]) -> list[tuple[object, _Label]]:
    return [(member.value, _Label(text)) for member, text in labels.items()]


CLASS_CHOICES = _choices(CLASS_LABELS)  # type: ignore[arg-type]
GROUP_CHOICES = _choices(GROUP_LABELS)  # type: ignore[arg-type]
KIND_CHOICES = _choices(KIND_LABELS)  # type: ignore[arg-type]
