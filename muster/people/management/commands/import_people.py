"""``manage.py import_people FILE [--unit CODE] [--dry-run]``: the import page's import, in a shell.

Exit status 0 when the file was imported (or, with ``--dry-run``, would be), 1 when any row is
bad (every problem of every row is printed, nothing is written), 2 when the file or the unit
cannot be used (unreadable, beyond the limits of ``files.Limits``, required columns
missing).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from muster.accounts.models import User
from muster.accounts.services import system_actor
from muster.core.dates import today
from muster.geo.models import Unit
from muster.people.imports import files
from muster.people.imports.messages import column_label, error_message, table_error_message
from muster.people.imports.services import ImportRejected, import_people


def _unit(code: str | None) -> Unit:
    communes = Unit.objects.commune_level()
    if code is None:
        current = list(communes.valid_on(today())[:2])
        if len(current) != 1:
            raise CommandError("Give the commune with --unit CODE.", returncode=2)
        return current[0]
    matches = list(communes.filter(code=code).order_by("-valid_from"))
    if not matches:
        raise CommandError(f"No commune-level unit with code {code}.", returncode=2)
    valid = [u for u in matches if u.is_valid_on(today())]
    return (valid or matches)[0]


class Command(BaseCommand):
    help = "Import a commune's citizen spreadsheet (xlsx or csv); see docs/import.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--unit", help="code of the commune-level unit (geo Unit.code)")
        parser.add_argument("--user", help="user name to act as (scope checked); default system")
        parser.add_argument("--dry-run", action="store_true", help="check and count only")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > files.LIMITS.file_bytes:  # before reading it
                raise CommandError(table_error_message("too_big"), returncode=2)
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}", returncode=2) from exc
        unit = _unit(options["unit"])
        if options["user"]:
            found = User.objects.filter(username=options["user"]).first()
            if found is None:
                raise CommandError(f"No user {options['user']}.", returncode=2)
            actor = found
        else:
            actor = system_actor()  # no --user: the system itself imports
        try:
            outcome = import_people(
                actor=actor,
                unit=unit,
                data=data,
                file_name=path.name,
                dry_run=options["dry_run"],
            )
        except files.TableError as exc:
            raise CommandError(table_error_message(exc.code), returncode=2) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        except ImportRejected as rejected:
            report = rejected.report
            for error in report.file_errors:
                self.stderr.write(error_message(error))
            if report.file_errors:  # the columns themselves: the file cannot be used
                self.stderr.write("Nothing was imported.")
                sys.exit(2)
            bad = report.bad_rows
            for row in bad:
                self.stderr.write(f"{row.line}: " + " | ".join(map(error_message, row.errors)))
            self.stderr.write(
                f"{len(bad)} bad rows of {len(report.rows)}; nothing was imported.",
            )
            sys.exit(1)
        batch = outcome.batch
        prefix = "DRY RUN: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{unit.name} ({unit.code}): {batch.created_count} created, "
            f"{batch.updated_count} updated, {batch.unchanged_count} unchanged, "
            f"{batch.skipped_count} skipped."
        )
        for entry in batch.changes:
            fields = ", ".join(
                f"{column_label(k)}: {a} → {b}" for k, (a, b) in entry["changes"].items()
            )
            self.stdout.write(f"  {entry['line']} {entry['national_id']}: {fields}")
        for dup in outcome.report.duplicates:
            self.stdout.write(
                f"  possible duplicate, row {dup.line}: {dup.full_name} "
                f"{dup.date_of_birth:%d/%m/%Y} ({dup.national_id} / {dup.other_national_id})"
            )
