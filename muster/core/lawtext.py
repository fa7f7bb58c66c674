"""The law's words in the user's language: the edge where the active language is picked.

The pure law package (``muster.law``) carries every citation, reason, rule title and deadline
name in both languages as data; this module chooses the one the interface is speaking
(``get_language()``): Vietnamese by default, English when the user chose it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, Protocol, TypeVar

from django.utils.functional import Promise
from django.utils.translation import get_language

from muster.law.callup import registration_grounds
from muster.law.callup.eligibility.facts import Reason
from muster.law.rulebook import Citation, Rule
from muster.law.text import Text


class _Bilingual(Protocol):
    """Anything with an English ``title`` and a Vietnamese ``title_vi`` (a rule, a deadline)."""

    @property
    def title(self) -> str: ...

    @property
    def title_vi(self) -> str: ...


def vietnamese() -> bool:
    """Whether the interface speaks Vietnamese now (the default when no language is active)."""
    return (get_language() or "vi").split("-")[0] == "vi"


def pick(vi: str, en: str) -> str:
    """``vi`` in the Vietnamese interface, ``en`` in the English one (``vi`` when ``en`` is
    empty: a name that has no English form, such as a unit's)."""
    return vi if vietnamese() or not en else en


def text(value: Text) -> str:
    return pick(value.vi, value.en)


def cite(citation: Citation) -> str:
    """``khoản 6 Điều 34 Luật Nghĩa vụ quân sự 78/2015/QH13`` or ``Law 78/2015/QH13 (Military
    Service), Art 34(6)``."""
    return citation.label_vi if vietnamese() else citation.label


def cite_all(citations: Iterable[Citation]) -> str:
    """Several citations, each once, joined by "; "."""
    return "; ".join(dict.fromkeys(cite(c) for c in citations))


def cite_rules(rules: Iterable[Rule]) -> str:
    return cite_all(c for r in rules for c in r.citations)


def title(item: _Bilingual) -> str:
    """A rule's or a deadline's name in the user's language."""
    return pick(item.title_vi, item.title)


def reason_message(reason: Reason) -> str:
    """The sentence of an eligibility reason in the user's language."""
    return pick(reason.message_vi, reason.message)


def stored_citation(stored: str) -> str:
    """A registration citation stored in Vietnamese (events, bars, the January list), in the
    user's language: its English form where the rule book knows it, else as stored."""
    if vietnamese() or not stored:
        return stored
    return registration_grounds.citation_en(stored) or stored


class LazyText(Promise):
    """A ``Text`` shown in the language active when it is rendered: a lazy string (a
    ``Promise``) that forms, templates and the migration writer treat like ``gettext_lazy``."""

    def __init__(self, value: Text) -> None:
        self.value = value

    def __str__(self) -> str:
        return text(self.value)

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.value)


E = TypeVar("E", bound=Enum)


def choices(labels: Mapping[E, Text]) -> list[tuple[Any, LazyText]]:
    """Django ``choices`` from a pure enumeration's labels: (member's value, its lazy words)."""
    return [(member.value, LazyText(words)) for member, words in labels.items()]
