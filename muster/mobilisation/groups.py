"""The words of a line's group (the reservist's kind and class, the member's component, the
asset's kind), from the law's labels: no query."""

from __future__ import annotations

from muster.core import lawtext
from muster.law.militia.enums import COMPONENT_LABELS, Component
from muster.law.mobilisation.rules import FORCE_LABELS, Force
from muster.law.reserve.enums import (
    ASSET_LABELS,
    CLASS_LABELS,
    KIND_LABELS,
    AssetKind,
    ReserveClass,
    ReservistKind,
)
from muster.law.text import Text


def reservist_group(kind: str, reserve_class: int | None) -> str:
    return f"{kind}:{reserve_class or ''}"


def group_text(force: str, group: str) -> Text:
    """``Hạ sĩ quan, binh sĩ dự bị – Hạng một``, ``Cơ động``, ``Phương tiện thủy`` …"""
    try:
        if force == Force.RESERVIST:
            kind, _sep, klass = group.partition(":")
            words = KIND_LABELS[ReservistKind(kind)]
            if klass:
                cls = CLASS_LABELS[ReserveClass(int(klass))]
                return Text(f"{words.vi} – {cls.vi}", f"{words.en} – {cls.en}")
            return words
        if force == Force.MILITIA:
            return COMPONENT_LABELS[Component(group)]
        if force == Force.ASSET:
            return ASSET_LABELS[AssetKind(group)]
    except ValueError:
        pass
    return FORCE_LABELS[Force(force)] if force in Force.__members__.values() else Text(group, group)


def group_label(force: str, group: str) -> str:
    """The group's words in the interface's language."""
    return lawtext.text(group_text(force, group))


def force_label(force: str) -> str:
    return lawtext.text(FORCE_LABELS[Force(force)])
