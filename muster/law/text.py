"""Words of the law in both interface languages. Pure: no Django.

The law package cannot ask Django which language is active, so every sentence it produces for
a person to read (a reason, a rule's title, a deadline's name, a citation) carries both
languages as data, and the Django layer picks one at the edge (``muster.core.lawtext``).
Parameters inside the Vietnamese sentence are written the Vietnamese way: dates dd/mm/yyyy,
numbers with a decimal comma and dots between thousands (1.234,5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """One sentence in Vietnamese (``vi``) and English (``en``)."""

    vi: str
    en: str


def vi_date(day: dt.date) -> str:
    """``07/12/2026``."""
    return f"{day:%d/%m/%Y}"


def en_date(day: dt.date) -> str:
    """``07/12/2026`` too: the interface writes dates dd/mm/yyyy in both languages."""
    return f"{day:%d/%m/%Y}"


def vi_number(value: float | int) -> str:
    """``1.234,5``: dots between thousands, a decimal comma, no trailing zeros."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _dot, fraction = f"{value:,.4f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + "," + fraction


def en_number(value: float | int) -> str:
    """``1,234.5``: the English grouping, no trailing zeros."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0")
