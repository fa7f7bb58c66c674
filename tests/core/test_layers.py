"""The layers of docs/architecture.md hold: import-linter's contracts pass on the tree, they fire
on a tree that breaks them, and no module of ours takes part in an import cycle."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), str(config), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_the_contracts_hold_on_the_tree():
    result = _lint(ROOT / "pyproject.toml", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def _fake_tree(tmp_path: Path, modules: dict[str, str]) -> Path:
    """A copy of our package layout (empty modules) plus ``modules``, with our contracts."""
    for path in (ROOT / "muster").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        target = tmp_path / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "__init__.py").write_text("")
    (tmp_path / "django").mkdir()
    (tmp_path / "django" / "__init__.py").write_text("")
    for name, text in modules.items():
        (tmp_path / (name.replace(".", "/") + ".py")).write_text(text)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    lines = ["[importlinter]", "root_packages =", "    muster", "    config"]
    lines += ["include_external_packages = True", "exclude_type_checking_imports = True"]
    for contract in config["contracts"]:
        lines.append(f"[importlinter:contract:{contract['id']}]")
        lines.append("unmatched_ignore_imports_alerting = none")  # the fake tree is empty
        for key, value in contract.items():
            if key == "id":
                continue
            if isinstance(value, list):
                lines.append(f"{key} =")
                lines += [f"    {item}" for item in value]
            else:
                lines.append(f"{key} = {value}")
    ini = tmp_path / ".importlinter"
    ini.write_text("\n".join(lines) + "\n")
    return ini


def test_a_clean_fake_tree_passes(tmp_path):
    ini = _fake_tree(tmp_path, {"muster.conscription.fine": "import muster.people.models\n"})
    result = _lint(ini, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_layers(tmp_path):
    ini = _fake_tree(tmp_path, {"muster.people.upward": "import muster.reports.models\n"})
    result = _lint(ini, tmp_path)
    assert result.returncode == 1
    assert "No app imports an app above it BROKEN" in result.stdout
    assert "muster.people.upward -> muster.reports.models" in result.stdout


def test_django_in_the_law_package_breaks_purity(tmp_path):
    ini = _fake_tree(tmp_path, {"muster.law.impure": "import django\n"})
    result = _lint(ini, tmp_path)
    assert result.returncode == 1
    assert "The law package is pure: no Django and no other Muster package BROKEN" in result.stdout


def test_independent_siblings_may_not_import_each_other(tmp_path):
    ini = _fake_tree(tmp_path, {"muster.reports.sideways": "import muster.directives.models\n"})
    result = _lint(ini, tmp_path)
    assert result.returncode == 1


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if not child.startswith("muster"):
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_no_module_of_ours_is_in_an_import_cycle():
    graph = grimp.build_graph("muster", exclude_type_checking_imports=True)
    for module in list(graph.modules):
        if ".migrations." in module:
            graph.remove_module(module)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("muster.a", "muster.b", "muster.c"):
        graph.add_module(name)
    graph.add_import(importer="muster.a", imported="muster.b")
    graph.add_import(importer="muster.b", imported="muster.c")
    graph.add_import(importer="muster.c", imported="muster.a")
    assert _cycles(graph) == [["muster.a", "muster.b", "muster.c"]]


def test_lint_imports_is_installed():
    assert shutil.which(str(LINT_IMPORTS)) is not None
