"""``{% citizen_cards person %}``: the cards other modules add to the citizen page, in their
registered order (``muster.core.registry``)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from muster.core.registry import registry
from muster.people.models import Person

register = template.Library()


@register.simple_tag(takes_context=True)
def citizen_cards(context: template.Context, person: Person) -> SafeString:
    request = context["request"]
    rendered = (
        (
            card.width,
            render_to_string(card.template, dict(card.context(person, request)), request),
        )
        for card in registry.cards()
    )
    return format_html_join("\n", '<div class="{}">{}</div>', rendered)
