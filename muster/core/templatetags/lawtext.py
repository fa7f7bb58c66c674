"""Template filters that say the law's words in the user's language (``muster.core.lawtext``).

``{{ citation|cite }}``, ``{{ rule.citations|cite_all }}``, ``{{ rule|law_title }}``,
``{{ reason|reason_message }}``, ``{{ deadline|deadline_citation }}``."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from muster.core import lawtext
from muster.law.callup.eligibility.facts import Reason
from muster.law.rulebook import Citation

register = template.Library()


@register.filter
def cite(citation: Citation) -> str:
    return lawtext.cite(citation)


@register.filter
def cite_all(citations: Iterable[Citation]) -> str:
    return lawtext.cite_all(citations)


@register.filter
def law_title(item: lawtext._Bilingual) -> str:
    return lawtext.title(item)


@register.filter
def reason_message(reason: Reason) -> str:
    return lawtext.reason_message(reason)


@register.filter
def deadline_citation(deadline: object) -> str:
    """A campaign deadline's citation (``citation_vi`` / ``citation``)."""
    return lawtext.pick(getattr(deadline, "citation_vi", ""), getattr(deadline, "citation", ""))


@register.filter
def stored_citation(value: str) -> str:
    """A registration citation stored in Vietnamese, in the user's language."""
    return lawtext.stored_citation(value)
