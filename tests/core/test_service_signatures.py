"""Every service names its actor: keyword-only, required, a real user (never ``None``).

A service that accepted ``actor=None`` would skip every role and area check; the system itself
acts as ``accounts.services.system_actor()``.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import muster

ROOT = Path(muster.__file__).parent


def service_modules() -> list[str]:
    """Every ``services.py``, ``*_services.py`` and module of a ``services`` package."""
    names = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "services" or parts[-1].endswith("_services") or "services" in parts[:-1]:
            names.append(".".join(p for p in parts if p != "__init__"))
    return names


def actor_parameters() -> list[tuple[str, inspect.Parameter]]:
    found = []
    for name in service_modules():
        module = importlib.import_module(name)
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            if fname.startswith("_") or fn.__module__ != module.__name__:
                continue
            param = inspect.signature(fn).parameters.get("actor")
            if param is not None:
                found.append((f"{name}.{fname}", param))
    return found


def test_the_service_modules_are_found():
    modules = service_modules()
    assert "muster.directives.services" in modules
    assert "muster.conscription.violations.services" in modules
    assert "muster.people.imports.services" in modules
    assert len(actor_parameters()) > 60


def test_every_service_actor_is_keyword_only_required_and_not_optional():
    wrong = [
        f"{where}: {param}"
        for where, param in actor_parameters()
        if param.kind is not inspect.Parameter.KEYWORD_ONLY
        or param.default is not inspect.Parameter.empty
        or "None" in str(param.annotation)
    ]
    assert not wrong, "services must take `*, actor: User` (no default, not None):\n" + "\n".join(
        wrong
    )
