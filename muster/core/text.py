"""Text helpers for Vietnamese: diacritic-free folding for search, one clean line of input."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics ("Nguyễn Văn Đức" → "nguyen van duc").

    đ/Đ are letters of their own in Unicode (not d + a mark), so they are mapped by hand.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def clean_line(text: str) -> str:
    """One line of user text as stored: NFC, control and format characters dropped (a pasted
    NUL, a bidi override), runs of white space folded to one space, ends stripped."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in {"Cc", "Cf"}
    )
    return _SPACES.sub(" ", kept).strip()
