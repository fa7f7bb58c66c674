"""Every table of a page scrolls within its box on a narrow screen: each ``<table`` of the
templates sits directly in a ``.table-responsive`` wrapper (the browser checks of
tests/portal/test_layout_browser.py cover the main pages; this covers every template)."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "muster" / "templates"
WRAPPER = re.compile(r'<div class="[^"]*\btable-responsive\b[^"]*"[^>]*>\s*$')


def unwrapped_tables() -> list[str]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            if not WRAPPER.search(text[: match.start()]):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(TEMPLATES)}:{line}")
    return found


def test_every_table_scrolls_within_its_box():
    assert unwrapped_tables() == []


def test_the_check_finds_a_bare_table(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text(
        '<div class="card"><div class="table-responsive"><table></table></div>\n<table></table>',
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.TEMPLATES", tmp_path)
    assert unwrapped_tables() == ["page.html:2"]
