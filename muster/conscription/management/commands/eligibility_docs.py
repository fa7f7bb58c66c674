"""``manage.py eligibility_docs [--check]``: regenerate the rules section of docs/eligibility.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from muster.law.callup.docs import MarkersMissing, render_rules, splice

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "eligibility.md"


class Command(BaseCommand):
    help = "Rewrite (or with --check, verify) the generated rules section of docs/eligibility.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit non-zero if the document is stale instead of rewriting it.",
        )
        parser.add_argument("--path", default=str(DOC_PATH), help="The document to update.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            current = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        try:
            wanted = splice(current, render_rules())
        except MarkersMissing as exc:
            raise CommandError(_("%(path)s: %(error)s") % {"path": path, "error": exc}) from exc
        if options["check"]:
            if wanted != current:
                raise CommandError(
                    _("%(path)s is stale: run manage.py eligibility_docs") % {"path": path}
                )
            self.stdout.write(_("%(path)s is up to date.") % {"path": path})
            return
        if wanted != current:
            path.write_text(wanted, encoding="utf-8")
            self.stdout.write(_("Rewrote %(path)s.") % {"path": path})
        else:
            self.stdout.write(_("%(path)s is up to date.") % {"path": path})
