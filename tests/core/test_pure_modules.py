"""The rule modules stay pure: no Django, and only other pure modules of ours."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAW = {
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "muster" / "law").rglob("*.py")
}
PURE = LAW | {
    "muster.audit.chain",
    "muster.core.text",
    "muster.people.national_id",
    "muster.people.reference",
    "muster.people.import_columns",
    "muster.people.import_files",
    "muster.people.importing",
    "muster.directives.rollup",
    "muster.documents.tables",
    "muster.reports.figures",
    "muster.reports.figures.dashboard",
    "muster.reports.figures.facts",
    "muster.reports.figures.metrics",
    "muster.reports.figures.spreads",
}


def _path(module: str) -> Path:
    base = ROOT / module.replace(".", "/")
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def imported_modules(module: str) -> set[str]:
    tree = ast.parse(_path(module).read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:  # "from muster.people import national_id" names a module
                full = f"{node.module}.{alias.name}"
                is_module = _path(full).exists()
                names.add(full if is_module else node.module)
    return names


def test_the_law_package_is_found():
    assert {"muster.law.book", "muster.law.calendar", "muster.law.callup.rules"} <= LAW


@pytest.mark.parametrize("module", sorted(PURE))
def test_pure_module_imports_no_django_and_only_pure_modules_of_ours(module):
    for name in imported_modules(module):
        assert not name.startswith("django"), f"{module} imports {name}"
        if name.startswith("muster."):
            assert name in PURE, f"{module} imports the non-pure {name}"
