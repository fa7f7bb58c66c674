"""``manage.py audit_key --create PATH``: make a new audit key file (docs/security.md);
``manage.py audit_key``: print the configured key's public id (which key signs checkpoints)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from muster.audit.chain import key_id
from muster.audit.keys import audit_key, create_key_file


class Command(BaseCommand):
    help = "Create an audit key file, or show the id of the configured one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--create", metavar="PATH", help="write a new random key to PATH")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("create"):
            path = Path(options["create"])
            try:
                create_key_file(path)
            except FileExistsError as exc:
                raise CommandError(f"{path} exists; a key is never overwritten") from exc
            self.stdout.write(self.style.SUCCESS(f"New audit key written to {path} (mode 0600)."))
            self.stdout.write(f"Set AUDIT_KEY_FILE={path} and keep a copy off this machine.")
            return
        self.stdout.write(f"AUDIT_KEY_FILE={settings.AUDIT_KEY_FILE}")
        self.stdout.write(f"key id: {key_id(audit_key())}")
