"""``manage.py apportion FILE.json`` and ``manage.py apportion --verify CERT.json``.

The first computes the allocation certificate of docs/campaign.md from the inputs alone and
prints it as JSON; the second re-computes a certificate from the inputs it records and lists
every number that differs (exit non-zero when any does). With both, the certificate's inputs
must also be those of FILE.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from muster.law.callup.apportionment.inputs import InputError, parse_inputs
from muster.law.callup.apportionment.method import apportion, differences


def _read_json(path: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
        ) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(_("%(path)s is not UTF-8 text.") % {"path": path}) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            _("%(path)s is not valid JSON (line %(line)s, column %(column)s): %(error)s")
            % {"path": path, "line": exc.lineno, "column": exc.colno, "error": exc.msg}
        ) from exc


def _certificate(data: Any, path: str) -> dict[str, Any]:
    try:
        return apportion(parse_inputs(data)).to_json()
    except InputError as exc:
        lines = "\n".join(f"  - {p}" for p in exc.problems)
        raise CommandError(
            _("%(path)s has %(count)s problem(s):") % {"path": path, "count": len(exc.problems)}
            + "\n"
            + lines
        ) from exc


class Command(BaseCommand):
    help = (
        "Apportion army and police quotas among communes (docs/campaign.md) and print the "
        "allocation certificate as JSON; --verify re-computes a certificate."
    )
    # Pure computation from a file: no database, no URL configuration to check.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="JSON inputs (schema in docs/campaign.md).")
        parser.add_argument(
            "--verify",
            metavar="CERT.json",
            help="Re-compute this certificate from its recorded inputs and report differences.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path, cert_path = options["file"], options["verify"]
        if not path and not cert_path:
            raise CommandError(_("Give an inputs file, or --verify CERT.json, or both."))
        if not cert_path:
            cert = _certificate(_read_json(path), path)
            self.stdout.write(json.dumps(cert, ensure_ascii=False, indent=2))
            return
        found = _read_json(cert_path)
        if not isinstance(found, dict) or "inputs" not in found:
            raise CommandError(
                _("%(path)s is not an allocation certificate (no inputs).") % {"path": cert_path}
            )
        expected = _certificate(found["inputs"], cert_path)
        problems = differences(expected, found)
        if path:
            given = _certificate(_read_json(path), path)["inputs"]
            problems = [
                _("inputs differ from %(path)s: %(difference)s") % {"path": path, "difference": d}
                for d in differences(given, found["inputs"], "$.inputs")
            ] + problems
        if problems:
            raise CommandError(
                _("%(path)s does not match the method: %(count)s difference(s):")
                % {"path": cert_path, "count": len(problems)}
                + "\n"
                + "\n".join(f"  - {p}" for p in problems)
            )
        self.stdout.write(
            _("%(path)s is correct: re-computing it from its inputs gives the same certificate.")
            % {"path": cert_path}
        )
