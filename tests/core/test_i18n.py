"""The Vietnamese catalogue is complete and consistent with the code's user-facing strings."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
VI_PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
PY_STRING = re.compile(r"""\b(?:_|gettext|gettext_lazy|pgettext)\(\s*(["'])(.+?)(?<!\\)\1\s*[,)]""")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(VI_PO))


def test_every_entry_is_translated_and_not_fuzzy(catalogue):
    missing = [e.msgid for e in catalogue if not e.msgstr or "fuzzy" in e.flags]
    assert missing == []


def test_placeholders_survive_translation(catalogue):
    for entry in catalogue:
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(
            PLACEHOLDER.findall(entry.msgstr)
        ), entry.msgid


def _code_strings() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "muster").rglob("*.html"):
        found.update(m.group(2) for m in TEMPLATE_STRING.finditer(path.read_text("utf-8")))
    for path in (ROOT / "muster").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text("utf-8")
        found.update(
            m.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if "\\" in m.group(2)
            else m.group(2)
            for m in PY_STRING.finditer(text)
        )
    return found


def test_every_marked_string_of_the_code_has_a_vietnamese_translation(catalogue):
    translated = {e.msgid for e in catalogue if e.msgstr}
    missing = sorted(s for s in _code_strings() if s not in translated)
    assert missing == [], "run `make makemessages` and translate: " + repr(missing[:20])


def test_vietnamese_is_the_default_even_for_an_english_browser(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_catalogue_holds_each_message_once_with_its_msgstr(language):
    """Branches that append to the same catalogue can double an entry or lose a line in the
    merge; gettext's msgfmt refuses both, polib silently keeps one."""
    path = Path(__file__).resolve().parents[2] / "locale" / language / "LC_MESSAGES" / "django.po"
    text = path.read_text("utf-8")
    entries = polib.pofile(str(path))
    keys = [(e.msgctxt, e.msgid) for e in entries]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
    # Every msgid line (and its continuation lines) is followed by a msgstr line.
    missing = re.findall(r'^msgid "[^\n]*"\n(?:"[^\n]*"\n)*(?!msgstr|msgid_plural|")', text, re.M)
    assert missing == []
