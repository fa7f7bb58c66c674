"""The dated rule book: rules as data, each with its citations and validity interval.

Conventions
-----------
* A rule is identified by ``code``. The same code may have several *versions*, each valid over a
  closed date interval ``[valid_from, valid_to]`` (``valid_to=None``: still in force). Versions of
  one code never overlap; ``rule(code, day)`` returns the one in force on ``day``.
* Ground codes follow the law: ``41.1.a`` … ``41.1.h`` are deferral (tạm hoãn) grounds of Law
  78/2015 Art 41(1); ``41.2.a`` … ``41.2.đ`` are exemption (miễn) grounds of Art 41(2).
* ``confirmed=False`` marks a rule (or an effective date) that the legal reference could not
  confirm from the text; it is a configurable default and the generated docs say so.
* Sources: /work/shared/domain/legal-reference.md §2.2–2.8 and §12; the consolidated law text
  VBHN 80/VBHN-VPQH (2025); VBHN 88/VBHN-BQP (TT 105/2023 + TT 106/2025); TT 148/2018 and
  TT 68/2025 (press extracts).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from muster.law.sources import DOCUMENTS_VI

RuleKind = Literal[
    "standard",
    "deferral",
    "exemption",
    "volunteering",
    "threshold",
    "deadline",
    "authority",
    "registration",
    "penalty",
    "allowance",
]
ParamValue = int | float | str | bool


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: document, article, clause (khoản), point (điểm), paraphrase."""

    document: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    text: str = ""

    @property
    def label(self) -> str:
        """``Law 78/2015/QH13 (Military Service), Art 41(1)(h)``."""
        parts = self.document
        if self.article and self.article.startswith("App."):
            parts += f", {self.article}"
            if self.clause:
                parts += f" {self.clause}"
        elif self.article:
            plural = "Arts" if "–" in self.article else "Art"
            parts += f", {plural} {self.article}"
            if self.clause:
                parts += f"({self.clause})"
                if self.point:
                    parts += f"({self.point})"
        return parts

    @property
    def label_vi(self) -> str:
        """``Điều 41 khoản 1 điểm h Luật Nghĩa vụ quân sự 78/2015/QH13``: the Vietnamese way,
        from the point up to the document."""
        document = document_vi(self.document)
        if self.article and self.article.startswith("App."):
            appendix = "Phụ lục " + self.article.removeprefix("App.").strip()
            part = f" {self.clause.replace('Part', 'Phần')}" if self.clause else ""
            return f"{appendix}{part} {document}"
        if not self.article:
            return document
        parts = [f"Điều {self.article}"]
        if self.clause:
            parts.append(f"khoản {self.clause}")
            if self.point:
                parts.append(f"điểm {self.point}")
        # Vietnamese citations run from the smallest unit: điểm h khoản 1 Điều 41 <document>.
        return " ".join([*reversed(parts), document])


_DOCUMENT_WORDS = (
    ("TTLT ", "Thông tư liên tịch "),
    ("TT ", "Thông tư "),
    ("Law ", "Luật "),
    ("Decree ", "Nghị định "),
    ("Resolution ", "Nghị quyết "),
    ("Directive ", "Chỉ thị "),
    ("Decision ", "Quyết định "),
)


def document_vi(document: str) -> str:
    """The Vietnamese name of a cited document: the known name, else the English short name
    with its kind translated and its English gloss in brackets dropped."""
    known = DOCUMENTS_VI.get(document)
    if known is not None:
        return known
    name = document.split(" (", 1)[0]
    for english, vietnamese in _DOCUMENT_WORDS:
        if name.startswith(english):
            return vietnamese + name.removeprefix(english)
    return name


@dataclass(frozen=True, slots=True)
class Rule:
    """One version of one rule, in force on ``valid_from`` … ``valid_to`` (inclusive)."""

    code: str
    kind: RuleKind
    title: str
    title_vi: str
    citations: tuple[Citation, ...]
    valid_from: dt.date
    valid_to: dt.date | None = None
    parameters: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))
    confirmed: bool = True
    note: str = ""

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def param(self, name: str) -> ParamValue:
        return self.parameters[name]

    def int_param(self, name: str) -> int:
        value = self.parameters[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{self.code}: parameter {name} is not an int")
        return value

    def float_param(self, name: str) -> float:
        value = self.parameters[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{self.code}: parameter {name} is not a number")
        return float(value)


class NoRuleInForce(LookupError):
    """No version of a rule code is in force on the given day."""


def make_rule(
    code: str,
    kind: RuleKind,
    title: str,
    title_vi: str,
    citations: tuple[Citation, ...] | Citation,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    *,
    confirmed: bool = True,
    note: str = "",
    **parameters: ParamValue,
) -> Rule:
    cites = citations if isinstance(citations, tuple) else (citations,)
    return Rule(
        code=code,
        kind=kind,
        title=title,
        title_vi=title_vi,
        citations=cites,
        valid_from=valid_from,
        valid_to=valid_to,
        parameters=MappingProxyType(dict(parameters)),
        confirmed=confirmed,
        note=note,
    )


def _index(rules: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    """Group versions by code, sorted by start; reject overlapping versions."""
    grouped: dict[str, list[Rule]] = {}
    for item in rules:
        grouped.setdefault(item.code, []).append(item)
    index: dict[str, tuple[Rule, ...]] = {}
    for code, versions in grouped.items():
        versions.sort(key=lambda r: r.valid_from)
        for earlier, later in itertools.pairwise(versions):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise ValueError(f"rule {code}: versions from {later.valid_from} overlap")
        for version in versions:
            if version.valid_to is not None and version.valid_to < version.valid_from:
                raise ValueError(f"rule {code}: ends before it starts")
        index[code] = tuple(versions)
    return index


class RuleBook:
    """One module's dated rules, looked up by code and day.

    Every rule module (this one, ``campaign_rules``, ``selection_rules``, ``posting_rules``,
    ``violation_rules``) keeps its ``RULES`` tuple in a book; building it refuses versions of a
    code that overlap or end before they start."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._by_code = _index(rules)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def codes(self) -> tuple[str, ...]:
        """Every rule code, in registry order."""
        return tuple(self._by_code)

    def versions(self, code: str) -> tuple[Rule, ...]:
        """All versions of ``code``, oldest first (``KeyError`` for an unknown code)."""
        return self._by_code[code]

    def iter_rules(self) -> Iterator[Rule]:
        """All versions grouped by code (registry order of first appearance), oldest first."""
        for versions_of_code in self._by_code.values():
            yield from versions_of_code

    def in_force(self, day: dt.date) -> tuple[Rule, ...]:
        """Every rule version in force on ``day``, in registry order."""
        return tuple(item for item in self.rules if item.in_force(day))

    def rule(self, code: str, day: dt.date) -> Rule:
        """The version of ``code`` in force on ``day``; ``NoRuleInForce`` if there is none."""
        try:
            candidates = self._by_code[code]
        except KeyError:
            raise NoRuleInForce(f"unknown rule {code!r}") from None
        for version in candidates:
            if version.in_force(day):
                return version
        raise NoRuleInForce(f"rule {code!r} is not in force on {day.isoformat()}")

    def rule_or_none(self, code: str, day: dt.date) -> Rule | None:
        try:
            return self.rule(code, day)
        except NoRuleInForce:
            return None
