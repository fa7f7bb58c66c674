"""``manage.py violation_docs [--check]``: regenerate the rules section of docs/violations.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from muster.law.callup.violations.docs import render_docs, splice_docs

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "violations.md"


class Command(BaseCommand):
    help = "Rewrite (or with --check, verify) the generated rules section of docs/violations.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the section is stale.")
        parser.add_argument("--path", default=str(DOC_PATH), help="The document to update.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            current = path.read_text(encoding="utf-8")
            wanted = splice_docs(current, render_docs())
        except (OSError, ValueError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        if wanted == current:
            self.stdout.write(f"{path} is up to date.")
        elif options["check"]:
            raise CommandError(f"{path} is stale: run manage.py violation_docs")
        else:
            path.write_text(wanted, encoding="utf-8")
            self.stdout.write(f"Rewrote {path}.")
