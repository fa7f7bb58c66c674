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


#: Letters and symbols that print as nothing although they are neither controls nor format
#: characters (Hangul fillers, the blank braille pattern): a name made of them looks empty.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
#: Controls, format characters (zero-width spaces and joiners, bidi overrides and marks, the
#: soft hyphen, the byte-order mark), surrogates, private-use and unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def hidden_characters(text: str) -> list[str]:
    """The characters of ``text`` that a reader cannot see or that reorder what is shown (a
    right-to-left override shows "maN" as "Nam"; a zero-width space makes a name that search
    never finds), as ``U+XXXX`` labels, each once, in order. White space is not counted: it is
    folded by ``clean_name``."""
    found: list[str] = []
    for ch in text:
        if ch.isspace() or (
            unicodedata.category(ch) not in _HIDDEN_CATEGORIES and ch not in _BLANK_GLYPHS
        ):
            continue
        label = f"U+{ord(ch):04X}"
        if label not in found:
            found.append(label)
    return found


def clean_name(text: str) -> str:
    """A person's name as stored: NFC (a name typed with combining marks is the same name),
    any run of white space one space, ends stripped. Unlike ``clean_line`` it drops nothing:
    a name with ``hidden_characters`` is refused, not silently changed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
