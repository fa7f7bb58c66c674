"""The rule modules stay pure: no Django, and only other pure modules of ours."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Every module under muster/law is pure, and these outside it.
PURE_OUTSIDE_LAW = {
    "muster.audit.chain",
    "muster.core.text",
    "muster.people.national_id",
    "muster.people.reference",
    "muster.people.imports.columns",
    "muster.people.imports.files",
    "muster.people.imports.checks",
    "muster.directives.rollup",
    "muster.documents.tables",
    "muster.reports.figures",
    "muster.reports.figures.dashboard",
    "muster.reports.figures.facts",
    "muster.reports.figures.metrics",
    "muster.reports.figures.spreads",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


PURE_MODULES = PURE_OUTSIDE_LAW | {
    _module_name(path) for path in (ROOT / "muster" / "law").rglob("*.py")
}


def _source(module: str) -> Path:
    path = ROOT / module.replace(".", "/")
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported_modules(module: str) -> set[str]:
    tree = ast.parse(_source(module).read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:  # "from muster.people import national_id" names a module
                full = f"{node.module}.{alias.name}"
                is_module = _source(full).exists()
                names.add(full if is_module else node.module)
    return names


@pytest.mark.parametrize("module", sorted(PURE_MODULES))
def test_pure_module_imports_no_django_and_only_pure_modules_of_ours(module):
    for name in imported_modules(module):
        assert not name.startswith("django"), f"{module} imports {name}"
        if name.startswith("muster."):
            assert name in PURE_MODULES, f"{module} imports the non-pure {name}"


def test_hidden_characters_and_clean_name():
    from muster.core.text import clean_name, hidden_characters

    assert hidden_characters("Nguyễn Văn Đức") == []
    assert hidden_characters("A\u200bB\u202eC\u200b\x00\t") == ["U+200B", "U+202E", "U+0000"]
    assert clean_name(" Nguye\u0302\u0303n\u00a0 Văn\nĐức ") == "Nguyễn Văn Đức"
